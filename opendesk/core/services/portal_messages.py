"""Portal-side WebMail: what a portal account holder reads, replies to and writes.

The holder sees messages regarding every patient in their PHI scope (`core.scope`). An id
outside it answers NotFound — the same as an id that does not exist — and the attempt is
audited. Opening a message from the practice marks it read (Open Dental's WebMailSentRead)."""

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from opendesk.core import audit, preferences, scope
from opendesk.core.actors import PortalActor
from opendesk.core.blobs import read_attachment
from opendesk.core.clock import utcnow
from opendesk.core.enums import MessageStatus
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.models import Attachment, Patient, PortalAccount, WebMailMessage
from opendesk.core.services.messages import (
    SUBJECT_MAX,
    AttachmentInfo,
    MessageView,
    message_view,
    reply_subject,
)

VISIBLE = (
    MessageStatus.WEBMAIL_SENT,
    MessageStatus.WEBMAIL_SENT_READ,
    MessageStatus.WEBMAIL_RECEIVED,
    MessageStatus.WEBMAIL_RECD_READ,
)


@dataclass(frozen=True)
class PortalRow:
    id: int
    from_practice: bool
    unread: bool  # from the practice and not yet read
    subject: str
    regarding_name: str
    provider_name: str
    sent_at: str
    has_attachments: bool


def _account(session: Session, actor: PortalActor) -> PortalAccount:
    account = session.get(PortalAccount, actor.account_id)
    if account is None or not account.is_active or account.patient_id != actor.patient_id:
        raise NotFound("Your portal account is no longer active.")
    return account


def _not_found(session: Session, actor: PortalActor, kind: str, object_id: int) -> NotFound:
    session.rollback()
    audit.record(
        session,
        actor,
        f"portal.{kind}.denied",
        object_type=kind,
        object_id=object_id,
        outcome="denied",
    )
    session.commit()
    return NotFound(f"That {kind} was not found.")


def _visible_message(session: Session, actor: PortalActor, message_id: int) -> WebMailMessage:
    _account(session, actor)
    msg = session.get(WebMailMessage, message_id)
    if (
        msg is None
        or msg.is_hidden
        or msg.status not in VISIBLE
        or not scope.in_scope(session, actor.patient_id, msg.regarding_patient_id)
    ):
        raise _not_found(session, actor, "message", message_id)
    return msg


def scope_patients(session: Session, actor: PortalActor) -> list[tuple[int, str]]:
    """The patients the holder may write about: themselves first, then family by name."""
    _account(session, actor)
    ids = scope.phi_scope(session, actor.patient_id)
    people = session.execute(select(Patient).where(Patient.id.in_(ids))).scalars().all()
    people = sorted(people, key=lambda p: (p.id != actor.patient_id, p.last_name, p.first_name))
    return [(p.id, f"{p.first_name} {p.last_name}") for p in people]


def inbox(
    session: Session, actor: PortalActor, offset: int = 0, limit: int = 50
) -> tuple[list[PortalRow], int]:
    """A page of the holder's messages, newest first, and the total count."""
    _account(session, actor)
    ids = scope.phi_scope(session, actor.patient_id)
    base = select(WebMailMessage).where(
        WebMailMessage.regarding_patient_id.in_(ids),
        WebMailMessage.status.in_([int(s) for s in VISIBLE]),
        WebMailMessage.is_hidden.is_(False),
    )
    total = session.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    msgs = session.execute(
        base.order_by(WebMailMessage.sent_at.desc(), WebMailMessage.id.desc())
        .offset(offset)
        .limit(limit)
    ).scalars()
    rows = []
    for m in msgs:
        view = message_view(session, m)
        rows.append(
            PortalRow(
                id=m.id,
                from_practice=view.status.is_from_practice,
                unread=view.status == MessageStatus.WEBMAIL_SENT,
                subject=m.subject,
                regarding_name=view.regarding_name,
                provider_name=view.provider_name,
                sent_at=m.sent_at.strftime("%Y-%m-%d %H:%M") if m.sent_at else "",
                has_attachments=m.has_attachments,
            )
        )
    audit.record(
        session, actor, "portal.inbox.view", patient_id=actor.patient_id, detail=f"rows={len(rows)}"
    )
    session.commit()
    return rows, int(total)


def unread_count(session: Session, actor: PortalActor) -> int:
    ids = scope.phi_scope(session, actor.patient_id)
    return int(
        session.execute(
            select(func.count(WebMailMessage.id)).where(
                WebMailMessage.regarding_patient_id.in_(ids),
                WebMailMessage.status == int(MessageStatus.WEBMAIL_SENT),
                WebMailMessage.is_hidden.is_(False),
            )
        ).scalar_one()
    )


