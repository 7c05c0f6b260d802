"""Benchmark databases for the desktop client: 100,000 patients (and a few web mails) on SQLite,
MariaDB and PostgreSQL, made once with `make_large_demo` and reused while the patient count
matches. OPENDESK_BENCH_DESKTOP_SQLITE / _MARIADB / _POSTGRESQL name an existing database
instead (e.g. the 1,000,000-message demo of bench_inbox)."""

import os
import sys
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from opendesk.admin.demo_large import make_large_demo
from opendesk.core import migrate
from opendesk.core.db import Database
from opendesk.core.models import Patient

DATA = Path(os.environ.get("OPENDESK_BENCH_DIR", "/tmp/opendesk-bench"))
MARIADB = os.environ.get("OPENDESK_BENCH_MARIADB_URL", "mariadb+pymysql://root@127.0.0.1:3306/")
POSTGRES = os.environ.get(
    "OPENDESK_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def bench_url(backend: str, patients: int) -> str:
    if backend == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{DATA / f'desktop-{patients}.db'}"
    name = f"opendesk_bench_desktop_{patients}"
    server = MARIADB if backend == "mariadb" else POSTGRES
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if backend == "mariadb":
            conn.execute(text(f"CREATE DATABASE IF NOT EXISTS {name} CHARACTER SET utf8mb4"))
        elif not conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).first():
            conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def ensure(backend: str, patients: int = 100_000, messages: int = 20_000) -> str:
    given = os.environ.get(f"OPENDESK_BENCH_DESKTOP_{backend.upper()}")
    if given:
        return given
    url = bench_url(backend, patients)
    db = Database(url)
    try:
        migrate.upgrade(db.engine)
        with db.readonly_session() as s:
            have = s.execute(select(func.count(Patient.id))).scalar_one()
        if have != patients:
            if have:
                raise SystemExit(f"{db.description} holds {have} patients; drop it first")
            print(f"making {patients:,} patients on {db.description} ...", file=sys.stderr)
            make_large_demo(db, patients=patients, messages=messages, progress=lambda _m: None)
    finally:
        db.dispose()
    return url


if __name__ == "__main__":
    for b in sys.argv[1:] or ["sqlite", "mariadb", "postgresql"]:
        print(ensure(b))
