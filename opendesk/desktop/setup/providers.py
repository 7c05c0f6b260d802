"""Setup > Providers: the practice's providers (abbreviation, names, specialty); add, edit,
hide or show, and delete one that nothing refers to (the core refuses once it has messages,
patients or users, and says so)."""

from typing import Any

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core.services import practice_setup, providers, setup_views
from opendesk.core.services.practice_setup import ProviderInput
from opendesk.core.services.providers import ProviderRow
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_provider_edit import Ui_ProviderEditDialog
from opendesk.desktop.forms_generated.ui_provider_list import Ui_ProviderListDialog
from opendesk.desktop.models.rows import RowsTableModel
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.setup.common import FormProblems, confirm, keep_open, setup_list_view

PROVIDER_CHANGES = OpChanges(providers=True)


class ProviderListModel(RowsTableModel[ProviderRow]):
    HEADERS = ("Abbr", "Name", "Specialty", "User", "Hidden")

    def values(self, row: ProviderRow) -> tuple[str, ...]:
        used = "yes" if row.has_users else ""
        return (row.abbr, row.name, row.specialty, used, "hidden" if row.is_hidden else "")


class ProviderEditDialog(QDialog):
    """Add (provider_id None) or edit a provider. `saved(provider_id)`."""

    saved = Signal(int)
    ready = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, provider_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.provider_id = provider_id
        self.ui = Ui_ProviderEditDialog()
        self.ui.setupUi(self)
        self.setWindowTitle("Add Provider" if provider_id is None else "Edit Provider")
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        if provider_id is not None:
            actor = ctx.actor
            ReadOp(
                ctx,
                lambda s: setup_views.provider_input(s, actor, provider_id),
                parent=self,
                success=self._fill,
            ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()
        self.ui.abbr.setFocus()

    def _fill(self, data: ProviderInput) -> None:
        for name in ("abbr", "first_name", "last_name", "suffix", "specialty"):
            getattr(self.ui, name).setText(getattr(data, name))
        self.ready.emit()

    def data(self) -> ProviderInput:
        return ProviderInput(
            self.ui.abbr.text(),
            self.ui.first_name.text(),
            self.ui.last_name.text(),
            self.ui.suffix.text(),
            self.ui.specialty.text(),
        )

    def check(self, data: ProviderInput) -> dict[str, str]:
        problems = {}
        if not data.abbr.strip():
            problems["abbr"] = "Enter an abbreviation (up to 20 characters), e.g. DOC1."
        if not data.first_name.strip():
            problems["first_name"] = "Enter the provider's first name."
        if not data.last_name.strip():
            problems["last_name"] = "Enter the provider's last name."
        return problems

    def save(self) -> None:
        data = self.data()
        problems = self.check(data)
        if problems:
            self.problems.show(problems)
            return
        actor = self.ctx.actor
        provider_id = self.provider_id
        WriteOp(
            self.ctx,
            lambda s: practice_setup.save_provider(s, actor, data, provider_id),
            changes=PROVIDER_CHANGES,
            parent=self,
            success=self._saved,
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _saved(self, provider_id: int) -> None:
        self.provider_id = provider_id
        self.saved.emit(provider_id)
        self.accept()


class ProvidersDialog(QDialog):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_ProviderListDialog()
        self.ui.setupUi(self)
        self.model = ProviderListModel(self)
        setup_list_view(self.ui.providersView, self.model, self.edit, self._update_buttons)
        self.ui.addButton.clicked.connect(self.add)
        self.ui.editButton.clicked.connect(self.edit)
        self.ui.hideButton.clicked.connect(self.toggle_hidden)
        self.ui.deleteButton.clicked.connect(self.delete)
        self.ui.signatureButton.clicked.connect(self.edit_signature)
        self.ui.showHiddenCheck.toggled.connect(lambda _on: self.reload())
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.messageLabel.setText("")
        self.editor: ProviderEditDialog | None = None
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        include_hidden = self.ui.showHiddenCheck.isChecked()
        current = select_id if select_id is not None else self.selected_id

        def done(rows: list[ProviderRow]) -> None:
            self.model.set_rows(rows)
            for number, row in enumerate(rows):
                if row.id == current:
                    self.ui.providersView.selectRow(number)
            self._update_buttons()
            self.loaded.emit()

        ReadOp(
            self.ctx,
            lambda s: providers.list_providers(s, include_hidden=include_hidden),
            parent=self,
            success=done,
        ).run_in_background()

    @property
    def selected(self) -> ProviderRow | None:
        rows = self.ui.providersView.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    @property
    def selected_id(self) -> int | None:
        row = self.selected
        return row.id if row else None

    def select(self, abbr: str) -> None:
        for number, row in enumerate(self.model.rows):
            if row.abbr == abbr:
                self.ui.providersView.selectRow(number)

    def _update_buttons(self) -> None:
        row = self.selected
        ui = self.ui
        for button in (ui.editButton, ui.hideButton, ui.deleteButton, ui.signatureButton):
            button.setEnabled(row is not None)
        self.ui.hideButton.setText("S&how" if row is not None and row.is_hidden else "&Hide")

    def add(self) -> None:
        self._open_editor(None)

    def edit(self) -> None:
        if self.selected_id is not None:
            self._open_editor(self.selected_id)

    def _open_editor(self, provider_id: int | None) -> None:
        editor = ProviderEditDialog(self.ctx, self, provider_id)
        editor.saved.connect(lambda pid: self.reload(pid))
        self.editor = editor
        keep_open(editor)

    def edit_signature(self) -> None:
        from opendesk.desktop.setup.signature import SignatureDialog

        if self.selected_id is not None:
            self.signature_editor = SignatureDialog(self.ctx, self, self.selected_id)
            keep_open(self.signature_editor)

    def _run(self, op: Any) -> None:
        self.ui.messageLabel.setText("")

        def failed(exc: BaseException) -> None:
            FormProblems(self.ui).failed(self, exc)

        WriteOp(
            self.ctx,
            op,
            changes=PROVIDER_CHANGES,
            parent=self,
            success=lambda _: self.reload(),
        ).failure(failed).run_in_background()

    def toggle_hidden(self) -> None:
        row = self.selected
        if row is None:
            return
        actor, hide = self.ctx.actor, not row.is_hidden
        self._run(lambda s: practice_setup.set_provider_hidden(s, actor, row.id, hide))

    def delete(self) -> None:
        row = self.selected
        if row is None:
            return
        actor = self.ctx.actor
        self.confirm_box = confirm(
            self,
            f"Delete the provider {row.label}? This cannot be undone.",
            lambda: self._run(lambda s: practice_setup.delete_provider(s, actor, row.id)),
        )
