"""The portal application: `create_app(config)` builds it, with the outbox worker in its
lifespan, the error pages (404 for anything missing or out of scope, a 500 page without PHI)
and the middleware that adds the session cookie and the security headers."""

import logging
import os
import socket
import time
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from opendesk import __version__
from opendesk.core import preferences
from opendesk.core.audit_writer import AuditWriter
from opendesk.core.db import Database
from opendesk.core.errors import NotFound, PermissionDenied
from opendesk.mail.outbox import BackgroundWorker
from opendesk.portal import unavailable
from opendesk.portal.config import PortalConfig
from opendesk.portal.deps import ChangeRequired, LoginRequired
from opendesk.portal.security import (
    ASGIApp,
    CsrfError,
    LoginThrottle,
    Message,
    PortalMiddleware,
    Receive,
    Scope,
    Send,
    portal_session,
)

log = logging.getLogger("opendesk.portal")
HERE = Path(__file__).resolve().parent
PRACTICE_CACHE_SECONDS = 30.0
PORTAL_POOL = 20  # connections kept (and as many more under load): ~ the request threads (40)


@dataclass
class PracticeInfo:
    name: str
    phone: str
    loaded: float


def practice_info(request: Request) -> PracticeInfo:
    """The practice's name and phone, re-read from the preferences every 30 s."""
    app = request.app
    info: PracticeInfo | None = app.state.practice
    now = time.monotonic()
    if info is None or now - info.loaded > PRACTICE_CACHE_SECONDS:
        try:
            with app.state.db.readonly_session() as session:
                info = PracticeInfo(
                    preferences.get(session, preferences.PRACTICE_NAME).strip(),
                    preferences.get(session, preferences.PRACTICE_PHONE).strip(),
                    now,
                )
        except Exception:
            log.warning("cannot read the practice name from the database")
            return info or PracticeInfo("", "", now)
        app.state.practice = info
    return info


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """A page with what every page shows: practice name, CSRF token, flash message."""
    templates: Jinja2Templates = request.app.state.templates
    info = practice_info(request)
    state = portal_session(request)
    base = {
        "practice_name": info.name or "Your practice",
        "practice_phone": info.phone,
        "csrf_token": state.csrf,
        "flash": state.pop_flash(),
        "logged_in": state.logged_in,
        "nav": False,
    }
    base.update(context or {})
    return templates.TemplateResponse(request, name, base, status_code=status_code)


def error_page(request: Request, status: int, title: str, text: str) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "text": text, "nav": False},
        status_code=status,
    )


NOT_FOUND_TEXT = "This page does not exist, or it is not yours to see."


class ServerErrorPage:
    """The last line: an unexpected error becomes a 500 page without PHI, still with the
    security headers (it sits inside PortalMiddleware); the log gets the traceback."""

    def __init__(self, app: ASGIApp, templates: Jinja2Templates) -> None:
        self.app, self.templates = app, templates

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            route = scope.get("route")
            where = getattr(route, "path", "?")
            log.error(
                "unexpected error on %s %s: %s\n%s",
                scope.get("method"),
                where,
                type(exc).__name__,
                "".join(traceback.format_tb(exc.__traceback__)),
            )
            if started:
                raise
            body = self.templates.get_template("500.html").render().encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", b"text/html; charset=utf-8"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})


def create_app(config: PortalConfig, db: Database | None = None) -> FastAPI:
    """The portal. Give `db` to share an open database (tests); otherwise the app opens
    `config.database_url` and closes it at shutdown."""
    from opendesk.portal import routes

    database = db or Database(
        config.database_url,
        hide_parameters=True,
        timeouts=unavailable.PORTAL_TIMEOUTS,
        pool_size=PORTAL_POOL,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        audit_writer = AuditWriter(database).attach()  # audit rows of views, in groups
        worker = None
        if config.run_outbox:
            worker = BackgroundWorker(
                database,
                poll_seconds=config.outbox_poll_seconds,
                worker_id=f"portal-{socket.gethostname()}-{config.port}-{os.getpid()}",
            )
            worker.start()
            log.info("notification outbox worker started")
        app.state.outbox_running = worker is not None
        try:
            yield
        finally:
            if worker is not None:
                worker.stop(timeout=10)
            audit_writer.close()
            if db is None:
                database.dispose()

    app = FastAPI(
        title="OpenDesk patient portal",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.config = config
    app.state.db = database
    app.state.templates = templates
    app.state.practice = None
    app.state.outbox_running = False
    app.state.throttle = LoginThrottle(config.login_delay_base, config.login_delay_max)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(routes.router)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(ChangeRequired)
    async def _change_required(request: Request, exc: ChangeRequired) -> Response:
        return RedirectResponse(f"/account/{exc.what}", status_code=303)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return error_page(request, 404, "Not found", NOT_FOUND_TEXT)

    @app.exception_handler(PermissionDenied)
    async def _denied(request: Request, exc: PermissionDenied) -> Response:
        return error_page(request, 403, "Not allowed", str(exc))

    @app.exception_handler(CsrfError)
    async def _csrf(request: Request, exc: CsrfError) -> Response:
        log.warning("refused a form without a valid CSRF token on %s", request.url.path)
        return error_page(
            request,
            403,
            "The form has expired",
            "For your safety this form can no longer be sent. Go back, reload the page and "
            "try again.",
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_page(request, 404, "Not found", NOT_FOUND_TEXT)
        return error_page(request, exc.status_code, "Request refused", "The request was refused.")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.method == "GET":
            return error_page(request, 404, "Not found", NOT_FOUND_TEXT)
        return error_page(
            request, 400, "Incomplete form", "The form was not complete. Go back and try again."
        )

    unavailable.install(app, templates)
    app.add_middleware(ServerErrorPage, templates=templates)
    app.add_middleware(
        unavailable.DatabaseDeadline, templates=templates, seconds=config.request_deadline
    )
    app.add_middleware(PortalMiddleware, config=config)
    return app
