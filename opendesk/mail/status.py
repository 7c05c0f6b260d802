"""Read-only queries about notices for the desktop and the portal: the notification state of a
message (queued / sent at … / failed: reason) and the pages of the Notifications mailbox.

They return plain frozen dataclasses, never ORM objects, so a Qt item model can keep them.
Use them with `Database.readonly_session()`. Times are naive UTC like every column; `describe`
takes a formatter so the desktop can show local time.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opendesk.core.clock import utcnow
from opendesk.core.enums import OutboxStatus
from opendesk.core.id_chunks import chunks
from opendesk.core.models import OutboxNotice

DateFormatter = Callable[[datetime], str]


def utc_text(value: datetime) -> str:
    """The default formatter: '2026-11-23 14:05 UTC'."""
    return f"{value:%Y-%m-%d %H:%M} UTC"


_STATE_COLUMNS = (
    OutboxNotice.id,
    OutboxNotice.message_id,
    OutboxNotice.status,
    OutboxNotice.attempts,
    OutboxNotice.last_error,
    OutboxNotice.created_at,
    OutboxNotice.next_attempt_at,
    OutboxNotice.sent_at,
    OutboxNotice.claimed_until,
)


@dataclass(frozen=True)
class NoticeState:
    """Where one notice stands. `describe()` is the text for a message's status line."""

    notice_id: int
    message_id: int | None
    status: OutboxStatus
    attempts: int
    last_error: str
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    claimed_until: datetime | None = None

    @property
    def can_retry(self) -> bool:
        """Whether the Retry button applies: failed, waiting for its next attempt after a
        failed one, or left `sending` by a worker whose lease ran out (it died). A notice
        queued and not tried yet is on its way: nothing to retry."""
        if self.status is OutboxStatus.SENDING:
            return self.claimed_until is None or self.claimed_until < utcnow()
        if self.status is OutboxStatus.QUEUED:
            return self.attempts > 0
        return self.status is OutboxStatus.FAILED

    def describe(self, fmt: DateFormatter = utc_text) -> str:
        """'queued', 'queued (attempt 2 failed: …; next try …)', 'sending', 'sent at …',
        'failed: reason'."""
        if self.status is OutboxStatus.SENT and self.sent_at is not None:
            return f"sent at {fmt(self.sent_at)}"
        if self.status is OutboxStatus.FAILED:
            return f"failed: {self.last_error or 'unknown reason'}"
        if self.status is OutboxStatus.SENDING:
            return "sending"
        if self.attempts and self.last_error:
            text = f"queued (attempt {self.attempts} failed: {self.last_error}"
            if self.next_attempt_at is not None:
                text += f"; next try {fmt(self.next_attempt_at)}"
            return text + ")"
        return self.status.value

    @classmethod
    def _from_row(cls, row: Any) -> "NoticeState":
        return cls(
            notice_id=row.id,
            message_id=row.message_id,
            status=OutboxStatus(row.status),
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
            next_attempt_at=row.next_attempt_at,
            sent_at=row.sent_at,
            claimed_until=row.claimed_until,
        )


@dataclass(frozen=True)
class NoticeRow:
    """A line of the Notifications mailbox: the state plus kind, recipient and subject (the
    subject is the practice's notice subject, never the secure message's)."""

    state: NoticeState
    kind: str
    to_address: str
    subject: str


def notice_state(session: Session, message_id: int) -> NoticeState | None:
    """The notification state of a secure message (its newest notice), or None if it has no
    notice (a draft, or a message from the patient)."""
    row = session.execute(
        select(*_STATE_COLUMNS)
        .where(OutboxNotice.message_id == message_id)
        .order_by(OutboxNotice.id.desc())
        .limit(1)
    ).first()
    return NoticeState._from_row(row) if row is not None else None


def notice_states(session: Session, message_ids: Iterable[int]) -> dict[int, NoticeState]:
    """`notice_state` for a page of messages in one query: {message id: newest state}."""
    ids = sorted(set(message_ids))
    states: dict[int, NoticeState] = {}
    for chunk in chunks(ids):
        rows = session.execute(
            select(*_STATE_COLUMNS)
            .where(OutboxNotice.message_id.in_(chunk))
            .order_by(OutboxNotice.id)
        ).all()
        for row in rows:
            states[row.message_id] = NoticeState._from_row(row)
    return states


def _filtered(query: Any, failed_only: bool) -> Any:
    return query.where(OutboxNotice.status == OutboxStatus.FAILED.value) if failed_only else query


def list_notices(
    session: Session,
    *,
    failed_only: bool = False,
    limit: int = 50,
    before_id: int | None = None,
) -> list[NoticeRow]:
    """A page of the Notifications mailbox, newest first. For the next page pass the last
    row's `state.notice_id` as `before_id` (keyset paging: as fast on page 1000 as on page 1)."""
    query = select(
        *_STATE_COLUMNS, OutboxNotice.kind, OutboxNotice.to_address, OutboxNotice.subject
    )
    query = _filtered(query, failed_only)
    if before_id is not None:
        query = query.where(OutboxNotice.id < before_id)
    rows = session.execute(query.order_by(OutboxNotice.id.desc()).limit(limit)).all()
    return [NoticeRow(NoticeState._from_row(r), r.kind, r.to_address, r.subject) for r in rows]


def notice_ids(session: Session, *, failed_only: bool = False) -> list[int]:
    """Every notice id, newest first: what a lazy Qt model holds before fetching rows."""
    query = _filtered(select(OutboxNotice.id), failed_only)
    return list(session.execute(query.order_by(OutboxNotice.id.desc())).scalars())


def notice_rows(session: Session, ids: Sequence[int]) -> list[NoticeRow]:
    """The rows for `ids`, in the order given (one page of a lazy model)."""
    if not ids:
        return []
    rows = session.execute(
        select(
            *_STATE_COLUMNS, OutboxNotice.kind, OutboxNotice.to_address, OutboxNotice.subject
        ).where(OutboxNotice.id.in_(list(ids)))
    ).all()
    by_id = {
        r.id: NoticeRow(NoticeState._from_row(r), r.kind, r.to_address, r.subject) for r in rows
    }
    return [by_id[i] for i in ids if i in by_id]


def status_counts(session: Session) -> dict[OutboxStatus, int]:
    """How many notices are in each state (for the mailbox header and a failed-count badge)."""
    counts = dict.fromkeys(OutboxStatus, 0)
    for status, count in session.execute(
        select(OutboxNotice.status, func.count()).group_by(OutboxNotice.status)
    ):
        counts[OutboxStatus(status)] = count
    return counts
