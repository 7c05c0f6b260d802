"""The preference cache and its change marker (issue 18), on every database: one process (a
Database with the cache attached, as the portal has) sees a preference saved through another
Database — the desktop, another portal process — in its very next transaction; a transaction
that found the marker unmoved reads one row and no preferences; a rolled-back write leaves no
trace in the cache; a missing marker row means no caching."""

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import delete, event, select

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import PreferenceMarker
from opendesk.core.pref_cache import PreferenceCache


@pytest.fixture
def portal_db(db: Database) -> Iterator[tuple[Database, PreferenceCache]]:
    """A second Database on the same practice, with a cache attached (the portal's side);
    the test's `db` plays the desktop."""
    other = Database(db.url)
    cache = PreferenceCache().attach(other)
    yield other, cache
    cache.detach(other)
    other.dispose()


class Statements:
    def __init__(self, database: Database) -> None:
        self.sql: list[str] = []
        event.listen(database.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):  # SQLite's explicit BEGIN
            self.sql.append(statement)

    def take(self) -> list[str]:
        seen, self.sql = self.sql, []
        return seen


def _save(db: Database, values: dict[prefs.Pref[Any], Any]) -> None:
    with db.session() as s:
        prefs.set_many(s, values)
        s.commit()


def test_a_change_through_another_database_is_seen_at_once(
    db: Database, portal_db: tuple[Database, PreferenceCache]
) -> None:
    other, cache = portal_db
    _save(db, {prefs.PRACTICE_NAME: "Maple Street Dental", prefs.PORTAL_FAMILY_SCOPE: True})
    statements = Statements(other)
    with other.readonly_session() as s:
        assert prefs.get(s, prefs.PRACTICE_NAME) == "Maple Street Dental"
        assert prefs.get(s, prefs.PORTAL_FAMILY_SCOPE) is True
        assert prefs.get(s, prefs.MESSAGE_MAX_CHARS) == prefs.MESSAGE_MAX_CHARS.default
        assert len(statements.take()) == 2  # the marker, then every preference once
    reloads = cache.reloads
    with other.readonly_session() as s:  # nothing changed: the marker only
        assert prefs.get(s, prefs.PRACTICE_NAME) == "Maple Street Dental"
        assert prefs.get_all(s)["portal_family_scope"] is True
        assert len(statements.take()) == 1
    assert cache.reloads == reloads

    _save(db, {prefs.PRACTICE_NAME: "Oak Street Dental", prefs.PORTAL_FAMILY_SCOPE: False})
    with other.readonly_session() as s:
        assert prefs.get(s, prefs.PRACTICE_NAME) == "Oak Street Dental"
        assert prefs.get(s, prefs.PORTAL_FAMILY_SCOPE) is False
        assert len(statements.take()) == 2
    assert cache.reloads == reloads + 1
    values = cache.recent(other, max_age=3600)  # what the page frame and Host check use
    assert values["practice_name"] == "Oak Street Dental"
    assert statements.take() == []


def test_each_transaction_checks_the_marker(
    db: Database, portal_db: tuple[Database, PreferenceCache]
) -> None:
    """A session that lives across transactions sees a change in its next transaction."""
    other, _cache = portal_db
    _save(db, {prefs.SMTP_PORT: 25})
    with other.readonly_session() as s:
        assert prefs.get(s, prefs.SMTP_PORT) == 25
        s.commit()
        _save(db, {prefs.SMTP_PORT: 2525})
        assert prefs.get(s, prefs.SMTP_PORT) == 2525


def test_own_writes_and_rollbacks(
    db: Database, portal_db: tuple[Database, PreferenceCache]
) -> None:
    other, cache = portal_db
    _save(db, {prefs.PRACTICE_PHONE: "555-0100"})
    with other.session() as s:
        assert prefs.get(s, prefs.PRACTICE_PHONE) == "555-0100"
        prefs.set_many(s, {prefs.PRACTICE_PHONE: "555-0199"})
        assert prefs.get(s, prefs.PRACTICE_PHONE) == "555-0199"  # its own write, at once
        s.rollback()
    with other.readonly_session() as s:
        assert prefs.get(s, prefs.PRACTICE_PHONE) == "555-0100"  # the rollback left no trace
    with db.readonly_session() as s:
        assert prefs.get(s, prefs.PRACTICE_PHONE) == "555-0100"
    assert cache.last() is not None


def test_without_the_marker_row_nothing_is_cached(
    db: Database, portal_db: tuple[Database, PreferenceCache]
) -> None:
    other, _cache = portal_db
    _save(db, {prefs.PRACTICE_NAME: "Before"})
    with db.session() as s:
        s.execute(delete(PreferenceMarker))
        s.commit()
    statements = Statements(other)
    for expected in ("Before", "Before"):
        with other.readonly_session() as s:
            assert prefs.get(s, prefs.PRACTICE_NAME) == expected
        assert len(statements.take()) == 2  # the (missing) marker and the values, each time
    _save(db, {prefs.PRACTICE_NAME: "After"})  # puts the row back
    with db.readonly_session() as s:
        assert s.execute(select(PreferenceMarker.version)).scalar_one() > 0
    with other.readonly_session() as s:
        assert prefs.get(s, prefs.PRACTICE_NAME) == "After"
