"""Outbox delivery rate: notices per second from `notification_outbox` to a local aiosmtpd
server, through the real worker (claim, MIME, SMTP, per-notice commit). Target: over 100/s.

    PYTHONPATH=. .venv/bin/python bench/bench_outbox.py                      # SQLite
    PYTHONPATH=. .venv/bin/python bench/bench_outbox.py --backend mariadb    # throw-away DB
    PYTHONPATH=. .venv/bin/python bench/bench_outbox.py --backend postgresql --workers 2

The server databases are made on 127.0.0.1 (root / postgres, as in ./dev) and dropped after.
"""

import argparse
import socket
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import URL, make_url

from opendesk.core import migrate, preferences
from opendesk.core.db import Database
from opendesk.core.models import OutboxNotice
from opendesk.mail.outbox import OutboxWorker, RunResult

SERVERS = {
    "mariadb": "mariadb+pymysql://root@127.0.0.1:3306/",
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
}


class Counting:
    """An SMTP handler that accepts and counts."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def make_database(backend: str, folder: Path) -> tuple[str | URL, Any]:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'bench.db'}", None
    admin = create_engine(make_url(SERVERS[backend]), isolation_level="AUTOCOMMIT")
    name = f"opendesk_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))

    def drop() -> None:
        with admin.connect() as conn:
            extra = " WITH (FORCE)" if backend == "postgresql" else ""
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}{extra}"))
        admin.dispose()

    return make_url(SERVERS[backend]).set(database=name), drop


def fill(db: Database, count: int) -> None:
    rows = [
        {
            "to_address": f"patient{n}@example.com",
            "from_address": "Bench Dental <notify@bench.example>",
            "subject": "You have a secure message waiting for you",
            "body_text": "Please go to this link and login using your credentials. "
            "https://portal.bench.example/",
            "body_html": '<p>Please go to <a href="https://portal.bench.example/">this link</a>'
            " and login using your credentials.</p>",
            "status": "queued",
            "attempts": 0,
            "last_error": "",
            "kind": "webmail",
        }
        for n in range(count)
    ]
    with db.session() as s:
        for start in range(0, count, 1000):
            s.execute(insert(OutboxNotice), rows[start : start + 1000])
        s.commit()


def run(backend: str, count: int, workers: int, batch: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = make_database(backend, Path(tmp))
        db = Database(url)
        handler = Counting()
        port = free_port()
        server = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="bench")
        server.start()
        try:
            migrate.upgrade(db.engine)
            with db.session() as s:
                preferences.set_many(
                    s,
                    {
                        preferences.SMTP_HOST: "127.0.0.1",
                        preferences.SMTP_PORT: port,
                        preferences.SMTP_SECURITY: "none",
                    },
                )
                s.commit()
            fill(db, count)
            results: list[RunResult] = []

            def work(n: int) -> None:
                worker = OutboxWorker(db, worker_id=f"bench{n}", batch_size=batch, timeout=10)
                results.append(worker.drain())

            threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            seconds = time.perf_counter() - started
            sent = sum(r.sent for r in results)
            rate = sent / seconds
            ok = "OK" if sent == count == handler.count else "MISMATCH"
            print(
                f"{backend:<10} workers={workers} batch={batch:<4} {sent} notices in "
                f"{seconds:.2f} s = {rate:,.0f} notices/s  "
                f"(server received {handler.count}; {ok}; target > 100/s)"
            )
            return rate
        finally:
            server.stop()
            db.dispose()
            if drop is not None:
                drop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "mariadb", "postgresql"), default="sqlite")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()
    rate = run(args.backend, args.count, args.workers, args.batch)
    return 0 if rate > 100 else 1


if __name__ == "__main__":
    sys.exit(main())
