"""The outbox worker: claims due notices, delivers them by SMTP, and records the outcome.

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
the work of the worker that took the row over.

Crashes. A worker that dies holding a claim leaves rows in ``sending``; once the lease has run
out another worker claims them again, counting the interrupted attempt. Whether the crashed
worker's SMTP hand-over happened is unknowable, so delivery is at-least-once in that one case
(the repeated e-mail carries the same Message-ID); in every other case a notice is handed to
the SMTP server exactly once. A worker checks its lease before each send and gives back rows it
has no time left for.
"""

import logging
import os
import random
import signal
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import FrameType
from typing import Any, cast

from sqlalchemy import CursorResult, and_, case, or_, select, update
from sqlalchemy.orm import Session

from opendesk.core import audit, permissions, preferences
from opendesk.core.actors import Actor, PortalActor, StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.enums import OutboxStatus, Permission
from opendesk.core.errors import ConfigurationError, NotFound, PermissionDenied, ValidationError
from opendesk.core.models import OutboxNotice, WebMailMessage
from opendesk.mail.errors import DeliveryError
from opendesk.mail.message import NoticeContent, build_message
from opendesk.mail.smtp import DEFAULT_TIMEOUT, SmtpTransport, load_settings

log = logging.getLogger("opendesk.mail")

DEFAULT_LEASE = timedelta(minutes=5)
DEFAULT_BATCH = 50
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


def default_worker_id() -> str:
    """``host:pid:thread`` — who holds a claim, for people reading the table."""
    return f"{socket.gethostname()[:50]}:{os.getpid()}:{threading.get_ident() % 100000}"


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
) -> list[ClaimedNotice]:
    """Claim up to `limit` due notices (oldest first) for `worker_id` and commit the claim.

    Due: queued with `next_attempt_at` NULL or passed, or sending with an expired lease (its
    worker died; the interrupted attempt is counted). Safe to call from many workers at once.
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
    interrupted = OutboxNotice.status == SENDING
    # MariaDB assigns left to right with the new values: attempts and last_error look at the
    # old status, so they come before it.
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
        )
        .execution_options(synchronize_session=False)
    )
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
    session.commit()
    claimed = [
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
    if claimed:
        log.debug("claimed %d notices (%s)", len(claimed), token)
    return claimed


def _update_claimed(session: Session, notice: ClaimedNotice, **values: Any) -> bool:
    result = cast(
        CursorResult[Any],
        session.execute(
            update(OutboxNotice)
            .where(
                OutboxNotice.id == notice.id,
                OutboxNotice.claimed_by == notice.claimed_by,
                OutboxNotice.status == SENDING,
            )
            .values(claimed_by=None, claimed_until=None, **values)
            .execution_options(synchronize_session=False)
        ),
    )
    session.commit()
    if result.rowcount != 1:
        log.warning("notice %d: claim lost before its outcome was recorded", notice.id)
        return False
    return True


def record_sent(session: Session, notice: ClaimedNotice, *, now: datetime | None = None) -> bool:
    """Mark a claimed notice sent (commits). False when the claim had been taken over."""
    ok = _update_claimed(
        session,
        notice,
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
    count = 0
    for notice in notices:
        result = cast(
            CursorResult[Any],
            session.execute(
                update(OutboxNotice)
                .where(
                    OutboxNotice.id == notice.id,
                    OutboxNotice.claimed_by == notice.claimed_by,
                    OutboxNotice.status == SENDING,
                )
                .values(status=QUEUED, claimed_by=None, claimed_until=None)
                .execution_options(synchronize_session=False)
            ),
        )
        count += result.rowcount
    session.commit()
    return count


@dataclass
class RunResult:
    """What one round of the worker did. `problem` is a setup problem that stopped it."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0
    problem: str = ""

    def add(self, other: "RunResult") -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.released += other.released
        self.problem = other.problem or self.problem

    def __str__(self) -> str:
        text = (
            f"{self.claimed} claimed, {self.sent} sent, {self.retrying} to retry, "
            f"{self.failed} failed"
        )
        if self.released:
            text += f", {self.released} given back"
        return f"{text}; {self.problem}" if self.problem else text


