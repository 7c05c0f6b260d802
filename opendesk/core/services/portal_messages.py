"""Portal-side WebMail: what a portal account holder reads, replies to and writes.

The holder sees messages regarding every patient in their PHI scope (`core.scope`). An id
outside it answers NotFound — the same as an id that does not exist — and the attempt is
audited. Opening a message from the practice marks it read (Open Dental's WebMailSentRead)."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from opendesk.core import audit, scope
from opendesk.core.actors import PortalActor
from opendesk.core.blobs import read_attachment, store_attachment
from opendesk.core.clock import utcnow
from opendesk.core.db import begin_readonly
from opendesk.core.enums import MessageStatus
from opendesk.core.errors import NotFound, PermissionDenied, ValidationError
from opendesk.core.models import (
    Attachment,
    MessageReason,
    Patient,
    PortalAccount,
    Provider,
    WebMailMessage,
    patient_name,
    provider_name,
)
from opendesk.core.services import attachment_scan, closed_loop, patient_loop
from opendesk.core.services.attachment_scan import NewAttachment
from opendesk.core.services.webmail import (
    AttachmentInfo,
    MessageView,
    message_view,
    reply_subject,
    validate_attachments,
    validate_text,
)
from opendesk.core.text import storable

ID_MAX = 2**63 - 1  # the largest id any of the databases can hold (SQLite: OverflowError above)


def possible_id(value: int) -> bool:
    """Whether `value` can be a row id at all. A number from a URL or a form beyond what the
    database can store must answer NotFound like any other unknown id, not crash the driver."""
    return 0 < value <= ID_MAX


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
    sent_at: datetime | None  # naive UTC; the portal shows it with core.timefmt
    has_attachments: bool


def _account(session: Session, actor: PortalActor) -> PortalAccount:
    account = session.get(PortalAccount, actor.account_id)
    if account is None or not account.is_active or account.patient_id != actor.patient_id:
        raise NotFound("Your portal account is no longer active.")
    return account


_SCOPE_KEY = "opendesk.portal_scope"


def holder_scope(session: Session, actor: PortalActor) -> set[int]:
    """The holder's PHI scope (`core.scope.phi_scope`), worked out once per session: a portal
    request is one session, and its inbox, message and unread-badge reads share the answer
    instead of asking the database again."""
    memo: dict[int, frozenset[int]] = session.info.setdefault(_SCOPE_KEY, {})
    found = memo.get(actor.patient_id)
    if found is None:
        found = memo[actor.patient_id] = frozenset(scope.phi_scope(session, actor.patient_id))
    return set(found)


def _not_found(session: Session, actor: PortalActor, kind: str, object_id: int) -> NotFound:
    session.rollback()
    audit.record(
        session,
        actor,
        f"portal.{kind}.denied",
        object_type=kind,
        object_id=object_id if possible_id(object_id) else None,
        outcome="denied",
        detail="" if possible_id(object_id) else "id out of range",
    )
    session.commit()
    return NotFound(f"That {kind} was not found.")


def _visible_message(
    session: Session, actor: PortalActor, message_id: int, allowed: set[int] | None = None
) -> WebMailMessage:
    _account(session, actor)
    msg = session.get(WebMailMessage, message_id) if possible_id(message_id) else None
    if allowed is None:
        allowed = holder_scope(session, actor)
    if (
        msg is None
        or msg.is_hidden
        or msg.status not in VISIBLE
        or msg.regarding_patient_id not in allowed
    ):
        raise _not_found(session, actor, "message", message_id)
    return msg


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


@dataclass(frozen=True)
class InboxPage:
    rows: list[PortalRow]
    total: int
    unread: int  # from the practice, not yet opened (the menu's badge)


def inbox(session: Session, actor: PortalActor, offset: int = 0, limit: int = 50) -> InboxPage:
    """A page of the holder's messages, newest first, and the total count. The reads run
    without the write lock; the audit row follows in a short transaction of its own."""
    begin_readonly(session)
    _account(session, actor)
    ids = holder_scope(session, actor)
    visible = (
        WebMailMessage.regarding_patient_id.in_(ids),
        WebMailMessage.status.in_([int(s) for s in VISIBLE]),
        WebMailMessage.is_hidden.is_(False),
    )
    total, unread = session.execute(
        select(
            func.count(WebMailMessage.id),
            func.coalesce(
                func.sum(
                    case((WebMailMessage.status == int(MessageStatus.WEBMAIL_SENT), 1), else_=0)
                ),
                0,
            ),
        ).where(*visible)
    ).one()
    found = session.execute(
        select(
            WebMailMessage.id,
            WebMailMessage.status,
            WebMailMessage.subject,
            WebMailMessage.sent_at,
            WebMailMessage.has_attachments,
            Patient.last_name,
            Patient.first_name,
            Provider.first_name,
            Provider.last_name,
            Provider.suffix,
        )
        .join(Patient, Patient.id == WebMailMessage.regarding_patient_id)
        .join(Provider, Provider.id == WebMailMessage.provider_id)
        .where(*visible)
        .order_by(WebMailMessage.sent_at.desc(), WebMailMessage.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    rows = []
    for mid, status, subject, sent_at, attached, last, first, pfirst, plast, suffix in found:
        rows.append(
            PortalRow(
                id=mid,
                from_practice=MessageStatus(status).is_from_practice,
                unread=status == MessageStatus.WEBMAIL_SENT,
                subject=subject,
                regarding_name=patient_name(last, first, "patient"),
                provider_name=provider_name(pfirst, plast, suffix),
                sent_at=sent_at,
                has_attachments=bool(attached),
            )
        )
    session.commit()
    audit.record_read(
        session, actor, "portal.inbox.view", patient_id=actor.patient_id, detail=f"rows={len(rows)}"
    )
    return InboxPage(rows, int(total), int(unread))


def unread_count(session: Session, actor: PortalActor) -> int:
    """Messages from the practice the holder has not opened (the menu's badge). Reads only."""
    begin_readonly(session)
    ids = holder_scope(session, actor)
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
    messages in it up to this one read, with the time the provider will see. Reads run
    without the write lock; marking read and the audit row form one short write."""
    begin_readonly(session)
    allowed = holder_scope(session, actor)
    msg = _visible_message(session, actor, message_id, allowed)
    upto = msg.sent_at
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
    views = [message_view(session, m, "patient") for m in thread]
    unread = [
        v.id
        for v in views
        if v.status == MessageStatus.WEBMAIL_SENT and (upto is None or (v.sent_at or upto) <= upto)
    ]
    session.commit()
    if unread:
        session.execute(
            update(WebMailMessage)
            .where(
                WebMailMessage.id.in_(unread),
                WebMailMessage.status == int(MessageStatus.WEBMAIL_SENT),
            )
            .values(status=int(MessageStatus.WEBMAIL_SENT_READ), read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        # Another reader may have been first: show the read time the database kept.
        kept = dict(
            (i, (st, at))
            for i, st, at in session.execute(
                select(WebMailMessage.id, WebMailMessage.status, WebMailMessage.read_at).where(
                    WebMailMessage.id.in_(unread)
                )
            ).all()
        )
        views = [
            replace(v, status=MessageStatus(kept[v.id][0]), read_at=kept[v.id][1])
            if v.id in kept
            else v
            for v in views
        ]
    if unread:  # marking read and its audit row: one transaction
        audit.record(
            session,
            actor,
            "portal.message.view",
            patient_id=msg.regarding_patient_id,
            object_type="webmail",
            object_id=message_id,
        )
        session.commit()
    else:
        audit.record_read(
            session,
            actor,
            "portal.message.view",
            patient_id=msg.regarding_patient_id,
            object_type="webmail",
            object_id=message_id,
        )
    return views


def attachment(
    session: Session, actor: PortalActor, attachment_id: int
) -> tuple[AttachmentInfo, bytes]:
    begin_readonly(session)
    att = session.get(Attachment, attachment_id) if possible_id(attachment_id) else None
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
    session.commit()
    audit.record_read(
        session,
        actor,
        "portal.attachment.download",
        patient_id=msg.regarding_patient_id,
        object_type="attachment",
        object_id=att.id,
    )
    info = AttachmentInfo(
        att.id, att.display_name, att.content_type, att.size, att.flags, att.scan_status
    )
    return info, data


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
