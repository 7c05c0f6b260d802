"""The outbox on SQLite, MariaDB and PostgreSQL: retries with backoff while the SMTP server is
down, permanent failures, exactly-once delivery with two workers at once, expired claims of a
crashed worker, and claims that cannot be overwritten once taken over. Time is controlled by
passing `now`; nothing sleeps."""

import datetime as dt
import logging
import threading
from collections import Counter

import pytest

from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.mail.errors import DeliveryError
from opendesk.mail.outbox import (
    INTERRUPTED,
    OutboxWorker,
    backoff,
    claim_due,
    record_failure,
    record_sent,
    release,
)
from tests.mail.conftest import MailServer, add_notices, configure_smtp, notice

pytestmark = pytest.mark.backends


def no_jitter() -> float:
    return 0.0


def test_backoff_doubles_from_30_seconds_up_to_an_hour_with_jitter_below() -> None:
    assert [backoff(n, no_jitter).total_seconds() for n in range(1, 9)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
    ]
    assert backoff(20, no_jitter).total_seconds() == 3600
    assert backoff(1, lambda: 1.0).total_seconds() == pytest.approx(24)


def test_smtp_down_then_back_delivers_exactly_once(
    db: Database, mail_server: MailServer, caplog: pytest.LogCaptureFixture
) -> None:
    configure_smtp(db, mail_server.port)  # the server is not running yet
    [nid] = add_notices(db)
    worker = OutboxWorker(db, timeout=3, rng=no_jitter)
    t0 = utcnow()

    first = worker.run_once(now=t0)
    assert (first.claimed, first.retrying) == (1, 1)
    row = notice(db, nid)
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.last_error == "connection to the SMTP server refused"
    assert row.next_attempt_at is not None
    assert row.next_attempt_at - t0 == pytest.approx(dt.timedelta(seconds=30), abs=dt.timedelta(1))
    assert row.claimed_by is None and row.sent_at is None

    assert worker.run_once(now=t0 + dt.timedelta(seconds=10)).claimed == 0  # not due yet
    second = worker.run_once(now=t0 + dt.timedelta(seconds=31))
    assert (second.claimed, second.retrying) == (1, 1)
    row = notice(db, nid)
    assert row.attempts == 2 and row.next_attempt_at is not None
    assert row.next_attempt_at - t0 > dt.timedelta(seconds=90)  # 31 s + 60 s

    mail_server.start()
    third = worker.run_once(now=t0 + dt.timedelta(seconds=95))
    assert third.sent == 1
    assert worker.drain(now=t0 + dt.timedelta(hours=5)).claimed == 0
    assert mail_server.handler.count() == 1
    row = notice(db, nid)
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, "")
    assert row.sent_at is not None and row.next_attempt_at is None
    assert "connection to the SMTP server refused" in caplog.text


