"""Portal-side WebMail, the reading side: the inbox, a message's thread (marks it read) and an
attachment download, each as one query in Core columns (no ORM objects) plus its audit row.

The holder sees messages regarding every patient in their PHI scope (`core.scope`). Each page's
query joins the scope rule (`scope.scope_select`) and the check that the holder's account is
still active, so the usual page is one statement. When it finds nothing — an empty inbox page,
an id that is not the holder's, an account that was disabled — the page goes the long way
(`_account`, `_visible_message`), which says which case it is and audits a refusal: an id
outside the scope answers NotFound, the same as an id that does not exist."""

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Integer,
    Select,
    bindparam,
    case,
    exists,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased

from opendesk.core import audit, preferences, scope
from opendesk.core.actors import PortalActor
from opendesk.core.blobs import read_attachment
from opendesk.core.clock import utcnow
from opendesk.core.db import begin_readonly, read_columns
from opendesk.core.enums import MessageStatus
from opendesk.core.errors import NotFound
from opendesk.core.models import (
    Attachment,
    MessageReason,
    Patient,
    PortalAccount,
    Provider,
    User,
    WebMailMessage,
    patient_name,
    provider_name,
)
from opendesk.core.services import patient_loop
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.webmail_reading import AttachmentInfo, MessageView

ID_MAX = 2**63 - 1  # the largest id any of the databases can hold (SQLite: OverflowError above)
VISIBLE = (
    MessageStatus.WEBMAIL_SENT,
    MessageStatus.WEBMAIL_SENT_READ,
    MessageStatus.WEBMAIL_RECEIVED,
    MessageStatus.WEBMAIL_RECD_READ,
)
_VISIBLE_INTS = [int(s) for s in VISIBLE]
AnySelect = Select[*tuple[Any, ...]]
_SCOPE_KEY = "opendesk.portal_scope"


def possible_id(value: int) -> bool:
    """Whether `value` can be a row id at all. A number from a URL or a form beyond what the
    database can store must answer NotFound like any other unknown id, not crash the driver."""
    return 0 < value <= ID_MAX


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


@dataclass(frozen=True)
class InboxPage:
    rows: list[PortalRow]
    total: int
    unread: int  # from the practice, not yet opened (the menu's badge)


@dataclass(frozen=True)
class ThreadPage:
    thread: list[MessageView]  # oldest first
    unread: int  # the menu's badge, after this page marked its messages read
    expected: patient_loop.Expected | None = None  # the closed loop's expected-reply line


def _account(session: Session, actor: PortalActor) -> PortalAccount:
    account = session.get(PortalAccount, actor.account_id)
    if account is None or not account.is_active or account.patient_id != actor.patient_id:
        raise NotFound("Your portal account is no longer active.")
    return account


# The pages' statements are built once (building one with its aliases and CTE cost more than
# running it) and take the holder, the account and the ids as bound parameters.
HOLDER, ACCOUNT = bindparam("holder", type_=Integer), bindparam("account", type_=Integer)


def _params(actor: PortalActor, **more: int) -> dict[str, int]:
    return {"holder": actor.patient_id, "account": actor.account_id, **more}


def _is_mysql(session: Session) -> bool:
    return session.get_bind().dialect.name in ("mysql", "mariadb")


def _family(session: Session) -> bool:
    return bool(preferences.get(session, preferences.PORTAL_FAMILY_SCOPE))


def _account_active() -> ColumnElement[bool]:
    """SQL: the holder's account is still active and still the patient's (`_account`)."""
    return exists().where(
        PortalAccount.id == ACCOUNT,
        PortalAccount.is_active.is_(True),
        PortalAccount.patient_id == HOLDER,
    )


def _scope_cte(family: bool) -> CTE:
    return scope.scope_select(HOLDER, family).cte("holder_scope")


def holder_scope(session: Session, actor: PortalActor) -> set[int]:
    """The holder's PHI scope (`core.scope.phi_scope`), worked out once per session: a portal
    request is one session, and its reads share the answer instead of asking again."""
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


def _visible(message: type[WebMailMessage] | Any) -> tuple[ColumnElement[bool], ...]:
    return (message.status.in_(_VISIBLE_INTS), message.is_hidden.is_(False))


