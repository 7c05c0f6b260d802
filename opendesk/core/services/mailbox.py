"""Paged listings for the lazy Qt models: a provider's WebMail Inbox, Sent, All and Drafts,
a provider's notifications, and a patient's messages in the Chart module. Ids first (indexed
queries), rows by id after.

Date order, the default, is keyset-paged and fast at any depth: a mailbox holds several
statuses (Inbox: received and received-read) and no single index gives their union in date
order, so `mailbox_page` walks `ix_webmail_provider_box` (provider, status, hidden, sent_at,
id) once per status, newest first, each walk stopping after `limit` rows, and merges the walks.
The database never sorts the provider's whole mailbox, and a text filter stops as soon as it
has found a page of matches instead of filtering all 50,000 messages before sorting them. One
exception: SQLite's word search reads the statuses in one statement and sorts the matches,
because it builds its list of the words' ids once per statement (`_one_statement`).
Subject and patient order are paged by offset (the database sorts; fine at 50,000 rows).

Drafts: a provider's drafts (any author: the front desk writes, the provider sends) plus the
actor's own drafts; with no provider, only the actor's own (a front-desk user without a provider
finds the drafts they wrote). Drafts sort by their last edit.
"""

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from opendesk.core import fulltext, permissions
from opendesk.core.actors import StaffActor
from opendesk.core.enums import MessageStatus, OutboxStatus
from opendesk.core.models import OutboxNotice, Patient, Provider, WebMailMessage, patient_name
from opendesk.core.services.providers import ProviderRow, list_providers
from opendesk.core.text import prefix_upper_bound, search_key


class Mailbox(StrEnum):
    INBOX = "inbox"
    SENT = "sent"
    ALL = "all"  # sent and received together (Open Dental's WebMail list)
    DRAFTS = "drafts"
    SCHEDULED = "scheduled"  # waiting for their delivery time (issue 22)


BOX_STATUSES = {
    Mailbox.INBOX: (MessageStatus.WEBMAIL_RECEIVED, MessageStatus.WEBMAIL_RECD_READ),
    Mailbox.SENT: (MessageStatus.WEBMAIL_SENT, MessageStatus.WEBMAIL_SENT_READ),
    Mailbox.ALL: (
        MessageStatus.WEBMAIL_RECEIVED,
        MessageStatus.WEBMAIL_RECD_READ,
        MessageStatus.WEBMAIL_SENT,
        MessageStatus.WEBMAIL_SENT_READ,
    ),
    Mailbox.DRAFTS: (MessageStatus.UNSENT,),
    Mailbox.SCHEDULED: (MessageStatus.SCHEDULED,),
}
UNREAD = (MessageStatus.WEBMAIL_RECEIVED, MessageStatus.WEBMAIL_SENT)
NOT_DELIVERED = (int(MessageStatus.UNSENT), int(MessageStatus.SCHEDULED))


class SortKey(StrEnum):
    DATE = "date"
    SUBJECT = "subject"
    PATIENT = "patient"  # the patient the message is regarding
    CORRESPONDENT = "correspondent"  # the account holder it came from / went to


@dataclass(frozen=True)
class MailboxFilter:
    """`date_from`/`date_to` are whole days compared with the stored (UTC) times; a client
    showing local time passes `start`/`end` instead: UTC instants, end exclusive."""

    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    unread_only: bool = False
    hidden: bool = False  # show the hidden messages instead of the visible ones
    start: datetime | None = None
    end: datetime | None = None

    @property
    def window(self) -> tuple[datetime | None, datetime | None]:
        start = self.start
        end = self.end
        if start is None and self.date_from:
            start = datetime.combine(self.date_from, datetime.min.time())
        if end is None and self.date_to:
            end = datetime.combine(self.date_to + timedelta(days=1), datetime.min.time())
        return start, end


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
    regarding_patient_id: int = 0
    provider_id: int = 0

    @property
    def unread(self) -> bool:
        return self.status in UNREAD

    @property
    def is_draft(self) -> bool:
        return self.status == MessageStatus.UNSENT

    @property
    def is_scheduled(self) -> bool:
        return self.status == MessageStatus.SCHEDULED


