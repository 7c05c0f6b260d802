"""The A-to-Z file dialog: opens straight in the patient's folder, images and documents first,
thumbnails made lazily for the rows on screen. Open (or double-click) picks the selected files;
Select Local File opens an ordinary file dialog."""

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QStyle,
    QWidget,
)

from opendesk.attachments.atoz import FolderEntry, list_folder
from opendesk.attachments.thumbnails import ThumbnailCache
from opendesk.core import timefmt
from opendesk.core.file_names import format_size
from opendesk.desktop.attach import tasks
from opendesk.desktop.attach.file_preview import FilePreviewDialog
from opendesk.desktop.attach.local_files import open_local_file_dialog
from opendesk.desktop.attach.thumbs import ThumbnailLoader
from opendesk.desktop.forms_generated.ui_atoz_dialog import Ui_AtoZFileDialog
from opendesk.desktop.text import date_column_width

ICON_SIZE = 48
PAGE = 500
_AnyIndex = QModelIndex | QPersistentModelIndex


class FolderModel(QAbstractTableModel):
    """The files of one folder, shown a page at a time (`fetchMore`); decorations ask the
    thumbnail loader only for the rows the view actually paints."""

    COLUMNS = ("Name", "Size", "Modified", "Type")

    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.entries: list[FolderEntry] = []
        self.shown = 0
        self._rows: dict[str, int] = {}
        self._icons: dict[str, QIcon] = {}
        self._no_thumb: set[str] = set()
        loader.ready.connect(self._thumbnail_ready)
        style = parent.style() if parent is not None else None
        self._file_icon = (
            style.standardIcon(QStyle.StandardPixmap.SP_FileIcon) if style else QIcon()
        )

    def set_entries(self, entries: list[FolderEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.shown = min(PAGE, len(entries))
        self._rows = {e.path: i for i, e in enumerate(entries)}
        self.endResetModel()

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _AnyIndex) -> bool:
        return not parent.isValid() and self.shown < len(self.entries)

    def fetchMore(self, parent: _AnyIndex) -> None:
        more = min(PAGE, len(self.entries) - self.shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self.shown, self.shown + more - 1)
        self.shown += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.shown:
            return None
        entry = self.entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return entry.name
            if col == 1:
                return format_size(entry.size)
            if col == 2:
                return timefmt.format_datetime(datetime.fromtimestamp(entry.mtime, UTC))
            return entry.kind.capitalize()
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return self._icon(entry)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return entry.name
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def entry(self, row: int) -> FolderEntry:
        return self.entries[row]

    def _icon(self, entry: FolderEntry) -> QIcon:
        icon = self._icons.get(entry.path)
        if icon is not None:
            return icon
        if entry.kind == "image" and entry.path not in self._no_thumb:
            self.loader.request(entry.path)
        return self._file_icon

    def _thumbnail_ready(self, path: str, image: QImage) -> None:
        row = self._rows.get(path)
        if image.isNull():
            self._no_thumb.add(path)
            return
        self._icons[path] = QIcon(QPixmap.fromImage(image))
        if row is not None and row < self.shown:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class AtoZFileDialog(QDialog):
    """Pick files from the patient's A-to-Z folder (create it first with
    `attachments.atoz.ensure_patient_folder`). After `exec()`/`accepted`, `selected_paths()`
    lists the chosen files (from the folder or from Select Local File)."""

    listed = Signal(int)
    """The folder has been listed (number of files); the first rows are showing."""

    def __init__(
        self,
        folder: Path,
        *,
        thumbnails: ThumbnailCache | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.started = time.perf_counter()
        self.folder = folder
        self.ui = Ui_AtoZFileDialog()
        self.ui.setupUi(self)  # forms/atoz_dialog.ui
        self.loader = ThumbnailLoader(thumbnails, parent=self)
        self.model = FolderModel(self.loader, self)
        self.view = self.ui.view
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vertical = self.view.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ICON_SIZE + 4)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 90), (2, date_column_width(self.view)), (3, 90)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)
        self.view.doubleClicked.connect(self._open)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.place, self.status, self.busy = self.ui.place, self.ui.status, self.ui.busy
        self.place.setText(f"Patient folder: {folder.name}")
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.open_button, self.preview_button = self.ui.open_button, self.ui.preview_button
        self.local_button, self.cancel_button = self.ui.local_button, self.ui.cancel_button
        self.open_button.clicked.connect(self._open)
        self.preview_button.clicked.connect(self._preview)
        self.local_button.clicked.connect(self._select_local)
        self.cancel_button.clicked.connect(self.reject)

        self._selected: list[Path] = []
        self.preview_dialog: FilePreviewDialog | None = None
        self.local_dialog: QFileDialog | None = None
        self.elapsed_to_rows: float | None = None
        self._update_buttons()
        QTimer.singleShot(500, self._show_busy)
        self._task: tasks.Task | None = tasks.start(
            lambda _task: list_folder(folder), self._listed, self._list_failed
        )

    def selected_paths(self) -> list[Path]:
        return list(self._selected)

    def done(self, result: int) -> None:
        self.loader.stop()
        if self.preview_dialog is not None:
            self.preview_dialog.close()
        super().done(result)

    def _show_busy(self) -> None:
        if self._task is not None:
            self.busy.show()

    def _listed(self, entries: list[FolderEntry]) -> None:
        self._task = None
        self.busy.hide()
        self.model.set_entries(entries)
        images = sum(1 for e in entries if e.kind == "image")
        if entries:
            self.status.setText(f"{len(entries)} files ({images} images)")
            self.view.selectRow(0)
        else:
            self.status.setText("This patient's folder is empty. Use Select Local File.")
        self.elapsed_to_rows = time.perf_counter() - self.started
        self._update_buttons()
        self.listed.emit(len(entries))

    def _list_failed(self, exc: BaseException) -> None:
        self._task = None
        self.busy.hide()
        message = (
            "The patient's folder cannot be read. Check that the network share is available."
            if isinstance(exc, OSError)
            else tasks.describe_failure(exc)
        )
        self.status.setText(message)
        self.listed.emit(0)

    def _rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def _update_buttons(self) -> None:
        rows = self._rows()
        self.open_button.setEnabled(bool(rows))
        self.preview_button.setEnabled(len(rows) == 1)

    def _open(self) -> None:
        rows = self._rows()
        if rows:
            self._selected = [Path(self.model.entry(r).path) for r in rows]
            self.accept()

    def _preview(self) -> None:
        rows = self._rows()
        if len(rows) != 1:
            return
        path = Path(self.model.entry(rows[0]).path)
        dialog = self.preview_dialog or FilePreviewDialog(self)
        self.preview_dialog = dialog
        try:
            dialog.preview.show_path(path)
        except OSError:
            self.status.setText(f"“{path.name}” cannot be read.")
            return
        dialog.show()

    def _select_local(self) -> None:
        self.local_dialog = open_local_file_dialog(self, self._local_chosen)

    def _local_chosen(self, names: list[str]) -> None:
        if names:
            self._selected = [Path(n) for n in names]
            self.accept()