def open_message(session: Session, actor: PortalActor, message_id: int) -> list[MessageView]:
    """The message's thread as the holder may see it, oldest first; marks the practice's
    messages in it read, with the time the provider will see."""
    msg = _visible_message(session, actor, message_id)
    now = utcnow()
    session.execute(
        update(WebMailMessage)
        .where(
            WebMailMessage.thread_id == (msg.thread_id or msg.id),
            WebMailMessage.status == int(MessageStatus.WEBMAIL_SENT),
            WebMailMessage.regarding_patient_id.in_(scope.phi_scope(session, actor.patient_id)),
            WebMailMessage.sent_at <= (msg.sent_at or now),
        )
        .values(status=int(MessageStatus.WEBMAIL_SENT_READ), read_at=now)
        .execution_options(synchronize_session=False)
    )
    allowed = scope.phi_scope(session, actor.patient_id)
    thread = session.execute(
        select(WebMailMessage)
        .where(
            WebMailMessage.thread_id == (msg.thread_id or msg.id),
            WebMailMessage.status.in_([int(s) for s in VISIBLE]),
            WebMailMessage.is_hidden.is_(False),
            WebMailMessage.regarding_patient_id.in_(allowed),
        )
        .order_by(WebMailMessage.sent_at, WebMailMessage.id)
    ).scalars()
    session.expire_all()
    views = [message_view(session, m) for m in thread]
    audit.record(
        session,
        actor,
        "portal.message.view",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
    )
    session.commit()
    return views


def attachment(
    session: Session, actor: PortalActor, attachment_id: int
) -> tuple[AttachmentInfo, bytes]:
    att = session.get(Attachment, attachment_id)
    msg = session.get(WebMailMessage, att.message_id) if att else None
    if (
        att is None
        or msg is None
        or msg.is_hidden
        or msg.status not in VISIBLE
        or not scope.in_scope(session, actor.patient_id, msg.regarding_patient_id)
    ):
        raise _not_found(session, actor, "attachment", attachment_id)
    _account(session, actor)
    data = read_attachment(session, att.id)
    audit.record(
        session,
        actor,
        "portal.attachment.download",
        patient_id=msg.regarding_patient_id,
        object_type="attachment",
        object_id=att.id,
    )
    session.commit()
    return AttachmentInfo(att.id, att.display_name, att.content_type, att.size, att.flags), data


def _validate(session: Session, subject: str, body: str) -> None:
    if not subject.strip():
        raise ValidationError("Enter a subject.", "subject")
    if len(subject) > SUBJECT_MAX:
        raise ValidationError(f"The subject is longer than {SUBJECT_MAX} characters.", "subject")
    if not body.strip():
        raise ValidationError("Enter a message.", "body")
    limit = preferences.get(session, preferences.MESSAGE_MAX_CHARS)
    if len(body) > limit:
        raise ValidationError(f"The message is longer than {limit:,} characters.", "body")


def _existing(session: Session, request_id: str) -> int | None:
    return session.execute(
        select(WebMailMessage.id).where(WebMailMessage.client_request_id == request_id)
    ).scalar_one_or_none()


def _store(session: Session, actor: PortalActor, msg: WebMailMessage, action: str) -> int:
    session.add(msg)
    session.flush()
    if msg.thread_id is None:
        msg.thread_id = msg.id
    audit.record(
        session,
        actor,
        action,
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        found = _existing(session, msg.client_request_id or "")
        if found is None:
            raise
        return found
    return msg.id


def reply(
    session: Session, actor: PortalActor, parent_id: int, body: str, client_request_id: str
) -> int:
    """The holder answers a message; it lands in the thread's provider's WebMail Inbox."""
    found = _existing(session, client_request_id)
    if found is not None:
        return found
    parent = _visible_message(session, actor, parent_id)
    subject = reply_subject(parent.subject)
    _validate(session, subject, body)
    msg = WebMailMessage(
        status=int(MessageStatus.WEBMAIL_RECEIVED),
        patient_id=actor.patient_id,
        regarding_patient_id=parent.regarding_patient_id,
        provider_id=parent.provider_id,
        subject=subject,
        body=body,
        sent_at=utcnow(),
        thread_id=parent.thread_id or parent.id,
        parent_id=parent.id,
        sender_portal_account_id=actor.account_id,
        client_request_id=client_request_id,
    )
    return _store(session, actor, msg, "portal.message.reply")


def compose(
    session: Session,
    actor: PortalActor,
    regarding_patient_id: int,
    subject: str,
    body: str,
    client_request_id: str,
) -> int:
    """A new message to the primary provider of the patient it is about."""
    found = _existing(session, client_request_id)
    if found is not None:
        return found
    _account(session, actor)
    if not scope.in_scope(session, actor.patient_id, regarding_patient_id):
        raise _not_found(session, actor, "patient", regarding_patient_id)
    regarding = session.get(Patient, regarding_patient_id)
    assert regarding is not None
    _validate(session, subject, body)
    msg = WebMailMessage(
        status=int(MessageStatus.WEBMAIL_RECEIVED),
        patient_id=actor.patient_id,
        regarding_patient_id=regarding.id,
        provider_id=regarding.primary_provider_id,
        subject=subject.strip(),
        body=body,
        sent_at=utcnow(),
        sender_portal_account_id=actor.account_id,
        client_request_id=client_request_id,
    )
    return _store(session, actor, msg, "portal.message.compose")
