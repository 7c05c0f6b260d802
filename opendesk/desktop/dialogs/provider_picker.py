"""The provider picker (the manual's `[...]` button): providers by abbreviation and name,
filtered as you type, optionally only providers a user is linked to.

    dialog = ProviderPickerDialog(ctx, self, selected_id=current, only_with_users=True)
    dialog.providerChosen.connect(self.set_provider)   # ProviderRow
    dialog.open()
or, blocking: `row = ProviderPickerDialog.pick(ctx, self)` (None when cancelled).
"""

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from opendesk.core.services import providers
from opendesk.core.services.providers import ProviderRow
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_provider_picker import Ui_ProviderPickerDialog
from opendesk.desktop.models.rows import RowsTableModel
from opendesk.desktop.operations import ReadOp


class ProviderTableModel(RowsTableModel[ProviderRow]):
    HEADERS = ("Abbr", "Name", "Specialty", "User")

    def values(self, row: ProviderRow) -> tuple[str, ...]:
        return (row.abbr, row.name, row.specialty, "yes" if row.has_users else "")


class ProviderPickerDialog(QDialog):
    providerChosen = Signal(object)  # ProviderRow
    loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        selected_id: int | None = None,
        only_with_users: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_ProviderPickerDialog()
        self.ui.setupUi(self)
        self.chosen: ProviderRow | None = None
        self._all: list[ProviderRow] = []
        self._selected_id = selected_id
        self.model = ProviderTableModel(self)
        view = self.ui.providersView
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        view.doubleClicked.connect(lambda _index: self.accept())
        self.ui.onlyLinkedCheck.setChecked(only_with_users)
        self.ui.filterEdit.textChanged.connect(lambda _text: self.apply_filter())
        self.ui.onlyLinkedCheck.toggled.connect(lambda _on: self.apply_filter())
        self.ui.filterEdit.installEventFilter(self)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.filterEdit.setFocus()
        ReadOp(ctx, providers.list_providers, parent=self, success=self._loaded).run_in_background()

    def _loaded(self, rows: list[ProviderRow]) -> None:
        self._all = rows
        self.apply_filter()
        self.loaded.emit()

    def apply_filter(self) -> None:
        keep = self.current()
        rows = providers.filter_rows(
            self._all,
            self.ui.filterEdit.text(),
            only_with_users=self.ui.onlyLinkedCheck.isChecked(),
        )
        self.model.set_rows(rows)
        wanted = keep.id if keep else self._selected_id
        index = next((i for i, r in enumerate(rows) if r.id == wanted), 0)
        if rows:
            self.ui.providersView.selectRow(index)

    def current(self) -> ProviderRow | None:
        index = self.ui.providersView.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    @property
    def visible_rows(self) -> list[ProviderRow]:
        return list(self.model.rows)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.filterEdit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.ui.providersView.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        row = self.current()
        if row is None:
            return
        self.chosen = row
        self.providerChosen.emit(row)
        super().accept()

    @classmethod
    def pick(
        cls,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        selected_id: int | None = None,
        only_with_users: bool = False,
    ) -> ProviderRow | None:
        dialog = cls(ctx, parent, selected_id=selected_id, only_with_users=only_with_users)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
