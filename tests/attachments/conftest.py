"""Fixtures for the attachment tests: a running Dropbox stand-in."""

from collections.abc import Iterator

import pytest

from tests.attachments import dropbox_standin


@pytest.fixture
def standin() -> Iterator[dropbox_standin.StandIn]:
    with dropbox_standin.running() as state:
        yield state
