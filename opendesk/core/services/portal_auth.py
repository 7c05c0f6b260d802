"""Portal log-in: user name and password (Argon2id), lockout, forced changes, password reset.

Every failure answers with the same words whether the user name exists or not, and an unknown
user name costs one Argon2 verification like a real one (against `DUMMY_HASH`). Five failures in
a row lock the account for 15 minutes; the portal adds an increasing delay of its own (kept per
client and user name, so unknown names slow down the same way). A forgotten password is replaced
with a one-time code sent by e-mail through the notification outbox: the notice holds the code
and the portal address only, and asking for a code answers the same whether or not an account
exists. A reset code has a guess limit of its own (void after `RESET_MAX_TRIES` wrong tries), and
a right code works on a locked account and clears the lock. Every log-in opens a server-side
session (`portal_sessions`), which log-out, a password change or reset end. Every attempt, success
and change is audited; no password, code or user name is logged.
"""

import hashlib
import re
import secrets
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opendesk.core import audit, languages, notices, preferences
from opendesk.core.actors import PortalActor, SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.devices import device_name
from opendesk.core.errors import NotFound, OpenDeskError, ValidationError
from opendesk.core.models import OutboxNotice, Patient, PortalAccount
from opendesk.core.passwords import (
    DUMMY_HASH,
    hash_password,
    needs_rehash,
    password_rule_message,
    verify_password,
)
from opendesk.core.services import portal_sessions, portal_two_step
from opendesk.core.text import storable

MAX_FAILURES = 5
LOCK_MINUTES = 15
RESET_CODE_MINUTES = 30
RESET_RESEND_SECONDS = 60  # a new code no more often than this (no mail bombing)
RESET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
RESET_CODE_LENGTH = 8
RESET_MAX_TRIES = 5  # wrong codes before the code is void
USERNAME_MIN, USERNAME_MAX = 3, 100
_USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@+-]*$")

LOGIN_FAILED = (
    "The user name or password is not correct, or the account is locked for a while after "
    "too many attempts. Try again, or use Forgot password."
)
RESET_FAILED = "The code is not correct or has expired. Ask for a new code."
SECOND_STEP_FAILED = (
    "The code is not correct, or the account is locked for a while after too many attempts. "
    "Enter the 6 digits your app shows now, or one of your recovery codes."
)
_SYSTEM = SystemActor("portal")


class LoginFailed(OpenDeskError):
    """A log-in or reset that did not succeed. The message is the same for every cause."""


@dataclass(frozen=True)
class PortalLogin:
    """A holder who proved who they are. `stamp` changes when the password or user name does,
    so a session cookie made before such a change stops working."""

    actor: PortalActor
    username: str
    stamp: str
    must_change_username: bool
    must_change_password: bool
    session_id: int | None = None  # the server-side session (portal_sessions)
    session_token: str = ""  # only right after log-in: goes into the cookie
    second_step: bool = False  # the password was right; the app's code is still needed
    set_up_two_step: bool = False  # the practice requires two-step log-in, not set up yet
    language: str = languages.DEFAULT  # the patient's preferred language (core.languages)

    @property
    def pending_change(self) -> str | None:
        """ "username" or "password" while the holder must still change it, else None."""
        if self.must_change_username:
            return "username"
        if self.must_change_password:
            return "password"
        return None


def normalise_username(username: str) -> str:
    return username.strip().casefold()


def _stamp(account: PortalAccount | portal_sessions.AccountState) -> str:
    data = f"{account.id}:{account.username}:{account.password_hash}".encode()
    return hashlib.sha256(data).hexdigest()[:24]


def _as_login(
    account: PortalAccount | portal_sessions.AccountState,
    client: str,
    session_id: int | None = None,
    token: str = "",
) -> PortalLogin:
    return PortalLogin(
        actor=PortalActor(account.id, account.patient_id, client),
        username=account.username,
        stamp=_stamp(account),
        must_change_username=account.must_change_username,
        must_change_password=account.must_change_password,
        session_id=session_id,
        session_token=token,
        language=languages.known(
            account.language
            if isinstance(account, portal_sessions.AccountState)
            else account.patient.language
        ),
    )


