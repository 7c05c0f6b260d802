"""Upgrading an existing database to 0005 (the outbox's attempt_started_at) keeps its notices
and their claims; downgrading removes the column again."""

import importlib

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL

from opendesk.core import migrate
from opendesk.core.db import Database

# The revision before 0005 (re-chained when branches merge).
PREVIOUS = importlib.import_module(
    "opendesk.core.migrations.versions.0005_outbox_attempt_started"
).down_revision


def _columns(database: Database) -> set[str]:
    return {c["name"] for c in inspect(database.engine).get_columns("notification_outbox")}


def test_upgrade_an_existing_outbox(empty_db_url: str | URL) -> None:
    database = Database(empty_db_url)
    try:
        migrate.upgrade(database.engine, PREVIOUS)
        with database.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO notification_outbox (kind, to_address, from_address, subject,"
                    " body_text, body_html, status, attempts, claimed_by, last_error,"
                    " created_at) VALUES ('webmail', 'p@example.com',"
                    " 'n@example.com', 's', 't', '', 'sending', 2, 'w:1', '', CURRENT_TIMESTAMP)"
                )
            )
        assert "attempt_started_at" not in _columns(database)
        migrate.upgrade(database.engine)
        assert "attempt_started_at" in _columns(database)
        with database.engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT status, attempts, claimed_by, attempt_started_at"
                    " FROM notification_outbox"
                )
            ).one()
        assert tuple(row) == ("sending", 2, "w:1", None)
        migrate.downgrade(database.engine, PREVIOUS)
        assert "attempt_started_at" not in _columns(database)
    finally:
        database.dispose()
