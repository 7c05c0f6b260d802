"""Inbox and search on a large practice (issue 25): `ix_webmail_provider_box` covers the inbox
list's columns (a page of a mailbox is read from the index alone, never from the rows that hold
the bodies), and each database's text search structure on subject and body, filled from the
messages already stored: SQLite an FTS5 table kept in step by triggers, PostgreSQL a GIN index
over to_tsvector('simple', ...), MariaDB the table webmail_text clustered by (provider,
message) kept in step by triggers (docs/PERFORMANCE.md says why not FULLTEXT). The statements
are the ones of `opendesk.core.fulltext`, frozen here as they were at this revision.

On MariaDB the copy into webmail_text comes before its triggers: upgrade with the practice
closed (as every migration), or a message written in between is not found by the search.

Revision ID: 0014_inbox_search
Revises: 0013_loop_setup
Create Date: 2026-11-30 12:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014_inbox_search"
down_revision: str | None = "0013_loop_setup"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_BOX = ["provider_id", "status", "is_hidden", "sent_at", "id"]
NEW_BOX = [
    *OLD_BOX,
    "read_at",
    "has_attachments",
    "patient_id",
    "regarding_patient_id",
    "subject",
]

SQLITE_UP = (
    "CREATE VIRTUAL TABLE webmail_fts USING fts5(subject, body, content='webmail_message', "
    "content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER webmail_fts_ai AFTER INSERT ON webmail_message BEGIN "
    "INSERT INTO webmail_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body); END",
    "CREATE TRIGGER webmail_fts_ad AFTER DELETE ON webmail_message BEGIN "
    "INSERT INTO webmail_fts(webmail_fts, rowid, subject, body) "
    "VALUES ('delete', old.id, old.subject, old.body); END",
    "CREATE TRIGGER webmail_fts_au AFTER UPDATE OF subject, body ON webmail_message BEGIN "
    "INSERT INTO webmail_fts(webmail_fts, rowid, subject, body) "
    "VALUES ('delete', old.id, old.subject, old.body); "
    "INSERT INTO webmail_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body); END",
    "INSERT INTO webmail_fts(webmail_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER webmail_fts_ai",
    "DROP TRIGGER webmail_fts_ad",
    "DROP TRIGGER webmail_fts_au",
    "DROP TABLE webmail_fts",
)


MARIADB_UP = (
    "CREATE TABLE webmail_text (provider_id INTEGER NOT NULL, message_id INTEGER NOT NULL, "
    "subject VARCHAR(200) NOT NULL, body MEDIUMTEXT NOT NULL, "
    "PRIMARY KEY (provider_id, message_id)) ENGINE=InnoDB",
    "INSERT INTO webmail_text (provider_id, message_id, subject, body) "
    "SELECT provider_id, id, subject, body FROM webmail_message ORDER BY provider_id, id",
    "CREATE TRIGGER webmail_text_ai AFTER INSERT ON webmail_message FOR EACH ROW "
    "INSERT INTO webmail_text (provider_id, message_id, subject, body) "
    "VALUES (NEW.provider_id, NEW.id, NEW.subject, NEW.body)",
    "CREATE TRIGGER webmail_text_au AFTER UPDATE ON webmail_message FOR EACH ROW BEGIN "
    "IF NOT (NEW.provider_id <=> OLD.provider_id AND NEW.id <=> OLD.id "
    "AND NEW.subject <=> OLD.subject AND NEW.body <=> OLD.body) THEN "
    "DELETE FROM webmail_text WHERE provider_id = OLD.provider_id AND message_id = OLD.id; "
    "INSERT INTO webmail_text (provider_id, message_id, subject, body) "
    "VALUES (NEW.provider_id, NEW.id, NEW.subject, NEW.body); END IF; END",
    "CREATE TRIGGER webmail_text_ad AFTER DELETE ON webmail_message FOR EACH ROW "
    "DELETE FROM webmail_text WHERE provider_id = OLD.provider_id AND message_id = OLD.id",
)
MARIADB_DOWN = (
    "DROP TRIGGER webmail_text_ai",
    "DROP TRIGGER webmail_text_au",
    "DROP TRIGGER webmail_text_ad",
    "DROP TABLE webmail_text",
)


def _box(columns: list[str]) -> None:
    op.drop_index("ix_webmail_provider_box", table_name="webmail_message")
    op.create_index("ix_webmail_provider_box", "webmail_message", columns)


def upgrade() -> None:
    _box(NEW_BOX)
    dialect = op.get_bind().dialect.name
    if dialect in ("mysql", "mariadb"):
        for statement in MARIADB_UP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_webmail_fts ON webmail_message "
            "USING gin (to_tsvector('simple', subject || ' ' || body))"
        )
    else:
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect in ("mysql", "mariadb"):
        for statement in MARIADB_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX ix_webmail_fts")
    else:
        for statement in SQLITE_DOWN:
            op.execute(statement)
    _box(OLD_BOX)
