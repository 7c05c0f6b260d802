"""What the desktop's closed-loop lists show besides the ids of `loop_views`: rows with owner,
team, reason, due time and urgency (`loop_rows`), the "Team: <name>" folders of a user
(`my_teams`, `team_page`), the users a message may be assigned to (`assignable_users`) and the
alert figures (`loop_alert`: waiting = unassigned or overdue, overdue, and escalated messages
the user was told about). Reads only; a refusal is audited like every other one.
"""

from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from opendesk.core import business_time, permissions
from opendesk.core.actors import StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.errors import ValidationError
from opendesk.core.models import MessageReason, Team, User, WebMailMessage, team_member
from opendesk.core.services.closed_loop import (
    OPEN,
    HistoryEntry,
    history,
    may_read,
    may_work,
    readable_message,
    team_ids,
)
from opendesk.core.services.loop_views import waiting, work_scope
from opendesk.core.services.mailbox import MessageRow, message_rows

M = WebMailMessage


@dataclass(frozen=True)
class LoopRow(MessageRow):
    """A line of a closed-loop list: the message row and its place in the loop."""

    loop_state: str | None = None  # "open", "closed" or None (outside the loop)
    owner_name: str = ""
    team_name: str = ""
    reason_name: str = ""
    due_at: datetime | None = None
    is_urgent: bool = False
    escalated: bool = False
    late: timedelta | None = None  # how late (business time) when read, if open past due

    @property
    def is_open(self) -> bool:
        return self.loop_state == OPEN

    def overdue(self, now: datetime) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < now


def _schedule(session: Session) -> business_time.Schedule | None:
    try:
        return business_time.practice_schedule(session)
    except (ValueError, ValidationError):
        return None  # only a hand-edited database has no usable hours


def late_by_due(
    session: Session, dues: set[datetime], now: datetime
) -> dict[datetime, timedelta | None]:
    """How late (business time) at `now` for each past due time, walking the time from the
    oldest due time to now once: open time is additive, so late(d1) = late(d2) + open time
    between d1 and d2 (50 rows due over two years cost one walk, not 50)."""
    schedule = _schedule(session) if dues else None
    if schedule is None:
        return dict.fromkeys(dues)
    result: dict[datetime, timedelta | None] = {}
    total, later = timedelta(0), now
    for due in sorted(dues, reverse=True):
        total += business_time.business_between(due, later, schedule)
        result[due], later = total, due
    return result


def loop_rows(session: Session, ids: list[int]) -> list[LoopRow]:
    """Rows for ids (from a mailbox, `loop_views.loop_page` or `team_page`), in the order of
    `ids`, with how late each open overdue one is now (`late`, business time)."""
    if not ids:
        return []
    now = utcnow()
    extra = {
        r.id: r
        for r in session.execute(
            select(
                M.id,
                M.loop_state,
                M.due_at,
                M.is_urgent,
                M.escalated_at,
                User.username,
                Team.name.label("team_name"),
                MessageReason.name.label("reason_name"),
            )
            .outerjoin(User, User.id == M.owner_user_id)
            .outerjoin(Team, Team.id == M.team_id)
            .outerjoin(MessageReason, MessageReason.id == M.reason_id)
            .where(M.id.in_(ids))
        )
    }
    lates = late_by_due(
        session,
        {
            e.due_at
            for e in extra.values()
            if e.loop_state == OPEN and e.due_at is not None and e.due_at < now
        },
        now,
    )
    rows = []
    for row in message_rows(session, ids):
        e = extra[row.id]
        values = {f.name: getattr(row, f.name) for f in fields(MessageRow)}
        late = lates.get(e.due_at) if e.loop_state == OPEN and e.due_at is not None else None
        rows.append(
            LoopRow(
                **values,
                loop_state=e.loop_state,
                owner_name=e.username or "",
                team_name=e.team_name or "",
                reason_name=e.reason_name or "",
                due_at=e.due_at,
                is_urgent=bool(e.is_urgent),
                escalated=e.escalated_at is not None,
                late=late,
            )
        )
    return rows


# -- the message window ------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageLoop:
    """A message's place in the loop for the message window: its row, its history and
    whether the user may Take / Assign / Done / Reopen it."""

    row: LoopRow
    history: tuple[HistoryEntry, ...]
    may_work: bool


