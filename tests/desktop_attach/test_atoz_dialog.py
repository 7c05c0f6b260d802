"""The A-to-Z dialog opens straight in the patient's folder, images first, and makes
thumbnails lazily: opening a 5,000-file folder does not make 5,000 thumbnails."""

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from opendesk.attachments.atoz import ensure_patient_folder
from opendesk.attachments.thumbnails import ThumbnailCache
from opendesk.desktop.attach import AtoZFileDialog
from tests.attachments import samples
from tests.conftest import ARTIFACTS
from tests.desktop_attach.conftest import pick_in_file_dialog


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = ensure_patient_folder(tmp_path_factory.mktemp("atoz"), "Smith", "Jo", 7)
    photo = samples.jpeg(160, 120)
    pdf = samples.pdf()
    for i in range(5000):
        if i % 5 == 4:
            (folder / f"doc{i:04d}.pdf").write_bytes(pdf)
        elif i % 50 == 3:
            (folder / f"data{i:04d}.dat").write_bytes(b"x")
        else:
            (folder / f"photo{i:04d}.jpg").write_bytes(photo)
    return folder


def open_dialog(qtbot: QtBot, folder: Path, cache: ThumbnailCache) -> AtoZFileDialog:
    dialog = AtoZFileDialog(folder, thumbnails=cache)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        dialog.open()
    return dialog


def test_5000_files_open_fast_and_thumbnails_load_lazily(
    qtbot: QtBot, big_folder: Path, thumb_cache: ThumbnailCache
) -> None:
    started = time.perf_counter()
    dialog = open_dialog(qtbot, big_folder, thumb_cache)
    assert time.perf_counter() - started < 10  # sanity only; bench/bench_attach.py measures
    assert dialog.elapsed_to_rows is not None
    model = dialog.model
    assert len(model.entries) == 5000
    assert 0 < model.rowCount() <= 500  # paged in, not all at once
    assert model.entry(0).name == "photo0000.jpg" and model.entry(0).kind == "image"
    kinds = [e.kind for e in model.entries]
    assert kinds.index("document") > kinds.count("image") - 1 and kinds[-1] == "other"
    assert dialog.status.text() == "5000 files (3900 images)"
    qtbot.waitUntil(lambda: dialog.loader.processed >= 5, timeout=10_000)
    qtbot.wait(200)
    first = model.index(0, 0)
    qtbot.waitUntil(lambda: model._icons.get(model.entry(0).path) is not None, timeout=10_000)
    assert model.data(first, Qt.ItemDataRole.DecorationRole) is not None
    made = len(list(thumb_cache.cache_dir.rglob("*.jpg")))
    assert 0 < made < 200, made  # only the rows on screen, not 3,900
    assert dialog.loader.requested_count < 200
    dialog.grab().save(str(ARTIFACTS / "attach_atoz_dialog.png"))
    # scrolling to the end fetches the remaining pages
    while model.canFetchMore(first.parent()):
        model.fetchMore(first.parent())
    assert model.rowCount() == 5000
    dialog.reject()


def test_open_double_click_and_preview(
    qtbot: QtBot, tmp_path: Path, thumb_cache: ThumbnailCache
) -> None:
    folder = ensure_patient_folder(tmp_path, "Smith", "Jo", 7)
    (folder / "b-letter.pdf").write_bytes(samples.pdf(2))
    (folder / "a-photo.jpg").write_bytes(samples.jpeg(200, 100, orientation=6))
    (folder / "c.dat").write_bytes(b"x")
    dialog = open_dialog(qtbot, folder, thumb_cache)
    assert [e.name for e in dialog.model.entries] == ["a-photo.jpg", "b-letter.pdf", "c.dat"]
    dialog.view.selectRow(1)
    dialog.preview_button.click()
    assert dialog.preview_dialog is not None
    assert dialog.preview_dialog.preview.page_count() == 2
    dialog.view.selectRow(0)
    dialog.preview_button.click()
    assert dialog.preview_dialog.preview.mode() == "image"
    with qtbot.waitSignal(dialog.accepted):
        dialog.open_button.click()
    assert dialog.selected_paths() == [folder / "a-photo.jpg"]

    again = open_dialog(qtbot, folder, thumb_cache)
    qtbot.waitExposed(again)
    rect = again.view.visualRect(again.model.index(1, 0))
    qtbot.mouseClick(again.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(again.accepted):
        qtbot.mouseDClick(again.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert again.selected_paths() == [folder / "b-letter.pdf"]


def test_empty_folder_and_select_local_file(
    qtbot: QtBot, tmp_path: Path, thumb_cache: ThumbnailCache
) -> None:
    folder = ensure_patient_folder(tmp_path, "Smith", "Jo", 7)
    elsewhere = tmp_path / "scan.pdf"
    elsewhere.write_bytes(samples.pdf())
    dialog = open_dialog(qtbot, folder, thumb_cache)
    assert dialog.status.text() == "This patient's folder is empty. Use Select Local File."
    assert not dialog.open_button.isEnabled()
    dialog.local_button.click()
    with qtbot.waitSignal(dialog.accepted):
        pick_in_file_dialog(dialog.local_dialog, elsewhere)
    assert dialog.selected_paths() == [elsewhere]