def _unread_count(allowed: CTE, mysql: bool) -> Any:
    """SQL: messages from the practice in the scope the holder has not opened (the badge),
    found through ix_webmail_regarding from the holder's few patients. The planners need this
    said differently: SQLite and PostgreSQL follow `IN (scope)`; MariaDB walks the whole
    table for it, but follows a STRAIGHT_JOIN from the scope."""
    other = aliased(WebMailMessage)
    unread = (other.status == int(MessageStatus.WEBMAIL_SENT), other.is_hidden.is_(False))
    if mysql:
        query = (
            select(func.count(other.id))
            .select_from(allowed)
            .join(other, allowed.c.id == other.regarding_patient_id)
            .where(*unread)
            .prefix_with("STRAIGHT_JOIN")
        )
    else:
        query = select(func.count(other.id)).where(
            other.regarding_patient_id.in_(select(allowed.c.id)), *unread
        )
    return query.scalar_subquery()


@functools.cache
def _inbox_query(family: bool) -> AnySelect:
    """One statement object for every page: the page's offset and size are bound parameters,
    so SQLAlchemy works out its cache key once (a `.limit(n)` per call built a new statement
    whose key was worked out again, every request)."""
    allowed = _scope_cte(family)
    about = aliased(Patient)
    return (
        select(
            WebMailMessage.id,
            WebMailMessage.status,
            WebMailMessage.subject,
            WebMailMessage.sent_at,
            WebMailMessage.has_attachments,
            about.last_name,
            about.first_name,
            Provider.first_name.label("p_first"),
            Provider.last_name.label("p_last"),
            Provider.suffix,
            func.count().over().label("total"),
            func.sum(case((WebMailMessage.status == int(MessageStatus.WEBMAIL_SENT), 1), else_=0))
            .over()
            .label("unread"),
        )
        .select_from(allowed)  # from the holder's few patients to their messages' index
        .join(WebMailMessage, allowed.c.id == WebMailMessage.regarding_patient_id)
        .join(about, about.id == WebMailMessage.regarding_patient_id)
        .join(Provider, Provider.id == WebMailMessage.provider_id)
        .where(*_visible(WebMailMessage), _account_active())
        .order_by(WebMailMessage.sent_at.desc(), WebMailMessage.id.desc())
        .offset(bindparam("offset", type_=Integer))
        .limit(bindparam("limit", type_=Integer))
        # MariaDB otherwise may start from a provider and walk all of its messages
        .prefix_with("STRAIGHT_JOIN", dialect="mysql")
        .prefix_with("STRAIGHT_JOIN", dialect="mariadb")
    )


def inbox(session: Session, actor: PortalActor, offset: int = 0, limit: int = 50) -> InboxPage:
    """A page of the holder's messages, newest first, with the total and unread counts, in one
    read; the audit row follows through the group writer (or a short transaction)."""
    begin_readonly(session)
    family = _family(session)
    params = _params(actor, offset=offset, limit=limit)
    found = read_columns(session, _inbox_query(family), params).all()
    if found:
        total, unread = int(found[0].total), int(found[0].unread or 0)
    else:  # an empty page (or no longer an account): the counts on their own
        _account(session, actor)
        total, unread = _counts(session, actor, family)
    rows = [
        PortalRow(
            id=r.id,
            from_practice=MessageStatus(r.status).is_from_practice,
            unread=r.status == MessageStatus.WEBMAIL_SENT,
            subject=r.subject,
            regarding_name=patient_name(r.last_name, r.first_name, "patient"),
            provider_name=provider_name(r.p_first, r.p_last, r.suffix),
            sent_at=r.sent_at,
            has_attachments=bool(r.has_attachments),
        )
        for r in found
    ]
    session.commit()
    audit.record_read(
        session, actor, "portal.inbox.view", patient_id=actor.patient_id, detail=f"rows={len(rows)}"
    )
    return InboxPage(rows, total, unread)


def _counts(session: Session, actor: PortalActor, family: bool) -> tuple[int, int]:
    allowed = _scope_cte(family)
    total, unread = session.execute(
        select(
            func.count(WebMailMessage.id),
            func.coalesce(
                func.sum(
                    case((WebMailMessage.status == int(MessageStatus.WEBMAIL_SENT), 1), else_=0)
                ),
                0,
            ),
        )
        .join(allowed, allowed.c.id == WebMailMessage.regarding_patient_id)
        .where(*_visible(WebMailMessage)),
        _params(actor),
    ).one()
    return int(total), int(unread)


def unread_count(session: Session, actor: PortalActor) -> int:
    """Messages from the practice the holder has not opened (the menu's badge). Reads only."""
    begin_readonly(session)
    query = select(_unread_count(_scope_cte(_family(session)), _is_mysql(session)))
    return int(session.execute(query, _params(actor)).scalar_one())


