"""Practice preferences kept in memory, checked against the database's change marker.

Every preference write moves `preference_marker.version` in its own transaction
(`preferences.set_many`). A process that attaches a `PreferenceCache` to its `Database` (the
portal) answers `preferences.get` from memory: the first preference read of each transaction
reads the marker (one SELECT by primary key) and reloads every preference (one SELECT) only
when the marker moved. A change saved from the desktop or from another portal process is
therefore seen by the next transaction that reads a preference; nothing waits for a timer.

The portal's session check reads the marker in its own statement (`preferences.MARKER_COLUMN`)
and hands it to `confirm`, so a page's preference reads cost no SELECT at all.

What runs outside a request's transaction (the Host check, the practice name in the page
frame) asks `recent`: the values some transaction of this process confirmed within the last
second, else it reads the marker itself.

The version is read before the values (each statement sees the latest commit at READ
COMMITTED; SQLite reads one snapshot), so a cached copy is never newer-marked than its
values; a stale pair is found at the next check because the versions differ. A missing marker
row (a database emptied by hand) means: no caching.
"""

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from opendesk.core import preferences
from opendesk.core.db import Database

RECENT_SECONDS = 1.0


@dataclass(frozen=True)
class _Copy:
    version: int | None
    values: Mapping[str, Any]


class PreferenceCache:
    """One process's copy of the preferences (`preferences.CacheLike`)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._copy: _Copy | None = None
        self._checked = float("-inf")  # when a transaction last confirmed `_copy`
        self._lock = threading.Lock()
        self.reloads = 0  # how often the marker had moved (tests, benchmarks)

    def attach(self, database: Database) -> "PreferenceCache":
        """Make `database`'s new sessions read preferences through this cache."""
        database.session_info[preferences.CACHE_KEY] = self
        return self

    def detach(self, database: Database) -> None:
        if database.session_info.get(preferences.CACHE_KEY) is self:
            del database.session_info[preferences.CACHE_KEY]

    def values(self, session: Session) -> Mapping[str, Any]:
        """Every preference as `session`'s current transaction sees it; reads the marker once
        per transaction and the preferences only when the marker moved."""
        memo = session.info.get(preferences.MEMO_KEY)
        transaction = session.get_transaction()
        if memo is not None and transaction is not None and memo[0] is transaction:
            values: Mapping[str, Any] = memo[1]
            return values
        version = preferences.marker(session)  # starts the transaction when none is open
        copy = self._copy
        if version is None or copy is None or copy.version != version:
            copy = _Copy(version, preferences.load_all(session))
            with self._lock:
                self.reloads += 1
                self._copy = copy if version is not None else None
        with self._lock:
            self._checked = self._clock()
        session.info[preferences.MEMO_KEY] = (session.get_transaction(), copy.values)
        return copy.values

    def confirm(self, session: Session, version: int | None) -> None:
        """The marker as `session`'s transaction read it in another statement: when it is the
        copy's, the transaction's preference reads need no marker SELECT of their own."""
        copy = self._copy
        transaction = session.get_transaction()
        if version is None or copy is None or copy.version != version or transaction is None:
            return  # `values` reads the marker itself and reloads
        with self._lock:
            self._checked = self._clock()
        session.info[preferences.MEMO_KEY] = (transaction, copy.values)

    def is_recent(self, max_age: float = RECENT_SECONDS) -> bool:
        """Whether `recent(…, max_age)` would answer without the database."""
        return self._copy is not None and self._clock() - self._checked <= max_age

    def last(self) -> Mapping[str, Any] | None:
        """The values last read, however old (when the database does not answer)."""
        copy = self._copy
        return copy.values if copy is not None else None

    def recent(self, database: Database, max_age: float = RECENT_SECONDS) -> Mapping[str, Any]:
        """The values some transaction confirmed within `max_age` seconds, else checked now
        in a short read-only session (for code that has no request transaction at hand)."""
        copy = self._copy
        if copy is not None and self.is_recent(max_age):
            return copy.values
        with database.readonly_session() as session:
            found = self.values(session)
            session.commit()
            return found
