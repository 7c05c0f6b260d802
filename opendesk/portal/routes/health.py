"""`GET /health` for the desktop's setup check: no log-in, no PHI, no cookie. When the
database does not answer within 3 s, or refuses, 503 with `problem` naming the part."""

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from opendesk import __version__
from opendesk.core.services import attachment_scan
from opendesk.portal import unavailable
from opendesk.portal.deps import database
from opendesk.portal.uploads import scanner_health

log = logging.getLogger("opendesk.portal")
router = APIRouter()


@router.get("/health")
async def health(request: Request) -> JSONResponse:
    """For the desktop's setup check: no log-in, no PHI. 503 names the part that failed."""
    body: dict[str, Any] = {"service": "opendesk-portal", "version": __version__}
    outbox = bool(request.app.state.outbox_running)
    check = await unavailable.check_database(await database(request), also=attachment_scan.config)
    if not check.ok:
        log.warning("health check: %s", check.problem)
        body.update(
            status="error",
            database=False,
            problem=f"database: {check.problem}",
            mail_configured=False,
            outbox_worker=outbox,
        )
        return JSONResponse(body, status_code=503)
    prefs = check.prefs
    mail = bool(str(prefs["smtp_host"]).strip() and str(prefs["notify_from"]).strip())
    scanner = await run_in_threadpool(scanner_health, check.extra)  # asks it (0.5 s at most)
    body.update(
        status="ok",
        database=True,
        mail_configured=mail,
        portal_url_set=bool(str(prefs["portal_url"]).strip()),
        outbox_worker=outbox,
        **scanner,
    )
    return JSONResponse(body)
