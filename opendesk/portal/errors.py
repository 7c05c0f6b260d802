"""How the portal answers errors: clear pages for expected ones (404 for anything missing or
out of scope, 403 for a refused form, 400 for an incomplete one, the log-in page for no
session) and, as the last line, a 500 page without PHI for everything else."""

import logging
import traceback

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from opendesk.core.errors import NotFound, PermissionDenied
from opendesk.portal import i18n
from opendesk.portal.deps import ChangeRequired, LoginRequired
from opendesk.portal.i18n import N_
from opendesk.portal.pages import NOT_FOUND_TEXT, error_page
from opendesk.portal.security import ASGIApp, CsrfError, Message, Receive, Scope, Send

log = logging.getLogger("opendesk.portal")


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
            body = self.templates.get_template("500.html").render(language=i18n.current()).encode()
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


async def _login_required(request: Request, exc: Exception) -> Response:
    return RedirectResponse("/login", status_code=303)


async def _change_required(request: Request, exc: Exception) -> Response:
    what = exc.what if isinstance(exc, ChangeRequired) else "password"
    return RedirectResponse(f"/account/{what}", status_code=303)


def _not_found(request: Request, exc: Exception) -> Response:
    return error_page(request, 404, N_("Not found"), NOT_FOUND_TEXT)


def _denied(request: Request, exc: Exception) -> Response:
    return error_page(request, 403, N_("Not allowed"), str(exc))


def _csrf(request: Request, exc: Exception) -> Response:
    log.warning("refused a form without a valid CSRF token on %s", request.url.path)
    return error_page(
        request,
        403,
        N_("The form has expired"),
        N_(
            "For your safety this form can no longer be sent. Go back, reload the page and "
            "try again."
        ),
    )


def _http(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    if status == 404:
        return error_page(request, 404, N_("Not found"), NOT_FOUND_TEXT)
    return error_page(request, status, N_("Request refused"), N_("The request was refused."))


def _invalid(request: Request, exc: Exception) -> Response:
    if request.method == "GET":
        return error_page(request, 404, N_("Not found"), NOT_FOUND_TEXT)
    return error_page(
        request, 400, N_("Incomplete form"), N_("The form was not complete. Go back and try again.")
    )


def install_error_pages(app: FastAPI) -> None:
    """Register the error pages on `app` (the 500 page is a middleware: see create_app). The
    handlers that render a page are plain functions, which Starlette runs on a request thread:
    a page shows the practice's name, which may need a database read, and a database that
    stopped answering must not hold the event loop (and with it every other request)."""
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(ChangeRequired, _change_required)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(PermissionDenied, _denied)
    app.add_exception_handler(CsrfError, _csrf)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
