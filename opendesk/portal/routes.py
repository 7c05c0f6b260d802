"""The portal's pages: log-in and log-out, forced changes, forgotten password, inbox, message,
attachment download, reply, write, and the health check.

Handlers only translate between HTTP and the core services (`portal_auth`, `portal_messages`),
which check scope, audit and commit. Every route depends on `check_csrf`, so every POST needs
the session's token. Blocking work (database, Argon2) runs in the thread pool.
"""

import logging
import re
import unicodedata
import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

from opendesk import __version__
from opendesk.core.actors import PortalActor
from opendesk.core.errors import ValidationError
from opendesk.core.services import portal_auth, portal_compose, portal_messages
from opendesk.portal import unavailable
from opendesk.portal.app import render
from opendesk.portal.deps import Actor, DbSession, Login, client_address, database
from opendesk.portal.security import LoginThrottle, check_csrf, portal_session

log = logging.getLogger("opendesk.portal")
auth_log = logging.getLogger("opendesk.portal.auth")

router = APIRouter(dependencies=[Depends(check_csrf)])

MAX_PAGE = 1_000_000  # beyond any inbox; keeps OFFSET within what every database accepts
_SAFE_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
_INLINE_RISKY = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml"}


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _after_login(login: portal_auth.PortalLogin) -> str:
    pending = login.pending_change
    return f"/account/{pending}" if pending else "/inbox"


def _throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.throttle
    return throttle


def _nav(session: DbSession, actor: PortalActor, active: str) -> dict[str, Any]:
    return {
        "nav": True,
        "active": active,
        "unread": portal_messages.unread_count(session, actor),
    }


# ---- log-in, log-out --------------------------------------------------------------------


@router.get("/")
def home() -> RedirectResponse:
    return _see_other("/inbox")


@router.get("/login")
def login_page(request: Request) -> Response:
    state = portal_session(request)
    if state.logged_in:
        return _see_other("/inbox")
    return render(request, "login.html", {"username": ""})


