"""The compose window's attachment list: add (checked off the GUI thread), refuse with a
message, remove, preview, totals and the changed signal."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from opendesk.attachments.rules import Limits, check_attachment
from opendesk.core.errors import ValidationError
from opendesk.core.file_names import MAX_NAME_CHARS
from opendesk.desktop.attach import AttachmentListWidget
from tests.attachments import samples
from tests.conftest import ARTIFACTS


def make(qtbot: QtBot, limits: Limits | None = None) -> AttachmentListWidget:
    widget = AttachmentListWidget(limits)
    qtbot.addWidget(widget)
    widget.resize(560, 240)
    widget.show()
    return widget


def test_add_remove_and_totals(qtbot: QtBot, tmp_path: Path) -> None:
    widget = make(qtbot)
    photo = tmp_path / "Smile.jpg"
    photo.write_bytes(samples.jpeg(300, 200))
    with qtbot.waitSignal(widget.changed, timeout=5000):
        widget.add_path(photo)
    assert not widget.is_busy()
    with qtbot.waitSignal(widget.changed, timeout=5000):
        widget.add_bytes("auto.pdf", samples.pdf_with_open_action())
    names = [a.name for a in widget.attachments()]
    assert names == ["Smile.jpg", "auto.pdf"]
    assert widget.total_size() == photo.stat().st_size + widget.attachments()[1].size
    assert widget.table.item(1, 0).text() == "auto.pdf"
    assert "runs an action when opened" in widget.table.item(1, 2).text()
    assert widget.summary.text().startswith("2 attachments, ")
    widget.grab().save(str(ARTIFACTS / "attach_list.png"))
    widget.table.selectRow(1)
    widget.preview_selected()
    assert widget.preview_dialog is not None and widget.preview_dialog.preview.mode() == "pdf"
    widget.preview_dialog.close()
    with qtbot.waitSignal(widget.changed):
        widget.remove_selected()
    assert [a.name for a in widget.attachments()] == ["Smile.jpg"]
    with qtbot.waitSignal(widget.changed):
        widget.clear()
    assert widget.attachments() == [] and widget.summary.text() == "No attachments."


def test_refusals_are_shown_and_nothing_is_lost(qtbot: QtBot, tmp_path: Path) -> None:
    widget = make(qtbot)
    good = check_attachment("a.png", samples.png())
    widget.add(good)
    bad = tmp_path / "report.pdf"
    bad.write_bytes(samples.png())
    with qtbot.waitSignal(widget.refused, timeout=5000) as signal:
        widget.add_path(bad)
    assert "content is a PNG image" in signal.args[0]
    assert widget.message.isVisible() and "report.pdf" in widget.message.text()
    with qtbot.waitSignal(widget.refused, timeout=5000) as signal:
        widget.add_bytes("again.png", samples.png())
    assert signal.args[0] == "“again.png” is already attached."
    with qtbot.waitSignal(widget.refused, timeout=5000) as signal:
        widget.add_bytes("locked.pdf", samples.pdf_encrypted())
    assert "password-protected" in signal.args[0]
    assert [a.name for a in widget.attachments()] == ["a.png"]
    with pytest.raises(ValidationError, match="already attached"):
        widget.add(good)


def test_message_limit(qtbot: QtBot) -> None:
    one = check_attachment("a.pdf", samples.pdf())
    widget = make(qtbot, Limits(max_file_bytes=10_000, max_message_bytes=one.size + 100))
    widget.add(one)
    with qtbot.waitSignal(widget.refused, timeout=5000) as signal:
        widget.add_bytes("b.jpg", samples.jpeg(100, 100))
    assert "a message may carry at most" in signal.args[0]
    assert widget.total_size() == one.size


def test_bidi_and_long_names_are_cleaned_on_the_desktop_path(qtbot: QtBot, tmp_path: Path) -> None:
    """The name rule of core.file_names on the desktop path: an RLO trick and other invisible
    format characters are dropped, a long name keeps its extension."""
    widget = make(qtbot)
    tricked = tmp_path / "invoice\u202efdp.\u200bpdf"
    tricked.write_bytes(samples.pdf())
    with qtbot.waitSignal(widget.changed, timeout=5000):
        widget.add_path(tricked)
    long = tmp_path / ("x-ray " * 40 + "\u2067.png")
    long.write_bytes(samples.png())
    with qtbot.waitSignal(widget.changed, timeout=5000):
        widget.add_path(long)
    names = [a.name for a in widget.attachments()]
    assert names[0] == "invoicefdp.pdf"
    assert len(names[1]) == MAX_NAME_CHARS and names[1].endswith(".png")
    assert widget.table.item(0, 0).text() == "invoicefdp.pdf"
