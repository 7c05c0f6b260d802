"""Staff-side WebMail, the reading side: who may read a message (one rule,
`visible_message`), open it (marks it read), preview it, its thread, mark it unread, hide and
restore it, and its attachments. Every read and every refusal is audited."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from opendesk.core import audit, permissions
from opendesk.core.actors import StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.models import (
    Attachment,
    Audience,
    Patient,
    Provider,
    User,
    WebMailMessage,
    patient_name,
)
from opendesk.core.services import attachment_scan, closed_loop, message_settings
from opendesk.core.services.message_settings import MessageSettings


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
    settings: MessageSettings = field(default_factory=MessageSettings)  # deliver at, reply, unread
    is_auto_reply: bool = False  # the practice's automatic after-hours reply (closed loop)

    @property
    def from_practice(self) -> bool:
        return self.status.is_from_practice or self.status in _NOT_DELIVERED


_NOT_DELIVERED = (MessageStatus.UNSENT, MessageStatus.SCHEDULED)


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
        settings=message_settings.of(msg),
        is_auto_reply=bool(msg.is_auto_reply),
    )


class Need(Enum):
    """What the caller does with a message: work it in an inbox (open and mark read, reply,
    mark unread) or read it (the Chart module, the thread, an attachment, hide/restore)."""

    INBOX = "inbox"
    READ = "read"


NOT_YOURS_TO_READ = (
    "read this message: it belongs to another provider's WebMail. Only a user linked to that "
    "provider, a user with InboxDelegate for them, or a user with WebMail read any may read it"
)


def visible_message(
    session: Session, actor: StaffActor, message_id: int, need: Need
) -> WebMailMessage:
    """The message when the actor may use it for `need`; otherwise an audited refusal. The one
    access rule of the staff side: the author of a draft may always open it; another user's
    draft and every inbox action need the message's provider's inbox (linked or InboxDelegate);
    reading needs `permissions.can_read_webmail` (those, or WebMail read any). A message in the
    closed loop may also be used by whoever may work on it (its team's members, its owner)."""
    user = permissions.acting_user(session, actor)
    msg = session.get(WebMailMessage, message_id)
    if msg is None:
        raise NotFound("That message no longer exists.")
    if msg.status in _NOT_DELIVERED:  # a draft or a scheduled message: its author, the inbox
        if msg.author_user_id == user.id:
            return msg
        need = Need.INBOX
    if msg.loop_state is not None and closed_loop.may_work(session, user, msg):
        return msg  # a team member or the owner works on it (docs/CLOSED_LOOP.md)
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
    msg = visible_message(session, actor, message_id, Need.READ if from_chart else Need.INBOX)
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
    the draft (`visible_message` with Need.INBOX)."""
    msg = visible_message(session, actor, message_id, Need.INBOX)
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
    msg = visible_message(session, actor, message_id, Need.READ)
    thread = msg.thread_id or msg.id
    rows = session.execute(
        select(WebMailMessage)
        .where(
            WebMailMessage.thread_id == thread,
            WebMailMessage.status.notin_([MessageStatus.UNSENT, MessageStatus.SCHEDULED]),
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
    msg = visible_message(session, actor, message_id, Need.INBOX)
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
    msg = visible_message(session, actor, message_id, Need.READ)
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
    msg = visible_message(session, actor, att.message_id, Need.READ)
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
