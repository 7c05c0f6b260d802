"""Two-step log-in pages: the code after the password (`/login/code`), and Account > Two-step
log-in (set up with a QR code, confirm with the first code, recovery codes shown once)."""

import io
import logging
from typing import Annotated

import segno
from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from markupsafe import Markup

from opendesk.core import totp
from opendesk.core.errors import ValidationError
from opendesk.core.models import PortalAccount
from opendesk.core.services import portal_auth, portal_two_step
from opendesk.portal.deps import DbSession, Login, client_address, request_time, user_agent
from opendesk.portal.i18n import gettext
from opendesk.portal.pages import practice_info, render
from opendesk.portal.routes.helpers import after_login, nav, see_other, throttle
from opendesk.portal.security import portal_session

auth_log = logging.getLogger("opendesk.portal.auth")
router = APIRouter()


def _qr_svg(uri: str) -> Markup:
    """The QR code as inline SVG (paths only: no text of the URI appears in the markup)."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, border=2, xmldecl=False)
    return Markup(out.getvalue().decode("ascii"))  # noqa: S704 (segno's own SVG, no input text)


@router.get("/login/code")
def code_page(request: Request) -> Response:
    state = portal_session(request)
    if state.waiting_for(request.app.state.config.clock()) is None:
        return see_other("/login")
    return render(request, "login_code.html")


@router.post("/login/code")
async def code_submit(
    request: Request, session: DbSession, code: Annotated[str, Form(max_length=50)] = ""
) -> Response:
    state = portal_session(request)
    account_id = state.waiting_for(request.app.state.config.clock())
    if account_id is None:
        state.set_flash(gettext("The time to enter the code is over. Log in again."))
        return see_other("/login")
    client, limiter = client_address(request), throttle(request)
    key = f"second step {account_id}"
    await limiter.wait(client, key)
    try:
        login = await run_in_threadpool(
            portal_auth.complete_second_step,
            session,
            account_id,
            code,
            client,
            user_agent(request),
            request_time(request),
            request.app.state.config.clock(),
        )
    except portal_auth.LoginFailed as exc:
        await limiter.failed_async(client, key)
        auth_log.info("portal second step failed from %s", client)
        return render(request, "login_code.html", {"error": str(exc)}, status_code=401)
    await limiter.succeeded_async(client, key)
    auth_log.info("portal log-in of account %s from %s", login.actor.account_id, client)
    state.log_in(
        login.actor.account_id,
        login.actor.patient_id,
        login.session_token,
        login.stamp,
        request.app.state.config.clock(),
    )
    state.set_up_two_step = login.set_up_two_step
    state.language = login.language
    return see_other(after_login(login))


@router.post("/login/code/email")
async def code_by_email(request: Request, session: DbSession) -> Response:
    """The fallback: a one-time code by e-mail (weaker than the app; offered, not pushed)."""
    state = portal_session(request)
    account_id = state.waiting_for(request.app.state.config.clock())
    if account_id is None:
        return see_other("/login")
    client = client_address(request)
    await run_in_threadpool(portal_two_step.send_email_code, session, account_id, client)
    state.set_flash(
        gettext(
            "If your account has an e-mail address, a code is on its way. It works once, for "
            "%(minutes)d minutes: enter it below."
        )
        % {"minutes": portal_two_step.EMAIL_CODE_MINUTES}
    )
    return see_other("/login/code")


@router.get("/account/two-step")
def two_step_page(request: Request, session: DbSession, login: Login) -> Response:
    account = session.get(PortalAccount, login.actor.account_id)
    assert account is not None  # the login dependency checked it
    ctx = nav(session, login.actor, "account") if login.pending_change is None else {}
    ctx.update(
        mode=portal_two_step.mode(session),
        enabled=account.totp_secret is not None,
        recovery_left=portal_two_step.recovery_left(account),
        forced=portal_session(request).set_up_two_step,
    )
    return render(request, "two_step.html", ctx)


@router.post("/account/two-step/start")
def two_step_start(request: Request, session: DbSession, login: Login) -> Response:
    issuer = practice_info(request).name or "Patient portal"
    try:
        setup = portal_two_step.start_setup(session, login.actor, issuer)
    except ValidationError as exc:
        portal_session(request).set_flash(str(exc))
        return see_other("/account")
    return render(request, "two_step_setup.html", _setup_ctx(setup))


def _setup_ctx(setup: portal_two_step.Setup, **kw: str) -> dict[str, object]:
    grouped = " ".join(setup.secret[i : i + 4] for i in range(0, len(setup.secret), 4))
    return {"qr": _qr_svg(setup.uri), "secret": grouped, **kw}


@router.post("/account/two-step/confirm")
def two_step_confirm(
    request: Request,
    session: DbSession,
    login: Login,
    code: Annotated[str, Form(max_length=50)] = "",
) -> Response:
    try:
        codes = portal_two_step.confirm_setup(
            session, login.actor, code, request.app.state.config.clock()
        )
    except ValidationError as exc:
        session.rollback()
        account = session.get(PortalAccount, login.actor.account_id)
        if account is None or account.totp_pending is None:
            return see_other("/account/two-step")
        issuer = practice_info(request).name or "Patient portal"
        setup = portal_two_step.Setup(
            account.totp_pending,
            totp.provisioning_uri(account.totp_pending, account.username, issuer),
        )
        ctx = _setup_ctx(setup, error=str(exc))
        return render(request, "two_step_setup.html", ctx, status_code=400)
    portal_session(request).set_up_two_step = False
    portal_session(request).keep()
    return render(request, "two_step_codes.html", {"codes": codes})