def _thread_rows(session: Session, actor: PortalActor, message_id: int) -> Sequence[Any]:
    """The thread of `message_id` as the holder may see it, oldest first, one row per message
    and attachment, with the names and the unread badge: one statement."""
    query = _thread_query(_family(session), _is_mysql(session))
    return read_columns(session, query, _params(actor, message=message_id)).all()


@functools.cache
def _thread_query(family: bool, mysql: bool) -> AnySelect:
    allowed = _scope_cte(family)
    author, about, asked = aliased(Patient), aliased(Patient), aliased(WebMailMessage)
    message_id = bindparam("message", type_=Integer)
    key = (
        select(func.coalesce(asked.thread_id, asked.id))
        .where(asked.id == message_id)
        .scalar_subquery()
    )
    m = WebMailMessage
    return (
        select(
            m.id,
            m.status,
            m.patient_id,
            m.regarding_patient_id,
            m.provider_id,
            m.subject,
            m.body,
            m.created_at,
            m.sent_at,
            m.read_at,
            m.thread_id,
            m.parent_id,
            m.is_hidden,
            m.allow_reply,
            m.is_auto_reply,
            m.loop_state,
            m.due_at,
            MessageReason.target_hours.label("reason_hours"),
            author.last_name.label("a_last"),
            author.first_name.label("a_first"),
            about.last_name.label("r_last"),
            about.first_name.label("r_first"),
            Provider.first_name.label("p_first"),
            Provider.last_name.label("p_last"),
            Provider.suffix.label("p_suffix"),
            User.username.label("sender"),
            Attachment.id.label("att_id"),
            Attachment.display_name,
            Attachment.content_type,
            Attachment.size,
            Attachment.flags,
            Attachment.scan_status,
            _unread_count(allowed, mysql).label("unread"),
        )
        .join(allowed, allowed.c.id == m.regarding_patient_id)
        .join(author, author.id == m.patient_id)
        .join(about, about.id == m.regarding_patient_id)
        .outerjoin(Provider, Provider.id == m.provider_id)
        .outerjoin(User, User.id == m.sender_user_id)
        .outerjoin(Attachment, Attachment.message_id == m.id)
        .outerjoin(MessageReason, MessageReason.id == m.reason_id)
        .where(or_(m.thread_id == key, m.id == message_id))
        .where(*_visible(m), _account_active())
        .order_by(m.sent_at, m.id, Attachment.id)
    )


def _views(rows: Sequence[Any]) -> list[MessageView]:
    views: dict[int, MessageView] = {}
    for r in rows:
        view = views.get(r.id)
        if view is None:
            view = views[r.id] = MessageView(
                id=r.id,
                status=MessageStatus(r.status),
                patient_id=r.patient_id,
                patient_name=patient_name(r.a_last, r.a_first, "patient"),
                regarding_patient_id=r.regarding_patient_id,
                regarding_name=patient_name(r.r_last, r.r_first, "patient"),
                provider_id=r.provider_id,
                provider_name=provider_name(r.p_first, r.p_last, r.p_suffix) if r.p_last else "",
                subject=r.subject,
                body=r.body,
                created_at=r.created_at,
                sent_at=r.sent_at,
                read_at=r.read_at,
                thread_id=r.thread_id,
                parent_id=r.parent_id,
                is_hidden=bool(r.is_hidden),
                sender_username=r.sender or "",
                # what the holder's page needs of the settings: whether a reply is accepted
                settings=MessageSettings(allow_reply=bool(r.allow_reply)),
                is_auto_reply=bool(r.is_auto_reply),
            )
        if r.att_id is not None:
            info = AttachmentInfo(
                r.att_id, r.display_name, r.content_type, r.size, r.flags, r.scan_status
            )
            views[r.id] = replace(view, attachments=(*view.attachments, info))
    return list(views.values())


