"""Staff-side WebMail: drafts, send and reply (the reading side, re-exported here, is in
`webmail_reading`).

Send is one transaction: the message, its attachments, the notification outbox row and the
audit row commit together or not at all. A client request id makes a retried send (after a
timeout or a lost connection) return the message the first try made instead of a second one.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from opendesk.core import audit, permissions, preferences
from opendesk.core.actors import StaffActor
from opendesk.core.blobs import store_attachment
from opendesk.core.clock import utcnow
from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.file_names import (
    Limits,
    check_file_size,
    check_message_total,
    require_clean_name,
)
from opendesk.core.models import (
    OutboxNotice,
    Patient,
    User,
    WebMailMessage,
)
from opendesk.core.notices import render_notice
from opendesk.core.services import attachment_scan, closed_loop, message_settings
from opendesk.core.services.attachment_scan import NewAttachment as NewAttachment
from opendesk.core.services.compose import receiving_holder, send_problems
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.provider_password import (
    ProviderPasswordLocked as ProviderPasswordLocked,
)
from opendesk.core.services.provider_password import (
    ProviderPasswordRequired as ProviderPasswordRequired,
)
from opendesk.core.services.provider_password import (
    WrongProviderPassword as WrongProviderPassword,
)
from opendesk.core.services.provider_password import authorise_send
from opendesk.core.services.webmail_reading import (
    NOT_YOURS_TO_READ as NOT_YOURS_TO_READ,
)
from opendesk.core.services.webmail_reading import (
    AttachmentInfo as AttachmentInfo,
)
from opendesk.core.services.webmail_reading import (
    MessageView as MessageView,
)
from opendesk.core.services.webmail_reading import (
    Need as Need,
)
from opendesk.core.services.webmail_reading import (
    attachment_content as attachment_content,
)
from opendesk.core.services.webmail_reading import (
    mark_unread as mark_unread,
)
from opendesk.core.services.webmail_reading import (
    message_view as message_view,
)
from opendesk.core.services.webmail_reading import (
    open_message as open_message,
)
from opendesk.core.services.webmail_reading import (
    preview_message as preview_message,
)
from opendesk.core.services.webmail_reading import (
    set_hidden as set_hidden,
)
from opendesk.core.services.webmail_reading import (
    thread_of as thread_of,
)
from opendesk.core.services.webmail_reading import (
    visible_message as visible_message,
)
from opendesk.core.text import storable

SUBJECT_MAX = 200
NUL_TEXT = "The text holds a NUL character, which cannot be stored. Remove it and try again."


@dataclass(frozen=True)
class Outgoing:
    """What the compose window holds. `draft_id` when it was opened from Drafts;
    `keep_attachment_ids` the draft's stored attachments still attached."""

    regarding_patient_id: int
    provider_id: int
    subject: str
    body: str
    client_request_id: str
    attachments: tuple[NewAttachment, ...] = ()
    draft_id: int | None = None
    keep_attachment_ids: tuple[int, ...] = ()
    thread_id: int | None = None
    parent_id: int | None = None
    recipient_patient_id: int | None = None  # the account holder; None: found from Regarding
    keep_open: bool = False  # a reply closes the thread's open patient messages unless set
    settings: MessageSettings = field(default_factory=MessageSettings)  # deliver at, reply, unread


@dataclass(frozen=True)
class SendResult:
    message_id: int
    notice_id: int | None
    duplicate: bool = False  # a retry of a send that had already committed
    scheduled_for: datetime | None = None  # stored as scheduled: released at this time


def validate_text(session: Session, subject: str, body: str) -> None:
    """The rules for a message's subject and body, from the desktop or the portal."""
    if not storable(subject) or not storable(body):
        raise ValidationError(NUL_TEXT, "body")
    if not subject.strip():
        raise ValidationError("Enter a subject.", "subject")
    if len(subject) > SUBJECT_MAX:
        raise ValidationError(f"The subject is longer than {SUBJECT_MAX} characters.", "subject")
    if not body.strip():
        raise ValidationError("Enter a message.", "body")
    limit = preferences.get(session, preferences.MESSAGE_MAX_CHARS)
    if len(body) > limit:
        raise ValidationError(f"The message is longer than {limit:,} characters.", "body")