def message_loop(session: Session, actor: StaffActor, message_id: int) -> MessageLoop | None:
    """None for a message outside the loop or one the user may not read the loop of (e.g.
    read through WebMail read any); reading it is audited by the caller's open_message."""
    user = permissions.acting_user(session, actor)
    msg = session.get(M, message_id)
    if msg is None or msg.loop_state is None or not may_read(session, user, msg):
        return None
    working = may_work(session, user, msg)
    entries = tuple(history(session, actor, message_id))
    return MessageLoop(loop_rows(session, [message_id])[0], entries, working)


# -- team folders -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str


def my_teams(session: Session, actor: StaffActor) -> list[TeamRow]:
    """The active teams the user belongs to, by name (their "Team: <name>" folders)."""
    user = permissions.acting_user(session, actor)
    ids = team_ids(session, user.id)
    if not ids:
        return []
    rows = session.execute(
        select(Team.id, Team.name).where(Team.id.in_(ids), Team.is_active).order_by(Team.name)
    )
    return [TeamRow(int(r.id), str(r.name)) for r in rows]


@dataclass(frozen=True)
class TeamPage:
    ids: list[int]
    cursor: Any  # give back as `after`; None when there is no more


def team_page(
    session: Session, actor: StaffActor, team_id: int, after: int | None = None, limit: int = 50
) -> TeamPage:
    """One page of the messages routed to a team (open and closed), newest first; only the
    team's members see it."""
    user = permissions.acting_user(session, actor)
    if team_id not in team_ids(session, user.id):
        raise permissions.deny(
            session, actor, "open this team's messages", detail=f"loop.team team={team_id}"
        )
    query = select(M.id).where(M.team_id == team_id, M.loop_state.is_not(None))
    if after is not None:
        query = query.where(M.id < after)
    ids = [int(i) for i in session.execute(query.order_by(M.id.desc()).limit(limit + 1)).scalars()]
    more = len(ids) > limit
    ids = ids[:limit]
    return TeamPage(ids, ids[-1] if more and ids else None)


# -- assign to… ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserChoice:
    id: int
    name: str


def assignable_users(session: Session, actor: StaffActor, message_id: int) -> list[UserChoice]:
    """The active users allowed to read the message (whom Assign to… offers), by name; only
    someone who may read it sees the list."""
    msg = readable_message(session, actor, message_id, "loop.assignable")
    # The message's team members in one query (not one team_ids query per user): for may_read
    # a user's teams other than the message's do not matter.
    team = msg.team_id
    members: set[int] = set()
    if team is not None:
        members = set(
            session.execute(
                select(team_member.c.user_id).where(team_member.c.team_id == team)
            ).scalars()
        )
    users = session.execute(
        select(User).where(User.is_disabled.is_(False)).order_by(User.username)
    ).scalars()
    return [
        UserChoice(u.id, u.username)
        for u in users
        if may_read(session, u, msg, {team} if team is not None and u.id in members else set())
    ]


# -- the alert ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoopAlert:
    waiting: int  # open and unassigned or overdue, in the user's scope (loop_views.alert_count)
    overdue: int  # open and past due, in the user's scope
    escalated: int  # open, escalated, and the user was told (owner, backup, scope)

    @property
    def marker(self) -> tuple[int, int, int]:
        return (self.waiting, self.overdue, self.escalated)


def _told(user: User, teams: set[int], scope: ColumnElement[bool]) -> ColumnElement[bool]:
    """Escalated messages the user was told about: those they may work on (`scope`) and those
    whose reason names them (or one of their `teams`) as backup."""
    backup = [MessageReason.backup_user_id == user.id]
    if teams:
        backup.append(MessageReason.backup_team_id.in_(teams))
    reasons = select(MessageReason.id).where(or_(*backup))
    return or_(scope, M.reason_id.in_(reasons))


def loop_alert(session: Session, actor: StaffActor) -> LoopAlert:
    """The alert's closed-loop figures for the user (three indexed counts); the user, their
    teams and work scope are read once per poll."""
    user = permissions.acting_user(session, actor)
    teams = team_ids(session, user.id)
    scope = work_scope(session, user, teams)
    now = utcnow()

    def count(*where: ColumnElement[bool]) -> int:
        return int(session.execute(select(func.count(M.id)).where(*where)).scalar_one())

    return LoopAlert(
        waiting=count(waiting(now), scope),  # as loop_views.alert_count
        overdue=count(M.loop_state == OPEN, M.due_at < now, scope),
        escalated=count(
            M.loop_state == OPEN, M.escalated_at.is_not(None), _told(user, teams, scope)
        ),
    )