@dataclass(frozen=True)
class MailboxPage:
    ids: list[int]
    cursor: Any  # give back as `after` for the next page; None when there is no more


def _statuses(box: Mailbox, flt: MailboxFilter) -> list[MessageStatus]:
    statuses = list(BOX_STATUSES[box])
    if flt.unread_only:
        statuses = [s for s in statuses if s in UNREAD]
    return statuses


# A name search that finds more patients than this is kept as a subquery.
NAME_IDS_MAX = 500
# Search keys below this start with a digit or a sign, not a letter ("<i>ortiz</i>").
_LETTERS = "a"


def _names(key: str) -> Select[Any]:
    """Patients whose last or first name starts with `key` (a search key), an index range of
    ix_patient_name / ix_patient_first; a name that does not start with a letter (few, an
    index range too) matches the key anywhere, so "ortiz" still finds "<i>Ortiz</i>"."""
    upper = prefix_upper_bound(key)
    return select(Patient.id).where(
        or_(
            and_(Patient.last_name_key >= key, Patient.last_name_key < upper),
            and_(Patient.first_name_key >= key, Patient.first_name_key < upper),
            and_(
                Patient.last_name_key < _LETTERS,
                Patient.last_name_key.contains(key, autoescape=True),
            ),
            and_(
                Patient.first_name_key < _LETTERS,
                Patient.first_name_key.contains(key, autoescape=True),
            ),
        )
    )


def _text_parts(flt: MailboxFilter, session: Session | None = None) -> list[ColumnElement[Any]]:
    """The ways a message matches the search text, any one is enough: its subject or body
    holds the text (`fulltext`: words and prefixes through the database's index, the rest as
    a substring), or it regards a patient whose last or first name starts with it. With a session
    the patients are looked up once, here, instead of once per index walk. [] without text."""
    typed = flt.text.strip()
    if not typed:
        return []
    parts: list[ColumnElement[Any]] = [fulltext.condition(fulltext.parse(typed))]
    key = search_key(typed)
    if not key:
        return parts
    names: Any = _names(key)
    if session is not None:
        ids = list(session.execute(names.limit(NAME_IDS_MAX + 1)).scalars())
        if not ids:
            return parts
        if len(ids) <= NAME_IDS_MAX:
            names = ids
    parts.append(WebMailMessage.regarding_patient_id.in_(names))
    return parts


def _text_condition(query: Select[Any], flt: MailboxFilter) -> Select[Any]:
    parts = _text_parts(flt)
    return query.where(or_(*parts)) if parts else query


def _window(query: Select[Any], flt: MailboxFilter, column: Any) -> Select[Any]:
    start, end = flt.window
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


def _box_query(
    actor: StaffActor, provider_id: int | None, box: Mailbox, flt: MailboxFilter
) -> Select[Any]:
    """All the ids of a mailbox (any order): offset paging, counts."""
    if box == Mailbox.DRAFTS:
        return _drafts_query(actor, provider_id, flt)
    query = select(WebMailMessage.id).where(
        WebMailMessage.provider_id == provider_id,
        WebMailMessage.status.in_([int(s) for s in _statuses(box, flt)]),
        WebMailMessage.is_hidden == flt.hidden,
    )
    return _text_condition(_window(query, flt, WebMailMessage.sent_at), flt)


def _draft_time() -> ColumnElement[Any]:
    return func.coalesce(WebMailMessage.updated_at, WebMailMessage.created_at)


