"""When the practice database does not answer: a clean 503 page, never a hang or a 500.

- `DatabaseDeadline` (ASGI middleware): a request that has not started its answer within
  `seconds` gets the 503 "temporarily unavailable" page; the handler's thread goes on until the
  database driver's own timeout ends it (core.db.Timeouts), and whatever it sends later is
  dropped. The throttled log-in and reset forms (they wait on purpose) and static files are
  exempt; they rely on the driver timeouts and the handlers below.
- `install(app)`: the database errors of `core.db.UNAVAILABLE` (refused, reset, timed out, no
  pooled connection) raised by any handler become the same 503 page.
- `check_database(db, seconds)`: the bounded database check behind /health, saying what failed
  in words without PHI.
"""

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import text
from sqlalchemy.orm import Session

from opendesk.core import preferences
from opendesk.core.db import UNAVAILABLE, Database, Timeouts
from opendesk.portal import i18n
from opendesk.portal.admission import ANSWERED
from opendesk.portal.security import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("opendesk.portal")

HEALTH_SECONDS = 3.0
EXEMPT = (("POST", "/login"), ("POST", "/reset"))
RETRY_AFTER = "30"
# The portal's requests are short: give up on a silent database sooner than the desktop does.
PORTAL_TIMEOUTS = Timeouts(connect=3, read=10, write=10, pool=3)
_HEALTH_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="opendesk-health")


def unavailable_body(templates: Jinja2Templates) -> bytes:
    return templates.get_template("unavailable.html").render(language=i18n.current()).encode()


def _headers(body: bytes) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", RETRY_AFTER.encode()),
        (b"cache-control", b"no-store"),
    ]


class DatabaseDeadline:
    """Answer 503 when a request has not started its response within `seconds`."""

    def __init__(self, app: ASGIApp, templates: Jinja2Templates, seconds: float) -> None:
        self.app, self.seconds = app, seconds
        self.body = unavailable_body(templates)

    def _exempt(self, scope: Scope) -> bool:
        path = str(scope.get("path", ""))
        return path.startswith("/static/") or (scope.get("method"), path) in EXEMPT

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0 or self._exempt(scope):
            await self.app(scope, receive, send)
            return
        started = late = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if late:
                return  # the 503 page went out; the handler finished after all
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded))
        try:
            await asyncio.wait_for(asyncio.shield(task), self.seconds)
            return
        except TimeoutError:
            if started:  # an answer is on its way (a large download): let it finish
                await task
                return
        late = True
        scope[ANSWERED] = True  # still waiting for a request slot: it will not run at all
        task.add_done_callback(_late_result)
        route = scope.get("route")
        log.warning(
            "%s %s: no answer within %g s (the database?): 503",
            scope.get("method"),
            getattr(route, "path", "?"),
            self.seconds,
        )
        await send({"type": "http.response.start", "status": 503, "headers": _headers(self.body)})
        await send({"type": "http.response.body", "body": self.body})


def _late_result(task: "asyncio.Future[None]") -> None:
    if not task.cancelled() and task.exception() is not None:
        log.info("a request answered with 503 ended later with %s", type(task.exception()).__name__)


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """Database-unavailable errors from any handler become the 503 page."""
    body = unavailable_body(templates)

    async def _unavailable(request: Request, exc: Exception) -> Response:
        log.warning(
            "%s %s: the database is unavailable (%s): 503",
            request.method,
            getattr(request.scope.get("route"), "path", "?"),
            type(exc).__name__,
        )
        return Response(
            body,
            status_code=503,
            media_type="text/html; charset=utf-8",
            headers={"Retry-After": RETRY_AFTER, "Cache-Control": "no-store"},
        )

    for kind in UNAVAILABLE:
        app.add_exception_handler(kind, _unavailable)


@dataclass
class DatabaseCheck:
    ok: bool
    problem: str = ""
    prefs: dict[str, Any] = field(default_factory=dict)
    extra: Any = None  # what `also` read in the same session


def _describe(exc: BaseException) -> str:
    """A database error in a few words for /health: never the driver's text (it may hold
    host and user names), only its kind."""
    words = str(exc).lower()
    if "refused" in words:
        return "the database server refused the connection"
    if "timed out" in words or "timeout" in words or "did not answer" in words:
        return "the database server did not answer in time"
    if isinstance(exc, UNAVAILABLE):
        return f"the database server cannot be reached ({type(exc).__name__})"
    return f"the database check failed ({type(exc).__name__})"


async def check_database(
    db: Database,
    seconds: float = HEALTH_SECONDS,
    also: Callable[[Session], Any] | None = None,
) -> DatabaseCheck:
    """SELECT 1 and the preferences (and `also`), within `seconds`, on a small pool of its
    own (a stuck check must not hold the request threads)."""

    def probe() -> tuple[dict[str, Any], Any]:
        with db.readonly_session() as session:
            session.execute(text("SELECT 1"))
            return preferences.get_all(session), also(session) if also else None

    loop = asyncio.get_running_loop()
    try:
        prefs, extra = await asyncio.wait_for(loop.run_in_executor(_HEALTH_POOL, probe), seconds)
    except TimeoutError:
        return DatabaseCheck(False, f"the database server did not answer within {seconds:g} s")
    except Exception as exc:  # no PHI: words chosen by kind
        return DatabaseCheck(False, _describe(exc))
    return DatabaseCheck(True, prefs=prefs, extra=extra)
