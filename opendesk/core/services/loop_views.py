"""The closed-loop inbox views (Unassigned, Mine, Overdue, Closed) as keyset-paged id lists,
and the alert count: unassigned plus overdue messages the user may work on.

A user's work scope (core.services.closed_loop): messages routed to a team they belong to,
messages of the providers whose inbox they work in that no team received, and whatever they
own. Open views sort urgent first, then by due time (`ix_webmail_loop_*` end in is_urgent,
due_at, id); Closed sorts newest first by id. Rows for the ids come from
`mailbox.message_rows`.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.orm import Session

from opendesk.core import business_time, permissions
from opendesk.core.actors import StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.models import User, WebMailMessage
from opendesk.core.services.closed_loop import CLOSED, OPEN, team_ids

M = WebMailMessage


class LoopView(StrEnum):
    UNASSIGNED = "unassigned"
    MINE = "mine"
    OVERDUE = "overdue"
    CLOSED = "closed"


@dataclass(frozen=True)
class LoopPage:
    ids: list[int]
    cursor: Any  # give back as `after` for the next page; None when there is no more


def work_scope(session: Session, user: User, teams: set[int] | None = None) -> ColumnElement[bool]:
    """The messages `user` may work on (see the module docstring); `teams`: the user's team
    ids when the caller has them (read here when None)."""
    parts: list[ColumnElement[bool]] = [M.owner_user_id == user.id]
    if teams is None:
        teams = team_ids(session, user.id)
    if teams:
        parts.append(M.team_id.in_(teams))
    delegated = permissions.delegated_provider_ids(user)
    if delegated is None:
        parts.append(M.team_id.is_(None))
    else:
        providers = delegated | ({user.provider_id} if user.provider_id else set())
        if providers:
            parts.append(and_(M.team_id.is_(None), M.provider_id.in_(providers)))
    return or_(*parts)


def _condition(session: Session, user: User, view: LoopView, now: datetime) -> ColumnElement[bool]:
    if view == LoopView.MINE:
        return and_(M.loop_state == OPEN, M.owner_user_id == user.id)
    if view == LoopView.CLOSED:
        return and_(M.loop_state == CLOSED, work_scope(session, user))
    if view == LoopView.OVERDUE:
        return and_(M.loop_state == OPEN, M.due_at < now, work_scope(session, user))
    return and_(M.loop_state == OPEN, M.owner_user_id.is_(None), work_scope(session, user))


def _after(view: LoopView, cursor: Any) -> ColumnElement[bool]:
    if view == LoopView.CLOSED:
        return M.id < int(cursor)
    urgent, due, last_id = cursor
    due_at = datetime.fromisoformat(due)
    later = or_(M.due_at > due_at, and_(M.due_at == due_at, M.id > last_id))
    if urgent:
        return or_(M.is_urgent == false(), and_(M.is_urgent == true(), later))
    return and_(M.is_urgent == false(), later)


def loop_page(
    session: Session, actor: StaffActor, view: LoopView, after: Any = None, limit: int = 50
) -> LoopPage:
    """One page of a view's message ids; `after` is the previous page's cursor. Reads only."""
    user = permissions.acting_user(session, actor)
    query = select(M.id, M.is_urgent, M.due_at).where(_condition(session, user, view, utcnow()))
    if after is not None:
        query = query.where(_after(view, after))
    if view == LoopView.CLOSED:
        query = query.order_by(M.id.desc())
    else:
        query = query.order_by(M.is_urgent.desc(), M.due_at, M.id)
    rows = session.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    cursor: Any = None
    if more and rows:
        last = rows[-1]
        cursor = (
            last.id
            if view == LoopView.CLOSED
            else (bool(last.is_urgent), last.due_at.isoformat(), last.id)
        )
    return LoopPage([int(r.id) for r in rows], cursor)


def waiting(now: datetime) -> ColumnElement[bool]:
    """Open messages unassigned or past due at `now` (the alert's "waiting")."""
    return and_(M.loop_state == OPEN, or_(M.owner_user_id.is_(None), M.due_at < now))


def alert_count(session: Session, actor: StaffActor) -> int:
    """Unassigned plus overdue open messages the user may work on (each counted once)."""
    user = permissions.acting_user(session, actor)
    return int(
        session.execute(
            select(func.count(M.id)).where(waiting(utcnow()), work_scope(session, user))
        ).scalar_one()
    )


def late_by(session: Session, due_at: datetime | None) -> timedelta | None:
    """How late an open message is, in business time (the Overdue view's "3 h late"), or
    None when it is not past due."""
    now = utcnow()
    if due_at is None or due_at >= now:
        return None
    return business_time.business_between(due_at, now, business_time.practice_schedule(session))