def _drafts_query(actor: StaffActor, provider_id: int | None, flt: MailboxFilter) -> Select[Any]:
    mine = WebMailMessage.author_user_id == actor.user_id
    whose = mine if provider_id is None else or_(WebMailMessage.provider_id == provider_id, mine)
    query = select(WebMailMessage.id).where(
        WebMailMessage.status == int(MessageStatus.UNSENT),
        WebMailMessage.is_hidden == flt.hidden,
        whose,
    )
    return _text_condition(_window(query, flt, _draft_time()), flt)


def _sorted(query: Select[Any], box: Mailbox, sort: SortKey, descending: bool) -> Select[Any]:
    if sort == SortKey.SUBJECT:
        cols: list[Any] = [WebMailMessage.subject, WebMailMessage.id]
    elif sort in (SortKey.PATIENT, SortKey.CORRESPONDENT):
        who = aliased(Patient)
        column = (
            WebMailMessage.regarding_patient_id
            if sort == SortKey.PATIENT
            else WebMailMessage.patient_id
        )
        query = query.join(who, who.id == column)
        cols = [who.last_name_key, who.first_name_key, WebMailMessage.id]
    elif box == Mailbox.DRAFTS:
        cols = [_draft_time(), WebMailMessage.id]
    else:
        cols = [WebMailMessage.sent_at, WebMailMessage.id]
    return query.order_by(*[c.desc() if descending else c.asc() for c in cols])


def _date_walk(
    session: Session,
    provider_id: int,
    statuses: Sequence[MessageStatus],
    flt: MailboxFilter,
    descending: bool,
    after: tuple[datetime, int] | None,
    limit: int | None,
    part: ColumnElement[Any] | None,
) -> list[tuple[datetime, int]]:
    """(sent_at, id) of a mailbox's messages of `statuses` that meet `part` (one way of
    matching the search text, `_text_parts`), in date order. One status is one index range,
    walked until `limit`; several are read whole and sorted (SQLite's word search: its list of
    matching ids is built once per statement, not once per status)."""
    query: Any = select(WebMailMessage.sent_at, WebMailMessage.id).where(
        WebMailMessage.provider_id == provider_id,
        WebMailMessage.status == int(statuses[0])
        if len(statuses) == 1
        else WebMailMessage.status.in_([int(s) for s in statuses]),
        WebMailMessage.is_hidden == flt.hidden,
    )
    query = _window(query, flt, WebMailMessage.sent_at)
    if after is not None:
        when, last_id = after
        if descending:
            query = query.where(
                or_(
                    WebMailMessage.sent_at < when,
                    and_(WebMailMessage.sent_at == when, WebMailMessage.id < last_id),
                )
            )
        else:
            query = query.where(
                or_(
                    WebMailMessage.sent_at > when,
                    and_(WebMailMessage.sent_at == when, WebMailMessage.id > last_id),
                )
            )
    if part is not None:
        query = query.where(part)
    order = (
        (WebMailMessage.sent_at.desc(), WebMailMessage.id.desc())
        if descending
        else (WebMailMessage.sent_at.asc(), WebMailMessage.id.asc())
    )
    query = query.order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    return [(r[0], r[1]) for r in session.execute(query)]


def _one_statement(session: Session, part: ColumnElement[Any]) -> bool:
    """Whether `part` is SQLite's word search, whose statuses are best read together: it
    builds the list of the words' ids (100,000 for "amoxicillin" at a million messages) once
    per statement, which costs more than sorting the provider's matches."""
    return (
        session.get_bind().dialect.name == "sqlite"
        and isinstance(part, fulltext.TextMatch)
        and bool(part.search.words)
    )


def _merged(walks: Sequence[list[tuple[datetime, int]]], descending: bool) -> Iterator[Any]:
    return heapq.merge(*walks, reverse=descending)