def test_temporary_failures_become_failed_after_max_attempts(
    db: Database,
    mail_server: MailServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    mail_server.handler.refuse["busy@example.com"] = "451 4.3.0 try later"
    mail_server.start()
    configure_smtp(db, mail_server.port, max_attempts=3)
    [nid] = add_notices(db, to="busy@example.com")
    worker = OutboxWorker(db, timeout=3, rng=no_jitter)
    now = utcnow()
    statuses = []
    for _ in range(3):
        worker.run_once(now=now)
        row = notice(db, nid)
        statuses.append((row.status, row.attempts))
        assert row.next_attempt_at is not None or row.status == "failed"
        now = (row.next_attempt_at or now) + dt.timedelta(seconds=1)
    assert statuses == [("queued", 1), ("queued", 2), ("failed", 3)]
    assert notice(db, nid).last_error == (
        "gave up after 3 attempts: recipient refused by the mail server (451 4.3.0)"
    )
    assert worker.run_once(now=now + dt.timedelta(days=1)).claimed == 0
    assert mail_server.handler.count() == 0
    assert "failed after 3 attempts: gave up after 3 attempts" in caplog.text


def test_a_permanent_refusal_fails_at_once_and_others_still_go(
    db: Database, mail_server: MailServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="opendesk")
    mail_server.handler.refuse["gone@example.com"] = "550 5.1.1 <gone@example.com> unknown"
    mail_server.start()
    configure_smtp(db, mail_server.port)
    [bad] = add_notices(db, to="gone@example.com")
    good = add_notices(db, 3)
    [invalid] = add_notices(db, to="no-at-sign")
    result = OutboxWorker(db, timeout=3).run_once()
    assert (result.sent, result.failed, result.retrying) == (3, 2, 0)
    row = notice(db, bad)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error == "recipient refused by the mail server (550 5.1.1)"
    assert notice(db, invalid).last_error == "invalid recipient address"
    assert all(notice(db, n).status == "sent" for n in good)
    assert f"notice {bad} failed after 1 attempts" in caplog.text
    assert "example.com" not in caplog.text and "no-at-sign" not in caplog.text  # no PHI


def test_a_stopping_or_late_worker_gives_its_claims_back(
    db: Database, mail_server: MailServer
) -> None:
    mail_server.start()
    configure_smtp(db, mail_server.port)
    ids = add_notices(db, 3)
    stopping = OutboxWorker(db, timeout=3)
    stopping.stop_event.set()
    result = stopping.run_once()
    assert (result.claimed, result.released, result.sent) == (3, 3, 0)
    short_lease = OutboxWorker(
        db, timeout=5, lease=dt.timedelta(seconds=10), min_lease_left=dt.timedelta(seconds=15)
    )
    assert short_lease.run_once().released == 3  # no time left to send safely
    for nid in ids:
        row = notice(db, nid)
        assert (row.status, row.attempts, row.claimed_by) == ("queued", 0, None)
    assert OutboxWorker(db, timeout=3).run_once().sent == 3
    assert mail_server.handler.count() == 3


def test_two_workers_at_once_never_send_a_notice_twice(
    db: Database, mail_server: MailServer
) -> None:
    mail_server.start()
    configure_smtp(db, mail_server.port)
    ids = add_notices(db, 50)
    start = threading.Barrier(2)
    results = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            worker = OutboxWorker(db, worker_id=name, batch_size=4, timeout=30)
            start.wait()
            results[name] = worker.drain()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in ("w1", "w2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sum(r.sent for r in results.values()) == 50
    received = mail_server.received
    assert len(received) == 50
    counts = Counter(r.message["Message-ID"] for r in received)
    assert len(counts) == 50 and max(counts.values()) == 1
    assert sorted(r.recipients[0] for r in received) == sorted(
        f"patient{n}@example.com" for n in range(50)
    )
    assert {notice(db, i).status for i in ids} == {"sent"}


def test_a_crashed_workers_expired_claim_is_picked_up_again(
    db: Database,
    mail_server: MailServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Only the notice the dead worker had started handing to SMTP counts an interrupted
    attempt; the rest of its batch comes back with its attempts as they were."""
    mail_server.start()
    configure_smtp(db, mail_server.port, max_attempts=4)
    now = utcnow()
    [expired] = add_notices(
        db,
        status="sending",
        claimed_by="deadhost:123:1:abc",
        claimed_until=now - dt.timedelta(seconds=1),
        attempt_started_at=now - dt.timedelta(seconds=30),
        attempts=1,
    )
    [held] = add_notices(
        db, status="sending", claimed_by="livehost:9:1:def", claimed_until=now + dt.timedelta(1)
    )
    [poison] = add_notices(
        db,
        status="sending",
        claimed_by="deadhost:123:1:abc",
        claimed_until=now - dt.timedelta(minutes=1),
        attempt_started_at=now - dt.timedelta(minutes=2),
        attempts=3,
    )
    [untried] = add_notices(
        db,
        status="sending",
        claimed_by="deadhost:123:1:abc",
        claimed_until=now - dt.timedelta(seconds=1),
        attempts=1,
        last_error="connection to the SMTP server refused",
    )
    result = OutboxWorker(db, timeout=3).run_once(now=now)
    assert (result.claimed, result.sent, result.failed) == (3, 2, 1)
    row = notice(db, expired)
    assert (row.status, row.attempts) == ("sent", 3)  # 1 before, the interrupted one, this one
    assert notice(db, held).status == "sending"  # a live claim is left alone
    row = notice(db, poison)  # interrupted again and again: given up without sending
    assert row.status == "failed" and row.attempts == 4
    assert row.last_error == f"gave up after 4 attempts: {INTERRUPTED}"
    row = notice(db, untried)  # never handed to SMTP by the dead worker: no attempt added
    assert (row.status, row.attempts, row.attempt_started_at) == ("sent", 2, None)
    assert mail_server.handler.count() == 2
    assert "gave up after 4 attempts" in caplog.text


def test_claims_are_exclusive_and_a_lost_claim_cannot_record(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    ids = add_notices(db, 5)
    now = utcnow()
    with db.session() as s:
        first = claim_due(s, "a", 3, now=now)
    with db.session() as s:
        second = claim_due(s, "b", 10, now=now)
    with db.session() as s:
        assert claim_due(s, "c", 10, now=now) == []
    assert [c.id for c in first] == ids[:3] and [c.id for c in second] == ids[3:]
    assert len({c.claimed_by for c in first}) == 1 and first[0].claimed_by.startswith("a:")
    row = notice(db, ids[0])
    assert row.status == "sending" and row.claimed_until == first[0].claimed_until

    later = now + dt.timedelta(minutes=6)  # a's lease has run out; c takes the rows over
    with db.session() as s:
        taken = claim_due(s, "c", 3, now=later)
    assert [c.id for c in taken] == ids[:3]
    with db.session() as s:
        assert record_sent(s, first[0], now=later) is False  # a is too late
        record_failure(s, first[1], DeliveryError("x", permanent=True), max_attempts=8, now=later)
        assert release(s, first[2:]) == 0
    assert {notice(db, i).claimed_by for i in ids[:3]} == {taken[0].claimed_by}
    with db.session() as s:
        assert record_sent(s, taken[0], now=later) is True
        assert release(s, taken[1:]) == 2
    assert [notice(db, i).status for i in ids] == ["sent", "queued", "queued", "sending", "sending"]
    assert "claim lost before its outcome was recorded" in caplog.text