@router.post("/login")
async def login_submit(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    client = client_address(request)
    throttle = _throttle(request)
    await throttle.wait(client, username)
    db = database(request)

    def attempt() -> portal_auth.PortalLogin:
        with db.session() as session:
            return portal_auth.login(session, username, password, client)

    try:
        login = await run_in_threadpool(attempt)
    except portal_auth.LoginFailed as exc:
        throttle.failed(client, username)
        auth_log.info("portal log-in failed from %s", client)
        return render(
            request, "login.html", {"error": str(exc), "username": username}, status_code=401
        )
    throttle.succeeded(client, username)
    auth_log.info("portal log-in of account %s from %s", login.actor.account_id, client)
    portal_session(request).log_in(
        login.actor.account_id,
        login.actor.patient_id,
        login.stamp,
        request.app.state.config.clock(),
    )
    return _see_other(_after_login(login))


@router.post("/logout")
def logout(request: Request, session: DbSession) -> Response:
    state = portal_session(request)
    if state.account_id is not None and state.patient_id is not None:
        actor = PortalActor(state.account_id, state.patient_id, client_address(request))
        portal_auth.logout(session, actor)
        auth_log.info("portal log-out of account %s", state.account_id)
    state.log_out()
    state.set_flash("You have logged out. Close the browser window on a shared computer.")
    return _see_other("/login")


# ---- account: forced and voluntary changes ----------------------------------------------


@router.get("/account")
def account_page(request: Request, session: DbSession, login: Login) -> Response:
    if login.pending_change:
        return _see_other(_after_login(login))
    ctx = _nav(session, login.actor, "account")
    return render(request, "account.html", {**ctx, "username": login.username})


@router.get("/account/username")
def username_page(request: Request, login: Login) -> Response:
    return render(request, "change_username.html", _change_ctx(login, login.username))


def _change_ctx(login: portal_auth.PortalLogin, username: str, **kw: Any) -> dict[str, Any]:
    return {
        "forced": login.pending_change is not None,
        "must_change_password": login.must_change_password,
        "username": username,
        "nav": login.pending_change is None,
        "active": "account",
        **kw,
    }


@router.post("/account/username")
def username_submit(
    request: Request,
    session: DbSession,
    login: Login,
    new_username: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        changed = portal_auth.change_username(session, login.actor, new_username)
    except ValidationError as exc:
        ctx = _change_ctx(login, new_username, error=str(exc))
        return render(request, "change_username.html", ctx, status_code=400)
    state = portal_session(request)
    state.stamp = changed.stamp
    state.set_flash("Your user name is changed. Use it the next time you log in.")
    return _see_other(_after_login(changed))


@router.get("/account/password")
def password_page(request: Request, login: Login) -> Response:
    return render(request, "change_password.html", _change_ctx(login, login.username))


@router.post("/account/password")
def password_submit(
    request: Request,
    session: DbSession,
    login: Login,
    current_password: Annotated[str, Form(max_length=1000)] = "",
    new_password: Annotated[str, Form(max_length=1000)] = "",
    confirm_password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    try:
        if new_password != confirm_password:
            raise ValidationError("The two new passwords are not the same.", "confirm_password")
        changed = portal_auth.change_password(
            session, login.actor, new_password, current_password or None
        )
    except ValidationError as exc:
        ctx = _change_ctx(login, login.username, error=str(exc))
        return render(request, "change_password.html", ctx, status_code=400)
    state = portal_session(request)
    state.stamp = changed.stamp
    state.set_flash("Your password is changed.")
    return _see_other(_after_login(changed))


# ---- forgotten password -----------------------------------------------------------------


@router.get("/forgot")
def forgot_page(request: Request) -> Response:
    return render(request, "forgot.html")


@router.post("/forgot")
async def forgot_submit(
    request: Request, username_or_email: Annotated[str, Form(max_length=254)] = ""
) -> Response:
    if not username_or_email.strip():
        return render(
            request,
            "forgot.html",
            {"error": "Enter your user name or e-mail address."},
            status_code=400,
        )
    db = database(request)
    client = client_address(request)

    def ask() -> None:
        with db.session() as session:
            portal_auth.request_reset(session, username_or_email, client)

    await run_in_threadpool(ask)
    auth_log.info("password reset code asked for from %s", client)
    portal_session(request).set_flash(
        "If an account matches, a one-time code is on its way to its e-mail address. It works "
        f"for {portal_auth.RESET_CODE_MINUTES} minutes."
    )
    return _see_other("/reset")


@router.get("/reset")
def reset_page(request: Request) -> Response:
    return render(request, "reset.html", {"username": ""})


@router.post("/reset")
async def reset_submit(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    code: Annotated[str, Form(max_length=50)] = "",
    new_password: Annotated[str, Form(max_length=1000)] = "",
    confirm_password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    client = client_address(request)
    throttle = _throttle(request)
    if new_password != confirm_password:
        return render(
            request,
            "reset.html",
            {"error": "The two new passwords are not the same.", "username": username},
            status_code=400,
        )
    await throttle.wait(client, username)
    db = database(request)

    def attempt() -> None:
        with db.session() as session:
            portal_auth.reset_password(session, username, code, new_password, client)

    try:
        await run_in_threadpool(attempt)
    except (portal_auth.LoginFailed, ValidationError) as exc:
        if isinstance(exc, portal_auth.LoginFailed):
            throttle.failed(client, username)
        return render(
            request, "reset.html", {"error": str(exc), "username": username}, status_code=400
        )
    throttle.succeeded(client, username)
    auth_log.info("portal password reset from %s", client)
    portal_session(request).set_flash("Your password is changed. Log in with it.")
    return _see_other("/login")


# ---- messages ---------------------------------------------------------------------------


@router.get("/inbox")
def inbox(request: Request, session: DbSession, actor: Actor, page: int = 1) -> Response:
    size = request.app.state.config.page_size
    page = min(max(1, page), MAX_PAGE)
    found = portal_messages.inbox(session, actor, offset=(page - 1) * size, limit=size)
    pages = max(1, -(-found.total // size))
    ctx = {"nav": True, "active": "inbox", "unread": found.unread}
    ctx.update(rows=found.rows, total=found.total, page=page, pages=pages)
    return render(request, "inbox.html", ctx)


def _message_ctx(
    session: DbSession, actor: PortalActor, message_id: int, **kw: Any
) -> dict[str, Any]:
    thread = portal_messages.open_message(session, actor, message_id)
    current = next((m for m in thread if m.id == message_id), thread[-1])
    ctx = _nav(session, actor, "inbox")
    ctx.update(
        thread=thread,
        current=current,
        own_patient_id=actor.patient_id,
        request_id=kw.pop("request_id", None) or uuid.uuid4().hex,
        body="",
        **kw,
    )
    return ctx


@router.get("/messages/{message_id}")
def message_page(request: Request, session: DbSession, actor: Actor, message_id: int) -> Response:
    return render(request, "message.html", _message_ctx(session, actor, message_id))


@router.post("/messages/{message_id}/reply")
def reply_submit(
    request: Request,
    session: DbSession,
    actor: Actor,
    message_id: int,
    body: Annotated[str, Form(max_length=200_000)] = "",
    request_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    try:
        new_id = portal_messages.reply(
            session, actor, message_id, body, request_id or uuid.uuid4().hex
        )
    except ValidationError as exc:
        session.rollback()
        ctx = _message_ctx(session, actor, message_id, request_id=request_id)
        ctx.update(body=body, error=str(exc))
        return render(request, "message.html", ctx, status_code=400)
    portal_session(request).set_flash("Your reply is sent.")
    return _see_other(f"/messages/{new_id}")


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]')


def safe_filename(name: str) -> str:
    """A file name for Content-Disposition: no path, no quotes or control characters."""
    cleaned = _UNSAFE_NAME.sub("_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip(" .")
    return cleaned[:150] or "attachment"


def content_disposition(name: str) -> str:
    safe = safe_filename(name)
    ascii_name = unicodedata.normalize("NFKD", safe).encode("ascii", "ignore").decode() or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe, safe='')}"


@router.get("/attachments/{attachment_id}")
def attachment_download(session: DbSession, actor: Actor, attachment_id: int) -> Response:
    info, data = portal_messages.attachment(session, actor, attachment_id)
    media = info.content_type.strip().lower()
    if not _SAFE_TYPE.match(media) or media in _INLINE_RISKY:
        media = "application/octet-stream"
    return Response(
        content=data,
        media_type=media,
        headers={
            "Content-Disposition": content_disposition(info.name),
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


@router.get("/compose")
def compose_page(
    request: Request, session: DbSession, actor: Actor, about: int | None = None
) -> Response:
    choices = portal_compose.compose_choices(session, actor, about)
    ctx = _nav(session, actor, "compose")
    ctx.update(
        choices=choices,
        selected=about if about is not None else actor.patient_id,
        subject="",
        body="",
        request_id=uuid.uuid4().hex,
    )
    return render(request, "compose.html", ctx)


@router.post("/compose")
def compose_submit(
    request: Request,
    session: DbSession,
    actor: Actor,
    regarding_patient_id: Annotated[int, Form()],
    subject: Annotated[str, Form(max_length=1000)] = "",
    body: Annotated[str, Form(max_length=200_000)] = "",
    request_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    try:
        new_id = portal_messages.compose(
            session, actor, regarding_patient_id, subject, body, request_id or uuid.uuid4().hex
        )
    except ValidationError as exc:
        session.rollback()
        ctx = _nav(session, actor, "compose")
        ctx.update(
            choices=portal_compose.compose_choices(session, actor),
            selected=regarding_patient_id,
            subject=subject,
            body=body,
            request_id=request_id,
            error=str(exc),
        )
        return render(request, "compose.html", ctx, status_code=400)
    portal_session(request).set_flash("Your message is sent.")
    return _see_other(f"/messages/{new_id}")


# ---- health -----------------------------------------------------------------------------


@router.get("/health")
async def health(request: Request) -> JSONResponse:
    """For the desktop's setup check: no log-in, no PHI. 503 names the part that failed."""
    body: dict[str, Any] = {"service": "opendesk-portal", "version": __version__}
    outbox = bool(request.app.state.outbox_running)
    check = await unavailable.check_database(database(request))
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
    body.update(
        status="ok",
        database=True,
        mail_configured=mail,
        portal_url_set=bool(str(prefs["portal_url"]).strip()),
        outbox_worker=outbox,
    )
    return JSONResponse(body)