@dataclass
class OutboxWorker:
    """Delivers due notices of one practice database. `run_once` is one round (claim a
    batch, send it over one SMTP session, record each outcome); `run_forever` loops until its
    stop event is set and is meant for a thread (the portal) or the CLI."""

    database: Database
    worker_id: str = field(default_factory=default_worker_id)
    batch_size: int = DEFAULT_BATCH
    lease: timedelta = DEFAULT_LEASE
    timeout: float = DEFAULT_TIMEOUT
    ssl_context: ssl.SSLContext | None = None
    rng: Callable[[], float] = random.random
    stop_event: threading.Event = field(default_factory=threading.Event)
    _last_problem: str = field(default="", init=False, repr=False)

    def run_once(self, now: datetime | None = None) -> RunResult:
        """Claim and deliver one batch. `now` (naive UTC) is for tests; by default the clock."""
        started = time.monotonic()
        start = now or utcnow()
        result = RunResult()
        with self.database.readonly_session() as session:
            try:
                settings = load_settings(
                    session, timeout=self.timeout, ssl_context=self.ssl_context
                )
            except ConfigurationError as exc:
                result.problem = str(exc)
                if result.problem != self._last_problem:
                    log.warning("outbox paused: %s", result.problem)
                self._last_problem = result.problem
                return result
            max_attempts = max(1, preferences.get(session, preferences.OUTBOX_MAX_ATTEMPTS))
        if self._last_problem:
            log.info("outbox resumed: SMTP settings are usable again")
            self._last_problem = ""

        with self.database.session() as session:
            claimed = claim_due(
                session, self.worker_id, self.batch_size, now=start, lease=self.lease
            )
            result.claimed = len(claimed)
            if not claimed:
                return result
            margin = timedelta(seconds=2 * settings.timeout + 5)
            broken: DeliveryError | None = None
            with SmtpTransport(settings) as transport:
                for index, notice in enumerate(claimed):
                    current = start + timedelta(seconds=time.monotonic() - started)
                    if self.stop_event.is_set() or current + margin >= notice.claimed_until:
                        result.released = release(session, claimed[index:])
                        break
                    exhausted = notice.attempts >= max_attempts  # interrupted again and again
                    try:
                        if broken is not None:
                            raise broken
                        if exhausted:
                            raise DeliveryError(
                                f"gave up after {notice.attempts} attempts: "
                                f"{notice.last_error or 'attempt limit reached'}",
                                permanent=True,
                            )
                        transport.send(build_message(notice.content, now=current))
                    except DeliveryError as error:
                        if error.connection:
                            broken = error
                        status = record_failure(
                            session,
                            notice,
                            error,
                            max_attempts=max_attempts,
                            now=current,
                            rng=self.rng,
                            attempted=not exhausted,
                        )
                        if status == FAILED:
                            result.failed += 1
                        else:
                            result.retrying += 1
                    else:
                        if record_sent(session, notice, now=current):
                            result.sent += 1
        return result

    def drain(self, now: datetime | None = None) -> RunResult:
        """Rounds until nothing is due (or a setup problem); the totals."""
        total = RunResult()
        while not self.stop_event.is_set():
            result = self.run_once(now)
            total.add(result)
            if result.problem or result.claimed == 0 or result.released:
                break
        return total

    def run_forever(
        self, stop_event: threading.Event | None = None, poll_seconds: float = 5.0
    ) -> None:
        """Deliver until `stop_event` is set, looking for due notices every `poll_seconds`
        (at once again after a full batch). Errors of a round are logged and the loop goes
        on; a claim left by a failed round is picked up when its lease runs out."""
        if stop_event is not None:
            self.stop_event = stop_event
        log.info("outbox worker %s started", self.worker_id)
        while not self.stop_event.is_set():
            full = False
            try:
                result = self.run_once()
                full = result.claimed >= self.batch_size and not result.released
            except Exception as exc:  # keep the worker alive; no PHI: the type name only
                log.error("outbox round failed: %s", type(exc).__name__)
            if not full:
                self.stop_event.wait(poll_seconds)
        log.info("outbox worker %s stopped", self.worker_id)