def _find(session: Session, username: str) -> PortalAccount | None:
    name = normalise_username(username)
    if not name or len(name) > USERNAME_MAX or not storable(username):
        return None
    account = session.execute(
        select(PortalAccount).where(PortalAccount.username == name)
    ).scalar_one_or_none()
    if account is None and name != username.strip():
        # An account made by hand with capitals (user names are stored in lower case).
        account = session.execute(
            select(PortalAccount).where(PortalAccount.username == username.strip())
        ).scalar_one_or_none()
    return account


def _locked(account: PortalAccount) -> bool:
    return account.locked_until is not None and account.locked_until > utcnow()


def _count_failure(session: Session, account: PortalAccount, actor: PortalActor) -> None:
    account.failed_logins = (account.failed_logins or 0) + 1
    if account.failed_logins >= MAX_FAILURES:
        account.locked_until = utcnow() + timedelta(minutes=LOCK_MINUTES)
        account.failed_logins = 0
        audit.record(
            session,
            actor,
            "portal.lockout",
            patient_id=account.patient_id,
            outcome="locked",
            detail=f"minutes={LOCK_MINUTES}",
        )


def login(
    session: Session,
    username: str,
    password: str,
    client: str = "",
    user_agent: str = "",
    now: datetime | None = None,
) -> PortalLogin:
    """The holder, with a new server-side session, when the user name and password match an
    active, unlocked account; else `LoginFailed` with one message for every cause (audited,
    committed)."""
    account = _find(session, username)
    usable = account is not None and account.is_active
    ok = verify_password(account.password_hash if usable and account else DUMMY_HASH, password)
    if account is None:
        audit.record(session, _SYSTEM, "portal.login", outcome="failed", detail="unknown user")
        session.commit()
        raise LoginFailed(LOGIN_FAILED)
    actor = PortalActor(account.id, account.patient_id, client)
    reason = ""
    if not account.is_active:
        reason = "account disabled"
    elif _locked(account):
        reason = "account locked"
    elif not ok:
        reason = "wrong password"
        _count_failure(session, account, actor)
    if reason:
        raise _login_refused(session, account, actor, reason, LOGIN_FAILED)
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    if portal_two_step.needed(session, account):
        audit.record(
            session,
            actor,
            "portal.login",
            patient_id=account.patient_id,
            outcome="second step",
            detail="password right, code asked",
        )
        session.commit()
        return replace(_as_login(account, client), second_step=True)
    return _succeed(session, account, actor, user_agent, now, "")


def _login_refused(
    session: Session, account: PortalAccount, actor: PortalActor, detail: str, message: str
) -> LoginFailed:
    """A refused log-in of a known account, audited (why, in `detail`) and committed; returns
    the `LoginFailed` (`message`, one for every cause) for the caller to raise."""
    audit.record(
        session,
        actor,
        "portal.login",
        patient_id=account.patient_id,
        outcome="failed",
        detail=detail,
    )
    session.commit()
    return LoginFailed(message)


def _succeed(
    session: Session,
    account: PortalAccount,
    actor: PortalActor,
    user_agent: str,
    now: datetime | None,
    detail: str,
) -> PortalLogin:
    """The end of a log-in: counters cleared, a new server-side session (and a notice when
    the browser is new), audited, committed."""
    account.failed_logins = 0
    account.locked_until = None
    account.last_login_at = utcnow()
    client = actor.client
    token, session_id = portal_sessions.open_session(session, account.id, client, user_agent, now)
    if portal_sessions.is_new_device(session, account.id, session_id, user_agent):
        _queue_signin_notice(session, account, user_agent, now or utcnow())
    set_up = portal_two_step.must_set_up(session, account)  # read before the commit: no
    audit.record(  # transaction may stay open on the request's session (SQLite write lock)
        session,
        actor,
        "portal.login",
        patient_id=account.patient_id,
        object_type="portal_session",
        object_id=session_id,
        detail=detail,
    )
    session.commit()
    return replace(_as_login(account, client, session_id, token), set_up_two_step=set_up)


