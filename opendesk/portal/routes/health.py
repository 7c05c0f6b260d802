"""`GET /health` for the desktop's setup check: no log-in, no PHI, no cookie."""

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from opendesk import __version__
from opendesk.core import preferences
from opendesk.core.services import attachment_scan
from opendesk.portal.deps import database
from opendesk.portal.uploads import scanner_health

log = logging.getLogger("opendesk.portal")
router = APIRouter()


@router.get("/health")
def health(request: Request) -> JSONResponse:
    """For the desktop's setup check: no log-in, no PHI."""
    db = database(request)
    body: dict[str, Any] = {"service": "opendesk-portal", "version": __version__}
    try:
        with db.readonly_session() as session:
            session.execute(text("SELECT 1"))
            prefs = preferences.get_all(session)
            scanner_cfg = attachment_scan.config(session)
    except Exception:
        log.warning("health check: the database does not answer")
        body.update(status="error", database=False, mail_configured=False)
        return JSONResponse(body, status_code=503)
    mail = bool(str(prefs["smtp_host"]).strip() and str(prefs["notify_from"]).strip())
    body.update(
        status="ok",
        database=True,
        mail_configured=mail,
        portal_url_set=bool(str(prefs["portal_url"]).strip()),
        outbox_worker=bool(request.app.state.outbox_running),
        **scanner_health(scanner_cfg),
    )
    return JSONResponse(body)
