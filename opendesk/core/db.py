"""Opening the practice database: engine options per database, sessions, and URL handling.

SQLite opens with WAL, foreign keys and a busy timeout, and write transactions take the write
lock at BEGIN (BEGIN IMMEDIATE) so two processes never deadlock on a lock upgrade. MariaDB goes
through PyMySQL with utf8mb4, PostgreSQL through psycopg 3; both at READ COMMITTED, with a
transaction opened on the server at its first statement that needs one (`server_transactions`).

A database server that stops answering must not hang a caller forever (`Timeouts`): MariaDB and
PostgreSQL connections get a connect timeout, a read/write timeout (PyMySQL's own; for psycopg a
connection class whose every wait is bounded, closing the connection when it runs out), TCP
keepalive (probe after 30 s idle, every 10 s, dead after 3 misses) and, on PostgreSQL, libpq's
tcp_user_timeout; the pool hands out a connection within `pool` seconds or raises, pinging only
the connections idle for a while (`pool_checks`). Errors that mean "the database is
unavailable" are `UNAVAILABLE`.
"""

import logging
import socket
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, literal, select
from sqlalchemy import table as sql_table
from sqlalchemy.engine import URL, Connection, CursorResult, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import Executable

from opendesk.core import pool_checks, server_transactions
from opendesk.core.credentials import database_key, get_secret

log = logging.getLogger("opendesk.db")

READONLY = "opendesk_readonly"
SQLITE_BUSY = 5  # the primary result code of "database is locked" and its extended codes
STATISTICS_TRIES = 5

# The database does not answer, refuses, or dropped the connection: the caller may retry later.
UNAVAILABLE: tuple[type[Exception], ...] = (
    exc.OperationalError,
    exc.InterfaceError,
    exc.TimeoutError,  # no pooled connection came free in time
    exc.DisconnectionError,
)


@dataclass(frozen=True)
class Timeouts:
    """Seconds a MariaDB/PostgreSQL connection may wait. `read` bounds any one wait for the
    server's answer, so it must exceed the slowest legitimate query; `pool` bounds the wait for
    a free pooled connection."""

    connect: float = 5.0
    read: float = 60.0
    write: float = 30.0
    pool: float = 30.0
    keepalive_idle: int = 30
    keepalive_interval: int = 10
    keepalive_count: int = 3


DEFAULT_TIMEOUTS = Timeouts()


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


def create_practice_engine(
    raw_url: str | URL,
    *,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
    pool_size: int | None = None,
    **kwargs: Any,
) -> Engine:
    """The engine for a practice database. `pool_size` (a server, or an SQLite file) keeps that
    many connections and lets as many more open under load."""
    url = normalise_url(raw_url)
    backend = url.get_backend_name()
    in_memory = backend == "sqlite" and url.database in (None, "", ":memory:")
    if pool_size is not None and not in_memory:
        kwargs.update(pool_size=pool_size, max_overflow=pool_size)
    if backend == "sqlite":
        if not in_memory and url.database:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    engine = create_engine(
        url,
        isolation_level="READ COMMITTED",
        pool_pre_ping=False,  # pool_checks: only idle connections are pinged
        pool_recycle=3600,
        pool_timeout=timeouts.pool,
        connect_args=_server_connect_args(backend, timeouts),
        **kwargs,
    )
    pool_checks.install(engine)
    server_transactions.install(engine)
    if backend in ("mysql", "mariadb"):
        _tune_mysql_keepalive(engine, timeouts)
    else:
        _bound_psycopg_waits(engine, timeouts)
    return engine


def _server_connect_args(backend: str, t: Timeouts) -> dict[str, Any]:
    if backend in ("mysql", "mariadb"):
        return {
            "connect_timeout": t.connect,
            "read_timeout": t.read,
            "write_timeout": t.write,
        }
    return {
        "connect_timeout": max(1, round(t.connect)),
        "keepalives": 1,
        "keepalives_idle": t.keepalive_idle,
        "keepalives_interval": t.keepalive_interval,
        "keepalives_count": t.keepalive_count,
        "tcp_user_timeout": int(max(t.read, t.write) * 1000),
    }


