"""Edit (or add) a patient: the fields portal access and the provider-to-provider flow need.
Problems are shown next to their fields and nothing typed is lost; Save runs
`core.services.patients.create_patient/update_patient` (PatientEdit permission, audited).

`saved(patient_id)` is emitted after a successful save; the operation also publishes
OpChanges(patients=True, patient_ids={id}).
"""

from dataclasses import dataclass, fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from opendesk.core import languages
from opendesk.core.errors import ValidationError
from opendesk.core.services import patients, providers
from opendesk.core.services.patients import PatientEdit, PatientInvalid, PatientRow
from opendesk.core.services.providers import ProviderRow
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_patient_edit import Ui_PatientEditDialog
from opendesk.desktop.message_channel import show_error
from opendesk.desktop.operations import ReadOp, WriteOp

TEXT_FIELDS = tuple(
    f.name
    for f in fields(PatientEdit)
    if f.name not in ("primary_provider_id", "guarantor_id", "language")
)


@dataclass(frozen=True)
class _Loaded:
    edit: PatientEdit
    provider: ProviderRow | None
    self_row: PatientRow | None
    head: PatientRow | None


class PatientEditDialog(QDialog):
    saved = Signal(int)
    ready = Signal()

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        patient_id: int | None = None,
        guarantor_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patient_id = patient_id
        self.ui = Ui_PatientEditDialog()
        self.ui.setupUi(self)
        if patient_id is None:
            self.setWindowTitle("Add Patient" if guarantor_id is None else "Add Family Member")
        self.provider: ProviderRow | None = None
        self.ui.providerButton.clicked.connect(self.choose_provider)
        for code, (name, _native) in languages.LANGUAGES.items():
            self.ui.language.addItem(name, code)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.clear_problems()
        default_provider = ctx.user.provider_id if ctx.user else None
        actor = ctx.actor

        def load(session: Session) -> _Loaded:
            head_id = guarantor_id
            if patient_id is not None:
                edit = patients.get_edit(session, actor, patient_id)
                self_row = patients.patient_row(session, patient_id)
                head_id = self_row.family_head_id if not self_row.is_guarantor else None
            else:
                self_row = None
                head_row = patients.patient_row(session, head_id) if head_id else None
                edit = PatientEdit(
                    primary_provider_id=default_provider
                    or (head_row.primary_provider_id if head_row else None),
                    guarantor_id=head_id,
                )
                if head_row is not None:  # a new member usually shares the family's details
                    full = patients.get_edit(session, actor, head_row.id)
                    edit = PatientEdit(
                        last_name=full.last_name,
                        home_phone=full.home_phone,
                        address=full.address,
                        address2=full.address2,
                        city=full.city,
                        state=full.state,
                        zip=full.zip,
                        primary_provider_id=edit.primary_provider_id,
                        guarantor_id=head_id,
                    )
            prov = (
                providers.provider_row(session, edit.primary_provider_id)
                if edit.primary_provider_id
                else None
            )
            head = patients.patient_row(session, head_id) if head_id else None
            return _Loaded(edit, prov, self_row, head)

        ReadOp(ctx, load, parent=self, success=self._fill).run_in_background()

    # -- filling and reading the form -------------------------------------------------------------
    def _fill(self, loaded: _Loaded) -> None:
        for name in TEXT_FIELDS:
            self.field(name).setText(getattr(loaded.edit, name))
        self.set_provider(loaded.provider)
        self.ui.language.setCurrentIndex(max(0, self.ui.language.findData(loaded.edit.language)))
        combo = self.ui.guarantor_id
        combo.clear()
        own = "Self (heads the family)" if loaded.self_row else "Self (a new family)"
        combo.addItem(own, None)
        if loaded.head is not None:
            combo.addItem(f"{loaded.head.display_name} (#{loaded.head.id})", loaded.head.id)
            combo.setCurrentIndex(1)
        self.ui.last_name.setFocus()
        self.ready.emit()

    def field(self, name: str) -> QLineEdit:
        widget = getattr(self.ui, name)
        assert isinstance(widget, QLineEdit)
        return widget

    def error_label(self, name: str) -> QLabel:
        label = getattr(self.ui, f"{name}_error")
        assert isinstance(label, QLabel)
        return label

    def set_provider(self, row: ProviderRow | None) -> None:
        self.provider = row
        self.ui.primary_provider_id.setText(row.label if row else "")

    def choose_provider(self) -> None:
        from opendesk.desktop.dialogs.provider_picker import ProviderPickerDialog

        dialog = ProviderPickerDialog(
            self.ctx, self, selected_id=self.provider.id if self.provider else None
        )
        dialog.providerChosen.connect(self.set_provider)
        dialog.open()

    def edit(self) -> PatientEdit:
        values: dict[str, object] = {name: self.field(name).text() for name in TEXT_FIELDS}
        values["primary_provider_id"] = self.provider.id if self.provider else None
        values["guarantor_id"] = self.ui.guarantor_id.currentData()
        values["language"] = self.ui.language.currentData() or languages.DEFAULT
        return PatientEdit(**values)  # type: ignore[arg-type]

    # -- problems -----------------------------------------------------------------------------
    def clear_problems(self) -> None:
        for f in fields(PatientEdit):
            self.error_label(f.name).setText("")
        self.ui.messageLabel.setText("")

    def show_problems(self, problems: dict[str, str]) -> None:
        self.clear_problems()
        for name, message in problems.items():
            self.error_label(name).setText(message)
        first = next(iter(problems))
        widget = (
            self.ui.providerButton if first == "primary_provider_id" else getattr(self.ui, first)
        )
        widget.setFocus()
        self.ui.messageLabel.setText(
            "Please correct the highlighted field."
            if len(problems) == 1
            else f"Please correct the {len(problems)} highlighted fields."
        )

    @property
    def problems(self) -> dict[str, str]:
        return {
            f.name: self.error_label(f.name).text()
            for f in fields(PatientEdit)
            if self.error_label(f.name).text()
        }

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        edit = self.edit()
        actor = self.ctx.actor
        patient_id = self.patient_id

        def work(session: Session) -> int:
            if patient_id is None:
                return patients.create_patient(session, actor, edit)
            patients.update_patient(session, actor, patient_id, edit)
            return patient_id

        WriteOp(
            self.ctx,
            work,
            changes=lambda pid: OpChanges(patients=True, patient_ids=frozenset({pid})),
            parent=self,
            success=self._saved,
        ).failure(self._failed).run_in_background()

    def _saved(self, patient_id: int) -> None:
        self.patient_id = patient_id
        self.saved.emit(patient_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PatientInvalid):
            self.show_problems(exc.problems)
        elif isinstance(exc, ValidationError) and exc.field:
            self.show_problems({exc.field: str(exc)})
        else:
            show_error(self, exc)
