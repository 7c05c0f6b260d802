"""The pool's checks on MariaDB/PostgreSQL connections (core/pool_checks.py), on real servers:
a connection idle past the ping interval that the server killed is replaced before use; one
back within it is used unpinged; the reset on return rolls back an open transaction (its row
lock is gone) and sends nothing after a commit."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, exc, text

from opendesk.core import pool_checks
from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from tests.faults.killing import kill_connection, server_connection_id

pytestmark = pytest.mark.only_backends("mariadb", "postgresql")


@pytest.fixture
def one(db: Database) -> Iterator[Database]:
    """The practice database through a pool that keeps one connection."""
    single = Database(db.url, pool_size=1)
    yield single
    single.dispose()


def test_a_killed_idle_connection_is_replaced_before_use(
    one: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with one.engine.connect() as conn:
        victim = server_connection_id(conn)
    kill_connection(one, victim)
    monkeypatch.setattr(pool_checks, "IDLE_PING_SECONDS", 0.0)  # every checkout counts as idle
    with one.engine.connect() as conn:
        assert server_connection_id(conn) != victim


def test_a_connection_back_within_the_idle_interval_is_used_unpinged(
    one: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The price of not pinging: a server-side kill within the interval fails the next
    statement, and the pool recovers on the one after."""
    monkeypatch.setattr(pool_checks, "IDLE_PING_SECONDS", 3600.0)
    with one.engine.connect() as conn:
        victim = server_connection_id(conn)
    kill_connection(one, victim)
    with pytest.raises(exc.DBAPIError), one.engine.connect() as conn:
        server_connection_id(conn)
    with one.engine.connect() as conn:
        assert server_connection_id(conn) != victim


def _lock_timeout(conn: Connection) -> None:
    if conn.dialect.name in ("mysql", "mariadb"):
        conn.execute(text("SET SESSION innodb_lock_wait_timeout = 1"))
    else:
        conn.execute(text("SET lock_timeout = '1s'"))


def test_an_open_transaction_is_rolled_back_on_return(db: Database, one: Database) -> None:
    with one.session() as s:  # a committed transaction first: the connection was clean
        prefs.get(s, prefs.PRACTICE_NAME)
        s.commit()
    raw = one.engine.raw_connection()  # then a row lock, taken past SQLAlchemy, left open
    cursor = raw.cursor()
    cursor.execute("SELECT version FROM preference_marker WHERE id = 1 FOR UPDATE")
    cursor.close()
    raw.close()
    with db.engine.connect() as other:
        _lock_timeout(other)
        other.execute(text("UPDATE preference_marker SET version = version + 1 WHERE id = 1"))
        other.commit()


@pytest.mark.only_backends("mariadb")  # psycopg sends no ROLLBACK for an idle connection
def test_a_committed_connection_gets_no_second_rollback(one: Database) -> None:
    def rollbacks(conn: Connection) -> int:
        row = conn.execute(text("SHOW SESSION STATUS LIKE 'Com_rollback'")).one()
        return int(row[1])

    with one.session() as s:  # a page's reads, committed as the portal's services do
        prefs.get(s, prefs.PRACTICE_NAME)
        before = rollbacks(s.connection())
        s.commit()
    with one.engine.connect() as conn:
        assert rollbacks(conn) == before
        conn.execute(text("SELECT 1"))
    with one.engine.connect() as conn:  # closed without commit: rolled back once
        assert rollbacks(conn) == before + 1
