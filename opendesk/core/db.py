"""Opening the practice database: engine options per database, sessions, and URL handling.

SQLite opens with WAL, foreign keys and a busy timeout, and write transactions take the write
lock at BEGIN (BEGIN IMMEDIATE) so two processes never deadlock on a lock upgrade. MariaDB goes
through PyMySQL with utf8mb4, PostgreSQL through psycopg 3; both at READ COMMITTED.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

from opendesk.core.credentials import database_key, get_secret

log = logging.getLogger("opendesk.db")

READONLY = "opendesk_readonly"


def normalise_url(raw: str | URL) -> URL:
    """Pick our drivers (PyMySQL, psycopg 3), add utf8mb4, and fetch a missing server password
    from the OS keyring."""
    url = make_url(raw)
    backend = url.get_backend_name()
    if backend in ("mysql", "mariadb"):
        url = url.set(drivername=f"{backend}+pymysql")
        if "charset" not in url.query:
            url = url.update_query_dict({"charset": "utf8mb4"})
    elif backend in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if backend != "sqlite" and url.password is None and url.username:
        secret = get_secret(
            database_key(url.username, url.host or "", url.port, url.database or "")
        )
        if secret is not None:
            url = url.set(password=secret)
    return url


def describe_url(url: str | URL) -> str:
    """The URL without its password, for status bars and logs."""
    return make_url(url).render_as_string(hide_password=True)


def describe_database(url: str | URL) -> str:
    """The database as people name it, for the login window and the status bar: "opendesk on
    dbserver" (server and name, no user, port or options) or "opendesk.db on this computer"
    (an SQLite file's name, not its folder). Never the URL."""
    parsed = make_url(url)
    name = parsed.database or ""
    if parsed.get_backend_name() == "sqlite":
        if not name or name == ":memory:":
            return "in memory on this computer"
        return f"{Path(name).name} on this computer"
    return f"{name or '(default)'} on {parsed.host or 'this computer'}"


def create_practice_engine(raw_url: str | URL, **kwargs: Any) -> Engine:
    url = normalise_url(raw_url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(
        url,
        isolation_level="READ COMMITTED",
        pool_pre_ping=True,
        pool_recycle=3600,
        **kwargs,
    )


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        readonly = conn.get_execution_options().get(READONLY, False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def begin_readonly(session: Session) -> None:
    """Start the session's transaction as a read (plain BEGIN on SQLite, no write lock) when
    none is open yet. A service that reads, then audits, calls this first, commits after its
    reads, and writes the audit row in a short transaction of its own, so concurrent readers
    do not queue behind one another's write lock."""
    if not session.in_transaction():
        session.connection(execution_options={READONLY: True})


class Database:
    """One practice database: an engine and its sessions. Services receive a Session."""

    def __init__(self, url: str | URL, **engine_kwargs: Any) -> None:
        self.engine = create_practice_engine(url, **engine_kwargs)
        self.backend = self.engine.url.get_backend_name()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readonly_sessions = sessionmaker(
            self.engine.execution_options(**{READONLY: True}), expire_on_commit=False
        )

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def description(self) -> str:
        """The URL without its password, for logs and IT."""
        return describe_url(self.engine.url)

    @property
    def display_name(self) -> str:
        """Server and database name only (`describe_database`), for staff."""
        return describe_database(self.engine.url)

    def session(self) -> Session:
        """A session for a service call that writes (always true when it audits)."""
        return self._sessions()

    def readonly_session(self) -> Session:
        """A session for list pages and counts: no write lock on SQLite."""
        return self._readonly_sessions()

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self.session() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
