"""Transactions on MariaDB and PostgreSQL (core/server_transactions.py), on real servers: reads
open no transaction on the server; everything from the first write, locking read or savepoint
on is one transaction that commits or rolls back whole; an open one is rolled back when its
connection goes back to the pool; COMMIT and ROLLBACK reach the server only for a transaction
that is open there."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine, exc, select, text, update

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import PreferenceMarker
from opendesk.core.server_transactions import needs_transaction
from tests.faults.killing import server_connection_id

pytestmark = pytest.mark.only_backends("mariadb", "postgresql")


class Observer:
    """Looks at another connection of the practice database from a connection of its own."""

    def __init__(self, db: Database) -> None:
        self.mysql = db.backend in ("mysql", "mariadb")
        self.engine = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")

    def in_transaction(self, conn: Connection) -> bool:
        """Whether the server has a transaction open on `conn` (asked on `conn` itself with a
        plain SELECT on MariaDB; from outside on PostgreSQL)."""
        if self.mysql:
            return bool(conn.execute(text("SELECT @@in_transaction")).scalar_one())
        pid = server_connection_id(conn)
        with self.engine.connect() as other:
            state = other.execute(
                text("SELECT state FROM pg_stat_activity WHERE pid = :p"), {"p": pid}
            ).scalar_one()
        return bool(state != "idle")

    def lock_times_out(self) -> bool:
        """Whether updating the preference marker waits past a one-second lock timeout."""
        with self.engine.connect() as other:
            if self.mysql:
                other.execute(text("SET SESSION innodb_lock_wait_timeout = 1"))
            else:
                other.execute(text("SET lock_timeout = '1s'"))
            try:
                other.execute(update(PreferenceMarker).values(version=PreferenceMarker.version))
            except exc.OperationalError:
                return True
        return False

    def practice_name(self) -> str | None:
        with self.engine.connect() as other:
            return other.execute(
                text("SELECT value FROM preference WHERE name = :n"),
                {"n": prefs.PRACTICE_NAME.name},
            ).scalar_one_or_none()

    def dispose(self) -> None:
        self.engine.dispose()


@pytest.fixture
def observer(db: Database) -> Iterator[Observer]:
    found = Observer(db)
    yield found
    found.dispose()


def test_reads_open_no_transaction_and_the_first_write_opens_one(
    one_connection: Database, observer: Observer
) -> None:
    with one_connection.session() as s:
        prefs.get(s, prefs.PRACTICE_NAME)
        s.execute(select(PreferenceMarker.version)).all()
        assert not observer.in_transaction(s.connection())
        prefs.set_many(s, {prefs.PRACTICE_NAME: "Birch Dental"})
        s.flush()
        assert observer.in_transaction(s.connection())
        s.commit()
        assert not observer.in_transaction(s.connection())


def test_a_write_transaction_is_seen_whole_or_not_at_all(
    one_connection: Database, observer: Observer
) -> None:
    with one_connection.session() as s:
        prefs.get(s, prefs.PRACTICE_NAME)  # a read first, outside the server's transaction
        prefs.set_many(s, {prefs.PRACTICE_NAME: "Elm Dental"})
        s.flush()
        assert observer.practice_name() != "Elm Dental"  # not before the commit
        s.execute(update(PreferenceMarker).values(version=PreferenceMarker.version + 1))
        s.rollback()
    assert observer.practice_name() != "Elm Dental"  # rolled back with the later statement
    assert not observer.lock_times_out()
    with one_connection.session() as s:
        prefs.set_many(s, {prefs.PRACTICE_NAME: "Elm Dental"})
        s.commit()
    assert observer.practice_name() == "Elm Dental"


def test_a_locking_read_holds_its_lock_until_the_commit(
    one_connection: Database, observer: Observer
) -> None:
    with one_connection.session() as s:
        s.execute(select(PreferenceMarker.version).with_for_update()).all()
        assert observer.lock_times_out()
        s.commit()
    assert not observer.lock_times_out()


def test_an_open_transaction_is_rolled_back_when_its_connection_goes_back(
    one_connection: Database, observer: Observer
) -> None:
    with one_connection.engine.connect() as conn:  # closed without commit
        conn.execute(select(PreferenceMarker.version).with_for_update()).all()
        assert observer.lock_times_out()
    assert not observer.lock_times_out()


def test_a_savepoint_rolls_back_alone(one_connection: Database, observer: Observer) -> None:
    with one_connection.session() as s:
        prefs.set_many(s, {prefs.PRACTICE_NAME: "Ash Dental"})
        with s.begin_nested() as nested:
            prefs.set_many(s, {prefs.PRACTICE_NAME: "Yew Dental"})
            s.flush()
            nested.rollback()
        s.commit()
    assert observer.practice_name() == "Ash Dental"


def test_an_isolation_level_option_leaves_the_driver_in_autocommit_after(
    one_connection: Database, observer: Observer
) -> None:
    with one_connection.engine.connect() as conn:  # SQLAlchemy resets the driver when it goes back
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(update(PreferenceMarker).values(version=PreferenceMarker.version))
        assert not observer.in_transaction(conn)  # AUTOCOMMIT asked: no BEGIN was sent
    with one_connection.session() as s:
        prefs.get(s, prefs.PRACTICE_NAME)
        assert not observer.in_transaction(s.connection())


@pytest.mark.only_backends("mariadb")  # psycopg itself sends nothing for an idle connection
def test_commit_and_rollback_reach_the_server_only_for_an_open_transaction(
    one_connection: Database,
) -> None:
    def sent(conn: Connection) -> tuple[int, int, int]:
        rows = conn.execute(
            text(
                "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.SESSION_STATUS "
                "WHERE VARIABLE_NAME IN ('COM_BEGIN', 'COM_COMMIT', 'COM_ROLLBACK')"
            )
        ).all()
        found = {name.upper(): int(value) for name, value in rows}
        return found["COM_BEGIN"], found["COM_COMMIT"], found["COM_ROLLBACK"]

    with one_connection.session() as s:
        before = sent(s.connection())
        prefs.get(s, prefs.PRACTICE_NAME)  # a page's reads, committed as the services do
        s.commit()
    with one_connection.engine.connect() as conn:  # read, then closed without a commit
        conn.execute(select(PreferenceMarker.version)).all()
    with one_connection.engine.connect() as conn:
        assert sent(conn) == before
        conn.execute(update(PreferenceMarker).values(version=PreferenceMarker.version))
        conn.commit()
        assert sent(conn) == (before[0] + 1, before[1] + 1, before[2])
    with one_connection.engine.connect() as conn:  # a write closed without commit: rolled back once
        conn.execute(update(PreferenceMarker).values(version=PreferenceMarker.version))
    with one_connection.engine.connect() as conn:
        assert sent(conn) == (before[0] + 2, before[1] + 1, before[2] + 1)


@pytest.mark.parametrize(
    ("statement", "needed"),
    [
        ("SELECT preference.value FROM preference", False),
        ("  select 1", False),
        ("SELECT id FROM outbox_notice WHERE due FOR UPDATE SKIP LOCKED", True),
        ("SELECT id FROM user FOR UPDATE OF user", True),
        ("SELECT id FROM t FOR NO KEY UPDATE", True),
        ("SELECT id FROM t FOR SHARE", True),
        ("SELECT id FROM t LOCK IN SHARE MODE", True),
        ("INSERT INTO t (a) VALUES (1)", True),
        ("UPDATE t SET a = 1", True),
        ("WITH scope AS (SELECT id FROM patient) SELECT message.id FROM message", False),
        ("SELECT message.updated_at FROM message", False),
        ("WITH x AS (DELETE FROM t RETURNING id) SELECT id FROM x", True),
        ("SELECT id INTO copy FROM t", True),
        ("SELECT nextval('s')", True),
        ("SELECT pg_advisory_xact_lock(1)", True),
        ("SHOW SESSION STATUS", True),
        ("SAVEPOINT sa_savepoint_1", True),
        ("CREATE TABLE t (a int)", True),
    ],
)
def test_only_a_plain_select_runs_outside_a_transaction(statement: str, needed: bool) -> None:
    assert needs_transaction(statement) is needed
