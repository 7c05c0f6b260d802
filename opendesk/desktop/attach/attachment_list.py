"""The compose window's attachment list: name, size, Remove and Preview. Files are checked
against the attachment rules on a worker thread before they join the list; a refusal is
shown in the widget and emitted as `refused(message)`; the list never loses what it had."""

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opendesk.attachments.rules import PDF_FLAGS, CheckedAttachment, check_attachment, check_file
from opendesk.core.errors import ValidationError
from opendesk.core.file_names import Limits, check_size, format_size
from opendesk.desktop.attach import tasks
from opendesk.desktop.attach.file_preview import FilePreviewDialog


class AttachmentListWidget(QWidget):
    """`attachments()` and `total_size()` for the send service; `changed` after every
    addition or removal; `refused(message)` when a file breaks a rule."""

    changed = Signal()
    refused = Signal(str)

    def __init__(self, limits: Limits | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limits = limits or Limits()
        self._items: list[CheckedAttachment] = []
        self._pending: list[tasks.Task] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Attachment", "Size", "Note"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        # Tab leaves the list (arrow keys move in it): no keyboard trap; a name to announce
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("attachments_table")
        self.table.setAccessibleName("Attachments")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 80)
        header.resizeSection(2, 200)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.preview_selected)
        self.remove_button = QPushButton("&Remove")
        self.preview_button = QPushButton("Pre&view")
        self.remove_button.clicked.connect(self.remove_selected)
        self.preview_button.clicked.connect(self.preview_selected)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.preview_dialog: FilePreviewDialog | None = None
        self._refresh()

    # -- state -----------------------------------------------------------------------------

    def attachments(self) -> list[CheckedAttachment]:
        return list(self._items)

    def total_size(self) -> int:
        return sum(a.size for a in self._items)

    def is_busy(self) -> bool:
        """Files are still being checked (the compose window should wait before sending)."""
        return bool(self._pending)

    def set_limits(self, limits: Limits) -> None:
        self.limits = limits
        self._refresh()

    # -- adding and removing ---------------------------------------------------------------

    def add(self, attachment: CheckedAttachment) -> None:
        """Add an attachment that passed the rules; raises ValidationError for a duplicate or
        when the message would exceed its limit."""
        if any(a.sha256 == attachment.sha256 for a in self._items):
            raise ValidationError(f"“{attachment.name}” is already attached.", "attachments")
        check_size(attachment.name, attachment.size, self.limits, self.total_size())
        self._items.append(attachment)
        self.message.hide()
        self._refresh()
        self.table.selectRow(len(self._items) - 1)
        self.changed.emit()

    def add_path(self, path: Path) -> None:
        """Check a file on a worker thread, then add it (or emit `refused`)."""
        already = self.total_size()
        self._check(lambda _t: check_file(path, limits=self.limits, already_attached_bytes=already))

    def add_bytes(self, name: str, data: bytes) -> None:
        """Check downloaded content (Dropbox) on a worker thread, then add it."""
        already = self.total_size()
        digest = hashlib.sha256(data).hexdigest()
        if any(a.sha256 == digest for a in self._items):
            self._refuse(ValidationError(f"“{name}” is already attached."))
            return
        self._check(
            lambda _t: check_attachment(
                name, data, limits=self.limits, already_attached_bytes=already
            )
        )

    def remove_at(self, row: int) -> None:
        if 0 <= row < len(self._items):
            del self._items[row]
            self._refresh()
            self.changed.emit()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.remove_at(rows[0].row())

    def clear(self) -> None:
        if self._items:
            self._items.clear()
            self._refresh()
            self.changed.emit()

    def preview_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        dialog = self.preview_dialog or FilePreviewDialog(self)
        self.preview_dialog = dialog
        dialog.preview.show_attachment(self._items[rows[0].row()])
        dialog.show()

    # -- internals -------------------------------------------------------------------------

    def _check(self, work: Callable[[tasks.Task], CheckedAttachment]) -> None:
        holder: list[tasks.Task] = []

        def ok(attachment: CheckedAttachment) -> None:
            self._settle(holder)
            try:
                self.add(attachment)
            except ValidationError as exc:
                self._refuse(exc)

        def bad(exc: BaseException) -> None:
            self._settle(holder)
            self._refuse(exc)

        task = tasks.start(work, ok, bad)
        holder.append(task)
        self._pending.append(task)

    def _settle(self, holder: list[tasks.Task]) -> None:
        for task in holder:
            if task in self._pending:
                self._pending.remove(task)

    def _refuse(self, exc: BaseException) -> None:
        message = tasks.describe_failure(exc)
        self.message.setText(message)
        self.message.show()
        self.refused.emit(message)

    def _refresh(self) -> None:
        self.table.setRowCount(len(self._items))
        for row, att in enumerate(self._items):
            note = "; ".join(PDF_FLAGS[f] for f in att.flags)
            for col, text in enumerate((att.name, format_size(att.size), note)):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if col == 2 and note:
                    item.setToolTip(f"This PDF {note}. The patient's PDF reader may warn.")
                self.table.setItem(row, col, item)
        count = len(self._items)
        self.summary.setText(
            f"{count} attachment{'s' if count != 1 else ''}, {format_size(self.total_size())} of "
            f"{format_size(self.limits.max_message_bytes)}"
            if count
            else "No attachments."
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.remove_button.setEnabled(chosen)
        self.preview_button.setEnabled(chosen)
