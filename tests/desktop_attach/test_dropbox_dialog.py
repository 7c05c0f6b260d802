"""The Dropbox Select Files window through the real SDK and the local stand-in: listing with
pagination off the GUI thread, refresh, double-click/OK download, Preview, Select Local
File, Cancel, and clear messages for a missing folder and a bad token."""

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from opendesk.attachments.dropbox_source import DropboxSource
from opendesk.attachments.rules import Limits
from opendesk.desktop.attach import DropboxSelectFilesDialog
from tests.attachments import samples
from tests.attachments.dropbox_standin import GOOD_TOKEN, StandIn
from tests.conftest import ARTIFACTS
from tests.desktop_attach.conftest import pick_in_file_dialog

FOLDER = "/OpenDesk/AtoZ/S/SmithJo7"


def open_dialog(
    qtbot: QtBot, standin: StandIn, token: str = GOOD_TOKEN, **kw: object
) -> DropboxSelectFilesDialog:
    source = DropboxSource(token, session=standin.session(), max_retries_on_error=0)
    dialog = DropboxSelectFilesDialog(source, FOLDER, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_list_refresh_preview_and_pick(qtbot: QtBot, standin: StandIn) -> None:
    pdf = samples.pdf(2)
    photo = samples.jpeg(300, 200)
    for i in range(5):
        standin.add(FOLDER, f"note{i}.txt", b"hello %d" % i)
    standin.add(FOLDER, "plan.pdf", pdf)
    standin.add(FOLDER, "smile.jpg", photo)
    dialog = open_dialog(qtbot, standin)
    assert dialog.is_busy() and dialog.progress.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.listed, timeout=10_000) as listed:
        pass
    assert listed.args == [7]
    names = [e.name for e in dialog.model.entries]
    assert names[:2] == ["smile.jpg", "note0.txt"] and "plan.pdf" in names
    assert standin.requests_seen.count("/2/files/list_folder/continue") == 2
    assert not dialog.progress.isVisibleTo(dialog) and dialog.status.text() == "7 files."
    dialog.grab().save(str(ARTIFACTS / "attach_dropbox_select_files.png"))

    standin.add(FOLDER, "new.png", samples.png())
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        dialog.refresh_button.click()
    assert dialog.refresh_button.arrowType() == Qt.ArrowType.RightArrow
    assert [e.name for e in dialog.model.entries][:2] == ["new.png", "smile.jpg"]

    dialog.view.selectRow([e.name for e in dialog.model.entries].index("plan.pdf"))
    with qtbot.waitSignal(dialog.downloaded, timeout=10_000):
        dialog.preview_button.click()
    assert dialog.preview_dialog is not None and dialog.preview_dialog.preview.page_count() == 2
    dialog.preview_dialog.close()
    downloads = standin.requests_seen.count("/2/files/download")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok_button.click()  # already downloaded for the preview: no second download
    assert standin.requests_seen.count("/2/files/download") == downloads
    assert dialog.selected_name() == "plan.pdf" and dialog.selected_data() == pdf

    again = open_dialog(qtbot, standin)
    with qtbot.waitSignal(again.listed, timeout=10_000):
        pass
    qtbot.waitExposed(again)
    rect = again.view.visualRect(again.model.index(1, 0))
    qtbot.mouseClick(again.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(again.accepted, timeout=10_000):
        qtbot.mouseDClick(again.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert again.selected_name() == "smile.jpg" and again.selected_data() == photo


def test_missing_folder_bad_token_and_too_large(qtbot: QtBot, standin: StandIn) -> None:
    dialog = open_dialog(qtbot, standin)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        pass
    assert "no folder in the practice's Dropbox" in failed.args[0]
    assert dialog.status.text() == failed.args[0]
    standin.add(FOLDER, "big.pdf", b"x" * 5000)
    bad = open_dialog(qtbot, standin, token="revoked")
    with qtbot.waitSignal(bad.failed, timeout=10_000) as failed:
        pass
    assert "invalid or revoked" in failed.args[0]
    small = open_dialog(qtbot, standin, limits=Limits(max_file_bytes=1000))
    with qtbot.waitSignal(small.listed, timeout=10_000):
        pass
    with qtbot.waitSignal(small.failed, timeout=1000) as failed:
        small.ok_button.click()
    assert "the largest file allowed is" in failed.args[0]
    assert small.selected_data() is None


def test_cancel_a_slow_listing(qtbot: QtBot, standin: StandIn) -> None:
    standin.page_size = 1
    standin.delay_per_page = 0.05
    for i in range(40):
        standin.add(FOLDER, f"f{i:02d}.txt", b"x")
    dialog = open_dialog(qtbot, standin)
    assert dialog.stop_button.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        dialog.stop_button.click()
    assert failed.args == ["Cancelled."]
    assert not dialog.is_busy() and dialog.refresh_button.isEnabled()
    assert standin.requests_seen.count("/2/files/list_folder/continue") < 39


def test_select_local_file(qtbot: QtBot, standin: StandIn, tmp_path: Path) -> None:
    standin.add(FOLDER, "a.txt", b"x")
    local = tmp_path / "referral.pdf"
    local.write_bytes(samples.pdf())
    dialog = open_dialog(qtbot, standin)
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        pass
    dialog.local_button.click()
    with qtbot.waitSignal(dialog.accepted):
        pick_in_file_dialog(dialog.local_dialog, local)
    assert dialog.local_paths() == [local] and dialog.selected_data() is None
