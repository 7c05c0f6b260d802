"""Setup > Message Reasons: what a patient chooses on the portal's Write page, who receives it
(the patient's primary provider, a team or a provider), the response target in business hours
and the backup told when a message is past it (closed loop, docs/CLOSED_LOOP.md). Saved
through `reasons_setup.save_reason`, which checks, says what is wrong, and audits."""

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core.models import RecipientKind
from opendesk.core.services import providers, reasons_setup
from opendesk.core.services.reasons_setup import ReasonInput, ReasonRow, TeamRow
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_reasons import Ui_ReasonsDialog
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.setup.common import FormProblems

RECIPIENTS = (
    (RecipientKind.PRIMARY, "The patient's primary provider"),
    (RecipientKind.TEAM, "A team"),
    (RecipientKind.PROVIDER, "A provider"),
)


@dataclass(frozen=True)
class _Loaded:
    reasons: list[ReasonRow]
    teams: list[TeamRow]
    providers: list[tuple[int, str]]
    users: list[tuple[int, str]]


def fill_combo(combo: QComboBox, choices: list[tuple[int, str]], none: str | None) -> None:
    """Choices carrying their ids; `none` first (data None) when nobody may be chosen."""
    combo.clear()
    if none is not None:
        combo.addItem(none, None)
    for key, text in choices:
        combo.addItem(text, key)


def choose(combo: QComboBox, key: object) -> None:
    index = combo.findData(key)
    combo.setCurrentIndex(max(index, 0))


class ReasonsDialog(QDialog):
    loaded = Signal()
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_ReasonsDialog()
        self.ui.setupUi(self)
        self.ui.bodyLayout.setStretch(0, 1)
        self.ui.bodyLayout.setStretch(1, 2)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.reasons: list[ReasonRow] = []
        self.reason_id: int | None = None
        for kind, text in RECIPIENTS:
            self.ui.recipient_kind.addItem(text, kind)
        self.ui.recipient_kind.currentIndexChanged.connect(lambda _i: self._update_recipient())
        self.ui.reasonList.currentRowChanged.connect(self._show_reason)
        self.ui.addButton.clicked.connect(self.new_reason)
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        def load(session: Session) -> _Loaded:
            return _Loaded(
                reasons_setup.reason_rows(session),
                reasons_setup.team_rows(session),
                [(p.id, p.label) for p in providers.list_providers(session)],
                reasons_setup.staff_choices(session),
            )

        ReadOp(
            self.ctx, load, parent=self, success=lambda loaded: self._fill(loaded, select_id)
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _fill(self, loaded: _Loaded, select_id: int | None) -> None:
        self.reasons = loaded.reasons
        teams = [(t.id, t.name) for t in loaded.teams]
        fill_combo(self.ui.team_id, teams, None)
        fill_combo(self.ui.provider_id, loaded.providers, None)
        fill_combo(self.ui.backup_user_id, loaded.users, "(nobody)")
        fill_combo(self.ui.backup_team_id, teams, "(no team)")
        self.ui.reasonList.blockSignals(True)
        self.ui.reasonList.clear()
        for r in self.reasons:
            self.ui.reasonList.addItem(r.name if r.is_active else f"{r.name} (not offered)")
        self.ui.reasonList.blockSignals(False)
        wanted = select_id if select_id is not None else self.reason_id
        index = next((i for i, r in enumerate(self.reasons) if r.id == wanted), 0)
        if self.reasons:
            self.ui.reasonList.setCurrentRow(index)
            self._show_reason(index)
        else:
            self.new_reason()
        self.loaded.emit()

    def _show_reason(self, index: int) -> None:
        if not 0 <= index < len(self.reasons):
            return
        r = self.reasons[index]
        self.reason_id = r.id
        self.problems.clear()
        self.ui.name.setText(r.name)
        choose(self.ui.recipient_kind, r.recipient_kind)
        choose(self.ui.team_id, r.team_id)
        choose(self.ui.provider_id, r.provider_id)
        self.ui.target_hours.setValue(r.target_hours)
        choose(self.ui.backup_user_id, r.backup_user_id)
        choose(self.ui.backup_team_id, r.backup_team_id)
        self.ui.sort_order.setValue(r.sort_order)
        self.ui.is_active.setChecked(r.is_active)
        self._update_recipient()

    def new_reason(self) -> None:
        self.reason_id = None
        self.ui.reasonList.blockSignals(True)  # no current row: clicking any row shows it again
        self.ui.reasonList.setCurrentRow(-1)
        self.ui.reasonList.blockSignals(False)
        self.problems.clear()
        self.ui.name.clear()
        choose(self.ui.recipient_kind, RecipientKind.PRIMARY)
        self.ui.target_hours.setValue(8)
        choose(self.ui.backup_user_id, None)
        choose(self.ui.backup_team_id, None)
        last = max((r.sort_order for r in self.reasons), default=0)
        self.ui.sort_order.setValue(last + 10)
        self.ui.is_active.setChecked(True)
        self._update_recipient()
        self.ui.name.setFocus()

    def _update_recipient(self) -> None:
        kind = self.ui.recipient_kind.currentData()
        self.ui.team_id.setEnabled(kind == RecipientKind.TEAM)
        self.ui.provider_id.setEnabled(kind == RecipientKind.PROVIDER)

    def data(self) -> ReasonInput:
        kind = str(self.ui.recipient_kind.currentData())
        return ReasonInput(
            name=self.ui.name.text(),
            recipient_kind=kind,
            team_id=self.ui.team_id.currentData() if kind == RecipientKind.TEAM else None,
            provider_id=(
                self.ui.provider_id.currentData() if kind == RecipientKind.PROVIDER else None
            ),
            target_hours=self.ui.target_hours.value(),
            backup_user_id=self.ui.backup_user_id.currentData(),
            backup_team_id=self.ui.backup_team_id.currentData(),
            is_active=self.ui.is_active.isChecked(),
            sort_order=self.ui.sort_order.value(),
        )

    def save(self) -> None:
        data, actor, reason_id = self.data(), self.ctx.actor, self.reason_id
        WriteOp(
            self.ctx,
            lambda s: reasons_setup.save_reason(s, actor, data, reason_id),
            changes=OpChanges(users=True),
            parent=self,
            success=self._saved,
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _saved(self, reason_id: int) -> None:
        self.reason_id = reason_id
        self.saved.emit(reason_id)
        self.reload(reason_id)