def _tune_mysql_keepalive(engine: Engine, t: Timeouts) -> None:
    """PyMySQL switches SO_KEEPALIVE on; set when and how often it probes (Linux names)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        sock = getattr(dbapi_connection, "_sock", None)
        if not isinstance(sock, socket.socket) or sock.family == socket.AF_UNIX:
            return
        for name, value in (
            ("TCP_KEEPIDLE", t.keepalive_idle),
            ("TCP_KEEPINTVL", t.keepalive_interval),
            ("TCP_KEEPCNT", t.keepalive_count),
        ):
            option = getattr(socket, name, None)
            if option is not None:
                sock.setsockopt(socket.IPPROTO_TCP, option, value)


def _bound_psycopg_waits(engine: Engine, t: Timeouts) -> None:
    """libpq has no read timeout: connect through a psycopg Connection whose waits are
    bounded (see opendesk.core.pgwait)."""
    from opendesk.core.pgwait import connect_bounded

    @event.listens_for(engine, "do_connect")
    def _do_connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        return connect_bounded(max(t.read, t.write), *cargs, **cparams)


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


def read_columns(
    session: Session, statement: Executable, params: Mapping[str, Any] | None = None
) -> CursorResult[Any]:
    """Run a SELECT of columns (never of mapped objects) on the session's connection, in its
    transaction, as Core: the same rows without the ORM's result machinery, which cost 5 % of
    the instructions of a portal page (bench/portal_instructions.py). Pending ORM changes are
    not flushed first, so it is for reads that follow none."""
    return session.connection().execute(statement, params)


class Database:
    """One practice database: an engine and its sessions. Services receive a Session."""

    def __init__(
        self,
        url: str | URL,
        *,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
        pool_size: int | None = None,
        **engine_kwargs: Any,
    ) -> None:
        self.engine = create_practice_engine(
            url, timeouts=timeouts, pool_size=pool_size, **engine_kwargs
        )
        self.backend = self.engine.url.get_backend_name()
        # Copied into every new session's `info` (e.g. the portal's audit group writer).
        self.session_info: dict[str, Any] = {}
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info=self.session_info)
        self._readonly_sessions = sessionmaker(
            self.engine.execution_options(**{READONLY: True}),
            expire_on_commit=False,
            info=self.session_info,
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


def refresh_statistics(database: Database) -> list[str]:
    """Keep SQLite's query planner informed: `ANALYZE` each table that has an index without
    statistics — a new migration's index, or a database never analysed, where the planner may
    walk the wrong index (a closed-loop view took 1.5 s instead of 3 ms) — and `PRAGMA
    optimize` otherwise. Returns the tables analysed. A full ANALYZE of 1,000,000 messages
    takes seconds, so it runs in a deferred transaction: readers and writers go on until it
    writes its statistics at the end. MariaDB and PostgreSQL keep their own statistics.

    When another process wrote meanwhile (the other portal processes of `--workers N` start
    together and each refreshes), SQLite refuses the deferred transaction's first write at
    once (SQLITE_BUSY_SNAPSHOT, no busy wait): it starts again with a fresh read, up to
    `STATISTICS_TRIES` times."""
    if database.backend != "sqlite":
        return []
    attempt = 1
    while True:
        try:
            return _analyse(database)
        except exc.OperationalError as error:
            code = getattr(error.orig, "sqlite_errorcode", 0)
            if code & 0xFF != SQLITE_BUSY or attempt == STATISTICS_TRIES:
                raise
        time.sleep(0.1 * attempt)
        attempt += 1


def _analyse(database: Database) -> list[str]:
    with database.engine.connect().execution_options(**{READONLY: True}) as conn:
        rows = conn.exec_driver_sql(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
            "AND name NOT LIKE 'sqlite_autoindex%' AND sql IS NOT NULL"
        ).all()
        has_stats = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).scalar_one()
        known = (
            set(conn.exec_driver_sql("SELECT idx FROM sqlite_stat1").scalars())
            if has_stats
            else set()
        )
        tables: list[str] = []
        for name, table in rows:  # ANALYZE keeps no statistics for an empty table
            if name in known or table in tables:
                continue
            found = conn.execute(select(literal(1)).select_from(sql_table(table)).limit(1))
            if found.first() is not None:
                tables.append(str(table))
        quote = conn.dialect.identifier_preparer.quote
        for table in sorted(tables):
            conn.exec_driver_sql(f"ANALYZE {quote(table)}")
        if not tables:
            conn.exec_driver_sql("PRAGMA optimize")
        conn.commit()
    return sorted(tables)
