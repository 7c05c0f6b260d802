"""Permission decisions for staff users: group permissions, inbox delegation, and refusals that
are audited even though the caller's work is rolled back."""

from sqlalchemy.orm import Session

from opendesk.core import audit
from opendesk.core.actors import StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import Permission
from opendesk.core.errors import PermissionDenied
from opendesk.core.models import User

PERMISSION_LABELS = {
    Permission.WEBMAIL_SEND: "send WebMail",
    Permission.WEBMAIL_DELETE: "hide WebMail",
    Permission.WEBMAIL_READ_ANY: "read any provider's WebMail",
    Permission.INBOX_DELEGATE: "work in another provider's inbox",
    Permission.PATIENT_EDIT: "edit patients",
    Permission.PORTAL_ACCESS: "grant portal access",
    Permission.SETUP: "change the practice setup",
    Permission.AUDIT_VIEW: "view the audit log",
}


def has_permission(user: User, permission: Permission, provider_id: int | None = None) -> bool:
    """True when one of the user's groups grants `permission`. With `provider_id`, a grant
    limited to another provider does not count; a grant without a provider covers all."""
    if user.is_disabled:
        return False
    for group in user.groups:
        for grant in group.permissions:
            if grant.permission != permission.value:
                continue
            if provider_id is None or grant.provider_id in (None, provider_id):
                return True
    return False


def delegated_provider_ids(user: User) -> set[int] | None:
    """Providers whose inbox the user may work in besides their own; None means all."""
    ids: set[int] = set()
    for group in user.groups:
        for grant in group.permissions:
            if grant.permission == Permission.INBOX_DELEGATE.value:
                if grant.provider_id is None:
                    return None
                ids.add(grant.provider_id)
    return ids


def can_work_inbox(user: User, provider_id: int) -> bool:
    return user.provider_id == provider_id or has_permission(
        user, Permission.INBOX_DELEGATE, provider_id
    )


def can_read_webmail(user: User, provider_id: int) -> bool:
    """The manual: "Only providers can ... view ... WebMail". A user reads a message body when
    linked to the message's provider, allowed to work in that provider's inbox
    (InboxDelegate), or granted WebMail read any."""
    return can_work_inbox(user, provider_id) or has_permission(user, Permission.WEBMAIL_READ_ANY)


def acting_user(session: Session, actor: StaffActor) -> User:
    """The actor's user row, refusing a disabled or missing user."""
    user = session.get(User, actor.user_id)
    if user is None or user.is_disabled:
        raise PermissionDenied("This user account is disabled. Ask your administrator.")
    if user.locked_until is not None and user.locked_until > utcnow():
        raise PermissionDenied("This user account is locked. Ask your administrator.")
    return user


def deny(
    session: Session,
    actor: StaffActor,
    what: str,
    *,
    detail: str,
    patient_id: int | None = None,
) -> PermissionDenied:
    """Roll back the caller's work, commit an audit row for the refusal, and return the error
    to raise."""
    session.rollback()
    audit.record(
        session,
        actor,
        "permission.denied",
        patient_id=patient_id,
        outcome="denied",
        detail=detail,
    )
    session.commit()
    return PermissionDenied(f"You are not allowed to {what}.")


def require(
    session: Session,
    actor: StaffActor,
    permission: Permission,
    *,
    provider_id: int | None = None,
    patient_id: int | None = None,
) -> User:
    """The acting user when it holds `permission`; otherwise an audited PermissionDenied.
    Call it before changing anything in the session."""
    user = acting_user(session, actor)
    if has_permission(user, permission, provider_id):
        return user
    raise deny(
        session,
        actor,
        PERMISSION_LABELS[permission],
        detail=permission.value,
        patient_id=patient_id,
    )


def require_inbox(session: Session, actor: StaffActor, provider_id: int) -> User:
    user = acting_user(session, actor)
    if can_work_inbox(user, provider_id):
        return user
    raise deny(
        session,
        actor,
        "work in this provider's inbox",
        detail=f"{Permission.INBOX_DELEGATE.value} provider={provider_id}",
    )
