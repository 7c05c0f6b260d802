"""The outbox worker under database faults, on MariaDB and PostgreSQL behind a TCP proxy
(tests/faults/dbproxy.py) and a real SMTP server (aiosmtpd):

- the database goes away (connections reset and refused, or frozen) while the worker waits
  for the SMTP server's answer: the accepted notice is not sent twice, and the rest of the
  batch is delivered within seconds of the database's return;
- a worker process is killed holding a batch: while it lived its heartbeat kept the lease (no
  other worker took its notices), after its death another worker delivers them within the
  lease, each exactly once, and only the notice it had started counts an extra attempt.

OPENDESK_FAULT_OUTAGE (seconds, default 6) sets the outage; the worker rides out up to ~40 s.
"""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from opendesk.core import audit
from opendesk.core.db import Database, Timeouts
from opendesk.core.models import OutboxNotice
from opendesk.mail.outbox import BackgroundWorker, OutboxWorker
from tests.faults.dbproxy import DbProxy, proxy_for
from tests.mail.conftest import Handler, MailServer, add_notices, configure_smtp, free_port

pytestmark = pytest.mark.only_backends("mariadb", "postgresql")

ROOT = Path(__file__).resolve().parents[2]
OUTAGE = float(os.environ.get("OPENDESK_FAULT_OUTAGE", "6"))
FAST = Timeouts(connect=2, read=4, write=4, pool=5)


@dataclass
class GatedHandler(Handler):
    """Holds the `hold_at`-th DATA until `gate` is set; `drop_held` then answers 421 and
    keeps nothing (its client is gone)."""

    hold_at: int = 3
    entered: threading.Event = field(default_factory=threading.Event)
    gate: threading.Event = field(default_factory=threading.Event)
    drop_held: bool = False
    datas: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.datas += 1
        if self.datas == self.hold_at:
            self.entered.set()
            while not self.gate.is_set():
                await asyncio.sleep(0.02)
            if self.drop_held:
                return "421 4.3.0 connection lost"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def gated_smtp(db: Database) -> Iterator[MailServer]:
    server = MailServer(free_port())
    server.handler = GatedHandler()
    server.start()
    configure_smtp(db, server.port)
    yield server
    server.handler.gate.set()  # type: ignore[attr-defined]
    server.stop()


def _statuses(db: Database, ids: list[int]) -> list[tuple[str, int]]:
    with db.readonly_session() as s:
        rows = s.execute(
            select(OutboxNotice.status, OutboxNotice.attempts)
            .where(OutboxNotice.id.in_(ids))
            .order_by(OutboxNotice.id)
        ).all()
    return [(r.status, r.attempts) for r in rows]


def _wait_all_sent(db: Database, ids: list[int], seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if all(status == "sent" for status, _ in _statuses(db, ids)):
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"not all sent after {seconds} s: {_statuses(db, ids)}")


def _assert_each_once(server: MailServer, count: int) -> None:
    ids = Counter(r.message["Message-ID"] for r in server.received)
    assert len(ids) == count, f"{count - len(ids)} notices lost"
    assert max(ids.values()) == 1, "a notice was e-mailed twice"


def _down(proxy: DbProxy, fault: str) -> None:
    if fault == "reset-refuse":
        proxy.refuse()
        proxy.reset()
    else:
        proxy.freeze()


def _up(proxy: DbProxy, fault: str) -> None:
    if fault == "reset-refuse":
        proxy.accept()
    else:
        proxy.thaw()


@pytest.mark.parametrize("fault", ["reset-refuse", "freeze"])
def test_database_outage_while_smtp_answers(
    db: Database, gated_smtp: MailServer, fault: str, caplog: pytest.LogCaptureFixture
) -> None:
    handler: GatedHandler = gated_smtp.handler  # type: ignore[assignment]
    ids = add_notices(db, 8)
    with proxy_for(db.url) as proxy:
        worker_db = Database(proxy.url(db.url), timeouts=FAST)
        background = BackgroundWorker(worker_db, poll_seconds=0.5, timeout=20)
        background.start()
        try:
            assert handler.entered.wait(30), "the third notice never reached the SMTP server"
            _down(proxy, fault)
            handler.gate.set()  # the server accepts notice 3 while the database is away
            time.sleep(OUTAGE)
            _up(proxy, fault)
            delivered_in = _wait_all_sent(db, ids, 30)
            assert background._thread is not None and background._thread.is_alive()
        finally:
            assert background.stop(timeout=30)
            worker_db.dispose()
    assert delivered_in < 10, f"delivered {delivered_in:.1f} s after the database came back"
    _assert_each_once(gated_smtp, 8)
    assert _statuses(db, ids) == [("sent", 1)] * 8  # one real SMTP try each
    with db.readonly_session() as s:
        assert audit.verify(s).intact
    assert "did not take its outcome" in caplog.text  # the blip was met, and said so
    assert "example.com" not in caplog.text  # no addresses in the log


def _child(url: str, lease: float, beat: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.outbox_child", url, str(lease), str(beat)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.DEVNULL,
    )


def test_a_killed_worker_keeps_its_lease_while_alive_and_loses_it_when_dead(
    db: Database, gated_smtp: MailServer
) -> None:
    lease = 6.0
    handler: GatedHandler = gated_smtp.handler  # type: ignore[assignment]
    handler.drop_held = True
    ids = add_notices(db, 8)
    child = _child(db.url.render_as_string(hide_password=False), lease, 1.0)
    survivor = OutboxWorker(db, worker_id="survivor", lease=timedelta(seconds=lease))
    stop = threading.Event()
    thread = threading.Thread(target=survivor.run_forever, args=(stop, 0.2), daemon=True)
    try:
        assert handler.entered.wait(60), "the doomed worker never reached notice 3"
        thread.start()
        time.sleep(2 * lease)  # alive: its heartbeat renews the lease, nobody takes over
        with db.readonly_session() as s:
            holders = set(
                s.execute(
                    select(OutboxNotice.claimed_by).where(OutboxNotice.status == "sending")
                ).scalars()
            )
        assert holders and all(str(h).startswith("doomed") for h in holders)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        killed = time.monotonic()
        handler.gate.set()  # its SMTP session dies with it: notice 3 was not accepted
        picked_up_in = _wait_all_sent(db, ids, 3 * lease)
        assert thread.is_alive()
    finally:
        stop.set()
        if child.poll() is None:
            child.kill()
        thread.join(30)
    assert time.monotonic() - killed < 3 * lease
    assert picked_up_in < lease + 3, f"picked up {picked_up_in:.1f} s after the kill"
    _assert_each_once(gated_smtp, 8)
    # 1, 2 sent by the doomed worker; 3 was in its hands (interrupted + the real one);
    # 4..8 it had claimed but never started: one attempt each, the survivor's.
    assert _statuses(db, ids) == [("sent", 1)] * 2 + [("sent", 2)] + [("sent", 1)] * 5