def complete_second_step(
    session: Session,
    account_id: int,
    code: str,
    client: str = "",
    user_agent: str = "",
    now: datetime | None = None,
    epoch: float | None = None,
) -> PortalLogin:
    """Finish a log-in whose password was right with the app's code or a recovery code. A wrong
    code counts as a failed log-in (lockout); one message for every cause."""
    account = session.get(PortalAccount, account_id)
    if account is None or not account.is_active or _locked(account):
        session.rollback()  # no transaction left open (the caller's throttle writes next)
        raise LoginFailed(SECOND_STEP_FAILED)
    actor = PortalActor(account.id, account.patient_id, client)
    when = epoch if epoch is not None else time.time()
    how = portal_two_step.check_code(account, code, when)
    if how is None:
        _count_failure(session, account, actor)
        raise _login_refused(session, account, actor, "wrong second step", SECOND_STEP_FAILED)
    return _succeed(session, account, actor, user_agent, now, f"second step: {how}")


@dataclass(frozen=True)
class Resumed:
    login: PortalLogin
    needs_touch: bool  # last-seen is due a write (portal_sessions.touch)


def resume(
    session: Session,
    token: str,
    account_id: int,
    stamp: str,
    client: str = "",
    idle_seconds: float = 15 * 60,
    now: datetime | None = None,
) -> Resumed | None:
    """The holder of a session cookie, or None when its server-side session was ended or
    idled out, the account was disabled, or its password or user name changed since the cookie
    was made. One indexed read; writes nothing."""
    found = portal_sessions.check(session, token, account_id, idle_seconds, now)
    if found is None or not secrets.compare_digest(_stamp(found.account), stamp):
        return None
    return Resumed(_as_login(found.account, client, found.session_id), found.needs_touch)


def logout(session: Session, actor: PortalActor, token: str = "") -> None:
    """End the session of this cookie token at once (a copy of the cookie stops working)."""
    portal_sessions.revoke_token(session, token)
    audit.record(session, actor, "portal.logout", patient_id=actor.patient_id)
    session.commit()


def _own_account(session: Session, actor: PortalActor) -> PortalAccount:
    account = session.get(PortalAccount, actor.account_id)
    if account is None or not account.is_active or account.patient_id != actor.patient_id:
        raise NotFound("Your portal account is no longer active.")
    return account


def username_problem(session: Session, new_username: str, account_id: int | None) -> str | None:
    name = normalise_username(new_username)
    if len(name) < USERNAME_MIN or len(name) > USERNAME_MAX:
        return f"The user name needs {USERNAME_MIN} to {USERNAME_MAX} characters."
    if not _USERNAME_RE.match(name):
        return (
            "The user name may hold letters, digits and . _ @ + - only, and starts with a "
            "letter or digit."
        )
    taken = session.execute(
        select(PortalAccount.id).where(
            func.lower(PortalAccount.username) == name, PortalAccount.id != (account_id or 0)
        )
    ).first()
    if taken is not None:
        return "That user name is taken. Choose another."
    return None


def change_username(session: Session, actor: PortalActor, new_username: str) -> PortalLogin:
    """Give the account a new user name (required at first log-in when flagged)."""
    account = _own_account(session, actor)
    problem = username_problem(session, new_username, account.id)
    if problem:
        raise ValidationError(problem, "username")
    if verify_password(account.password_hash, new_username.strip()):
        raise ValidationError("The user name cannot be your password.", "username")
    account.username = normalise_username(new_username)
    account.must_change_username = False
    audit.record(session, actor, "portal.username.change", patient_id=actor.patient_id)
    session.commit()
    return _as_login(account, actor.client)


