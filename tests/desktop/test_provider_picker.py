"""The provider picker: filter as you type, only providers with users, the choice returned."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.provider_picker import ProviderPickerDialog
from tests.desktop.conftest import Practice


def test_filter_and_choose(qtbot: QtBot, provider_ctx: AppContext, practice: Practice) -> None:
    dialog = ProviderPickerDialog(provider_ctx, selected_id=practice.kim.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [r.abbr for r in dialog.visible_rows] == ["KA", "MB", "XN"]
    assert dialog.current() is not None and dialog.current().abbr == "KA"  # type: ignore[union-attr]
    qtbot.keyClicks(dialog.ui.filterEdit, "bel")  # a word of the name
    assert [r.abbr for r in dialog.visible_rows] == ["MB"]
    dialog.ui.filterEdit.clear()
    qtbot.keyClicks(dialog.ui.filterEdit, "x")  # the abbreviation
    assert [r.name for r in dialog.visible_rows] == ["Nora Nash"]
    dialog.ui.filterEdit.clear()
    qtbot.mouseClick(dialog.ui.onlyLinkedCheck, Qt.MouseButton.LeftButton)
    assert [r.abbr for r in dialog.visible_rows] == ["KA", "MB"]
    qtbot.keyClick(dialog.ui.filterEdit, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.providerChosen, timeout=5000) as blocker:
        qtbot.keyClick(dialog.ui.filterEdit, Qt.Key.Key_Return)
    assert blocker.args[0].abbr == "MB"
    assert dialog.chosen is not None and dialog.chosen.id == practice.marcus.id
    assert dialog.chosen.label == "MB - Marcus Bell"


def test_only_linked_from_the_start(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    dialog = ProviderPickerDialog(provider_ctx, only_with_users=True)
    qtbot.addWidget(dialog)
    assert all(r.has_users for r in dialog.visible_rows)
    assert len(dialog.visible_rows) == 2
