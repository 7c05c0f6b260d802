"""Fixtures of the core tests."""

from collections.abc import Iterator

import pytest

from opendesk.core.db import Database


@pytest.fixture
def one_connection(db: Database) -> Iterator[Database]:
    """The practice database through a pool that keeps one connection, so consecutive
    checkouts get the same server connection."""
    single = Database(db.url, pool_size=1)
    yield single
    single.dispose()
