"""Log-in, log-out and the forgotten password (ask for a code, reset with it).

The log-in and reset forms wait out the log-in throttle with `asyncio.sleep` (no worker thread
held), then run the Argon2 check in the thread pool on the request's database session."""

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from opendesk.core.actors import PortalActor
from opendesk.core.errors import ValidationError
from opendesk.core.services import portal_auth
from opendesk.portal.deps import DbSession, client_address, request_time, user_agent
from opendesk.portal.i18n import N_, gettext
from opendesk.portal.pages import render
from opendesk.portal.routes.helpers import after_login, see_other, throttle
from opendesk.portal.security import portal_session

auth_log = logging.getLogger("opendesk.portal.auth")
router = APIRouter()


@router.get("/")
def home() -> Response:
    return see_other("/inbox")


@router.get("/login")
def login_page(request: Request) -> Response:
    state = portal_session(request)
    if state.logged_in:
        return see_other("/inbox")
    state.keep()
    return render(request, "login.html", {"username": ""})


@router.post("/login")
async def login_submit(
    request: Request,
    session: DbSession,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    client = client_address(request)
    limiter = throttle(request)
    await limiter.wait(client, username)
    try:
        login = await run_in_threadpool(
            portal_auth.login,
            session,
            username,
            password,
            client,
            user_agent(request),
            request_time(request),
        )
    except portal_auth.LoginFailed as exc:
        await limiter.failed_async(client, username)
        auth_log.info("portal log-in failed from %s", client)
        return render(
            request, "login.html", {"error": str(exc), "username": username}, status_code=401
        )
    await limiter.succeeded_async(client, username)
    state, now = portal_session(request), request.app.state.config.clock()
    if login.second_step:
        state.await_second_step(login.actor.account_id, now)
        return see_other("/login/code")
    auth_log.info("portal log-in of account %s from %s", login.actor.account_id, client)
    state.log_in(
        login.actor.account_id, login.actor.patient_id, login.session_token, login.stamp, now
    )
    state.set_up_two_step = login.set_up_two_step
    state.language = login.language
    return see_other(after_login(login))


@router.post("/logout")
def logout(request: Request, session: DbSession) -> Response:
    state = portal_session(request)
    if state.account_id is not None and state.patient_id is not None:
        actor = PortalActor(state.account_id, state.patient_id, client_address(request))
        portal_auth.logout(session, actor, state.token)
        auth_log.info("portal log-out of account %s", state.account_id)
    state.log_out()
    state.set_flash(gettext("You have logged out. Close the browser window on a shared computer."))
    return see_other("/login")


@router.get("/forgot")
def forgot_page(request: Request) -> Response:
    portal_session(request).keep()
    return render(request, "forgot.html")


@router.post("/forgot")
async def forgot_submit(
    request: Request,
    session: DbSession,
    username_or_email: Annotated[str, Form(max_length=254)] = "",
) -> Response:
    if not username_or_email.strip():
        return render(
            request,
            "forgot.html",
            {"error": N_("Enter your user name or e-mail address.")},
            status_code=400,
        )
    client = client_address(request)
    await run_in_threadpool(portal_auth.request_reset, session, username_or_email, client)
    auth_log.info("password reset code asked for from %s", client)
    portal_session(request).set_flash(
        gettext(
            "If an account matches, a one-time code is on its way to its e-mail address. It "
            "works for %(minutes)d minutes."
        )
        % {"minutes": portal_auth.RESET_CODE_MINUTES}
    )
    return see_other("/reset")


@router.get("/reset")
def reset_page(request: Request) -> Response:
    portal_session(request).keep()
    return render(request, "reset.html", {"username": ""})


@router.post("/reset")
async def reset_submit(
    request: Request,
    session: DbSession,
    username: Annotated[str, Form(max_length=200)] = "",
    code: Annotated[str, Form(max_length=50)] = "",
    new_password: Annotated[str, Form(max_length=1000)] = "",
    confirm_password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    client = client_address(request)
    limiter = throttle(request)
    if new_password != confirm_password:
        return render(
            request,
            "reset.html",
            {"error": N_("The two new passwords are not the same."), "username": username},
            status_code=400,
        )
    await limiter.wait(client, username)
    try:
        await run_in_threadpool(
            portal_auth.reset_password, session, username, code, new_password, client
        )
    except (portal_auth.LoginFailed, ValidationError) as exc:
        if isinstance(exc, portal_auth.LoginFailed):
            await limiter.failed_async(client, username)
        return render(
            request, "reset.html", {"error": str(exc), "username": username}, status_code=400
        )
    await limiter.succeeded_async(client, username)
    auth_log.info("portal password reset from %s", client)
    portal_session(request).set_flash(gettext("Your password is changed. Log in with it."))
    return see_other("/login")
