"""The outbox worker: claims due notices, delivers them by SMTP, and records the outcome.

The table protocol (claims, leases, outcomes, the life of a notice) is in
`opendesk.mail.claims`. This module runs it: `OutboxWorker.run_once` claims a batch, sends it
over one SMTP session and records each outcome as soon as the server answers.

Leases and heartbeat. A claim's lease is short (60 s) and a heartbeat thread renews it every
15 s while the worker lives, so the notices of a worker that died are picked up by another
within about a minute. The worker starts a send only while at least half its lease is left
(one missed heartbeat stops new sends); otherwise it gives the rest of the batch back.

Database faults. When recording an outcome fails because the database does not answer, the
worker keeps the outcome in memory and retries with backoff (0.25 s doubling to 2 s) for as
long as its lease lasts; a notice the SMTP server accepted is therefore never sent again after
a database blip of up to ~40 s. Then the unattempted rest of the batch is given back at once
and the next round starts immediately. An outcome that could not be written before the lease
ran out stays in memory and is written first thing in the next round.

Scheduled messages (issue 22). Each round first releases the scheduled messages whose time
has come and flags the unread ones past their follow-up time (`core.services.scheduled`: a
conditional UPDATE per message, so two workers never release one twice); the notices this
queues go out in the same round. This runs even while the SMTP setup pauses delivery: the
message reaches the portal on time and its notice waits in the outbox.

Crashes. A worker that dies between the server's "250 OK" and the commit leaves that one
notice to be sent again (at-least-once in that one case; both copies carry the same
Message-ID). Only the notice it had started counts an interrupted attempt.
"""

import functools
import logging
import os
import random
import signal
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import FrameType
from typing import Any

from sqlalchemy.orm import Session

from opendesk.core import preferences
from opendesk.core.clock import utcnow
from opendesk.core.db import UNAVAILABLE, Database
from opendesk.core.errors import ConfigurationError
from opendesk.core.services import scheduled
from opendesk.mail.claims import (
    DEFAULT_LEASE,
    FAILED,
    INTERRUPTED,
    QUEUED,
    SENDING,
    SENT,
    ClaimedNotice,
    backoff,
    claim_due,
    record_failure,
    record_sent,
    release,
    renew,
)
from opendesk.mail.errors import DeliveryError
from opendesk.mail.message import build_message
from opendesk.mail.smtp import DEFAULT_TIMEOUT, SmtpSettings, SmtpTransport, load_settings
from opendesk.mail.upkeep import Upkeep

__all__ = [
    "DEFAULT_LEASE",
    "FAILED",
    "INTERRUPTED",
    "QUEUED",
    "SENDING",
    "SENT",
    "BackgroundWorker",
    "ClaimedNotice",
    "OutboxWorker",
    "RunResult",
    "backoff",
    "claim_due",
    "record_failure",
    "record_sent",
    "release",
    "run_cli",
]

log = logging.getLogger("opendesk.mail")

DEFAULT_BATCH = 50
RECORD_RETRY_FIRST = 0.25  # seconds; doubles up to RECORD_RETRY_MAX while the database is away
RECORD_RETRY_MAX = 2.0
LEASE_SAFETY = timedelta(seconds=5)  # stop retrying a record this long before the lease ends

Write = Callable[[Session], object]


def default_worker_id() -> str:
    """``host:pid:thread`` — who holds a claim, for people reading the table."""
    return f"{socket.gethostname()[:50]}:{os.getpid()}:{threading.get_ident() % 100000}"


class _Clock:
    """The worker's "now": `start` (a test may set it) plus the real time gone by since."""

    def __init__(self, start: datetime | None) -> None:
        self.start = start or utcnow()
        self.started = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.started)


class Heartbeat:
    """Renews the lease of one claim every `interval` on a thread of its own while the batch
    is in hand; `until` is the lease end the database last confirmed."""

    def __init__(
        self,
        database: Database,
        token: str,
        until: datetime,
        lease: timedelta,
        interval: timedelta,
        clock: Callable[[], datetime],
    ) -> None:
        self.database, self.token, self.until = database, token, until
        self.lease, self.interval, self.clock = lease, interval, clock
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="opendesk-outbox-lease", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def remaining(self) -> timedelta:
        return self.until - self.clock()

    def _run(self) -> None:
        while not self._stop.wait(self.interval.total_seconds()):
            until = self.clock() + self.lease
            try:
                with self.database.session() as session:
                    held = renew(session, self.token, until)
            except Exception as exc:  # the database is away: the lease runs down meanwhile
                log.warning("outbox lease renewal failed (%s)", type(exc).__name__)
                continue
            self.until = until
            if not held:
                return


