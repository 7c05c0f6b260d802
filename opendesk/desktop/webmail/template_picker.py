"""The compose window's template picker and the red marking of merge fields left in a message.

`TemplatePicker(rows, parent)` is a small popup (forms/template_picker.ui): type to filter
(name, subject or owner, any part, any case), arrows move, Enter inserts, Esc closes; it emits
`chosen(TemplateRow)`. The keyboard stays in the filter box: Up/Down/PageUp/PageDown are passed
to the list.

`FieldHighlighter(document)` paints the given tokens (fields a template left unresolved) red
and bold in a QPlainTextEdit. A QSyntaxHighlighter only formats what is drawn: the message
stays plain text (`toPlainText()` is what is sent), nothing is ever parsed as rich text.
"""

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core.services.templates import TemplateRow
from opendesk.desktop.forms_generated.ui_template_picker import Ui_TemplatePicker
from opendesk.desktop.text import RED

_PASSED_TO_LIST = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


def row_text(row: TemplateRow) -> str:
    owner = "" if not row.personal else f"  ({row.owner})"
    return f"{row.name}{owner} — {row.subject}"


class TemplatePicker(QDialog):
    """Choose a template by typing. `chosen(TemplateRow)` on Enter or double-click."""

    chosen = Signal(object)

    def __init__(self, rows: Sequence[TemplateRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TemplatePicker()
        self.ui.setupUi(self)
        self.setObjectName("template_picker")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.rows = list(rows)
        self.source = QStringListModel([row_text(r) for r in self.rows], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.ui.list.setModel(self.proxy)
        self.ui.filter.textChanged.connect(self._filter)
        self.ui.filter.installEventFilter(self)
        self.ui.filter.returnPressed.connect(self.accept)
        self.ui.list.activated.connect(lambda _i: self.accept())  # Enter or double-click
        if not self.rows:
            self.ui.hint.setText(
                "No templates yet. Add them in Setup > WebMail Templates…; Esc closes."
            )
        self._select_first()
        self.ui.filter.setFocus()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._select_first()

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.ui.list.setCurrentIndex(self.proxy.index(0, 0))

    @property
    def visible_names(self) -> list[str]:
        return [r.name for r in self.current_rows()]

    def current_rows(self) -> list[TemplateRow]:
        """The rows shown now, in order."""
        return [
            self.rows[self.proxy.mapToSource(self.proxy.index(i, 0)).row()]
            for i in range(self.proxy.rowCount())
        ]

    def selected(self) -> TemplateRow | None:
        index: QModelIndex = self.ui.list.currentIndex()
        if not index.isValid():
            return None
        return self.rows[self.proxy.mapToSource(index).row()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.ui.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _PASSED_TO_LIST
        ):
            self.ui.list.setFocus()
            self.ui.list.keyPressEvent(event)
            self.ui.filter.setFocus()
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        row = self.selected()
        if row is None:
            return  # nothing matches: Enter does nothing, Esc closes
        super().accept()
        self.chosen.emit(row)


class FieldHighlighter(QSyntaxHighlighter):
    """Red, bold marking of `tokens` wherever they appear in the document."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.tokens: tuple[str, ...] = ()
        self.red_format = QTextCharFormat()
        self.red_format.setForeground(QColor(RED))
        self.red_format.setFontWeight(QFont.Weight.Bold)
        self.red_format.setFontUnderline(True)

    def set_tokens(self, tokens: Sequence[str]) -> None:
        tokens = tuple(tokens)
        if tokens != self.tokens:
            self.tokens = tokens
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for token in self.tokens:
            start = text.find(token)
            while start >= 0:
                self.setFormat(start, len(token), self.red_format)
                start = text.find(token, start + len(token))

    def marked(self) -> list[tuple[int, int, str]]:
        """(block number, start, text) of each marked run: what the user sees in red."""
        found = []
        block = self.document().begin()
        while block.isValid():
            for fmt in block.layout().formats():
                if fmt.format.foreground().color() == QColor(RED):
                    found.append(
                        (
                            block.blockNumber(),
                            fmt.start,
                            block.text()[fmt.start : fmt.start + fmt.length],
                        )
                    )
            block = block.next()
        return found
