"""Select Patient: search as you type, a lazy result list, the family of the highlighted
patient; Enter or double-click selects. Usable by keyboard alone: type, Up/Down/PageUp/PageDown
move in the list while the cursor stays in the search box, Enter selects, Esc cancels.

On accept, `selected_id` holds the patient and `ctx.select_patient` has been asked to load the
selection (the main window follows `ctx.patientChanged`).
"""

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QListWidgetItem, QWidget

from opendesk.core.enums import Permission
from opendesk.core.services import patients
from opendesk.core.services.patients import PatientRow
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_select_patient import Ui_SelectPatientDialog
from opendesk.desktop.models.patients import PatientSearchModel
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.text import family_line

_NAV_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


# A typical value per column (PatientSearchModel.columns), for column widths.
_COLUMN_SAMPLES = (
    "Montgomery-Ray",
    "Christopher",
    "Chris",
    "12/31/1980",
    "100",
    "(503) 555-0142",
    "(503) 555-0142",
    "DOC1",
    "100000",
)


class SelectPatientDialog(QDialog):
    patientChosen = Signal(int)
    familyLoaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, text: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_SelectPatientDialog()
        self.ui.setupUi(self)
        self.selected_id: int | None = None
        self.family: list[PatientRow] = []
        self._accept_when_loaded = False
        self._family_for: int | None = None

        self.model = PatientSearchModel(ctx.db, self)
        view = self.ui.resultsView
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        self._size_columns()
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.doubleClicked.connect(lambda _index: self.accept())
        view.selectionModel().selectionChanged.connect(self._on_selection)
        self.ui.splitter.setStretchFactor(0, 1)
        self.ui.splitter.setStretchFactor(1, 0)
        family_width = self.fontMetrics().horizontalAdvance("▶ Abernathy, Christopher (Member)")
        self.ui.splitter.setSizes([self.width() - family_width, family_width])

        self.model.loaded.connect(self._on_loaded)
        self.ui.searchEdit.textChanged.connect(self._search)
        self.ui.searchEdit.installEventFilter(self)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.familyList.itemDoubleClicked.connect(self._family_member_chosen)
        self.ui.familyList.itemActivated.connect(self._family_member_chosen)
        self.ui.addPatientButton.clicked.connect(lambda: self._edit(None, new_family=True))
        self.ui.addMemberButton.clicked.connect(lambda: self._edit(None, new_family=False))
        self.ui.editPatientButton.clicked.connect(lambda: self._edit(self.current_id()))
        may_edit = ctx.user is not None and ctx.user.may(Permission.PATIENT_EDIT.value)
        for button in (
            self.ui.addPatientButton,
            self.ui.addMemberButton,
            self.ui.editPatientButton,
        ):
            button.setEnabled(may_edit)
            if not may_edit:
                button.setToolTip("You are not allowed to edit patients.")
        self.ctx.changes.changed.connect(self._on_changes)
        self.ui.searchEdit.setText(text)
        self.ui.searchEdit.setFocus()
        if not text:
            self._search("")

    def _size_columns(self) -> None:
        """Each column as wide as its header or a typical value, so every column through
        Wireless and Pat # shows without scrolling sideways at the dialog's size."""
        view = self.ui.resultsView
        cell = view.fontMetrics()
        bold = view.horizontalHeader().fontMetrics()
        for column, sample in enumerate(_COLUMN_SAMPLES):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(cell.horizontalAdvance(sample), bold.horizontalAdvance(header) + 8)
            view.setColumnWidth(column, width + 16)

    # -- searching ------------------------------------------------------------------------------
    def _search(self, text: str) -> None:
        self.ui.statusLabel.setText("Searching…")
        self.model.load_async(self.ctx, text)

    def _on_loaded(self) -> None:
        count = self.model.rowCount()
        more = "+" if self.model.canFetchMore(QModelIndex()) else ""
        self.ui.statusLabel.setText(
            f"{count}{more} patient{'s' if count != 1 else ''}" if count else "No patient found."
        )
        if count:
            self.ui.resultsView.selectRow(0)
        else:
            self._show_family([])
        if self._accept_when_loaded:
            self._accept_when_loaded = False
            self.accept()

    def current_id(self) -> int | None:
        index = self.ui.resultsView.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.searchEdit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _NAV_KEYS:
                self.ui.resultsView.setFocus()
                self.ui.resultsView.keyPressEvent(event)
                self.ui.searchEdit.setFocus()
                return True
        return super().eventFilter(watched, event)

    # -- family -----------------------------------------------------------------------------------
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        pid = self.current_id()
        if pid is None or pid == self._family_for:
            return
        self._family_for = pid

        def done(rows: list[PatientRow]) -> None:
            if self._family_for == pid:
                self._show_family(rows)

        ReadOp(
            self.ctx, lambda s: patients.family_rows(s, pid), parent=self, success=done
        ).run_in_background()

    def _show_family(self, rows: list[PatientRow]) -> None:
        self.family = rows
        self.ui.familyList.clear()
        current = self.current_id()
        for member in rows:
            item = QListWidgetItem(family_line(member, member.id == current))
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.ui.familyList.addItem(item)
        self.familyLoaded.emit()

    def _family_member_chosen(self, item: QListWidgetItem) -> None:
        self._choose(int(item.data(Qt.ItemDataRole.UserRole)))

    # -- choosing ---------------------------------------------------------------------------------
    def accept(self) -> None:
        if self.model.is_loading:
            self._accept_when_loaded = True  # Enter pressed before the newest results arrived
            return
        pid = self.current_id()
        if pid is None:
            self.ui.statusLabel.setText("No patient selected.")
            return
        self._choose(pid)

    def _choose(self, pid: int) -> None:
        self.selected_id = pid
        self.ctx.select_patient(pid, parent=None)
        self.patientChosen.emit(pid)
        super().accept()

    # -- editing ----------------------------------------------------------------------------------
    def _edit(self, patient_id: int | None, new_family: bool = True) -> None:
        from opendesk.desktop.dialogs.patient_edit import PatientEditDialog

        head = None
        if patient_id is None and not new_family:
            current = next((m for m in self.family if m.id == self.current_id()), None)
            if current is None:
                self.ui.statusLabel.setText("Highlight a member of the family first.")
                return
            head = current.family_head_id
        dialog = PatientEditDialog(self.ctx, self, patient_id=patient_id, guarantor_id=head)
        dialog.saved.connect(self._after_edit)
        dialog.open()

    def _after_edit(self, patient_id: int) -> None:
        self._family_for = None
        self.ui.searchEdit.setText(f"#{patient_id}")

    def _on_changes(self, changes: object, _initiator: object) -> None:
        from opendesk.desktop.changes import OpChanges

        if isinstance(changes, OpChanges) and changes.patients:
            self.model.invalidate(sorted(changes.patient_ids) or None)
