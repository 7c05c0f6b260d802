"""Staff actions on notification e-mails (the outbox): Retry.

The outbox worker in `opendesk.mail` delivers notices; deciding who may put a notice back in
the queue, and auditing it, is a staff service like any other, so it lives here.
"""

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core import audit, permissions
from opendesk.core.actors import Actor, PortalActor, StaffActor, SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import OutboxStatus, Permission
from opendesk.core.errors import NotFound, PermissionDenied, ValidationError
from opendesk.core.models import OutboxNotice, WebMailMessage

log = logging.getLogger("opendesk.mail")


def _check_may_retry(
    session: Session, actor: Actor, notice: OutboxNotice, patient_id: int | None
) -> None:
    if not isinstance(actor, StaffActor):
        return  # the system (opendesk-admin); portal holders are refused before
    user = permissions.acting_user(session, actor)
    message = (
        session.get(WebMailMessage, notice.message_id) if notice.message_id is not None else None
    )
    allowed = permissions.has_permission(user, Permission.SETUP) or (
        message is not None and permissions.can_work_inbox(user, message.provider_id)
    )
    if not allowed:
        raise permissions.deny(
            session,
            actor,
            "retry this notification",
            detail=f"outbox.retry notice={notice.id}",
            patient_id=patient_id,
        )


def _patient_of(session: Session, notice: OutboxNotice) -> int | None:
    if notice.message_id is None:
        return None
    message = session.get(WebMailMessage, notice.message_id)
    return message.patient_id if message is not None else None


def retry(session: Session, actor: Actor, notice_id: int) -> None:
    """The Retry button: put a failed (or waiting) notice back in the queue, due now, with its
    attempts reset to 0 so the whole retry schedule applies again; the old attempts and
    reason go into the audit row. A notice left ``sending`` by a worker whose lease ran out
    (it died) may be retried too; one whose worker still holds it is refused. Staff need to
    work in the sending provider's inbox (or hold Setup); the CLI acts as the system. Commits."""
    if isinstance(actor, PortalActor):
        raise PermissionDenied("You are not allowed to retry notifications.")
    notice = session.get(OutboxNotice, notice_id, with_for_update=True)
    if notice is None:
        raise NotFound("This notification does not exist.")
    patient_id = _patient_of(session, notice)
    _check_may_retry(session, actor, notice, patient_id)
    if notice.status == OutboxStatus.SENT.value:
        raise ValidationError("This notification has already been sent; there is nothing to retry.")
    held = notice.claimed_until is not None and notice.claimed_until >= utcnow()
    if notice.status == OutboxStatus.SENDING.value and held:
        raise ValidationError("This notification is being sent right now. Look again in a minute.")
    _requeue(session, actor, notice, patient_id)
    session.commit()
    log.info("notice %d queued again by retry", notice.id)


def _requeue(session: Session, actor: Actor, notice: OutboxNotice, patient_id: int | None) -> None:
    detail = f"was {notice.status} after {notice.attempts} attempts"
    if notice.last_error:
        detail += f": {notice.last_error}"
    notice.status = OutboxStatus.QUEUED.value
    notice.attempts = 0
    notice.next_attempt_at = None
    notice.claimed_by = None
    notice.claimed_until = None
    notice.last_error = ""
    audit.record(
        session,
        actor,
        "outbox.retry",
        patient_id=patient_id,
        object_type="notification_outbox",
        object_id=notice.id,
        detail=detail,
    )


def retry_all_failed(session: Session, actor: SystemActor) -> int:
    """`opendesk-admin outbox retry --all-failed`: every failed notice back in the queue (after
    an outage made the mail server refuse them), one audit row each. Commits; returns how
    many."""
    notices = (
        session.execute(
            select(OutboxNotice)
            .where(OutboxNotice.status == OutboxStatus.FAILED.value)
            .order_by(OutboxNotice.id)
            .with_for_update()
        )
        .scalars()
        .all()
    )
    for notice in notices:
        _requeue(session, actor, notice, _patient_of(session, notice))
    session.commit()
    if notices:
        log.info("%d failed notices queued again by retry --all-failed", len(notices))
    return len(notices)
