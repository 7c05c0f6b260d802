"""One source of "now": naive UTC datetimes, as every table stores them."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time in UTC without tzinfo (portable across SQLite, MariaDB, PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)
