"""Dropbox's "Select Files" window (the manual's step 6): the patient's Dropbox A-to-Z folder
listed off the GUI thread; double-click, or select and OK, downloads and picks a file; the
right-arrow button refreshes; Preview shows the selected file; Select Local File opens an
ordinary file dialog. A progress bar and Cancel show while Dropbox is busy."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QWidget,
)

from opendesk.attachments.dropbox_source import Cancelled, DropboxSource, RemoteEntry
from opendesk.core import timefmt
from opendesk.core.errors import ValidationError
from opendesk.core.file_names import Limits, check_file_size, format_size
from opendesk.desktop.attach import tasks
from opendesk.desktop.attach.file_preview import FilePreviewDialog
from opendesk.desktop.attach.local_files import open_local_file_dialog
from opendesk.desktop.forms_generated.ui_dropbox_dialog import Ui_DropboxSelectFilesDialog
from opendesk.desktop.text import date_column_width

_AnyIndex = QModelIndex | QPersistentModelIndex


class RemoteModel(QAbstractTableModel):
    """Dropbox entries (name, size, modified)."""

    COLUMNS = ("Name", "Size", "Modified")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[RemoteEntry] = []

    def set_entries(self, entries: list[RemoteEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        entry = self.entries[index.row()]
        if index.column() == 0:
            return entry.name
        if index.column() == 1:
            return format_size(entry.size)
        return timefmt.format_datetime(entry.modified)  # Dropbox times are UTC


class DropboxSelectFilesDialog(QDialog):
    """After `accepted`: `selected_name()`/`selected_data()` hold the downloaded Dropbox file,
    or `local_paths()` the files chosen with Select Local File. Validation (rules) is the
    caller's: hand the result to `AttachmentListWidget.add_bytes` / `add_path`."""

    listed = Signal(int)
    """A listing finished (number of files)."""
    failed = Signal(str)
    """An operation failed; the message is also shown in the window."""
    downloaded = Signal(str)
    """A download finished (file name)."""

    def __init__(
        self,
        source: DropboxSource,
        folder: str,
        *,
        limits: Limits | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.folder = folder
        self.limits = limits or Limits()
        self.ui = Ui_DropboxSelectFilesDialog()
        self.ui.setupUi(self)  # forms/dropbox_dialog.ui: the layout
        self._build_view()
        self._build_controls(folder)
        self._task: tasks.Task | None = None
        self._downloads: dict[str, bytes] = {}
        self._selected: tuple[str, bytes] | None = None
        self._local: list[Path] = []
        self.preview_dialog: FilePreviewDialog | None = None
        self.local_dialog: QFileDialog | None = None
        self._set_busy(False)
        self.refresh()

    def _build_view(self) -> None:
        """The list of the folder's files: name, size, modified."""
        self.model = RemoteModel(self)
        self.view = self.ui.view
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 90)
        header.resizeSection(2, date_column_width(self.view))
        self.view.doubleClicked.connect(self._ok)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    def _build_controls(self, folder: str) -> None:
        ui = self.ui
        self.place, self.refresh_button, self.status = ui.place, ui.refresh_button, ui.status
        self.place.setText(f"Dropbox: {folder.rsplit('/', 1)[-1]}")
        self.refresh_button.clicked.connect(self.refresh)
        self.progress, self.stop_button = ui.progress, ui.stop_button
        self.stop_button.clicked.connect(self.cancel_operation)
        self.preview_button, self.local_button = ui.preview_button, ui.local_button
        self.ok_button, self.close_button = ui.ok_button, ui.close_button
        self.preview_button.clicked.connect(self._preview)
        self.local_button.clicked.connect(self._select_local)
        self.ok_button.clicked.connect(self._ok)
        self.close_button.clicked.connect(self.reject)

    # -- results ---------------------------------------------------------------------------

    def selected_name(self) -> str | None:
        return self._selected[0] if self._selected else None

    def selected_data(self) -> bytes | None:
        return self._selected[1] if self._selected else None

    def local_paths(self) -> list[Path]:
        return list(self._local)

    def is_busy(self) -> bool:
        return self._task is not None

    # -- operations ------------------------------------------------------------------------

    def refresh(self) -> None:
        """List the folder again (the right-arrow button)."""
        if self._task is not None:
            return
        self.status.setText("Listing the patient's Dropbox folder…")
        self.progress.setRange(0, 0)
        self._start(
            lambda task: self.source.list_folder(
                self.folder, progress=task.report, cancelled=task.cancelled
            ),
            self._listed,
            self._list_progress,
        )

    def cancel_operation(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.status.setText("Cancelling…")

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task.done.wait(10)
        if self.preview_dialog is not None:
            self.preview_dialog.close()
        super().done(result)

    def _start(self, work: Any, on_success: Any, on_progress: Any) -> None:
        self._set_busy(True)
        self._task = tasks.start(work, on_success, self._failed, on_progress)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.refresh_button.setEnabled(not busy)
        self.local_button.setEnabled(not busy)
        self.view.setEnabled(not busy)
        self._update_buttons()

    def _finished(self) -> None:
        self._task = None
        self._set_busy(False)

    def _listed(self, entries: list[RemoteEntry]) -> None:
        self._finished()
        self.model.set_entries(entries)
        self._downloads.clear()
        self.status.setText(
            f"{len(entries)} files." if entries else "No files in the patient's Dropbox folder."
        )
        if entries:
            self.view.selectRow(0)
        self.listed.emit(len(entries))

    def _list_progress(self, done: int, _total: int) -> None:
        self.status.setText(f"Listing the patient's Dropbox folder… {done} files so far")

    def _failed(self, exc: BaseException) -> None:
        self._finished()
        message = "Cancelled." if isinstance(exc, Cancelled) else tasks.describe_failure(exc)
        self.status.setText(message)
        self.failed.emit(message)

    def _download(self, entry: RemoteEntry, then: Any) -> None:
        if entry.path in self._downloads:
            then(entry, self._downloads[entry.path])
            return
        try:
            check_file_size(entry.name, entry.size, self.limits)
        except ValidationError as exc:
            self.status.setText(str(exc))
            self.failed.emit(str(exc))
            return
        self.status.setText(f"Downloading “{entry.name}”…")
        self.progress.setRange(0, max(entry.size, 1))
        self.progress.setValue(0)

        def got(data: bytes) -> None:
            self._finished()
            self._downloads[entry.path] = data
            self.status.setText(f"Downloaded “{entry.name}” ({format_size(len(data))}).")
            self.downloaded.emit(entry.name)
            then(entry, data)

        self._start(
            lambda task: self.source.download(
                entry.path,
                max_bytes=self.limits.max_file_bytes,
                progress=task.report,
                cancelled=task.cancelled,
            ),
            got,
            self._download_progress,
        )

    def _download_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    # -- buttons ---------------------------------------------------------------------------

    def _current(self) -> RemoteEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self._current() is not None and self._task is None
        self.ok_button.setEnabled(chosen)
        self.preview_button.setEnabled(chosen)

    def _ok(self) -> None:
        entry = self._current()
        if entry is not None and self._task is None:
            self._download(entry, self._pick)

    def _pick(self, entry: RemoteEntry, data: bytes) -> None:
        self._selected = (entry.name, data)
        self.accept()

    def _preview(self) -> None:
        entry = self._current()
        if entry is not None and self._task is None:
            self._download(entry, self._show_preview)

    def _show_preview(self, entry: RemoteEntry, data: bytes) -> None:
        dialog = self.preview_dialog or FilePreviewDialog(self)
        self.preview_dialog = dialog
        dialog.preview.show_bytes(entry.name, data)
        dialog.show()

    def _select_local(self) -> None:
        self.local_dialog = open_local_file_dialog(self, self._local_chosen)

    def _local_chosen(self, names: list[str]) -> None:
        if names:
            self._local = [Path(n) for n in names]
            self.accept()
