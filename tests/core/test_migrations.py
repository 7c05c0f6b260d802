"""Alembic is the only way a schema is made: up from empty, down, up again, on every database,
and the migrations match the models."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, Table, inspect, text
from sqlalchemy.engine import URL

from opendesk.core import fulltext, migrate
from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.models import Base

EXPECTED = {t.name for t in Base.metadata.sorted_tables}


def _tables(database: Database) -> set[str]:
    tables = set(inspect(database.engine).get_table_names()) - {"alembic_version"}
    return tables - fulltext.NAMES


def test_upgrade_downgrade_upgrade(empty_db_url: str | URL) -> None:
    database = Database(empty_db_url)
    try:
        assert _tables(database) == set()
        migrate.upgrade(database.engine)
        assert _tables(database) == EXPECTED
        assert migrate.is_up_to_date(database.engine)
        migrate.downgrade(database.engine, "base")
        assert _tables(database) == set()
        assert migrate.current_revision(database.engine) is None
        migrate.upgrade(database.engine)
        assert _tables(database) == EXPECTED
    finally:
        database.dispose()


def test_models_match_migrations(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": fulltext.in_models})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], "models and migrations disagree; add a migration:\n" + "\n".join(
        map(str, diff)
    )


def test_indexes_for_inbox_chart_and_search_exist(db: Database) -> None:
    indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("webmail_message")}
    assert {"ix_webmail_provider_box", "ix_webmail_regarding", "ix_webmail_patient"} <= indexes
    patient_ix = {ix["name"] for ix in inspect(db.engine).get_indexes("patient")}
    assert {"ix_patient_name", "ix_patient_first", "ix_patient_home_phone"} <= patient_ix


def _old_patient(database: Database) -> int:
    """A provider and a patient written with the columns the database has at its revision."""
    meta = MetaData()
    provider = Table("provider", meta, autoload_with=database.engine)
    patient = Table("patient", meta, autoload_with=database.engine)
    now = utcnow()
    with database.engine.begin() as conn:
        conn.execute(
            provider.insert().values(
                {n: "" for n, c in provider.c.items() if not c.nullable}
                | {"id": 1, "abbr": "A", "is_hidden": False, "created_at": now}
            )
        )
        conn.execute(
            patient.insert().values(
                {n: "" for n, c in patient.c.items() if not c.nullable}
                | {
                    "id": 1,
                    "last_name": "Lee",
                    "first_name": "Ann",
                    "status": "patient",
                    "primary_provider_id": 1,
                    "guarantor_id": 1,
                    "created_at": now,
                }
            )
        )
    return 1


def test_portal_sessions_migration_upgrades_a_database_with_accounts(
    empty_db_url: str | URL,
) -> None:
    """0007_portal_sessions on a practice that already has portal accounts: they keep working
    (no failed reset tries), and the session and throttle tables start empty."""
    database = Database(empty_db_url)
    scripts = ScriptDirectory.from_config(migrate._config(database.engine))
    before = scripts.get_revision("0007_portal_sessions").down_revision  # re-chained at merges
    assert isinstance(before, str)
    try:
        migrate.upgrade(database.engine, before)
        patient_id = _old_patient(database)  # the tables as they were then (no ORM models)
        with database.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO portal_account (id, patient_id, username, password_hash,"
                    " is_active, must_change_username, must_change_password, failed_logins,"
                    " created_at) VALUES (1, :p, 'annlee', 'x', :t, :f, :f, 0, :now)"
                ),
                {"p": patient_id, "t": True, "f": False, "now": utcnow()},
            )
        migrate.upgrade(database.engine)
        assert migrate.is_up_to_date(database.engine)
        with database.engine.connect() as conn:
            tries = conn.execute(text("SELECT reset_failures FROM portal_account")).scalar_one()
            assert tries == 0
            assert conn.execute(text("SELECT COUNT(*) FROM portal_session")).scalar_one() == 0
            assert conn.execute(text("SELECT COUNT(*) FROM portal_throttle")).scalar_one() == 0
        migrate.downgrade(database.engine, before)
        assert "portal_session" not in _tables(database)
    finally:
        database.dispose()


def test_phone_search_migration_fills_existing_patients(empty_db_url: str | URL) -> None:
    """0004_phone_search on a database with patients written before it: their local-number
    and reversed-digits columns are filled, so partial numbers find them right away."""
    from datetime import UTC, datetime

    from sqlalchemy import MetaData, Table

    from opendesk.core.services import patient_search

    database = Database(empty_db_url)
    try:
        migrate.upgrade(database.engine, "0001")
        now = datetime.now(UTC).replace(tzinfo=None)
        meta = MetaData()
        provider = Table("provider", meta, autoload_with=database.engine)
        patient = Table("patient", meta, autoload_with=database.engine)
        assert "home_phone_rev" not in patient.c
        with database.engine.begin() as conn:
            conn.execute(
                provider.insert().values(
                    id=1,
                    abbr="KA",
                    first_name="Kim",
                    last_name="Albright",
                    suffix="",
                    specialty="",
                    is_hidden=False,
                    created_at=now,
                )
            )
            for pid, home, wireless in ((1, "5035558672", ""), (2, "", "9715551234")):
                row = {name: "" for name, col in patient.c.items() if not col.nullable} | {
                    "id": pid,
                    "last_name": "Old",
                    "first_name": f"P{pid}",
                    "status": "patient",
                    "primary_provider_id": 1,
                    "guarantor_id": pid,
                    "created_at": now,
                    "home_phone": home,
                    "wireless_phone": wireless,
                    "home_phone_digits": home,
                    "wireless_phone_digits": wireless,
                }
                conn.execute(patient.insert().values(row))
        migrate.upgrade(database.engine)
        indexes = {ix["name"] for ix in inspect(database.engine).get_indexes("patient")}
        assert {"ix_patient_home_rev", "ix_patient_wireless_local"} <= indexes
        with database.readonly_session() as s:
            assert patient_search.search_patients(s, "8672").ids == (1,)
            assert patient_search.search_patients(s, "555-1234").ids == (2,)
            assert patient_search.search_patients(s, "555-12").ids == (2,)
        migrate.downgrade(database.engine, "0001")
        columns = {c["name"] for c in inspect(database.engine).get_columns("patient")}
        assert "home_phone_rev" not in columns
    finally:
        database.dispose()
