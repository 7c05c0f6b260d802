"""The outbox table's claim protocol: claim due notices, renew the lease, record outcomes,
give claims back. The worker (`opendesk.mail.outbox`) calls these; every function commits.

Life of a notice (`notification_outbox.status`)::

    queued ──claim──▶ sending ──250 OK──▶ sent
      ▲                 │ temporary failure, attempts < N: next_attempt_at = now + backoff
      └─────────────────┤
                        └ permanent failure, or N attempts used ──▶ failed ──Retry──▶ queued

Claims. `claim_due` marks up to `limit` due rows as ``sending`` with a claim token
(``worker-id:random``) and a lease (`claimed_until`) in one committed transaction:
on MariaDB/PostgreSQL the rows are picked with ``SELECT … FOR UPDATE SKIP LOCKED``, so
concurrent workers take disjoint rows without waiting; on SQLite one
``UPDATE … WHERE id IN (SELECT … LIMIT n)`` runs under the write lock every write session takes
at BEGIN (BEGIN IMMEDIATE), and the rows are read back by their token. Every later write about a
claimed row is conditional on the token, so a worker whose lease ran out can never overwrite
the work of the worker that took the row over. A live worker renews its lease (`renew`) from a
heartbeat, so the lease can be short and a dead worker's rows come back within a minute.

Attempts. `attempt_started_at` is set on a row just before the worker hands it to the SMTP
server, in the same commit as the previous outcome (the first one in the claim's commit), so no
commit is added per notice. A dead worker's expired claim counts an interrupted attempt only
for the row it had started; the rest of its batch goes back untouched.
"""

import logging
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, and_, case, or_, select, update
from sqlalchemy.orm import Session

from opendesk.core.clock import utcnow
from opendesk.core.enums import OutboxStatus
from opendesk.core.models import OutboxNotice
from opendesk.mail.errors import DeliveryError
from opendesk.mail.message import NoticeContent

log = logging.getLogger("opendesk.mail")

DEFAULT_LEASE = timedelta(seconds=60)
BACKOFF_BASE_SECONDS = 30.0
BACKOFF_CAP_SECONDS = 3600.0
BACKOFF_JITTER = 0.2
INTERRUPTED = "delivery was interrupted (a worker stopped while sending)"

QUEUED = OutboxStatus.QUEUED.value
SENDING = OutboxStatus.SENDING.value
SENT = OutboxStatus.SENT.value
FAILED = OutboxStatus.FAILED.value


def backoff(attempts: int, rng: Callable[[], float] = random.random) -> timedelta:
    """Wait after the `attempts`-th failed attempt: 30 s · 2^(attempts-1), at most 1 h, less up
    to 20 % jitter so workers that failed together do not retry together."""
    base = min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS)
    return timedelta(seconds=base * (1.0 - BACKOFF_JITTER * rng()))


@dataclass(frozen=True)
class ClaimedNotice:
    """A notice this worker holds: its content, attempts so far and the claim."""

    content: NoticeContent
    attempts: int
    claimed_by: str
    claimed_until: datetime
    last_error: str = ""

    @property
    def id(self) -> int:
        return self.content.id


def _due(now: datetime) -> Any:
    return or_(
        and_(
            OutboxNotice.status == QUEUED,
            or_(OutboxNotice.next_attempt_at.is_(None), OutboxNotice.next_attempt_at <= now),
        ),
        and_(
            OutboxNotice.status == SENDING,
            or_(OutboxNotice.claimed_until.is_(None), OutboxNotice.claimed_until < now),
        ),
    )


def claim_due(
    session: Session,
    worker_id: str,
    limit: int,
    *,
    now: datetime | None = None,
    lease: timedelta = DEFAULT_LEASE,
    start_first: bool = False,
) -> list[ClaimedNotice]:
    """Claim up to `limit` due notices (oldest first) for `worker_id` and commit the claim.

    Due: queued with `next_attempt_at` NULL or passed, or sending with an expired lease (its
    worker died; an attempt it had started is counted). With `start_first` the first claimed
    row is marked as being handed to SMTP in the same commit. Safe from many workers at once.
    """
    now = now or utcnow()
    token = f"{worker_id[:80]}:{uuid.uuid4().hex[:12]}"
    until = now + lease
    due_ids = select(OutboxNotice.id).where(_due(now)).order_by(OutboxNotice.id).limit(limit)
    if session.get_bind().dialect.name == "sqlite":
        # The session began with BEGIN IMMEDIATE: nobody else writes until we commit.
        target: Any = OutboxNotice.id.in_(due_ids)
    else:
        ids = session.execute(due_ids.with_for_update(skip_locked=True)).scalars().all()
        if not ids:
            session.commit()
            return []
        target = OutboxNotice.id.in_(ids)
    interrupted = and_(OutboxNotice.status == SENDING, OutboxNotice.attempt_started_at.is_not(None))
    # MariaDB assigns left to right with the new values: attempts and last_error look at the
    # old status and start mark, so they come before them.
    session.execute(
        update(OutboxNotice)
        .where(target)
        .ordered_values(
            (OutboxNotice.attempts, OutboxNotice.attempts + case((interrupted, 1), else_=0)),
            (
                OutboxNotice.last_error,
                case((interrupted, INTERRUPTED), else_=OutboxNotice.last_error),
            ),
            (OutboxNotice.status, SENDING),
            (OutboxNotice.claimed_by, token),
            (OutboxNotice.claimed_until, until),
            (OutboxNotice.attempt_started_at, None),
        )
        .execution_options(synchronize_session=False)
    )
    claimed = _claimed_rows(session, token, until)
    if claimed and start_first:
        _mark_started(session, claimed[0], now)
    session.commit()
    if claimed:
        log.debug("claimed %d notices (%s)", len(claimed), token)
    return claimed


