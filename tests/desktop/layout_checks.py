"""Checks that a laid-out window shows its words whole: no column header, label, button or
search box cut ("Subject" as "ubje", "Search" as "Se…"), and the fixed-width columns of a list
wide enough for what they hold. Used by tests/desktop/test_layout.py."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

HEADER_PAD = 10  # a header section's margins
SORT_ARROW = 14  # room for the sort indicator of the sorted column
ROWS_CHECKED = 30


def _visible(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.isVisible()


def _header_problems(view: QTableView, name: str) -> list[str]:
    problems = []
    header = view.horizontalHeader()
    model = view.model()
    if model is None:
        return problems
    metrics = header.fontMetrics()
    sorted_column = header.sortIndicatorSection() if view.isSortingEnabled() else -1
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        need = metrics.horizontalAdvance(title) + HEADER_PAD
        if column == sorted_column:
            need += SORT_ARROW
        if title and header.sectionSize(column) < need:
            problems.append(f"{name}: header {title!r} {header.sectionSize(column)} < {need} px")
        # cells of the columns that do not stretch must fit their text (or have a tooltip)
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        for row in range(min(model.rowCount(), ROWS_CHECKED)):
            index: QModelIndex = model.index(row, column)
            text = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
            if not text or model.data(index, Qt.ItemDataRole.ToolTipRole) == text:
                continue  # an unusually long name may be cut when hovering shows it whole
            font = model.data(index, Qt.ItemDataRole.FontRole)
            cell = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
            need = cell.horizontalAdvance(text) + 8
            if header.sectionSize(column) < need:
                problems.append(f"{name}: cell {text!r} in {title!r} cut")
    if view.horizontalScrollBar().isVisible():
        problems.append(f"{name}: scrolls sideways")
    return problems


def elided(root: QWidget) -> list[str]:
    """What is cut in `root` and its visible children (empty when everything is whole)."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _visible(widget, root):
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QTableView):
            problems += _header_problems(widget, name)
        elif isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            if widget.textFormat() != Qt.TextFormat.PlainText or widget.pixmap() is not None:
                continue
            lines = widget.text().splitlines() or [""]
            need = max(widget.fontMetrics().horizontalAdvance(line) for line in lines)
            room = widget.contentsRect().width() - 2 * widget.margin() - 2 * widget.indent()
            if room < need:
                problems.append(f"{name}: label {widget.text()!r} {room} < {need} px")
        elif isinstance(widget, (QPushButton, QCheckBox)) and widget.text():
            if widget.width() < widget.minimumSizeHint().width():
                problems.append(f"{name}: button {widget.text()!r} cut")
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            need = widget.fontMetrics().horizontalAdvance(widget.placeholderText()) + 12
            if widget.isClearButtonEnabled():
                need += 20
            if widget.width() < need:
                problems.append(f"{name}: placeholder {widget.placeholderText()!r} cut")
    return problems


__all__ = ["elided"]