def change_password(
    session: Session,
    actor: PortalActor,
    new_password: str,
    current_password: str | None = None,
    current_session: int | None = None,
) -> PortalLogin:
    """Set a new password and end every other session of the account. The current password is
    asked for unless the practice's temporary password must be replaced (the holder has just
    logged in with it)."""
    account = _own_account(session, actor)
    if not account.must_change_password and not verify_password(
        account.password_hash, current_password or ""
    ):
        audit.record(
            session,
            actor,
            "portal.password.change",
            patient_id=actor.patient_id,
            outcome="failed",
            detail="wrong current password",
        )
        session.commit()
        raise ValidationError("The current password is not correct.", "current_password")
    rule = password_rule_message(new_password, account.username)
    if rule:
        raise ValidationError(rule, "new_password")
    if verify_password(account.password_hash, new_password):
        raise ValidationError("Choose a password different from the current one.", "new_password")
    account.password_hash = hash_password(new_password)
    account.must_change_password = False
    account.reset_code_hash = None
    account.reset_code_expires_at = None
    ended = portal_sessions.revoke_all(session, account.id, keep=current_session)
    audit.record(
        session,
        actor,
        "portal.password.change",
        patient_id=actor.patient_id,
        detail=f"other sessions ended={ended}",
    )
    session.commit()
    return _as_login(account, actor.client, current_session)


def _queue_signin_notice(
    session: Session, account: PortalAccount, user_agent: str, when: datetime
) -> None:
    """E-mail the holder that a browser not seen before signed in: practice name, device
    (browser and system), time and what to do — no PHI, no user name, no address."""
    email = account.patient.email.strip()
    if not email:
        return
    office = preferences.get(session, preferences.PRACTICE_NAME).strip() or "Your practice"
    url = preferences.get(session, preferences.PORTAL_URL).strip()
    body = (
        f"Your {office} patient portal account was just signed in to from a browser it had "
        f"not seen before: {device_name(user_agent)}, {when:%Y-%m-%d %H:%M} UTC.\n\n"
        "If this was you, there is nothing to do.\n\n"
        f"If it was not you, log in at {url or 'the patient portal'}, change your password and "
        "sign the other browser out under Account > Sessions, or call the practice."
    )
    session.add(
        notices.account_notice(
            "signin",
            email,
            preferences.get(session, preferences.NOTIFY_FROM).strip(),
            f"{office}: new sign-in to your patient portal",
            body,
            utcnow(),
        )
    )


def new_reset_code() -> str:
    return "".join(secrets.choice(RESET_ALPHABET) for _ in range(RESET_CODE_LENGTH))


def _normal_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def _reset_notice(session: Session, to_address: str, code: str) -> OutboxNotice:
    office = preferences.get(session, preferences.PRACTICE_NAME).strip() or "Your practice"
    url = preferences.get(session, preferences.PORTAL_URL).strip()
    reset_url = f"{url.rstrip('/')}/reset" if url else ""
    body = (
        f"A password reset was asked for on the {office} patient portal.\n\n"
        f"Your one-time code is: {code}\n\n"
        f"It works once, for {RESET_CODE_MINUTES} minutes. Enter it with your user name and a "
        f"new password at {reset_url or 'the patient portal'}\n\n"
        "If you did not ask for this, ignore this e-mail: your password stays as it is."
    )
    return notices.account_notice(
        "reset",
        to_address,
        notices.notice_sender(session),
        f"{office}: your password reset code",
        body,
        utcnow(),
    )


