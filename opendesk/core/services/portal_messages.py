"""Portal-side WebMail: what a portal account holder reads, replies to and writes.

The holder sees messages regarding every patient in their PHI scope (`core.scope`). An id
outside it answers NotFound — the same as an id that does not exist — and the attempt is
audited. Opening a message from the practice marks it read (Open Dental's WebMailSentRead).
The reading side (inbox, thread, attachment download) lives in `portal_reading` and is
available from here too; this module writes (reply, compose)."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from opendesk.core import audit, scope
from opendesk.core.actors import PortalActor
from opendesk.core.blobs import store_attachment
from opendesk.core.clock import utcnow
from opendesk.core.enums import MessageStatus
from opendesk.core.errors import PermissionDenied, ValidationError
from opendesk.core.models import (
    MessageReason,
    Patient,
    WebMailMessage,
    patient_name,
)
from opendesk.core.services import attachment_scan, closed_loop, patient_loop
from opendesk.core.services.attachment_scan import NewAttachment
from opendesk.core.services.portal_reading import (
    ID_MAX,
    VISIBLE,
    InboxPage,
    PortalRow,
    ThreadPage,
    _account,
    _not_found,
    _visible_message,
    attachment,
    holder_scope,
    inbox,
    open_message,
    possible_id,
    thread_page,
    unread_count,
)
from opendesk.core.services.webmail import reply_subject, validate_attachments, validate_text
from opendesk.core.services.webmail_reading import MessageView
from opendesk.core.text import storable

__all__ = [
    "ID_MAX",
    "VISIBLE",
    "InboxPage",
    "PortalRow",
    "ThreadPage",
    "attachment",
    "compose",
    "holder_scope",
    "inbox",
    "open_message",
    "possible_id",
    "reply",
    "scope_patients",
    "thread_page",
    "unread_count",
]


def visible_to_holder(
    session: Session, actor: PortalActor, message_id: int, allowed: set[int] | None = None
) -> WebMailMessage:
    """The message when the holder may see it; otherwise an audited NotFound (the same rule as
    opening it; the conversation's PDF download uses it)."""
    return _visible_message(session, actor, message_id, allowed)


def scope_patients(session: Session, actor: PortalActor) -> list[tuple[int, str]]:
    """The patients the holder may write about: themselves first, then family by name."""
    _account(session, actor)
    ids = holder_scope(session, actor)
    people = session.execute(select(Patient).where(Patient.id.in_(ids))).scalars().all()
    people = sorted(people, key=lambda p: (p.id != actor.patient_id, p.last_name, p.first_name))
    return [(p.id, patient_name(p.last_name, p.first_name, "patient")) for p in people]


NO_REPLIES = (
    "This message does not accept replies. If you need the office, write a new message "
    "from your inbox."
)


class RepliesNotAccepted(PermissionDenied):
    """The practice sent the thread's latest message with "Allow reply" off (issue 22)."""

    def __init__(self) -> None:
        super().__init__(NO_REPLIES)


def accepts_replies(thread: Sequence[MessageView]) -> bool:
    """Whether the holder may answer a thread (oldest first, as `open_message` returns it):
    the practice's latest message in it decides; a thread without one accepts replies."""
    latest = [v for v in thread if v.status.is_from_practice]
    return latest[-1].settings.allow_reply if latest else True


def _thread_accepts_replies(session: Session, parent: WebMailMessage) -> bool:
    """`accepts_replies` from the database: the practice's latest delivered message."""
    allowed = session.execute(
        select(WebMailMessage.allow_reply)
        .where(
            WebMailMessage.thread_id == (parent.thread_id or parent.id),
            WebMailMessage.status.in_(
                [int(MessageStatus.WEBMAIL_SENT), int(MessageStatus.WEBMAIL_SENT_READ)]
            ),
            WebMailMessage.is_hidden.is_(False),
        )
        .order_by(WebMailMessage.sent_at.desc(), WebMailMessage.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return allowed is None or bool(allowed)


def _refuse_reply(session: Session, actor: PortalActor, parent: WebMailMessage) -> None:
    patient_id, parent_id = parent.regarding_patient_id, parent.id
    session.rollback()
    audit.record(
        session,
        actor,
        "portal.message.reply.refused",
        patient_id=patient_id,
        object_type="webmail",
        object_id=parent_id,
        outcome="denied",
        detail="replies not accepted",
    )
    session.commit()
    raise RepliesNotAccepted()


REQUEST_ID_TAKEN = "This form was already used. Reload the page and write your message again."


def _existing(session: Session, actor: PortalActor, request_id: str) -> int | None:
    """The message an earlier try of this form made, so a retry does not send twice. A request
    id another sender used (only a tampered form has one) is refused without saying whose
    message it is: answering with that message's id would tell its number to a stranger."""
    if not storable(request_id):
        raise ValidationError(REQUEST_ID_TAKEN, "request_id")
    row = session.execute(
        select(WebMailMessage.id, WebMailMessage.sender_portal_account_id).where(
            WebMailMessage.client_request_id == request_id
        )
    ).one_or_none()
    if row is None:
        return None
    if row.sender_portal_account_id != actor.account_id:
        raise ValidationError(REQUEST_ID_TAKEN, "request_id")
    return int(row.id)


def _checked_files(
    session: Session,
    actor: PortalActor,
    files: tuple[NewAttachment, ...],
    patient_id: int,
) -> list[NewAttachment]:
    """The patient's files after the service's own size/name check and the malware scan,
    before anything is written (a refusal rolls back and audits)."""
    if not files:
        return []
    validate_attachments(session, files)
    return attachment_scan.scan_new(session, actor, files, patient_id=patient_id)


def _store(
    session: Session,
    actor: PortalActor,
    msg: WebMailMessage,
    action: str,
    files: list[NewAttachment],
    reason: MessageReason | None = None,
    urgent: bool = False,
) -> int:
    """The message, its attachments, its place in the closed loop (due time), the practice's
    after-hours reply when the office is closed, and the audit rows in one transaction."""
    session.add(msg)
    session.flush()
    if msg.thread_id is None:
        msg.thread_id = msg.id
    closed_loop.open_received(session, actor, msg, reason, urgent=urgent)
    patient_loop.after_hours_reply(session, msg)
    stored = [
        store_attachment(session, msg, f.name, f.content_type, f.data, f.flags, f.scan_status)
        for f in files
    ]
    attachment_scan.audit_not_scanned(session, actor, stored, msg.regarding_patient_id)
    audit.record(
        session,
        actor,
        action,
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
        detail=f"attachments={len(stored)}" if stored else "",
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        found = _existing(session, actor, msg.client_request_id or "")
        if found is None:
            raise
        return found
    return msg.id


def reply(
    session: Session,
    actor: PortalActor,
    parent_id: int,
    body: str,
    client_request_id: str,
    attachments: tuple[NewAttachment, ...] = (),
    urgent: bool = False,
) -> int:
    """The holder answers a message; it lands in the thread's provider's WebMail Inbox (and
    team). `attachments` passed the attachment rules in the portal; here they are size-checked
    and scanned for malware before anything is stored. `urgent`: sent anyway after the
    urgent-words warning."""
    found = _existing(session, actor, client_request_id)
    if found is not None:
        return found
    parent = _visible_message(session, actor, parent_id)
    if not _thread_accepts_replies(session, parent):
        _refuse_reply(session, actor, parent)
    subject = reply_subject(parent.subject)
    validate_text(session, subject, body)
    files = _checked_files(session, actor, attachments, parent.regarding_patient_id)
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
        team_id=parent.team_id,  # an answer stays with the team the thread went to
    )
    reason = session.get(MessageReason, parent.reason_id) if parent.reason_id else None
    return _store(session, actor, msg, "portal.message.reply", files, reason, urgent)


def compose(
    session: Session,
    actor: PortalActor,
    regarding_patient_id: int,
    subject: str,
    body: str,
    client_request_id: str,
    attachments: tuple[NewAttachment, ...] = (),
    reason_id: int | None = None,
    urgent: bool = False,
) -> int:
    """A new message to the primary provider of the patient it is about, or where the chosen
    reason routes it (core.services.closed_loop); attachments as in `reply`. `urgent`: sent
    anyway after the urgent-words warning."""
    found = _existing(session, actor, client_request_id)
    if found is not None:
        return found
    _account(session, actor)
    if not possible_id(regarding_patient_id) or not scope.in_scope(
        session, actor.patient_id, regarding_patient_id
    ):
        raise _not_found(session, actor, "patient", regarding_patient_id)
    regarding = session.get(Patient, regarding_patient_id)
    assert regarding is not None
    validate_text(session, subject, body)
    reason = closed_loop.active_reason(session, reason_id)
    provider_id, team_id = closed_loop.route(session, reason, regarding)
    files = _checked_files(session, actor, attachments, regarding.id)
    msg = WebMailMessage(
        status=int(MessageStatus.WEBMAIL_RECEIVED),
        patient_id=actor.patient_id,
        regarding_patient_id=regarding.id,
        provider_id=provider_id,
        team_id=team_id,
        subject=subject.strip(),
        body=body,
        sent_at=utcnow(),
        sender_portal_account_id=actor.account_id,
        client_request_id=client_request_id,
    )
    return _store(session, actor, msg, "portal.message.compose", files, reason, urgent)
