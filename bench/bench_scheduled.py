"""Scheduled-message release rate (issue 22): messages per second that
`core.services.scheduled.run_due` turns from scheduled into sent, each with its notice and audit
row in its own transaction, with one or more workers against one database at the same minute.

    PYTHONPATH=. .venv/bin/python bench/bench_scheduled.py                     # SQLite
    PYTHONPATH=. .venv/bin/python bench/bench_scheduled.py --backend mariadb --workers 2

The messages are made by `webmail.send` with a delivery time (not timed); the server databases
are made on 127.0.0.1 and dropped after, as in bench_outbox.py.
"""

import argparse
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from bench.bench_outbox import make_database
from opendesk.core import clock, migrate
from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.models import OutboxNotice, WebMailMessage
from opendesk.core.services import scheduled, webmail
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.webmail import Outgoing
from tests import factories as f


def fill(db: Database, count: int) -> object:
    """`count` messages scheduled for one instant an hour ahead; returns that instant."""
    at = clock.utcnow().replace(microsecond=0) + timedelta(hours=1)
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notify@bench.example",
                prefs.PORTAL_URL: "https://portal.bench.example",
                prefs.PRACTICE_NAME: "Bench Dental",
            },
        )
        prov = f.provider(s, "B")
        doc = f.user(s, "bench", prov=prov, groups=[f.group(s, "P", Permission.WEBMAIL_SEND)])
        patients = []
        for n in range(max(1, count // 10)):
            pat = f.patient(s, prov, email=f"patient{n}@example.com")
            f.portal_account(s, pat)
            patients.append(pat.id)
        s.commit()
        actor = StaffActor(doc.id, "bench")
    for n in range(count):
        with db.session() as s:
            out = Outgoing(
                regarding_patient_id=patients[n % len(patients)],
                provider_id=prov.id,
                subject="Recall",
                body="Time for your cleaning.",
                client_request_id=str(uuid.uuid4()),
                settings=MessageSettings(deliver_at=at),
            )
            webmail.send(s, actor, out)
    return at


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="sqlite", choices=["sqlite", "mariadb", "postgresql"])
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url, drop = make_database(args.backend, Path(folder))
        db = Database(url)
        try:
            migrate.upgrade(db.engine)
            at = fill(db, args.messages)
            barrier = threading.Barrier(args.workers)
            released: list[int] = []

            def work() -> None:
                with db.session() as s:
                    barrier.wait()
                    total = 0
                    while True:
                        due = scheduled.run_due(s, at).released  # type: ignore[arg-type]
                        total += due
                        if not due:
                            break
                    released.append(total)

            threads = [threading.Thread(target=work) for _ in range(args.workers)]
            start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            seconds = time.perf_counter() - start
            with db.readonly_session() as s:
                sent = s.execute(
                    select(func.count()).where(
                        WebMailMessage.status == int(MessageStatus.WEBMAIL_SENT)
                    )
                ).scalar_one()
                notices = s.execute(select(func.count(OutboxNotice.id))).scalar_one()
            assert sum(released) == sent == notices == args.messages, (released, sent, notices)
            print(
                f"{args.backend}, {args.workers} worker(s): released {args.messages} messages "
                f"(each with notice and audit row) in {seconds:.2f} s = "
                f"{args.messages / seconds:.0f}/s; per worker {released}"
            )
        finally:
            db.dispose()
            if drop is not None:
                drop()


if __name__ == "__main__":
    main()