class BackgroundWorker:
    """An `OutboxWorker` on a daemon thread, for the portal server process::

    worker = BackgroundWorker(database)
    worker.start()   # at start-up
    worker.stop()    # at shutdown: finishes the notice in hand, gives back the rest
    """

    def __init__(
        self, database: Database, *, poll_seconds: float = 5.0, **worker_options: Any
    ) -> None:
        self.worker = OutboxWorker(database, **worker_options)
        self.poll_seconds = poll_seconds
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self.worker.stop_event.clear()
        self._thread = threading.Thread(
            target=self.worker.run_forever,
            kwargs={"poll_seconds": self.poll_seconds},
            name="opendesk-outbox",
            daemon=True,
        )
        self._thread.start()

    def stop(self, timeout: float | None = None) -> bool:
        """Ask the worker to stop and wait for it; True when it has stopped."""
        self.worker.stop_event.set()
        if self._thread is None:
            return True
        self._thread.join(timeout if timeout is not None else self.worker.timeout * 2 + 5)
        return not self._thread.is_alive()


def run_cli(
    database: Database,
    *,
    once: bool = False,
    poll_seconds: float = 5.0,
    out: Callable[[str], None] = print,
) -> int:
    """`opendesk-admin outbox run`: drain once and report, or run until SIGINT/SIGTERM.
    Exit code 0, or 2 when the SMTP setup stops delivery."""
    worker = OutboxWorker(database)
    if once:
        result = worker.drain()
        out(str(result))
        return 2 if result.problem else 0

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        worker.stop_event.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _stop)
        signal.signal(signal.SIGTERM, _stop)
    out(f"outbox worker {worker.worker_id}: delivering every {poll_seconds:g} s; Ctrl+C stops")
    worker.run_forever(poll_seconds=poll_seconds)
    return 0


def retry(session: Session, actor: Actor, notice_id: int) -> None:
    """The Retry button: put a failed (or waiting) notice back in the queue, due now, with its
    attempts reset to 0 so the whole retry schedule applies again; the old attempts and
    reason go into the audit row. Staff need to work in the sending provider's inbox (or hold
    Setup); the CLI acts as the system. Commits."""
    if isinstance(actor, PortalActor):
        raise PermissionDenied("You are not allowed to retry notifications.")
    notice = session.get(OutboxNotice, notice_id, with_for_update=True)
    if notice is None:
        raise NotFound("This notification does not exist.")
    message = (
        session.get(WebMailMessage, notice.message_id) if notice.message_id is not None else None
    )
    patient_id = message.patient_id if message is not None else None
    if isinstance(actor, StaffActor):
        user = permissions.acting_user(session, actor)
        allowed = permissions.has_permission(user, Permission.SETUP) or (
            message is not None and permissions.can_work_inbox(user, message.provider_id)
        )
        if not allowed:
            raise permissions.deny(
                session,
                actor,
                "retry this notification",
                detail=f"outbox.retry notice={notice_id}",
                patient_id=patient_id,
            )
    if notice.status == SENT:
        raise ValidationError("This notification has already been sent; there is nothing to retry.")
    if notice.status == SENDING:
        raise ValidationError("This notification is being sent right now. Look again in a minute.")
    detail = f"was {notice.status} after {notice.attempts} attempts"
    if notice.last_error:
        detail += f": {notice.last_error}"
    notice.status = QUEUED
    notice.attempts = 0
    notice.next_attempt_at = None
    notice.claimed_by = None
    notice.claimed_until = None
    notice.last_error = ""
    audit.record(
        session,
        actor,
        "outbox.retry",
        patient_id=patient_id,
        object_type="notification_outbox",
        object_id=notice.id,
        detail=detail,
    )
    session.commit()
    log.info("notice %d queued again by retry", notice.id)
