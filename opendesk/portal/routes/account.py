"""The account pages: the overview, and changing the user name or the password (forced at
first log-in when the practice flagged it, or by choice)."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from opendesk.core.errors import ValidationError
from opendesk.core.services import portal_auth
from opendesk.portal.deps import DbSession, Login
from opendesk.portal.pages import render
from opendesk.portal.routes.helpers import after_login, nav, see_other
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
    return see_other(after_login(changed))
