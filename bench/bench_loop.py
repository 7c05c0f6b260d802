"""Closed-loop views and alert count at 1,000,000 messages (targets: count < 5 ms, first rows
< 150 ms; the rows themselves come from `mailbox.message_rows`, measured in bench_inbox).
Run on demand; it prints numbers and asserts nothing:

  PYTHONPATH=$PWD .venv/bin/python bench/bench_loop.py [rows] [sqlite|mariadb|postgresql]

A new database (SQLite in a temporary folder; on the MariaDB or PostgreSQL server of
OPENDESK_BENCH_MARIADB_URL / OPENDESK_BENCH_POSTGRES_URL, default the test servers, a
throw-away database dropped at the end): 10 providers, 1,000 patients, `rows` messages of
which 2 % are open (a tenth of those unassigned, a fifth past due) and the rest closed or from
before the loop (NULL state). Provider 1's user is measured. Also the desktop's alert
(`loop_lists.loop_alert`: waiting, overdue, escalated) and a first page of rows as the
desktop's loop views read them (`loop_lists.loop_rows`, with how late in business time).
Statistics: SQLite through `core.db.refresh_statistics` (what the portal runs at start and the
outbox worker every 6 h; its time is printed); MariaDB ANALYZE TABLE; PostgreSQL VACUUM
ANALYZE, as autovacuum would after the mass change (without it the count read the heap for
visibility: 138 ms).
"""

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import URL, make_url

from opendesk.core import clock, migrate
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database, refresh_statistics
from opendesk.core.models import Patient, Provider, User, WebMailMessage
from opendesk.core.services.loop_lists import loop_alert, loop_rows
from opendesk.core.services.loop_views import LoopView, alert_count, loop_page

NOW = datetime(2026, 11, 30, 15, 0)
ROUNDS = 9
SERVERS = {
    "mariadb": os.environ.get(
        "OPENDESK_BENCH_MARIADB_URL", "mariadb+pymysql://root@127.0.0.1:3306/"
    ),
    "postgresql": os.environ.get(
        "OPENDESK_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    ),
}


def _fill(db: Database, rows: int) -> int:
    rng = random.Random(21)
    with db.engine.begin() as conn:
        conn.execute(
            insert(Provider),
            [
                {"id": i, "abbr": f"P{i}", "first_name": "P", "last_name": f"D{i}"}
                for i in range(1, 11)
            ],
        )
        conn.execute(
            insert(Patient),
            [
                {
                    "id": i,
                    "last_name": f"L{i}",
                    "first_name": "F",
                    "primary_provider_id": 1 + i % 10,
                    "guarantor_id": i,
                }
                for i in range(1, 1001)
            ],
        )
        conn.execute(
            insert(User), [{"id": 1, "username": "prov01", "password_hash": "x", "provider_id": 1}]
        )
        batch = []
        for i in range(1, rows + 1):
            roll = rng.random()
            state = "open" if roll < 0.02 else ("closed" if roll < 0.6 else None)
            sent = NOW - timedelta(minutes=rows - i)
            due = sent + timedelta(hours=8) if state else None
            if state == "open" and rng.random() < 0.2:
                due = NOW - timedelta(hours=1)
            batch.append(
                {
                    "id": i,
                    "status": 5,
                    "patient_id": 1 + i % 1000,
                    "regarding_patient_id": 1 + i % 1000,
                    "provider_id": 1 + i % 10,
                    "subject": "s",
                    "body": "b",
                    "sent_at": sent,
                    "loop_state": state,
                    "due_at": due,
                    "owner_user_id": 1 if state == "open" and rng.random() < 0.9 else None,
                    "is_urgent": state == "open" and rng.random() < 0.05,
                    "created_at": sent,
                }
            )
            if len(batch) == 20000:
                conn.execute(insert(WebMailMessage), batch)
                batch = []
        if batch:
            conn.execute(insert(WebMailMessage), batch)
    return rows


def _analyze(db: Database) -> None:
    started = time.perf_counter()
    if db.backend == "sqlite":
        tables = refresh_statistics(db)
        what = f"refresh_statistics (ANALYZE of {len(tables)} tables)"
    elif db.backend == "mariadb":
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE TABLE webmail_message"))
        what = "ANALYZE TABLE"
    else:  # what autovacuum does after a mass change: index-only scans need a fresh visibility map
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE webmail_message"))
        what = "VACUUM ANALYZE"
    print(f"  {what}: {(time.perf_counter() - started) * 1000:.0f} ms")


def _time(work: object) -> str:
    values = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        values.append((time.perf_counter() - started) * 1000)
    return f"median {statistics.median(values):7.2f} ms (max {max(values):7.2f})"


def _measure(db: Database, title: str) -> None:
    print(title)
    actor = StaffActor(1, "bench")
    with clock.frozen(NOW), db.readonly_session() as s:
        print(f"  alert count ({alert_count(s, actor)}):", _time(lambda: alert_count(s, actor)))
        alert = loop_alert(s, actor)
        print(f"  desktop alert, 3 counts {alert.marker}:", _time(lambda: loop_alert(s, actor)))
        for view in LoopView:
            page = loop_page(s, actor, view)
            print(f"  {view.value:10} first 50 ids ({len(page.ids)}):", end=" ")
            print(_time(lambda v=view: loop_page(s, actor, v)))
            print(f"  {view.value:10} ids + LoopRows (desktop):", end=" ")
            print(_time(lambda v=view: loop_rows(s, loop_page(s, actor, v).ids)))


def _server_database(backend: str) -> tuple[URL, Callable[[], None]]:
    admin = make_url(SERVERS[backend])
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    name = f"opendesk_bench_loop_{os.getpid()}"
    with engine.connect() as conn:
        extra = " CHARACTER SET utf8mb4" if backend == "mariadb" else ""
        conn.execute(text(f"CREATE DATABASE {name}{extra}"))

    def drop() -> None:
        force = " WITH (FORCE)" if backend == "postgresql" else ""
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}{force}"))
        engine.dispose()

    return admin.set(database=name), drop


def main(rows: int, backend: str = "sqlite") -> None:
    drop: Callable[[], None] = lambda: None  # noqa: E731
    if backend == "sqlite":
        url: str | URL = f"sqlite:///{Path(tempfile.mkdtemp()) / 'loop.db'}"
    else:
        url, drop = _server_database(backend)
    db = Database(url)
    try:
        migrate.upgrade(db.engine)
        started = time.perf_counter()
        _fill(db, rows)
        print(f"{backend}: filled {rows:,} messages in {time.perf_counter() - started:.1f} s")
        _analyze(db)
        _measure(db, "stress: 2 % of all messages open (a loop nobody closes)")
        with db.engine.begin() as conn:  # a working loop: about 1,000 open, as many unassigned
            conn.execute(
                text(
                    "UPDATE webmail_message SET loop_state = 'closed' "
                    "WHERE loop_state = 'open' AND id % 20 != 0"
                )
            )
        _analyze(db)
        _measure(db, "working practice: 0.1 % open")
    finally:
        db.dispose()
        drop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000, *sys.argv[2:3])