def mailbox_page(
    session: Session,
    actor: StaffActor,
    provider_id: int | None,
    box: Mailbox,
    flt: MailboxFilter = MailboxFilter(),
    sort: SortKey = SortKey.DATE,
    descending: bool = True,
    after: Any = None,
    limit: int | None = 200,
) -> MailboxPage:
    """One page of a mailbox's ids; `after` is the cursor of the previous page. `limit=None`
    gives everything after the cursor (a model loading the rest of the ids on a worker).

    `provider_id` None is only for Drafts: the actor's own drafts."""
    _check(session, actor, provider_id, box)
    if sort == SortKey.DATE and box != Mailbox.DRAFTS:
        assert provider_id is not None
        parts = _text_parts(flt, session)
        statuses = _statuses(box, flt)
        walks: list[list[tuple[datetime, int]]] = []
        # A search walks once per way of matching and merges: with no OR between the text and
        # the names, each database can choose its text index or the walk.
        ways: list[ColumnElement[Any] | None] = list(parts) or [None]
        for part in ways:
            if part is not None and _one_statement(session, part):
                groups = [statuses]
            else:
                groups = [[status] for status in statuses]
            for group in groups:
                walks.append(
                    _date_walk(session, provider_id, group, flt, descending, after, limit, part)
                )
        keys: list[tuple[datetime, int]] = []
        for key in _merged(walks, descending):
            if keys and keys[-1] == key:
                continue  # found both ways
            keys.append(key)
            if limit is not None and len(keys) == limit:
                break
        more = limit is not None and len(keys) == limit
        return MailboxPage([k[1] for k in keys], keys[-1] if more else None)
    offset = int(after or 0)
    query = _sorted(_box_query(actor, provider_id, box, flt), box, sort, descending)
    query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    ids = list(session.execute(query).scalars())
    more = limit is not None and len(ids) == limit
    return MailboxPage(ids, offset + len(ids) if more else None)


def _check(session: Session, actor: StaffActor, provider_id: int | None, box: Mailbox) -> None:
    if provider_id is None:
        if box != Mailbox.DRAFTS:
            raise ValueError("only the Drafts mailbox can be listed without a provider")
        permissions.acting_user(session, actor)
    else:
        permissions.require_inbox(session, actor, provider_id)


HOLDER = "Account holder"
REGARDING = "Regarding"
HOLDER_AND_REGARDING = "Holder, regarding"
SECURE_MESSAGE = "(secure message)"


