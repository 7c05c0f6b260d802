"""The account pages: the overview, changing the user name or the password (forced at first
log-in when the practice flagged it, or by choice), and Sessions (where the holder is signed in;
end one or all)."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from opendesk.core.devices import device_name
from opendesk.core.errors import ValidationError
from opendesk.core.services import portal_auth, portal_sessions
from opendesk.portal import i18n
from opendesk.portal.deps import Actor, DbSession, Login, one_hop, request_time
from opendesk.portal.i18n import N_, gettext
from opendesk.portal.pages import render
from opendesk.portal.routes.helpers import after_login, nav, see_other, throttle
from opendesk.portal.security import portal_session

router = APIRouter()


@router.get("/account")
def account_page(request: Request, session: DbSession, login: Login) -> Response:
    if login.pending_change:
        return see_other(after_login(login))
    ctx = nav(session, login.actor, "account")
    return render(request, "account.html", {**ctx, "username": login.username})


def _change_ctx(login: portal_auth.PortalLogin, username: str, **kw: Any) -> dict[str, Any]:
    return {
        "forced": login.pending_change is not None,
        "must_change_password": login.must_change_password,
        "username": username,
        "nav": login.pending_change is None,
        "active": "account",
        **kw,
    }


@router.get("/account/username")
def username_page(request: Request, login: Login) -> Response:
    return render(request, "change_username.html", _change_ctx(login, login.username))


@router.post("/account/username")
async def username_submit(
    request: Request,
    session: DbSession,
    login: Login,
    new_username: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Throttled like log-in, per account ("That user name is taken" must not let a holder
    test other people's user names quickly)."""
    limiter = throttle(request)
    key = f"account {login.actor.account_id}"
    await limiter.wait(key, "change user name")
    try:
        changed = await run_in_threadpool(
            portal_auth.change_username, session, login.actor, new_username
        )
    except ValidationError as exc:
        session.rollback()  # no open transaction while the throttle writes (SQLite locks)
        await limiter.failed_async(key, "change user name")
        ctx = _change_ctx(login, new_username, error=str(exc))
        return render(request, "change_username.html", ctx, status_code=400)
    state = portal_session(request)
    state.stamp = changed.stamp
    state.set_flash(gettext("Your user name is changed. Use it the next time you log in."))
    return see_other(after_login(changed))


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
            raise ValidationError(N_("The two new passwords are not the same."), "confirm_password")
        changed = portal_auth.change_password(
            session, login.actor, new_password, current_password or None, login.session_id
        )
    except ValidationError as exc:
        ctx = _change_ctx(login, login.username, error=str(exc))
        return render(request, "change_password.html", ctx, status_code=400)
    state = portal_session(request)
    state.stamp = changed.stamp
    state.set_flash(gettext("Your password is changed."))
    return see_other(after_login(changed))


@router.get("/account/sessions")
def sessions_page(request: Request, session: DbSession, login: Login) -> Response:
    if login.pending_change:
        return see_other(after_login(login))
    now = request_time(request)
    found = portal_sessions.list_sessions(session, login.actor, login.session_id, now)
    rows = [
        {
            "id": s.id,
            "device": device_name(s.user_agent),
            "address": s.client_address or gettext("unknown"),
            "seen": i18n.ago(s.last_seen_at, now),
            "since": i18n.ago(s.created_at, now),
            "current": s.current,
        }
        for s in found
    ]
    ctx = nav(session, login.actor, "account")
    return render(request, "sessions.html", {**ctx, "sessions": rows})


@router.post("/account/sessions/{session_id}/end")
def end_session(request: Request, session: DbSession, login: Login, session_id: int) -> Response:
    if session_id == login.session_id:
        return _end_own(request, session, login)
    portal_sessions.end_session(session, login.actor, session_id, request_time(request))
    portal_session(request).set_flash(gettext("That session is signed out."))
    return see_other("/account/sessions")


def _end_own(request: Request, session: DbSession, login: portal_auth.PortalLogin) -> Response:
    state = portal_session(request)
    portal_auth.logout(session, login.actor, state.token)
    state.log_out()
    state.set_flash(gettext("You have logged out. Close the browser window on a shared computer."))
    return see_other("/login")


@router.post("/account/sessions/end-all")
@one_hop
def end_all_sessions(request: Request, session: DbSession, actor: Actor) -> Response:
    portal_sessions.end_all(session, actor, actor.account_id, actor.patient_id)
    state = portal_session(request)
    state.log_out()
    state.set_flash(gettext("You are signed out everywhere, also here. Log in again to go on."))
    return see_other("/login")


@router.post("/account/keepalive")
def keepalive(login: Login) -> Response:
    """ "Stay signed in" from the idle warning (static/idle.js): the session was checked and
    its last-request time renewed by answering at all."""
    return Response(status_code=204)