def _validate_attachments(session: Session, out: Outgoing, kept_bytes: int) -> None:
    validate_attachments(session, out.attachments, kept_bytes)


def validate_attachments(
    session: Session, attachments: tuple[NewAttachment, ...], kept_bytes: int = 0
) -> None:
    """The shared name and size rules (`core.file_names`) once more: a name the rules would
    change (it did not pass them) or a size they refuse is refused. `kept_bytes`: what the
    message already carries. The portal's reply and compose use it too."""
    limits = Limits.from_preferences(session)
    for att in attachments:
        check_file_size(require_clean_name(att.name), len(att.data), limits)
    check_message_total(kept_bytes + sum(len(a.data) for a in attachments), limits)


def _existing_by_request(session: Session, request_id: str) -> WebMailMessage | None:
    if not request_id:
        return None
    return session.execute(
        select(WebMailMessage).where(WebMailMessage.client_request_id == request_id)
    ).scalar_one_or_none()


GONE = "The draft no longer exists (it was sent or deleted)."
DELIVERED = "The scheduled message was delivered (or cancelled) meanwhile; see Sent or Drafts."


def _hold_scheduled(session: Session, message_id: int) -> bool:
    """Take the row of a scheduled message for this transaction before changing it: a
    conditional UPDATE, so the outbox worker's release (also conditional) either went first
    (False) or waits for this commit and then sees the new state."""
    result = session.execute(
        update(WebMailMessage)
        .where(
            WebMailMessage.id == message_id,
            WebMailMessage.status == int(MessageStatus.SCHEDULED),
        )
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(_rowcount(result))


def _rowcount(result: object) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0


def _load_draft(session: Session, user: User, draft_id: int) -> WebMailMessage:
    """A draft, or a scheduled message being edited (held against the worker's release)."""
    draft = session.get(WebMailMessage, draft_id)
    if draft is not None and draft.status == MessageStatus.SCHEDULED:
        if not _hold_scheduled(session, draft_id):
            raise NotFound(DELIVERED)
        session.refresh(draft)
    if draft is None or draft.status not in _EDITABLE or draft.is_hidden:
        raise NotFound(GONE)
    if draft.author_user_id != user.id and not permissions.can_work_inbox(user, draft.provider_id):
        raise NotFound(GONE)
    return draft


_EDITABLE = (MessageStatus.UNSENT, MessageStatus.SCHEDULED)


def _apply(session: Session, actor: StaffActor, msg: WebMailMessage, out: Outgoing) -> None:
    """Write the compose window's content into `msg`, attachments included (`out`'s new
    attachments have been through `attachment_scan.scan_new`)."""
    msg.regarding_patient_id = out.regarding_patient_id
    msg.provider_id = out.provider_id
    msg.subject = out.subject
    msg.body = out.body
    msg.updated_at = utcnow()
    message_settings.apply(msg, out.settings)
    session.flush()
    kept = set(out.keep_attachment_ids)
    for stored in list(msg.attachments):
        if stored.id not in kept:
            session.delete(stored)
    session.flush()
    session.expire(msg, ["attachments"])
    _validate_attachments(session, out, sum(a.size for a in msg.attachments))
    added = [
        store_attachment(
            session, msg, new.name, new.content_type, new.data, new.flags, new.scan_status
        )
        for new in out.attachments
    ]
    attachment_scan.audit_not_scanned(session, actor, added, out.regarding_patient_id)
    msg.has_attachments = bool(msg.attachments)


def _scanned(session: Session, actor: StaffActor, out: Outgoing) -> Outgoing:
    """`out` with its new attachments scanned for malware, before anything is written."""
    if not out.attachments:
        return out
    files = attachment_scan.scan_new(
        session, actor, out.attachments, patient_id=out.regarding_patient_id
    )
    return replace(out, attachments=tuple(files))


def save_draft(session: Session, actor: StaffActor, out: Outgoing) -> int:
    """Any user may save a draft; only a provider sends it. Returns the draft id."""
    user = permissions.acting_user(session, actor)
    out = _scanned(session, actor, out)  # before any write: a refusal writes only its audit
    was_scheduled = False
    if out.draft_id:
        msg = _load_draft(session, user, out.draft_id)
        was_scheduled = msg.status == MessageStatus.SCHEDULED
        msg.status = MessageStatus.UNSENT  # a saved edit of a scheduled message is a draft
        msg.sent_at = None
    else:
        regarding = session.get(Patient, out.regarding_patient_id)
        if regarding is None:
            raise NotFound("The patient no longer exists.")
        msg = WebMailMessage(
            status=MessageStatus.UNSENT,
            patient_id=out.recipient_patient_id or regarding.id,
            author_user_id=user.id,
            thread_id=out.thread_id,
            parent_id=out.parent_id,
        )
        session.add(msg)
    if not out.subject.strip() and not out.body.strip():
        raise ValidationError("The draft is empty.", "body")
    _apply(session, actor, msg, out)
    session.flush()
    audit.record(
        session,
        actor,
        "webmail.draft.save",
        patient_id=out.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
        detail="was scheduled" if was_scheduled else "",
    )
    session.commit()
    return msg.id


def delete_draft(session: Session, actor: StaffActor, draft_id: int) -> None:
    user = permissions.acting_user(session, actor)
    draft = _load_draft(session, user, draft_id)
    patient_id = draft.regarding_patient_id
    session.delete(draft)
    audit.record(
        session,
        actor,
        "webmail.draft.delete",
        patient_id=patient_id,
        object_type="webmail",
        object_id=draft_id,
    )
    session.commit()


def send(
    session: Session,
    actor: StaffActor,
    out: Outgoing,
    provider_password: str | None = None,
) -> SendResult:
    """Send a secure message (new, from a draft, or a reply) and queue its notice."""
    existing = _existing_by_request(session, out.client_request_id)
    if existing is not None and existing.status != MessageStatus.UNSENT:
        waiting = existing.status == MessageStatus.SCHEDULED
        return SendResult(
            existing.id,
            _notice_id(session, existing.id),
            duplicate=True,
            scheduled_for=existing.deliver_at if waiting else None,
        )
    if not out.client_request_id:
        raise ValueError("a send needs a client request id")
    user = permissions.require(
        session, actor, Permission.WEBMAIL_SEND, patient_id=out.regarding_patient_id
    )
    authoriser = authorise_send(session, actor, user, out.provider_id, provider_password)
    validate_text(session, out.subject, out.body)
    message_settings.validate(session, out.settings)
    problems = send_problems(
        session, out.regarding_patient_id, out.provider_id, out.recipient_patient_id
    )
    if problems:
        raise ValidationError(problems[0])
    regarding = session.get(Patient, out.regarding_patient_id)
    assert regarding is not None  # send_problems checked it
    recipient = receiving_holder(session, regarding, out.recipient_patient_id)
    assert recipient is not None  # send_problems checked it
    out = _scanned(session, actor, out)  # before any write: a refusal writes only its audit

    if out.draft_id:
        msg = _load_draft(session, user, out.draft_id)
    else:
        msg = WebMailMessage(
            patient_id=recipient.id,
            author_user_id=user.id,
            thread_id=out.thread_id,
            parent_id=out.parent_id,
        )
        session.add(msg)
    _apply(session, actor, msg, out)
    deliver_at = out.settings.deliver_at
    msg.patient_id = recipient.id
    msg.sender_user_id = user.id
    msg.client_request_id = out.client_request_id
    if deliver_at is None:
        msg.status = MessageStatus.WEBMAIL_SENT
        message_settings.delivered(msg, utcnow())
    else:  # the outbox worker releases it (core.services.scheduled); sent_at orders the box
        msg.status = MessageStatus.SCHEDULED
        msg.sent_at = deliver_at
    session.flush()
    if msg.thread_id is None:
        msg.thread_id = msg.id
    row = queue_notice(session, msg, recipient) if deliver_at is None else None
    closed_loop.close_by_reply(session, actor, msg, out.keep_open)
    audit.record(
        session,
        actor,
        "webmail.send" if deliver_at is None else "webmail.schedule",
        patient_id=regarding.id,
        object_type="webmail",
        object_id=msg.id,
        detail=(
            f"recipient={recipient.id} attachments={len(msg.attachments)}"
            + _settings_detail(out.settings)
            + (
                ""
                if authoriser.id == user.id
                else f" authorised_by_user={authoriser.id} ({authoriser.username})"
            )
        ),
    )
    try:
        session.commit()
    except IntegrityError:
        # Another try with the same request id committed first: that one is the message.
        session.rollback()
        again = _existing_by_request(session, out.client_request_id)
        if again is None:
            raise
        return SendResult(again.id, _notice_id(session, again.id), duplicate=True)
    return SendResult(msg.id, row.id if row else None, scheduled_for=deliver_at)


def _settings_detail(settings: MessageSettings) -> str:
    """The message settings in the send's audit row (no PHI: times and numbers)."""
    text = ""
    if settings.deliver_at is not None:
        text += f" deliver_at={settings.deliver_at.isoformat(timespec='minutes')}"
    if not settings.allow_reply:
        text += " allow_reply=no"
    if settings.notify_unread_days:
        text += f" notify_unread_days={settings.notify_unread_days}"
        text += " second_notice=yes" if settings.second_notice else ""
    return text


def queue_notice(
    session: Session, msg: WebMailMessage, recipient: Patient, kind: str = "webmail"
) -> OutboxNotice:
    """The notification e-mail of a send, in the outbox (the worker delivers it); also the
    notice of a released scheduled message and the second notice of an unread one."""
    notice = render_notice(session, recipient)
    row = OutboxNotice(
        message_id=msg.id,
        kind=kind,
        to_address=notice.to_address,
        from_address=notice.from_address,
        subject=notice.subject,
        body_text=notice.body_text,
        body_html=notice.body_html,
        next_attempt_at=msg.sent_at,
    )
    session.add(row)
    return row


def _notice_id(session: Session, message_id: int) -> int | None:
    return session.execute(
        select(OutboxNotice.id)
        .where(OutboxNotice.message_id == message_id)
        .order_by(OutboxNotice.id)
        .limit(1)
    ).scalar_one_or_none()


def reply_subject(subject: str) -> str:
    return subject if subject[:3].upper() == "RE:" else f"RE: {subject}"[:SUBJECT_MAX]


def reply(
    session: Session,
    actor: StaffActor,
    parent_id: int,
    body: str,
    client_request_id: str,
    attachments: tuple[NewAttachment, ...] = (),
    provider_password: str | None = None,
    keep_open: bool = False,
) -> SendResult:
    """Answer a message in the same thread, from the provider the thread belongs to; it
    closes the thread's open patient messages unless `keep_open`."""
    parent = visible_message(session, actor, parent_id, Need.INBOX)
    out = Outgoing(
        regarding_patient_id=parent.regarding_patient_id,
        provider_id=parent.provider_id,
        subject=reply_subject(parent.subject),
        body=body,
        client_request_id=client_request_id,
        attachments=attachments,
        thread_id=parent.thread_id or parent.id,
        parent_id=parent.id,
        recipient_patient_id=parent.patient_id,
        keep_open=keep_open,
    )
    return send(session, actor, out, provider_password)
