"""No space left where OpenDesk writes temporary files: the desktop's attachment Open (a private
temporary folder) and the thumbnail cache.

The folders are put on a real 64 KB tmpfs (the test runs as root; `mount -t tmpfs`), so the
kernel itself answers ENOSPC — nothing of ours is mocked. Expected: a clear message, nothing
lost in the database, no truncated file left behind, and it works again as soon as there is
room, without restarting.
"""

import os
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.attachments.thumbnails import ThumbnailCache
from opendesk.core import preferences as prefs
from opendesk.core.models import Attachment, Patient
from opendesk.core.services import webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox import attachments as attachment_actions
from tests import factories
from tests.attachments import samples
from tests.desktop.conftest import Practice, ctx, login, practice, provider_ctx, shown_messages  # noqa: F401

DATA = bytes(range(256)) * 800  # 200 KB: more than the 64 KB disk


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs (run the tests as root): {done.stderr!r}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def grow(mount: Path) -> None:
    """The user frees space: the same disk, now big enough."""
    subprocess.run(["mount", "-o", "remount,size=4m", str(mount)], check=True)


def test_open_attachment_on_a_full_disk_says_so_and_recovers(
    qtbot: QtBot,
    provider_ctx: AppContext,  # noqa: F811
    practice: Practice,  # noqa: F811
    shown_messages: list[tuple[str, str]],  # noqa: F811
    tiny_disk: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tiny_disk))  # what TMPDIR would do
    monkeypatch.setattr(attachment_actions, "_temp_dir", None)
    opened: list[str] = []
    monkeypatch.setattr(
        attachment_actions, "open_url", lambda url: opened.append(QUrl(url).toLocalFile())
    )
    with provider_ctx.db.session() as s:
        head = s.get(Patient, practice.head.id)
        assert head is not None
        factories.portal_account(s, head)
        prefs.set_many(
            s, {prefs.NOTIFY_FROM: "n@practice.example", prefs.PORTAL_URL: "https://p.example"}
        )
        s.commit()
        sent = webmail.send(
            s,
            provider_ctx.actor,
            Outgoing(
                regarding_patient_id=practice.head.id,
                provider_id=practice.kim.id,
                subject="Scan",
                body="Attached.",
                client_request_id=str(uuid.uuid4()),
                attachments=(NewAttachment("scan.bin", "application/octet-stream", DATA),),
            ),
        )
        att_id = s.execute(
            select(Attachment.id).where(Attachment.message_id == sent.message_id)
        ).scalar_one()
    attachment_actions.open_attachment(provider_ctx, None, att_id)
    qtbot.waitUntil(lambda: bool(shown_messages), timeout=5000)
    level, text = shown_messages[-1]
    assert level == "error" and "disk" in text and "full" in text, text
    assert opened == []
    leftovers = [p for p in tiny_disk.rglob("*") if p.is_file()]
    assert leftovers == []  # no truncated copy that a later Open could hand to a viewer
    grow(tiny_disk)
    attachment_actions.open_attachment(provider_ctx, None, att_id)  # no restart
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert Path(opened[0]).read_bytes() == DATA
    assert Path(opened[0]).is_relative_to(tiny_disk)
    with provider_ctx.db.session() as s:  # nothing lost
        _info, data = webmail.attachment_content(s, provider_ctx.actor, att_id)
    assert data == DATA


def test_thumbnail_cache_on_a_full_disk_costs_only_the_thumbnail(
    tiny_disk: Path, caplog: pytest.LogCaptureFixture
) -> None:
    filler = tiny_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    with pytest.raises(OSError):  # fill the disk to the last block
        while True:
            os.write(fd, b"\0" * 4096)
    os.close(fd)
    cache = ThumbnailCache(tiny_disk / "thumbs")
    photo = samples.jpeg(1200, 900)
    assert cache.for_bytes(photo) is None  # no thumbnail, no exception
    assert not [p for p in tiny_disk.rglob("*.part")]
    filler.unlink()
    made = cache.for_bytes(photo)
    assert made is not None and made.stat().st_size > 0
    assert "could not write a thumbnail to the cache" in caplog.text
