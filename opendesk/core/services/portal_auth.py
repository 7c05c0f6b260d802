"""Portal log-in: user name and password (Argon2id), lockout, forced changes, password reset.

Every failure answers with the same words whether the user name exists or not, and an unknown
user name costs one Argon2 verification like a real one (against `DUMMY_HASH`). Five failures in
a row lock the account for 15 minutes; the portal adds an increasing delay of its own (kept per
client and user name, so unknown names slow down the same way). A forgotten password is replaced
with a one-time code sent by e-mail through the notification outbox: the notice holds the code
and the portal address only, and asking for a code answers the same whether or not an account
exists. Every attempt, success and change is audited; no password, code or user name is logged.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opendesk.core import audit, notices, preferences
from opendesk.core.actors import PortalActor, SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.errors import NotFound, OpenDeskError, ValidationError
from opendesk.core.models import OutboxNotice, Patient, PortalAccount
from opendesk.core.notices import to_html
from opendesk.core.passwords import (
    DUMMY_HASH,
    hash_password,
    needs_rehash,
    password_rule_message,
    verify_password,
)
from opendesk.core.text import storable

MAX_FAILURES = 5
LOCK_MINUTES = 15
RESET_CODE_MINUTES = 30
RESET_RESEND_SECONDS = 60  # a new code no more often than this (no mail bombing)
RESET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
RESET_CODE_LENGTH = 8
USERNAME_MIN, USERNAME_MAX = 3, 100
_USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@+-]*$")

LOGIN_FAILED = (
    "The user name or password is not correct, or the account is locked for a while after "
    "too many attempts. Try again, or use Forgot password."
)
RESET_FAILED = "The code is not correct or has expired. Ask for a new code."
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


def _stamp(account: PortalAccount) -> str:
    data = f"{account.id}:{account.username}:{account.password_hash}".encode()
    return hashlib.sha256(data).hexdigest()[:24]


def _as_login(account: PortalAccount, client: str) -> PortalLogin:
    return PortalLogin(
        actor=PortalActor(account.id, account.patient_id, client),
        username=account.username,
        stamp=_stamp(account),
        must_change_username=account.must_change_username,
        must_change_password=account.must_change_password,
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


def login(session: Session, username: str, password: str, client: str = "") -> PortalLogin:
    """The holder when the user name and password match an active, unlocked account; else
    `LoginFailed` with one message for every cause (audited, committed)."""
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
        audit.record(
            session,
            actor,
            "portal.login",
            patient_id=account.patient_id,
            outcome="failed",
            detail=reason,
        )
        session.commit()
        raise LoginFailed(LOGIN_FAILED)
    account.failed_logins = 0
    account.locked_until = None
    account.last_login_at = utcnow()
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    audit.record(session, actor, "portal.login", patient_id=account.patient_id)
    session.commit()
    return _as_login(account, client)


def resume(session: Session, account_id: int, stamp: str, client: str = "") -> PortalLogin | None:
    """The holder of a session cookie, or None when the account was disabled or its password or
    user name changed since the cookie was made. Reads only."""
    account = session.get(PortalAccount, account_id)
    if (
        account is None
        or not account.is_active
        or not secrets.compare_digest(_stamp(account), stamp)
    ):
        return None
    return _as_login(account, client)


def logout(session: Session, actor: PortalActor) -> None:
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
) -> PortalLogin:
    """Set a new password. The current one is asked for unless the practice's temporary
    password must be replaced (the holder has just logged in with it)."""
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
    audit.record(session, actor, "portal.password.change", patient_id=actor.patient_id)
    session.commit()
    return _as_login(account, actor.client)


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
    return OutboxNotice(
        message_id=None,
        kind="reset",
        to_address=to_address,
        from_address=notices.notice_sender(session),
        subject=" ".join(f"{office}: your password reset code".split()),
        body_text=body,
        body_html=to_html(body),
        next_attempt_at=utcnow(),
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


def reset_password(
    session: Session, username: str, code: str, new_password: str, client: str = ""
) -> None:
    """Replace the password with a one-time code from `request_reset`. A wrong or expired code
    raises `LoginFailed` and counts as a failed log-in; a weak password raises ValidationError
    and leaves the code usable."""
    account = _find(session, username)
    usable = (
        account is not None
        and account.is_active
        and account.reset_code_hash is not None
        and account.reset_code_expires_at is not None
        and account.reset_code_expires_at > utcnow()
        and not _locked(account)
    )
    stored = account.reset_code_hash if usable and account and account.reset_code_hash else None
    ok = verify_password(stored or DUMMY_HASH, _normal_code(code)) and stored is not None
    if account is None:
        audit.record(session, _SYSTEM, "portal.reset", outcome="failed", detail="unknown user")
        session.commit()
        raise LoginFailed(RESET_FAILED)
    actor = PortalActor(account.id, account.patient_id, client)
    if not ok:
        if account.is_active and not _locked(account):
            _count_failure(session, account, actor)
        audit.record(
            session, actor, "portal.reset", patient_id=account.patient_id, outcome="failed"
        )
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
    account.failed_logins = 0
    account.locked_until = None
    audit.record(session, actor, "portal.reset", patient_id=account.patient_id)
    session.commit()