def thread_page(session: Session, actor: PortalActor, message_id: int) -> ThreadPage:
    """The message's thread as the holder may see it, oldest first, and the unread badge;
    marks the practice's messages in it up to this one read, with the time the provider will
    see. The reads are one statement without the write lock; marking read and its audit row
    form one short write, else the view's audit row goes through the group writer."""
    begin_readonly(session)
    rows = _thread_rows(session, actor, message_id) if possible_id(message_id) else []
    views = _views(rows)
    current = next((v for v in views if v.id == message_id), None)
    if current is None:  # not the holder's, not there, or the account ended: say which
        _visible_message(session, actor, message_id)
        raise _not_found(session, actor, "message", message_id)
    badge = int(rows[0].unread)
    waiting = _awaiting_reply(session, rows)  # in the read transaction, as the thread
    upto = current.sent_at
    unread = [
        v.id
        for v in views
        if v.status == MessageStatus.WEBMAIL_SENT and (upto is None or (v.sent_at or upto) <= upto)
    ]
    session.commit()
    if not unread:
        audit.record_read(
            session,
            actor,
            "portal.message.view",
            patient_id=current.regarding_patient_id,
            object_type="webmail",
            object_id=message_id,
        )
        return ThreadPage(views, badge, waiting)
    views = _mark_read(session, views, unread)
    audit.record(  # marking read and its audit row: one transaction
        session,
        actor,
        "portal.message.view",
        patient_id=current.regarding_patient_id,
        object_type="webmail",
        object_id=message_id,
    )
    session.commit()
    now_read = sum(1 for v in views if v.id in unread and v.status != MessageStatus.WEBMAIL_SENT)
    return ThreadPage(views, max(0, badge - now_read), waiting)


def _awaiting_reply(session: Session, rows: Sequence[Any]) -> patient_loop.Expected | None:
    """The expected-reply line for the newest patient message of the thread still open in
    the closed loop (`patient_loop.expected`, from the thread's rows: no query of its own)."""
    open_rows = [r for r in rows if patient_loop.awaits_reply(r.status, r.loop_state, r.due_at)]
    if not open_rows:
        return None
    newest = max(open_rows, key=lambda r: (r.sent_at or datetime.min, r.id))
    return patient_loop.expected_for(session, newest.due_at, newest.reason_hours)


def _mark_read(session: Session, views: list[MessageView], unread: list[int]) -> list[MessageView]:
    """Mark the messages read in the caller's (new) transaction; the views with the read time
    the database kept (another reader may have been first)."""
    session.execute(
        update(WebMailMessage)
        .where(
            WebMailMessage.id.in_(unread),
            WebMailMessage.status == int(MessageStatus.WEBMAIL_SENT),
        )
        .values(status=int(MessageStatus.WEBMAIL_SENT_READ), read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    kept = {
        i: (st, at)
        for i, st, at in session.execute(
            select(WebMailMessage.id, WebMailMessage.status, WebMailMessage.read_at).where(
                WebMailMessage.id.in_(unread)
            )
        ).all()
    }
    return [
        replace(v, status=MessageStatus(kept[v.id][0]), read_at=kept[v.id][1])
        if v.id in kept
        else v
        for v in views
    ]


def open_message(session: Session, actor: PortalActor, message_id: int) -> list[MessageView]:
    """The thread of `thread_page` without the badge."""
    return thread_page(session, actor, message_id).thread


def attachment(
    session: Session, actor: PortalActor, attachment_id: int
) -> tuple[AttachmentInfo, bytes]:
    """An attachment of a message the holder may see, and its bytes; audited."""
    begin_readonly(session)
    query = _attachment_query(_family(session))
    params = _params(actor, attachment=attachment_id)
    found = session.execute(query, params).first() if possible_id(attachment_id) else None
    if found is None:
        _refuse_attachment(session, actor, attachment_id)
    assert found is not None
    data = read_attachment(session, found.id, found.sha256)
    session.commit()
    audit.record_read(
        session,
        actor,
        "portal.attachment.download",
        patient_id=found.regarding_patient_id,
        object_type="attachment",
        object_id=found.id,
    )
    info = AttachmentInfo(
        found.id, found.display_name, found.content_type, found.size, found.flags, found.scan_status
    )
    return info, data


@functools.cache
def _attachment_query(family: bool) -> AnySelect:
    allowed = _scope_cte(family)
    return (
        select(
            Attachment.id,
            Attachment.display_name,
            Attachment.content_type,
            Attachment.size,
            Attachment.flags,
            Attachment.scan_status,
            Attachment.sha256,
            WebMailMessage.regarding_patient_id,
        )
        .join(WebMailMessage, WebMailMessage.id == Attachment.message_id)
        .join(allowed, allowed.c.id == WebMailMessage.regarding_patient_id)
        .where(Attachment.id == bindparam("attachment", type_=Integer))
        .where(*_visible(WebMailMessage), _account_active())
    )


def _refuse_attachment(session: Session, actor: PortalActor, attachment_id: int) -> None:
    """Why the download found nothing: an attachment outside the holder's reach (audited
    refusal) or an account that is no longer active."""
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
    raise _not_found(session, actor, "attachment", attachment_id)
