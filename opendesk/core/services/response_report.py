"""Setup > Response report: for the patient messages received in a date range, per recipient
(provider, or "Team: <name>") and reason: how many came, how many got a reply, the median and
90th percentile time to the first reply in business hours (`business_time.business_between`
with the practice's hours), the share answered within target, and how many are overdue now.

- The first reply of a received message is the first message the practice sent in its thread
  at or after it arrived (a reply sent from any workstation, by anyone; the automatic
  after-hours reply does not count).
- Within target: the first reply came at or before the message's due time. The share counts
  the answered messages and the unanswered ones already past due; a message closed with Done
  and no reply, or not yet due, is left out of it.
- Overdue now: still open and past its due time.
- Percentiles are nearest-rank (the 90th of 10 replies is the 9th fastest).

Needs the Setup permission; running it is audited (counts only, no PHI). No row holds a
patient's name or any message text, so the CSV holds no PHI either.
"""

import bisect
import csv
import io
import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from opendesk.core import audit, business_time, permissions
from opendesk.core.actors import StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.id_chunks import chunks
from opendesk.core.models import MessageReason, Provider, Team, WebMailMessage
from opendesk.core.services.closed_loop import OPEN

M = WebMailMessage
NO_REASON = "(no reason)"
ALL = "All"
SENT = (int(MessageStatus.WEBMAIL_SENT), int(MessageStatus.WEBMAIL_SENT_READ))
Progress = Callable[[int, int], None]  # (done, total)
HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class ReportRow:
    recipient: str  # provider abbreviation or "Team: <name>"; "All" on the total line
    reason: str
    received: int
    answered: int
    median_hours: float | None  # time to first reply, business hours
    p90_hours: float | None
    within_target_pct: float | None  # None when no message counts yet
    overdue_now: int


@dataclass
class _Group:
    received: int = 0
    hours: list[float] = field(default_factory=list)
    on_time: int = 0
    judged: int = 0
    overdue: int = 0


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile of `values` (None for none)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def _replies(
    session: Session, threads: list[int], since: datetime, progress: Progress | None, total: int
) -> dict[int, list[datetime]]:
    """The practice's sent times per thread, in order, from `since` on."""
    times: dict[int, list[datetime]] = defaultdict(list)
    thread = func.coalesce(M.thread_id, M.id)
    done = 0
    for chunk in chunks(threads):
        rows = session.execute(
            select(thread, M.sent_at)
            .where(
                # said so that ix_webmail_thread serves it (coalesce() would read every row)
                or_(M.thread_id.in_(chunk), and_(M.thread_id.is_(None), M.id.in_(chunk))),
                M.status.in_(SENT),
                M.sent_at >= since,
                M.is_auto_reply == False,  # noqa: E712 - the after-hours reply is no answer
            )
            .order_by(M.sent_at)
        )
        for thread_id, sent_at in rows:
            if sent_at is not None:
                times[int(thread_id)].append(sent_at)
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    return times


def _labels(session: Session) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    providers = {int(i): str(a) for i, a in session.execute(select(Provider.id, Provider.abbr))}
    teams = {int(i): f"Team: {n}" for i, n in session.execute(select(Team.id, Team.name))}
    reasons = {
        int(i): str(n) for i, n in session.execute(select(MessageReason.id, MessageReason.name))
    }
    return providers, teams, reasons


def _row(recipient: str, reason: str, g: _Group) -> ReportRow:
    median = statistics.median(g.hours) if g.hours else None
    pct = 100.0 * g.on_time / g.judged if g.judged else None
    return ReportRow(
        recipient,
        reason,
        g.received,
        len(g.hours),
        median,
        percentile(g.hours, 90),
        pct,
        g.overdue,
    )


def response_report(
    session: Session,
    actor: StaffActor,
    start: datetime,
    end: datetime,
    progress: Progress | None = None,
) -> list[ReportRow]:
    """Rows per (recipient, reason) for messages received in [start, end) (naive UTC), sorted
    by recipient and reason, then one "All" line; `progress(done, total)` is called as the
    replies are read. Audited as `report.response`."""
    permissions.require(session, actor, Permission.SETUP)
    now = utcnow()
    received = session.execute(
        select(
            M.id,
            M.thread_id,
            M.sent_at,
            M.due_at,
            M.provider_id,
            M.team_id,
            M.reason_id,
            M.loop_state,
        )
        .where(M.loop_state.is_not(None), M.sent_at >= start, M.sent_at < end)
        .order_by(M.id)
    ).all()
    threads = sorted({int(r.thread_id or r.id) for r in received})
    total = len(threads)
    replies = _replies(session, threads, start, progress, total)
    schedule = business_time.practice_schedule(session)
    providers, teams, reasons = _labels(session)
    groups: dict[tuple[str, str], _Group] = defaultdict(_Group)
    every = _Group()
    for r in received:
        recipient = teams.get(r.team_id, "") if r.team_id else providers.get(r.provider_id, "")
        reason = reasons.get(r.reason_id, NO_REASON) if r.reason_id else NO_REASON
        sent = replies.get(int(r.thread_id or r.id), [])
        at = bisect.bisect_left(sent, r.sent_at)
        first = sent[at] if at < len(sent) else None
        for g in (groups[(recipient, reason)], every):
            g.received += 1
            if first is not None:
                g.hours.append(business_time.business_between(r.sent_at, first, schedule) / HOUR)
                g.judged += 1
                g.on_time += r.due_at is None or first <= r.due_at
            elif r.due_at is not None and r.due_at < now and r.loop_state == OPEN:
                g.judged += 1
            if r.loop_state == OPEN and r.due_at is not None and r.due_at < now:
                g.overdue += 1
    rows = [_row(rec, rea, g) for (rec, rea), g in sorted(groups.items())]
    if rows:
        rows.append(_row(ALL, "", every))
    audit.record(
        session,
        actor,
        "report.response",
        detail=f"from={start:%Y-%m-%dT%H:%M} to={end:%Y-%m-%dT%H:%M} messages={len(received)}",
    )
    session.commit()
    return rows


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


CSV_HEADER = (
    "Recipient",
    "Reason",
    "Received",
    "Answered",
    "Median hours to first reply",
    "90th percentile hours",
    "% within target",
    "Overdue now",
)


def _cell(text: str) -> str:
    """A practice-typed name as a CSV cell a spreadsheet shows as text, never as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def report_csv(rows: Sequence[ReportRow]) -> str:
    """The report as CSV text (business hours with one decimal)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow(
            [
                _cell(r.recipient),
                _cell(r.reason),
                r.received,
                r.answered,
                _hours(r.median_hours),
                _hours(r.p90_hours),
                "" if r.within_target_pct is None else f"{r.within_target_pct:.0f}",
                r.overdue_now,
            ]
        )
    return out.getvalue()
