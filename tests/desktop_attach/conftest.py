"""Fixtures for the attachment widget tests: a Dropbox stand-in and a thumbnail cache."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from opendesk.attachments.thumbnails import ThumbnailCache
from tests.attachments import dropbox_standin


@pytest.fixture
def standin() -> Iterator[dropbox_standin.StandIn]:
    with dropbox_standin.running() as state:
        yield state


@pytest.fixture
def thumb_cache(tmp_path: Path) -> ThumbnailCache:
    return ThumbnailCache(tmp_path / "thumbs", size=48)


def pick_in_file_dialog(dialog: QFileDialog | None, path: Path) -> None:
    """Choose `path` in a file dialog a widget opened (non-blocking, with open())."""
    assert dialog is not None and dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()
