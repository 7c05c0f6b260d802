"""Select Patient by keyboard: type part of a last name, Enter; the family is listed."""

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.select_patient import SelectPatientDialog
from tests.desktop.conftest import Practice


def _dialog(qtbot: QtBot, ctx: AppContext) -> SelectPatientDialog:
    dialog = SelectPatientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _names(dialog: SelectPatientDialog) -> list[str]:
    rows = [dialog.model.row_at(i) for i in range(dialog.model.rowCount())]
    return [f"{r.last_name}, {r.first_name}" for r in rows if r is not None]


def test_type_part_of_a_last_name_and_press_enter(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    dialog = _dialog(qtbot, provider_ctx)
    assert dialog.focusWidget() is dialog.ui.searchEdit  # typing goes to the search box
    qtbot.keyClicks(dialog.ui.searchEdit, "brig")
    qtbot.waitUntil(lambda: dialog.model.query == "brig")
    assert _names(dialog) == ["Brighton, Alice", "Brighton, Harold", "Brighton, Tom"]
    qtbot.keyClick(dialog.ui.searchEdit, Qt.Key.Key_Down)  # keyboard only: to Harold
    assert dialog.current_id() == practice.head.id
    with qtbot.waitSignal(provider_ctx.patientChanged, timeout=5000):
        qtbot.keyClick(dialog.ui.searchEdit, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    selection = provider_ctx.selection
    assert selection is not None and selection.patient.id == practice.head.id
    assert [p.first_name for p in selection.family] == ["Harold", "Alice", "Tom"]
    assert selection.guarantor.id == practice.head.id


def test_the_family_of_the_highlighted_patient_is_listed(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    dialog = _dialog(qtbot, provider_ctx)
    qtbot.keyClicks(dialog.ui.searchEdit, "brighton, t")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    items = [dialog.ui.familyList.item(i).text() for i in range(dialog.ui.familyList.count())]
    assert items[0].strip().startswith("Brighton, Harold (Guarantor")
    assert any("Brighton, Tom (Member" in i and i.startswith("▶") for i in items)
    assert len(items) == 3


def test_search_by_phone_birthdate_and_number(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    dialog = _dialog(qtbot, provider_ctx)
    for text, expected in (
        ("971555", ["Brighton, Harold"]),
        ("1/31/1990", ["Bristow, Zoe"]),
        ("1990-01-31", ["Bristow, Zoe"]),
        (f"#{practice.child.id}", ["Brighton, Tom"]),
        (", ali", ["Brighton, Alice"]),
        ("nobody", []),
    ):
        dialog.ui.searchEdit.setText(text)
        qtbot.waitUntil(lambda t=text: dialog.model.query == t)  # type: ignore[misc]
        assert _names(dialog) == expected, text
    assert dialog.ui.statusLabel.text() == "No patient found."


def test_double_click_selects(qtbot: QtBot, provider_ctx: AppContext, practice: Practice) -> None:
    dialog = _dialog(qtbot, provider_ctx)
    qtbot.keyClicks(dialog.ui.searchEdit, "bris")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    view = dialog.ui.resultsView
    rect = view.visualRect(dialog.model.index(0, 0))
    with qtbot.waitSignal(dialog.patientChosen, timeout=5000) as blocker:
        # QTest's double click needs the press/release that precedes it in real life.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [practice.other.id]


def test_partial_phone_numbers_as_people_type_them(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    """Harold: home (503) 555-0142, wireless (971) 555-0199."""
    dialog = _dialog(qtbot, provider_ctx)
    for text in ("0142", "555-0142", "5550142", "0199", "555-0199", "555 0199", "555-01"):
        dialog.ui.searchEdit.setText(text)
        qtbot.waitUntil(lambda t=text: dialog.model.query == t)  # type: ignore[misc]
        assert _names(dialog) == ["Brighton, Harold"], text


def test_every_column_through_wireless_shows_without_scrolling_sideways(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    dialog = _dialog(qtbot, provider_ctx)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4)
    assert dialog.width() <= 1280 and dialog.height() <= 720  # a 1280x720 laptop
    view = dialog.ui.resultsView
    header = view.horizontalHeader()
    headers = [str(dialog.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(9)]
    wireless = headers.index("Wireless")
    right = header.sectionPosition(wireless) + header.sectionSize(wireless)
    assert right <= view.viewport().width(), (right, view.viewport().width())
    last = dialog.model.columnCount() - 1
    assert header.sectionPosition(last) + 20 <= view.viewport().width()  # Pat # too
    qtbot.wait(30)  # let the layout settle
    assert view.horizontalScrollBar().maximum() == 0, "the list scrolls sideways"
    # the phones are not cut: each column is at least as wide as its text
    metrics = view.fontMetrics()
    for column in (headers.index("Home phone"), wireless):
        assert header.sectionSize(column) > metrics.horizontalAdvance("(503) 555-0142")
    ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
    ARTIFACTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "select_patient.png"))
