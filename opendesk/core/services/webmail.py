"""Staff-side WebMail: drafts, send, reply, open (mark read), mark unread, hide and restore.

Send is one transaction: the message, its attachments, the notification outbox row and the
audit row commit together or not at all. A client request id makes a retried send (after a
timeout or a lost connection) return the message the first try made instead of a second one.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum

from sqlalchemy import select, update
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
    Attachment,
    Audience,
    OutboxNotice,
    Patient,
    Provider,
    User,
    WebMailMessage,
    patient_name,
)
from opendesk.core.notices import render_notice
from opendesk.core.services import attachment_scan, closed_loop
from opendesk.core.services.attachment_scan import NewAttachment as NewAttachment
from opendesk.core.services.compose import receiving_holder, send_problems
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


@dataclass(frozen=True)
class SendResult:
    message_id: int
    notice_id: int | None
    duplicate: bool = False  # a retry of a send that had already committed


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    name: str
    content_type: str
    size: int
    flags: str
    scan_status: str = attachment_scan.CLEAN

    @property
    def not_scanned(self) -> bool:
        """Stored while the malware scanner did not answer (or before scanning existed)."""
        return self.scan_status == attachment_scan.NOT_SCANNED


@dataclass(frozen=True)
class MessageView:
    """A message as the UIs show it: plain data, never a live ORM object."""

    id: int
    status: MessageStatus
    patient_id: int
    patient_name: str
    regarding_patient_id: int
    regarding_name: str
    provider_id: int
    provider_name: str
    subject: str
    body: str
    created_at: datetime
    sent_at: datetime | None
    read_at: datetime | None
    thread_id: int | None
    parent_id: int | None
    is_hidden: bool
    sender_username: str = ""
    attachments: tuple[AttachmentInfo, ...] = field(default_factory=tuple)

    @property
    def from_practice(self) -> bool:
        return self.status.is_from_practice or self.status == MessageStatus.UNSENT


def _name(p: Patient | None, audience: Audience = "staff") -> str:
    return patient_name(p.last_name, p.first_name, audience) if p else ""


def message_view(
    session: Session, msg: WebMailMessage, audience: Audience = "staff"
) -> MessageView:
    """The message as `audience` reads it: names "Last, First" for staff, "First Last" in
    the patient portal."""
    provider = session.get(Provider, msg.provider_id)
    sender = session.get(User, msg.sender_user_id) if msg.sender_user_id else None
    return MessageView(
        id=msg.id,
        status=MessageStatus(msg.status),
        patient_id=msg.patient_id,
        patient_name=_name(session.get(Patient, msg.patient_id), audience),
        regarding_patient_id=msg.regarding_patient_id,
        regarding_name=_name(session.get(Patient, msg.regarding_patient_id), audience),
        provider_id=msg.provider_id,
        provider_name=provider.display_name if provider else "",
        subject=msg.subject,
        body=msg.body,
        created_at=msg.created_at,
        sent_at=msg.sent_at,
        read_at=msg.read_at,
        thread_id=msg.thread_id,
        parent_id=msg.parent_id,
        is_hidden=msg.is_hidden,
        sender_username=sender.username if sender else "",
        attachments=tuple(
            AttachmentInfo(a.id, a.display_name, a.content_type, a.size, a.flags, a.scan_status)
            for a in msg.attachments
        ),
    )


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


def _load_draft(session: Session, user: User, draft_id: int) -> WebMailMessage:
    draft = session.get(WebMailMessage, draft_id)
    if draft is None or draft.status != MessageStatus.UNSENT or draft.is_hidden:
        raise NotFound("The draft no longer exists (it was sent or deleted).")
    if draft.author_user_id != user.id and not permissions.can_work_inbox(user, draft.provider_id):
        raise NotFound("The draft no longer exists (it was sent or deleted).")
    return draft


def _apply(session: Session, actor: StaffActor, msg: WebMailMessage, out: Outgoing) -> None:
    """Write the compose window's content into `msg`, attachments included (`out`'s new
    attachments have been through `attachment_scan.scan_new`)."""
    msg.regarding_patient_id = out.regarding_patient_id
    msg.provider_id = out.provider_id
    msg.subject = out.subject
    msg.body = out.body
    msg.updated_at = utcnow()
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
    if out.draft_id:
        msg = _load_draft(session, user, out.draft_id)
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
        return SendResult(existing.id, _notice_id(session, existing.id), duplicate=True)
    if not out.client_request_id:
        raise ValueError("a send needs a client request id")
    user = permissions.require(
        session, actor, Permission.WEBMAIL_SEND, patient_id=out.regarding_patient_id
    )
    authoriser = authorise_send(session, actor, user, out.provider_id, provider_password)
    validate_text(session, out.subject, out.body)
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
    msg.status = MessageStatus.WEBMAIL_SENT
    msg.patient_id = recipient.id
    msg.sender_user_id = user.id
    msg.sent_at = utcnow()
    msg.client_request_id = out.client_request_id
    session.flush()
    if msg.thread_id is None:
        msg.thread_id = msg.id
    row = _queue_notice(session, msg, recipient)
    closed_loop.close_by_reply(session, actor, msg, out.keep_open)
    audit.record(
        session,
        actor,
        "webmail.send",
        patient_id=regarding.id,
        object_type="webmail",
        object_id=msg.id,
        detail=(
            f"recipient={recipient.id} attachments={len(msg.attachments)}"
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
    return SendResult(msg.id, row.id)


def _queue_notice(session: Session, msg: WebMailMessage, recipient: Patient) -> OutboxNotice:
    """The notification e-mail of a send, in the outbox (the worker delivers it)."""
    notice = render_notice(session, recipient)
    row = OutboxNotice(
        message_id=msg.id,
        kind="webmail",
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
        select(OutboxNotice.id).where(OutboxNotice.message_id == message_id).limit(1)
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
    parent = _visible(session, actor, parent_id, Need.INBOX)
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


class Need(Enum):
    """What the caller does with a message: work it in an inbox (open and mark read, reply,
    mark unread) or read it (the Chart module, the thread, an attachment, hide/restore)."""

    INBOX = "inbox"
    READ = "read"


NOT_YOURS_TO_READ = (
    "read this message: it belongs to another provider's WebMail. Only a user linked to that "
    "provider, a user with InboxDelegate for them, or a user with WebMail read any may read it"
)


def _visible(session: Session, actor: StaffActor, message_id: int, need: Need) -> WebMailMessage:
    """The message when the actor may use it for `need`; otherwise an audited refusal. The one
    access rule of the staff side: the author of a draft may always open it; another user's
    draft and every inbox action need the message's provider's inbox (linked or InboxDelegate);
    reading needs `permissions.can_read_webmail` (those, or WebMail read any)."""
    user = permissions.acting_user(session, actor)
    msg = session.get(WebMailMessage, message_id)
    if msg is None:
        raise NotFound("That message no longer exists.")
    if msg.status == MessageStatus.UNSENT:
        if msg.author_user_id == user.id:
            return msg
        need = Need.INBOX
    if need == Need.INBOX and not permissions.can_work_inbox(user, msg.provider_id):
        what = "open messages in this provider's inbox"
    elif need == Need.READ and not permissions.can_read_webmail(user, msg.provider_id):
        what = NOT_YOURS_TO_READ
    else:
        return msg
    raise permissions.deny(
        session,
        actor,
        what,
        detail=f"webmail={message_id} need={need.value}",
        patient_id=msg.regarding_patient_id,
    )


def open_message(
    session: Session, actor: StaffActor, message_id: int, *, from_chart: bool = False
) -> MessageView:
    """Show a message (audited). Opened from the inbox, a received message becomes read
    (Open Dental's WebMailRecdRead); opened from the Chart module it does not."""
    msg = _visible(session, actor, message_id, Need.READ if from_chart else Need.INBOX)
    if not from_chart and msg.status == MessageStatus.WEBMAIL_RECEIVED:
        # Conditional update: two workstations opening it at once leave one read time.
        session.execute(
            update(WebMailMessage)
            .where(
                WebMailMessage.id == msg.id,
                WebMailMessage.status == MessageStatus.WEBMAIL_RECEIVED,
            )
            .values(status=MessageStatus.WEBMAIL_RECD_READ, read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        session.refresh(msg)
    audit.record(
        session,
        actor,
        "webmail.view",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
        detail="chart" if from_chart else "inbox",
    )
    view = message_view(session, msg)
    session.commit()
    return view


def preview_message(session: Session, actor: StaffActor, message_id: int) -> MessageView:
    """The inbox's preview pane: the message, read-only. Unlike `open_message` it never marks a
    received message read (selecting a row while arrowing through the list is not reading it;
    the double-click that opens the message window is). Audited as a view ("webmail.preview"),
    with the inbox's access rule: the actor works in the message's provider's inbox, or wrote
    the draft (`_visible` with Need.INBOX)."""
    msg = _visible(session, actor, message_id, Need.INBOX)
    audit.record(
        session,
        actor,
        "webmail.preview",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
    )
    view = message_view(session, msg)
    session.commit()
    return view


def thread_of(session: Session, actor: StaffActor, message_id: int) -> list[MessageView]:
    """The sent and received messages of a message's thread, oldest first (drafts left out)."""
    msg = _visible(session, actor, message_id, Need.READ)
    thread = msg.thread_id or msg.id
    rows = session.execute(
        select(WebMailMessage)
        .where(
            WebMailMessage.thread_id == thread,
            WebMailMessage.status != MessageStatus.UNSENT,
            WebMailMessage.is_hidden.is_(False),
        )
        .order_by(WebMailMessage.sent_at, WebMailMessage.id)
    ).scalars()
    views = [message_view(session, m) for m in rows]
    audit.record(
        session,
        actor,
        "webmail.thread.view",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=thread,
    )
    session.commit()
    return views


def mark_unread(session: Session, actor: StaffActor, message_id: int) -> None:
    msg = _visible(session, actor, message_id, Need.INBOX)
    if msg.status != MessageStatus.WEBMAIL_RECD_READ:
        raise ValidationError("Only a received message that was read can be marked unread.")
    msg.status = MessageStatus.WEBMAIL_RECEIVED
    msg.read_at = None
    msg.updated_at = utcnow()
    audit.record(
        session,
        actor,
        "webmail.mark_unread",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
    )
    session.commit()


def set_hidden(session: Session, actor: StaffActor, message_id: int, hidden: bool) -> None:
    """Hide (or restore) a message: it stays in the database (WebMailDelete permission)."""
    msg = _visible(session, actor, message_id, Need.READ)
    permissions.require(
        session, actor, Permission.WEBMAIL_DELETE, patient_id=msg.regarding_patient_id
    )
    msg.is_hidden = hidden
    msg.hidden_at = utcnow() if hidden else None
    msg.hidden_by_user_id = actor.user_id if hidden else None
    audit.record(
        session,
        actor,
        "webmail.hide" if hidden else "webmail.restore",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
    )
    session.commit()


def attachment_content(
    session: Session, actor: StaffActor, attachment_id: int
) -> tuple[AttachmentInfo, bytes]:
    """An attachment's bytes for the message view's Open/Save (audited as a download)."""
    from opendesk.core.blobs import read_attachment

    att = session.get(Attachment, attachment_id)
    if att is None:
        raise NotFound("That attachment no longer exists.")
    msg = _visible(session, actor, att.message_id, Need.READ)
    data = read_attachment(session, att.id)
    audit.record(
        session,
        actor,
        "attachment.download",
        patient_id=msg.regarding_patient_id,
        object_type="attachment",
        object_id=att.id,
    )
    session.commit()
    info = AttachmentInfo(
        att.id, att.display_name, att.content_type, att.size, att.flags, att.scan_status
    )
    return info, data
