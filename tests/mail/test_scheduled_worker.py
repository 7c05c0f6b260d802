"""The outbox worker and scheduled messages (issue 22): two real workers (threads, each its
own database connections and SMTP session) release messages scheduled for the same minute; each
patient gets exactly one notice, at the time, and an unread message's second notice goes out
once. The workers' clock is passed as `now`; nothing sleeps."""

import threading
import uuid
from collections import Counter
from datetime import timedelta

import pytest

from opendesk.core import clock
from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.services import webmail
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.webmail import Outgoing
from opendesk.mail.outbox import OutboxWorker, RunResult
from tests import factories as f
from tests.mail.conftest import MailServer, configure_smtp

pytestmark = pytest.mark.backends


def _practice(db: Database, patients: int) -> tuple[StaffActor, int, list[int]]:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Test Dental",
            },
        )
        prov = f.provider(s, "A")
        doc = f.user(s, "doca", prov=prov, groups=[f.group(s, "P", Permission.WEBMAIL_SEND)])
        ids = []
        for n in range(patients):
            pat = f.patient(s, prov, email=f"patient{n}@example.com")
            f.portal_account(s, pat)
            ids.append(pat.id)
        s.commit()
        return StaffActor(doc.id, "ws"), prov.id, ids


def _send(db: Database, doc: StaffActor, prov: int, patient: int, settings: MessageSettings) -> int:
    with db.session() as s:
        out = Outgoing(
            regarding_patient_id=patient,
            provider_id=prov,
            subject="Recall",
            body="Time for your cleaning.",
            client_request_id=str(uuid.uuid4()),
            settings=settings,
        )
        return webmail.send(s, doc, out).message_id


def _two_workers(db: Database, now: object) -> list[RunResult]:
    barrier = threading.Barrier(2)
    results: list[RunResult] = []

    def run(name: str) -> None:
        worker = OutboxWorker(db, worker_id=name, timeout=10)
        barrier.wait()
        results.append(worker.drain(now))  # type: ignore[arg-type]

    threads = [threading.Thread(target=run, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def test_two_workers_deliver_each_scheduled_message_once_at_its_time(
    db: Database, mail_server: MailServer
) -> None:
    mail_server.start()
    configure_smtp(db, mail_server.port)
    t0 = clock.utcnow().replace(microsecond=0)
    at = t0 + timedelta(hours=1)
    doc, prov, patients = _practice(db, 10)
    with clock.frozen(t0):
        for pid in patients:
            _send(db, doc, prov, pid, MessageSettings(deliver_at=at))
    early = _two_workers(db, at - timedelta(seconds=1))
    assert sum(r.delivered for r in early) == 0 and mail_server.received == []
    results = _two_workers(db, at)
    assert sum(r.delivered for r in results) == 10
    assert sum(r.sent for r in results) == 10
    got = Counter(rcpt for m in mail_server.received for rcpt in m.recipients)
    assert got == Counter({f"patient{n}@example.com": 1 for n in range(10)})
    assert sum(r.delivered for r in _two_workers(db, at + timedelta(hours=1))) == 0


def test_the_second_notice_of_an_unread_message_goes_out_once(
    db: Database, mail_server: MailServer
) -> None:
    mail_server.start()
    configure_smtp(db, mail_server.port)
    doc, prov, (patient,) = _practice(db, 1)
    t0 = clock.utcnow().replace(microsecond=0)
    with clock.frozen(t0):
        _send(db, doc, prov, patient, MessageSettings(notify_unread_days=2, second_notice=True))
    OutboxWorker(db, timeout=10).drain(t0)
    assert len(mail_server.received) == 1
    results = _two_workers(db, t0 + timedelta(days=2))
    assert sum(r.followed_up for r in results) == 1
    assert len(mail_server.received) == 2
    first, second = (m.message for m in mail_server.received)
    assert first["Subject"] == second["Subject"]

    def text(m: object) -> str:
        part = m.get_body(("plain",))  # type: ignore[attr-defined]
        return str(part.get_content())

    assert text(first) == text(second) and "Recall" not in text(second)
    _two_workers(db, t0 + timedelta(days=9))
    assert len(mail_server.received) == 2