def chart_ids(
    session: Session, actor: StaffActor, patient_id: int, offset: int = 0, limit: int = 200
) -> list[int]:
    """A patient's sent and received web mails, newest first: the mail of their portal account
    (they are the account holder it went to or came from) and the mail regarding them (Open
    Dental's Chart module lists both). Any active staff user may list them (Chart access);
    `chart_rows` hides the subject of those the user may not read."""
    permissions.acting_user(session, actor)
    query = (
        select(WebMailMessage.id)
        .where(
            or_(
                WebMailMessage.regarding_patient_id == patient_id,
                WebMailMessage.patient_id == patient_id,
            ),
            WebMailMessage.status.notin_(NOT_DELIVERED),
            WebMailMessage.is_hidden == False,  # noqa: E712 - an index-friendly "= false"
        )
        .order_by(WebMailMessage.sent_at.desc(), WebMailMessage.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(session.execute(query).scalars())


@dataclass(frozen=True)
class ChartRow(MessageRow):
    """A line of the Chart module's WebMail list. `relation`: how the chart's patient is
    related to the message (HOLDER, REGARDING or both); `readable`: whether the user may read
    it (otherwise the subject is SECURE_MESSAGE)."""

    relation: str = ""
    readable: bool = True


def chart_rows(
    session: Session, actor: StaffActor, patient_id: int, ids: Sequence[int]
) -> list[ChartRow]:
    """Rows for `chart_ids`: date, direction, provider and state for every message; the
    subject only of those the user may read (`permissions.can_read_webmail`)."""
    user = permissions.acting_user(session, actor)
    holders: dict[int, int] = {
        message_id: holder
        for message_id, holder in session.execute(
            select(WebMailMessage.id, WebMailMessage.patient_id).where(
                WebMailMessage.id.in_(list(ids))
            )
        )
    }
    rows = []
    for row in message_rows(session, ids):
        holder = holders.get(row.id) == patient_id
        regarding = row.regarding_patient_id == patient_id
        relation = HOLDER_AND_REGARDING if holder and regarding else HOLDER if holder else REGARDING
        readable = permissions.can_read_webmail(user, row.provider_id)
        values = {f.name: getattr(row, f.name) for f in fields(MessageRow)}
        if not readable:
            values["subject"] = SECURE_MESSAGE
        rows.append(ChartRow(**values, relation=relation, readable=readable))
    return rows


def notification_ids(
    session: Session,
    actor: StaffActor,
    provider_id: int,
    *,
    failed_only: bool = False,
    offset: int = 0,
    limit: int | None = 200,
) -> list[int]:
    """The notices of a provider's sent messages, newest first (the Notifications mailbox):
    the actor must be allowed to work in that provider's inbox (as for Retry)."""
    permissions.require_inbox(session, actor, provider_id)
    query = (
        select(OutboxNotice.id)
        .join(WebMailMessage, WebMailMessage.id == OutboxNotice.message_id)
        .where(WebMailMessage.provider_id == provider_id)
        .order_by(OutboxNotice.id.desc())
        .offset(offset)
    )
    if failed_only:
        query = query.where(OutboxNotice.status == OutboxStatus.FAILED.value)
    if limit is not None:
        query = query.limit(limit)
    return list(session.execute(query).scalars())


def message_rows(session: Session, ids: Sequence[int]) -> list[MessageRow]:
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
            WebMailMessage.regarding_patient_id,
            WebMailMessage.provider_id,
            WebMailMessage.patient_id,
        )
        .join(holder, holder.id == WebMailMessage.patient_id)
        .join(regarding, regarding.id == WebMailMessage.regarding_patient_id)
        .join(Provider, Provider.id == WebMailMessage.provider_id)
        .where(WebMailMessage.id.in_(list(ids)))
    )
    rows = {}
    for r in session.execute(query):
        holder_name = patient_name(r[5], r[6])
        if r[1] == MessageStatus.UNSENT:
            holder_name = _draft_recipient_name(session, r[16])
        rows[r[0]] = MessageRow(
            id=r[0],
            status=MessageStatus(r[1]),
            when=r[2] or r[3] or r[4],
            patient_name=holder_name,
            regarding_name=patient_name(r[7], r[8]),
            provider_abbr=r[9],
            subject=r[10],
            has_attachments=bool(r[11]),
            read_at=r[12],
            is_hidden=bool(r[13]),
            regarding_patient_id=r[14],
            provider_id=r[15],
        )
    return [rows[i] for i in ids if i in rows]


def _draft_recipient_name(session: Session, holder_id: int) -> str:
    """Whom a draft will go to: the portal account holder for its patient (a draft stores the
    patient it was written for), as the send will resolve it - not the Regarding patient
    (issue 16). Drafts are few, so the lookup per row is cheap."""
    from opendesk.core.services.compose import recipient_for

    patient = session.get(Patient, holder_id)
    recipient = recipient_for(session, patient) if patient is not None else None
    if recipient is None:
        return "(no portal account)"
    return patient_name(recipient.last_name, recipient.first_name)


def inbox_providers(session: Session, actor: StaffActor) -> list[ProviderRow]:
    """The providers whose mailboxes the actor may work in: their own provider first, then
    those an InboxDelegate grant covers (all providers for a grant without a provider)."""
    user = permissions.acting_user(session, actor)
    delegated = permissions.delegated_provider_ids(user)
    rows = list_providers(session, include_hidden=True)
    own = [r for r in rows if r.id == user.provider_id]

    def delegated_to(r: ProviderRow) -> bool:
        return not r.is_hidden if delegated is None else r.id in delegated

    others = [r for r in rows if r.id != user.provider_id and delegated_to(r)]
    return own + others
