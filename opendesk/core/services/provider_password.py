"""The provider password of the manual's step 7: "If the logged on user is not associated with
the From provider, the provider password is required."

`authorise_send` returns the user whose password authorised the send: the logged-on user when
linked to the From provider, else an active user linked to that provider whose password was
given. The prompt uses Open Dental's words (`prompt_text`). A wrong password is audited
(committed even though the send is not) and counts against the provider's users as a wrong
staff login does: after `staff_auth.MAX_FAILED_LOGINS` wrong tries in a row they are locked for
`staff_auth.LOCKOUT`, and a locked user's password authorises nothing until the lock ends or an
administrator unlocks it. A right password resets the counter.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core import audit
from opendesk.core.actors import StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.errors import PermissionDenied, ValidationError
from opendesk.core.models import Provider, User
from opendesk.core.passwords import verify_password
from opendesk.core.services.staff_auth import LOCKOUT, MAX_FAILED_LOGINS


def prompt_text(provider_name: str) -> str:
    """Open Dental's prompt (FormWebMailMessageEdit)."""
    return f"Input a password for a User that is associated to provider: {provider_name}"


class ProviderPasswordRequired(PermissionDenied):
    """The user is not linked to the From provider: ask for that provider's password."""

    def __init__(self, provider_name: str, message: str | None = None) -> None:
        super().__init__(message or prompt_text(provider_name))
        self.provider_name = provider_name


class WrongProviderPassword(ProviderPasswordRequired):
    """A wrong password: the prompt again, saying the last one was wrong."""

    def __init__(self, provider_name: str) -> None:
        super().__init__(
            provider_name,
            f"That is not the password of a user associated to {provider_name}.\n\n"
            + prompt_text(provider_name),
        )


class ProviderPasswordLocked(PermissionDenied):
    """Too many wrong provider passwords: the provider's users are locked like a staff login."""


def _locked_text(provider_name: str) -> str:
    minutes = int(LOCKOUT.total_seconds() // 60)
    return (
        f"Too many wrong passwords: the users associated to {provider_name} are locked for "
        f"{minutes} minutes. Try again later, or ask an administrator to unlock them "
        "(Setup > Users…)."
    )


def authorise_send(
    session: Session, actor: StaffActor, user: User, provider_id: int, password: str | None
) -> User:
    """The user whose password authorises sending as `provider_id` (see the module doc)."""
    if user.provider_id == provider_id:
        return user
    provider = session.get(Provider, provider_id)
    if provider is None:
        raise ValidationError("Choose the provider the message is from.", "provider")
    name = provider.display_name
    if password is None:
        raise ProviderPasswordRequired(name)
    now = utcnow()
    # Lock the user rows alone (PostgreSQL refuses FOR UPDATE across the provider outer join).
    linked_ids = list(
        session.execute(
            select(User.id)
            .where(User.provider_id == provider_id, User.is_disabled.is_(False))
            .order_by(User.id)
            .with_for_update()
        ).scalars()
    )
    linked = [u for u in (session.get(User, i) for i in linked_ids) if u is not None]
    if not linked:
        raise ValidationError(
            f"No user is associated to {name}. Link a user to the provider in Setup > Users…",
            "provider",
        )
    for u in linked:
        if u.locked_until is not None and u.locked_until <= now:
            u.locked_until, u.failed_logins = None, 0
    unlocked = [u for u in linked if u.locked_until is None]
    for u in unlocked:
        if verify_password(u.password_hash, password):
            u.failed_logins = 0
            return u
    detail = "wrong provider password"
    for u in unlocked:
        u.failed_logins += 1
        if u.failed_logins >= MAX_FAILED_LOGINS:
            u.locked_until = now + LOCKOUT
            detail = f"wrong provider password; provider user {u.id} locked"
    locked = all(u.locked_until is not None for u in linked)
    state = {u.id: (u.failed_logins, u.locked_until) for u in linked}
    session.rollback()  # nothing of the send; keep the counters and the audit row
    for u in linked:
        u.failed_logins, u.locked_until = state[u.id]
    audit.record(
        session,
        actor,
        "webmail.provider_password",
        outcome="locked" if locked and not unlocked else "failed",
        object_type="provider",
        object_id=provider_id,
        detail=detail if unlocked else "provider users locked",
    )
    session.commit()
    if locked:
        raise ProviderPasswordLocked(_locked_text(name))
    raise WrongProviderPassword(name)
