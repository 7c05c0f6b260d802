"""Paged listings for the lazy Qt models: a provider's WebMail Inbox, Sent and Drafts, and a
patient's messages in the Chart module. Ids first (one indexed query), rows by id after."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from opendesk.core import permissions
from opendesk.core.actors import StaffActor
from opendesk.core.enums import MessageStatus
from opendesk.core.models import Patient, Provider, WebMailMessage
from opendesk.core.text import search_key


class Mailbox(StrEnum):
    INBOX = "inbox"
    SENT = "sent"
    DRAFTS = "drafts"


BOX_STATUSES = {
    Mailbox.INBOX: (MessageStatus.WEBMAIL_RECEIVED, MessageStatus.WEBMAIL_RECD_READ),
    Mailbox.SENT: (MessageStatus.WEBMAIL_SENT, MessageStatus.WEBMAIL_SENT_READ),
    Mailbox.DRAFTS: (MessageStatus.UNSENT,),
}


class SortKey(StrEnum):
    DATE = "date"
    SUBJECT = "subject"
    PATIENT = "patient"


@dataclass(frozen=True)
class MailboxFilter:
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    unread_only: bool = False
    hidden: bool = False  # show the hidden messages instead of the visible ones


@dataclass(frozen=True)
class MessageRow:
    """One line of a message list."""

    id: int
    status: MessageStatus
    when: datetime  # sent time, or last edit for drafts
    patient_name: str  # the account holder it went to / came from
    regarding_name: str
    provider_abbr: str
    subject: str
    has_attachments: bool
    read_at: datetime | None
    is_hidden: bool

    @property
    def unread(self) -> bool:
        return self.status in (MessageStatus.WEBMAIL_RECEIVED, MessageStatus.WEBMAIL_SENT)


def _box_query(provider_id: int, box: Mailbox, flt: MailboxFilter) -> Select[int]:
    query = select(WebMailMessage.id).where(
        WebMailMessage.provider_id == provider_id,
        WebMailMessage.status.in_([int(s) for s in BOX_STATUSES[box]]),
        WebMailMessage.is_hidden.is_(flt.hidden),
    )
    return _filtered(query, flt)


def _filtered(query: Select[int], flt: MailboxFilter) -> Select[int]:
    if flt.unread_only:
        query = query.where(
            WebMailMessage.status.in_(
                [int(MessageStatus.WEBMAIL_RECEIVED), int(MessageStatus.WEBMAIL_SENT)]
            )
        )
    if flt.date_from:
        query = query.where(
            WebMailMessage.sent_at >= datetime.combine(flt.date_from, datetime.min.time())
        )
    if flt.date_to:
        query = query.where(
            WebMailMessage.sent_at
            < datetime.combine(flt.date_to + timedelta(days=1), datetime.min.time())
        )
    text = flt.text.strip()
    if text:
        like = f"%{text.replace('%', '').replace('_', '')}%"
        key = f"%{search_key(text)}%"
        regarding = aliased(Patient)
        query = query.join(regarding, regarding.id == WebMailMessage.regarding_patient_id).where(
            or_(
                WebMailMessage.subject.ilike(like),
                WebMailMessage.body.ilike(like),
                regarding.last_name_key.like(key),
                regarding.first_name_key.like(key),
            )
        )
    return query


def _sorted(query: Select[int], sort: SortKey, descending: bool) -> Select[int]:
    if sort == SortKey.SUBJECT:
        cols = [WebMailMessage.subject, WebMailMessage.id]
    elif sort == SortKey.PATIENT:
        regarding = aliased(Patient)
        query = query.join(regarding, regarding.id == WebMailMessage.regarding_patient_id)
        cols = [regarding.last_name_key, regarding.first_name_key, WebMailMessage.id]
    else:
        cols = [WebMailMessage.sent_at, WebMailMessage.id]
    return query.order_by(*[c.desc() if descending else c.asc() for c in cols])


def mailbox_ids(
    session: Session,
    actor: StaffActor,
    provider_id: int,
    box: Mailbox,
    flt: MailboxFilter = MailboxFilter(),
    sort: SortKey = SortKey.DATE,
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[int]:
    """One page of message ids for a provider's mailbox the actor may work in."""
    permissions.require_inbox(session, actor, provider_id)
    query = _sorted(_box_query(provider_id, box, flt), sort, descending)
    return list(session.execute(query.offset(offset).limit(limit)).scalars())


def mailbox_count(
    session: Session,
    actor: StaffActor,
    provider_id: int,
    box: Mailbox,
    flt: MailboxFilter = MailboxFilter(),
) -> int:
    permissions.require_inbox(session, actor, provider_id)
    sub = _box_query(provider_id, box, flt).subquery()
    return int(session.execute(select(func.count()).select_from(sub)).scalar_one())


def chart_ids(
    session: Session, actor: StaffActor, patient_id: int, offset: int = 0, limit: int = 200
) -> list[int]:
    """A patient's sent and received web mails (regarding that patient), newest first."""
    permissions.acting_user(session, actor)
    query = (
        select(WebMailMessage.id)
        .where(
            WebMailMessage.regarding_patient_id == patient_id,
            WebMailMessage.status != int(MessageStatus.UNSENT),
            WebMailMessage.is_hidden.is_(False),
        )
        .order_by(WebMailMessage.sent_at.desc(), WebMailMessage.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(session.execute(query).scalars())


def message_rows(session: Session, ids: list[int]) -> list[MessageRow]:
    """Rows for ids (from one of the id queries above), in the order of `ids`."""
    if not ids:
        return []
    holder = aliased(Patient)
    regarding = aliased(Patient)
    query = (
        select(
            WebMailMessage.id,
            WebMailMessage.status,
            WebMailMessage.sent_at,
            WebMailMessage.updated_at,
            WebMailMessage.created_at,
            holder.last_name,
            holder.first_name,
            regarding.last_name,
            regarding.first_name,
            Provider.abbr,
            WebMailMessage.subject,
            WebMailMessage.has_attachments,
            WebMailMessage.read_at,
            WebMailMessage.is_hidden,
        )
        .join(holder, holder.id == WebMailMessage.patient_id)
        .join(regarding, regarding.id == WebMailMessage.regarding_patient_id)
        .join(Provider, Provider.id == WebMailMessage.provider_id)
        .where(WebMailMessage.id.in_(ids))
    )
    rows = {}
    for r in session.execute(query):
        rows[r[0]] = MessageRow(
            id=r[0],
            status=MessageStatus(r[1]),
            when=r[2] or r[3] or r[4],
            patient_name=f"{r[5]}, {r[6]}",
            regarding_name=f"{r[7]}, {r[8]}",
            provider_abbr=r[9],
            subject=r[10],
            has_attachments=bool(r[11]),
            read_at=r[12],
            is_hidden=bool(r[13]),
        )
    return [rows[i] for i in ids if i in rows]