def request_reset(session: Session, username_or_email: str, client: str = "") -> None:
    """Queue a one-time code to the e-mail address of the account named by its user name or its
    patient's e-mail address. Answers the same (None) whether or not one exists."""
    given = username_or_email.strip()
    accounts: list[PortalAccount] = []
    if not storable(given):
        pass  # no account has such a name or address; answer as for any unknown one
    elif "@" in given:
        found = _find(session, given)
        if found is not None:
            accounts.append(found)
        else:
            accounts += session.execute(
                select(PortalAccount)
                .join(Patient, Patient.id == PortalAccount.patient_id)
                .where(func.lower(Patient.email) == given.casefold())
                .limit(10)
            ).scalars()
    else:
        found = _find(session, given)
        if found is not None:
            accounts.append(found)
    queued = 0
    now = utcnow()
    for account in accounts:
        email = account.patient.email.strip()
        if not account.is_active or not email:
            continue
        recent = account.reset_code_expires_at
        if recent is not None and recent - timedelta(minutes=RESET_CODE_MINUTES) > now - timedelta(
            seconds=RESET_RESEND_SECONDS
        ):
            continue
        code = new_reset_code()
        account.reset_code_hash = hash_password(code)
        account.reset_code_expires_at = now + timedelta(minutes=RESET_CODE_MINUTES)
        account.reset_failures = 0
        session.add(_reset_notice(session, email, code))
        audit.record(
            session,
            PortalActor(account.id, account.patient_id, client),
            "portal.reset.request",
            patient_id=account.patient_id,
        )
        queued += 1
    if not queued:
        hash_password(new_reset_code())  # about the same time as a real request
        audit.record(session, _SYSTEM, "portal.reset.request", outcome="failed", detail="none")
    session.commit()


def _usable_code(account: PortalAccount | None) -> str | None:
    """The stored hash of the account's reset code while it can be used (a lock does not
    matter: the code is how a locked-out holder gets back in)."""
    if (
        account is None
        or not account.is_active
        or account.reset_code_hash is None
        or account.reset_code_expires_at is None
        or account.reset_code_expires_at <= utcnow()
    ):
        return None
    return account.reset_code_hash


def _wrong_code(session: Session, account: PortalAccount, actor: PortalActor) -> None:
    """Count a wrong code against the code itself (not the log-in lock, which anyone could
    then trigger); at RESET_MAX_TRIES the code is void."""
    detail = "wrong code"
    if _usable_code(account) is not None:
        account.reset_failures = (account.reset_failures or 0) + 1
        if account.reset_failures >= RESET_MAX_TRIES:
            account.reset_code_hash = None
            account.reset_code_expires_at = None
            account.reset_failures = 0
            detail = f"code void after {RESET_MAX_TRIES} wrong tries"
    audit.record(
        session,
        actor,
        "portal.reset",
        patient_id=account.patient_id,
        outcome="failed",
        detail=detail,
    )


def reset_password(
    session: Session, username: str, code: str, new_password: str, client: str = ""
) -> None:
    """Replace the password with a one-time code from `request_reset`, clear a log-in lock and
    end every session of the account. A wrong or expired code raises `LoginFailed`; after
    `RESET_MAX_TRIES` wrong codes the code is void. A weak password raises ValidationError and
    leaves the code usable."""
    account = _find(session, username)
    stored = _usable_code(account)
    ok = verify_password(stored or DUMMY_HASH, _normal_code(code)) and stored is not None
    if account is None:
        audit.record(session, _SYSTEM, "portal.reset", outcome="failed", detail="unknown user")
        session.commit()
        raise LoginFailed(RESET_FAILED)
    actor = PortalActor(account.id, account.patient_id, client)
    if not ok:
        _wrong_code(session, account, actor)
        session.commit()
        raise LoginFailed(RESET_FAILED)
    rule = password_rule_message(new_password, account.username)
    if rule:
        session.rollback()
        raise ValidationError(rule, "new_password")
    account.password_hash = hash_password(new_password)
    account.must_change_password = False
    account.reset_code_hash = None
    account.reset_code_expires_at = None
    account.reset_failures = 0
    account.failed_logins = 0
    account.locked_until = None
    ended = portal_sessions.revoke_all(session, account.id)
    audit.record(
        session,
        actor,
        "portal.reset",
        patient_id=account.patient_id,
        detail=f"sessions ended={ended}",
    )
    session.commit()
