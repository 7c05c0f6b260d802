"""The look of OpenDesk's lists (the inbox, the notifications, the Chart's WebMail list, the
response report): whole-row single selection, no grid, and columns sized to fit a sample text
in the view's font, so they stay readable at any font and DPI."""

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def setup_table(view: QTableView) -> QTableView:
    """The list look shared by the inbox, the notifications and the Chart's WebMail list."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(False)
    return view


def make_table(name: str) -> QTableView:
    """A new list view named `name` (tests find it by name) with the shared look."""
    view = QTableView()
    view.setObjectName(name)
    return setup_table(view)


def size_columns(view: QTableView, widths: Sequence[str | None]) -> None:
    """Size each column to fit a sample text (and its header) in the view's font; the column
    whose sample is None stretches. So the columns stay readable at any font and DPI."""
    header = view.horizontalHeader()
    model = view.model()
    bold = QFont(view.font())
    bold.setBold(True)  # unread rows are bold
    cell = QFontMetrics(bold)
    head = header.fontMetrics()
    for column, sample in enumerate(widths):
        if column >= model.columnCount():
            break
        if sample is None:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(cell.horizontalAdvance(sample) + 16, head.horizontalAdvance(title) + 28)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
