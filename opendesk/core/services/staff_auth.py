"""Staff login at a workstation: Argon2id, failed-login counting, lockout, disabled accounts,
forced password changes. Every success and failure is audited; no password is ever logged.

Messages are safe to show and contain no PHI. An unknown user name costs the same Argon2
verification as a known one (`DUMMY_HASH`), so timing does not reveal which names exist.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from opendesk.core import audit, preferences, timefmt
from opendesk.core.actors import StaffActor, SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.errors import OpenDeskError, ValidationError
from opendesk.core.models import User
from opendesk.core.passwords import (
    DUMMY_HASH,
    hash_password,
    needs_rehash,
    password_rule_message,
    verify_password,
)
from opendesk.core.text import storable

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
WRONG_CREDENTIALS = "Wrong user name or password."


class LoginFailed(OpenDeskError):
    """The login was refused; the message says why without revealing which names exist."""


class AccountLocked(LoginFailed):
    def __init__(self, message: str, locked_until: datetime) -> None:
        super().__init__(message)
        self.locked_until = locked_until


@dataclass(frozen=True)
class LoggedOnUser:
    """What the client keeps about the logged-on user (plain data, no ORM object)."""

    user_id: int
    username: str
    workstation: str
    provider_id: int | None
    provider_abbr: str
    provider_name: str
    must_change_password: bool
    permissions: frozenset[str]

    @property
    def actor(self) -> StaffActor:
        return StaffActor(self.user_id, self.workstation)

    def may(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def label(self) -> str:
        return f"{self.username} ({self.provider_abbr})" if self.provider_abbr else self.username


def local_time(session: Session, naive_utc: datetime) -> str:
    """ "2:05 PM" in the practice's time zone (core.timefmt), for messages."""
    zone = timefmt.practice_zone(preferences.get(session, preferences.PRACTICE_TIME_ZONE))
    return timefmt.format_time(naive_utc, zone)


def _logged_on(user: User, workstation: str) -> LoggedOnUser:
    perms = frozenset(g.permission for group in user.groups for g in group.permissions)
    return LoggedOnUser(
        user_id=user.id,
        username=user.username,
        workstation=workstation,
        provider_id=user.provider_id,
        provider_abbr=user.provider.abbr if user.provider else "",
        provider_name=user.provider.display_name if user.provider else "",
        must_change_password=user.must_change_password,
        permissions=perms,
    )


def login(session: Session, username: str, password: str, workstation: str) -> LoggedOnUser:
    """Check a staff login and commit its outcome (counter, lock, audit row).

    Raises LoginFailed (wrong name or password, disabled) or AccountLocked."""
    name = username.strip()
    user = None
    if name and storable(name):
        # One statement, as for an unknown name, so the answer takes as long either way; the
        # row alone is locked (PostgreSQL refuses FOR UPDATE across the provider outer join).
        user = session.execute(
            select(User)
            .options(lazyload(User.provider), lazyload(User.groups))
            .where(User.username == name)
            .with_for_update()
        ).scalar_one_or_none()
    now = utcnow()
    if user is None:
        verify_password(DUMMY_HASH, password)
        # The typed name is not recorded: it may be a password typed into the wrong box.
        audit.record(
            session,
            SystemActor("login", workstation),
            "staff.login",
            outcome="failed",
            detail="unknown user name",
        )
        session.commit()
        raise LoginFailed(WRONG_CREDENTIALS)

    actor = StaffActor(user.id, workstation)
    if user.locked_until is not None and user.locked_until <= now:
        user.locked_until = None
        user.failed_logins = 0
    if user.locked_until is not None:
        verify_password(DUMMY_HASH, password)
        until = user.locked_until
        audit.record(session, actor, "staff.login", outcome="locked", detail="account locked")
        message = _locked_message(session, until)
        session.commit()
        raise AccountLocked(message, until)

    if not verify_password(user.password_hash, password):
        user.failed_logins += 1
        detail = f"wrong password, failure {user.failed_logins}"
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            detail += f"; locked for {int(LOCKOUT.total_seconds() // 60)} minutes"
        audit.record(session, actor, "staff.login", outcome="failed", detail=detail)
        locked = user.locked_until
        message = _locked_message(session, locked) if locked is not None else WRONG_CREDENTIALS
        session.commit()
        if locked is not None:
            raise AccountLocked(message, locked)
        raise LoginFailed(WRONG_CREDENTIALS)

    if user.is_disabled:
        audit.record(session, actor, "staff.login", outcome="denied", detail="account disabled")
        session.commit()
        raise LoginFailed("This account is disabled. Ask your administrator.")

    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.last_login_at = now
    audit.record(
        session,
        actor,
        "staff.login",
        detail="must change password" if user.must_change_password else "",
    )
    session.commit()
    return _logged_on(user, workstation)


def _locked_message(session: Session, until: datetime) -> str:
    return (
        f"This account is locked until {local_time(session, until)} after {MAX_FAILED_LOGINS} "
        "failed logins. Try again then, or ask your administrator to unlock it."
    )


def change_password(
    session: Session, actor: StaffActor, current_password: str, new_password: str
) -> None:
    """The user changes their own password (also the forced change after login).

    Raises ValidationError with `field` "current", "new" naming the box to fix."""
    session.execute(select(User.id).where(User.id == actor.user_id).with_for_update())
    user = session.get(User, actor.user_id)
    if user is None or user.is_disabled:
        raise LoginFailed("This account is disabled. Ask your administrator.")
    if not verify_password(user.password_hash, current_password):
        audit.record(
            session, actor, "staff.password_change", outcome="failed", detail="wrong password"
        )
        session.commit()
        raise ValidationError("The current password is wrong.", "current")
    problem = password_rule_message(new_password, user.username)
    if problem is None and new_password == current_password:
        problem = "The new password must differ from the current one."
    if problem is not None:
        session.rollback()
        raise ValidationError(problem, "new")
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    audit.record(session, actor, "staff.password_change")
    session.commit()


def logout(session: Session, actor: StaffActor, detail: str = "") -> None:
    """Record the end of a staff session ("log off", "idle 10 min"; closing the client
    leaves `detail` empty)."""
    audit.record(session, actor, "staff.logout", detail=detail)
    session.commit()