@dataclass
class RunResult:
    """What one round of the worker did. `problem` is a setup problem that stopped it;
    `unrecorded` counts outcomes kept in memory because the database did not answer."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0
    unrecorded: int = 0
    problem: str = ""
    delivered: int = 0  # scheduled messages released this round
    followed_up: int = 0  # unread messages flagged (and second notices queued)

    def add(self, other: "RunResult") -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.released += other.released
        self.unrecorded += other.unrecorded
        self.delivered += other.delivered
        self.followed_up += other.followed_up
        self.problem = other.problem or self.problem

    @property
    def progressed(self) -> bool:
        return bool(self.sent or self.retrying or self.failed)

    def __str__(self) -> str:
        text = (
            f"{self.claimed} claimed, {self.sent} sent, {self.retrying} to retry, "
            f"{self.failed} failed"
        )
        if self.released:
            text += f", {self.released} given back"
        if self.unrecorded:
            text += f", {self.unrecorded} outcomes waiting for the database"
        if self.delivered or self.followed_up:
            text += (
                f"; {self.delivered} scheduled messages delivered, "
                f"{self.followed_up} unread follow-ups"
            )
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
    heartbeat: timedelta | None = None  # default: a quarter of the lease
    min_lease_left: timedelta | None = None  # to start a send; default: half the lease
    timeout: float = DEFAULT_TIMEOUT
    ssl_context: ssl.SSLContext | None = None
    rng: Callable[[], float] = random.random
    stop_event: threading.Event = field(default_factory=threading.Event)
    _last_problem: str = field(default="", init=False, repr=False)
    _unrecorded: list[tuple[int, Write]] = field(default_factory=list, init=False, repr=False)

    @property
    def send_window(self) -> timedelta:
        """The lease a send needs left before it starts: by default half of it, so one missed
        heartbeat (the database away) stops new sends."""
        return self.min_lease_left if self.min_lease_left is not None else self.lease / 2

    def run_once(self, now: datetime | None = None) -> RunResult:
        """Claim and deliver one batch. `now` (naive UTC) is for tests; by default the clock."""
        clock = _Clock(now)
        result = RunResult()
        self._write_unrecorded()
        self._run_scheduled(clock(), result)
        setup = self._setup(result)
        if setup is None:
            return result
        settings, max_attempts = setup
        with self.database.session() as session:
            claimed = claim_due(
                session,
                self.worker_id,
                self.batch_size,
                now=clock(),
                lease=self.lease,
                start_first=True,
            )
        result.claimed = len(claimed)
        if not claimed:
            return result
        beat = Heartbeat(
            self.database,
            claimed[0].claimed_by,
            claimed[0].claimed_until,
            self.lease,
            self.heartbeat or self.lease / 4,
            clock,
        )
        with beat:
            self._deliver(claimed, settings, max_attempts, clock, beat, result)
        return result

    def _run_scheduled(self, now: datetime, result: RunResult) -> None:
        """Release due scheduled messages and flag unread ones (each its own transaction).
        A database that does not answer skips it for this round."""
        try:
            with self.database.session() as session:
                due = scheduled.run_due(session, now)
        except UNAVAILABLE as exc:
            log.warning("scheduled messages skipped this round (%s)", type(exc).__name__)
            return
        result.delivered, result.followed_up = due.released, due.followed_up
        if due.released or due.followed_up:
            log.info(
                "%d scheduled messages delivered, %d unread follow-ups",
                due.released,
                due.followed_up,
            )

    def _setup(self, result: RunResult) -> tuple[SmtpSettings, int] | None:
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
                return None
            max_attempts = max(1, preferences.get(session, preferences.OUTBOX_MAX_ATTEMPTS))
        if self._last_problem:
            log.info("outbox resumed: SMTP settings are usable again")
            self._last_problem = ""
        return settings, max_attempts

    def _deliver(
        self,
        claimed: Sequence[ClaimedNotice],
        settings: SmtpSettings,
        max_attempts: int,
        clock: _Clock,
        beat: Heartbeat,
        result: RunResult,
    ) -> None:
        broken: DeliveryError | None = None
        done = 0  # notices whose outcome is settled (recorded or kept in memory)
        try:
            with SmtpTransport(settings) as transport:
                for index, notice in enumerate(claimed):
                    if self.stop_event.is_set() or beat.remaining() < self.send_window:
                        break
                    following = claimed[index + 1] if index + 1 < len(claimed) else None
                    error, attempted = self._attempt(
                        transport, notice, broken, max_attempts, clock()
                    )
                    if error is not None and error.connection:
                        broken = error
                    write = self._outcome(notice, error, attempted, max_attempts, clock())
                    done = index + 1
                    if not self._write(notice, write, following, beat, result):
                        return  # the database is away longer than the lease: rows expire
        finally:
            if done < len(claimed):
                result.released = self._give_back(claimed[done:])

    def _attempt(
        self,
        transport: SmtpTransport,
        notice: ClaimedNotice,
        broken: DeliveryError | None,
        max_attempts: int,
        now: datetime,
    ) -> tuple[DeliveryError | None, bool]:
        """Hand one notice to the server. Returns the error (None when accepted) and whether
        the server was really tried."""
        if broken is not None:  # the session failed: the server was tried for the whole batch
            return broken, True
        if notice.attempts >= max_attempts:  # interrupted again and again
            return DeliveryError(
                f"gave up after {notice.attempts} attempts: "
                f"{notice.last_error or 'attempt limit reached'}",
                permanent=True,
            ), False
        try:
            transport.send(build_message(notice.content, now=now))
        except DeliveryError as error:
            return error, True
        return None, True

    def _outcome(
        self,
        notice: ClaimedNotice,
        error: DeliveryError | None,
        attempted: bool,
        max_attempts: int,
        now: datetime,
    ) -> Callable[[Session, ClaimedNotice | None], str]:
        """The write that records one outcome: returns "sent", "queued", "failed" or "lost"."""
        if error is None:

            def sent(session: Session, following: ClaimedNotice | None) -> str:
                ok = record_sent(session, notice, now=now, start_next=following)
                return SENT if ok else "lost"

            return sent
        return functools.partial(
            _record_failure,
            notice=notice,
            error=error,
            max_attempts=max_attempts,
            now=now,
            rng=self.rng,
            attempted=attempted,
        )

    def _write(
        self,
        notice: ClaimedNotice,
        write: Callable[[Session, ClaimedNotice | None], str],
        following: ClaimedNotice | None,
        beat: Heartbeat,
        result: RunResult,
    ) -> bool:
        """Record an outcome, retrying while the database does not answer and the lease
        lasts. False when the outcome is kept in memory for a later round instead."""
        delay = RECORD_RETRY_FIRST
        failures = 0
        while True:
            try:
                with self.database.session() as session:
                    status = write(session, following)
                break
            except UNAVAILABLE as exc:
                failures += 1
                if failures == 1:
                    log.warning(
                        "notice %d: the database did not take its outcome (%s); retrying",
                        notice.id,
                        type(exc).__name__,
                    )
                if beat.remaining() - timedelta(seconds=delay) < LEASE_SAFETY:
                    log.error(
                        "notice %d: outcome kept in memory until the database answers", notice.id
                    )
                    self._unrecorded.append((notice.id, lambda s: write(s, None)))
                    result.unrecorded += 1
                    return False
                time.sleep(delay)
                delay = min(delay * 2, RECORD_RETRY_MAX)
        if failures:
            log.info("notice %d: outcome recorded after %d database errors", notice.id, failures)
        if status == SENT:
            result.sent += 1
        elif status == FAILED:
            result.failed += 1
        elif status == QUEUED:
            result.retrying += 1
        return True

    def _write_unrecorded(self) -> None:
        """Write outcomes kept from a round the database interrupted (raises while it is
        still away; the round is then skipped)."""
        while self._unrecorded:
            notice_id, write = self._unrecorded[0]
            with self.database.session() as session:
                write(session)
            self._unrecorded.pop(0)
            log.info("notice %d: outcome kept in memory is recorded", notice_id)

    def _give_back(self, notices: Sequence[ClaimedNotice]) -> int:
        """Release unattempted notices at once; when the database does not answer, their
        lease runs out instead (about a minute)."""
        try:
            with self.database.session() as session:
                return release(session, notices)
        except UNAVAILABLE as exc:
            log.warning(
                "could not give back %d notices (%s); their lease runs out",
                len(notices),
                type(exc).__name__,
            )
            return 0

    def drain(self, now: datetime | None = None) -> RunResult:
        """Rounds until nothing is due (or a setup problem); the totals."""
        total = RunResult()
        while not self.stop_event.is_set():
            result = self.run_once(now)
            total.add(result)
            if result.problem or result.claimed == 0 or result.released or result.unrecorded:
                break
        return total

    def run_forever(
        self, stop_event: threading.Event | None = None, poll_seconds: float = 5.0
    ) -> None:
        """Deliver until `stop_event` is set, looking for due notices every `poll_seconds`
        (at once again after a full batch, or after giving back part of one). Each loop first
        escalates messages past their response time (`mail.upkeep`, which also refreshes
        SQLite's statistics now and then). Errors of a round are logged and the loop goes on."""
        if stop_event is not None:
            self.stop_event = stop_event
        log.info("outbox worker %s started", self.worker_id)
        upkeep = Upkeep(self.database)
        while not self.stop_event.is_set():
            again = False
            upkeep.run()
            try:
                result = self.run_once()
                full = result.claimed >= self.batch_size and not result.released
                again = full or bool(result.released and result.progressed)
            except Exception as exc:  # keep the worker alive; no PHI: the type name only
                log.error("outbox round failed: %s", type(exc).__name__)
            if not again:
                self.stop_event.wait(poll_seconds)
        log.info("outbox worker %s stopped", self.worker_id)


def _record_failure(
    session: Session,
    following: ClaimedNotice | None,
    *,
    notice: ClaimedNotice,
    error: DeliveryError,
    max_attempts: int,
    now: datetime,
    rng: Callable[[], float],
    attempted: bool,
) -> str:
    return record_failure(
        session,
        notice,
        error,
        max_attempts=max_attempts,
        now=now,
        rng=rng,
        attempted=attempted,
        start_next=following,
    )


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
    if once:  # a scheduled task: escalate what is past due, then deliver (the notices too)
        Upkeep(database).escalate()
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
