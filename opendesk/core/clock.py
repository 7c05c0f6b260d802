"""One source of "now": naive UTC datetimes, as every table stores them.

Tests (and the demo) can stop the clock with `set_now(instant)` or `frozen(instant)`; every
core rule that depends on the time (due times, overdue, escalation) asks `utcnow()`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_fixed: datetime | None = None


def utcnow() -> datetime:
    """The current time in UTC without tzinfo (portable across SQLite, MariaDB, PostgreSQL)."""
    if _fixed is not None:
        return _fixed
    return datetime.now(UTC).replace(tzinfo=None)


def set_now(instant: datetime | None) -> None:
    """Stop the clock at `instant` (naive UTC, or aware: converted); None lets it run again."""
    global _fixed
    if instant is not None and instant.tzinfo is not None:
        instant = instant.astimezone(UTC).replace(tzinfo=None)
    _fixed = instant


@contextmanager
def frozen(instant: datetime) -> Iterator[None]:
    """The clock stopped at `instant` inside the block, restored after it."""
    before = _fixed
    set_now(instant)
    try:
        yield
    finally:
        set_now(before)