def _claimed_rows(session: Session, token: str, until: datetime) -> list[ClaimedNotice]:
    """The notices `token` holds now, oldest first."""
    rows = session.execute(
        select(
            OutboxNotice.id,
            OutboxNotice.to_address,
            OutboxNotice.from_address,
            OutboxNotice.subject,
            OutboxNotice.body_text,
            OutboxNotice.body_html,
            OutboxNotice.created_at,
            OutboxNotice.attempts,
            OutboxNotice.last_error,
        )
        .where(OutboxNotice.claimed_by == token, OutboxNotice.status == SENDING)
        .order_by(OutboxNotice.id)
    ).all()
    return [
        ClaimedNotice(
            NoticeContent(
                r.id,
                r.to_address,
                r.from_address,
                r.subject,
                r.body_text,
                r.body_html,
                r.created_at,
            ),
            r.attempts,
            token,
            until,
            r.last_error,
        )
        for r in rows
    ]


def _mark_started(session: Session, notice: ClaimedNotice, now: datetime) -> None:
    session.execute(
        update(OutboxNotice)
        .where(OutboxNotice.id == notice.id, OutboxNotice.claimed_by == notice.claimed_by)
        .values(attempt_started_at=now)
        .execution_options(synchronize_session=False)
    )


def renew(session: Session, token: str, until: datetime) -> int:
    """Extend the lease of every row still held under claim `token` (commits): the heartbeat
    of a live worker. Returns how many rows it holds."""
    result = cast(
        CursorResult[Any],
        session.execute(
            update(OutboxNotice)
            .where(OutboxNotice.claimed_by == token, OutboxNotice.status == SENDING)
            .values(claimed_until=until)
            .execution_options(synchronize_session=False)
        ),
    )
    session.commit()
    return result.rowcount


def _update_claimed(
    session: Session, notice: ClaimedNotice, start_next: ClaimedNotice | None, **values: Any
) -> bool:
    result = cast(
        CursorResult[Any],
        session.execute(
            update(OutboxNotice)
            .where(
                OutboxNotice.id == notice.id,
                OutboxNotice.claimed_by == notice.claimed_by,
                OutboxNotice.status == SENDING,
            )
            .values(claimed_by=None, claimed_until=None, attempt_started_at=None, **values)
            .execution_options(synchronize_session=False)
        ),
    )
    if start_next is not None:
        _mark_started(session, start_next, utcnow())
    session.commit()
    if result.rowcount != 1:
        log.warning("notice %d: claim lost before its outcome was recorded", notice.id)
        return False
    return True


def record_sent(
    session: Session,
    notice: ClaimedNotice,
    *,
    now: datetime | None = None,
    start_next: ClaimedNotice | None = None,
) -> bool:
    """Mark a claimed notice sent (commits), and `start_next` as being handed to SMTP in the
    same commit. False when the claim had been taken over."""
    ok = _update_claimed(
        session,
        notice,
        start_next,
        status=SENT,
        sent_at=now or utcnow(),
        attempts=notice.attempts + 1,
        next_attempt_at=None,
        last_error="",
    )
    if ok:
        log.info("notice %d sent", notice.id)
    return ok


def record_failure(
    session: Session,
    notice: ClaimedNotice,
    error: DeliveryError,
    *,
    max_attempts: int,
    now: datetime | None = None,
    rng: Callable[[], float] = random.random,
    attempted: bool = True,
    start_next: ClaimedNotice | None = None,
) -> str:
    """Record a failed attempt (commits): back to queued with a backoff, or failed when the
    error is permanent or `max_attempts` are used up. Returns the new status. With
    `attempted` False nothing was sent and the attempt count stays as it is."""
    now = now or utcnow()
    attempts = notice.attempts + 1 if attempted else notice.attempts
    if error.permanent:
        status, reason, next_at = FAILED, error.reason, None
    elif attempts >= max_attempts:
        status, reason, next_at = FAILED, f"gave up after {attempts} attempts: {error.reason}", None
    else:
        status, reason, next_at = QUEUED, error.reason, now + backoff(attempts, rng)
    _update_claimed(
        session,
        notice,
        start_next,
        status=status,
        attempts=attempts,
        next_attempt_at=next_at,
        last_error=reason[:500],
    )
    if status == FAILED:
        log.warning("notice %d failed after %d attempts: %s", notice.id, attempts, reason)
    else:
        log.info(
            "notice %d attempt %d failed (%s); next try at %s UTC",
            notice.id,
            attempts,
            error.reason,
            f"{next_at:%H:%M:%S}",
        )
    return status


def release(session: Session, notices: Sequence[ClaimedNotice]) -> int:
    """Give claimed notices back to the queue untouched (commits); returns how many."""
    if not notices:
        return 0
    tokens = {n.claimed_by for n in notices}
    result = cast(
        CursorResult[Any],
        session.execute(
            update(OutboxNotice)
            .where(
                OutboxNotice.id.in_([n.id for n in notices]),
                OutboxNotice.claimed_by.in_(tokens),
                OutboxNotice.status == SENDING,
            )
            .values(status=QUEUED, claimed_by=None, claimed_until=None, attempt_started_at=None)
            .execution_options(synchronize_session=False)
        ),
    )
    session.commit()
    return result.rowcount
