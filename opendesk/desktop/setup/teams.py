"""Setup > Teams: named sets of staff users (e.g. Billing) that receive the messages of the
reasons routed to them and see them in the Email Inbox as "Team: Billing" (closed loop,
docs/CLOSED_LOOP.md). Saved through `reasons_setup.save_team`, which checks and audits."""

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core.services import reasons_setup
from opendesk.core.services.reasons_setup import TeamInput, TeamRow
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_teams import Ui_TeamsDialog
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.setup.common import (
    FormProblems,
    checked,
    fill_checklist,
    keys_of,
    set_checked,
)


@dataclass(frozen=True)
class _Loaded:
    teams: list[TeamRow]
    users: list[tuple[int, str]]


class TeamsDialog(QDialog):
    loaded = Signal()
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_TeamsDialog()
        self.ui.setupUi(self)
        self.ui.bodyLayout.setStretch(0, 1)
        self.ui.bodyLayout.setStretch(1, 2)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.teams: list[TeamRow] = []
        self.team_id: int | None = None
        self.ui.teamList.currentRowChanged.connect(self._show_team)
        self.ui.addButton.clicked.connect(self.new_team)
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        def load(session: Session) -> _Loaded:
            return _Loaded(reasons_setup.team_rows(session), reasons_setup.staff_choices(session))

        ReadOp(
            self.ctx, load, parent=self, success=lambda loaded: self._fill(loaded, select_id)
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _fill(self, loaded: _Loaded, select_id: int | None) -> None:
        self.teams = loaded.teams
        fill_checklist(self.ui.members, loaded.users)
        self.ui.teamList.blockSignals(True)
        self.ui.teamList.clear()
        for team in self.teams:
            self.ui.teamList.addItem(team.name if team.is_active else f"{team.name} (inactive)")
        self.ui.teamList.blockSignals(False)
        wanted = select_id if select_id is not None else self.team_id
        index = next((i for i, t in enumerate(self.teams) if t.id == wanted), 0)
        if self.teams:
            self.ui.teamList.setCurrentRow(index)
            self._show_team(index)
        else:
            self.new_team()
        self.loaded.emit()

    def _show_team(self, index: int) -> None:
        if not 0 <= index < len(self.teams):
            return
        team = self.teams[index]
        self.team_id = team.id
        self.problems.clear()
        self.ui.name.setText(team.name)
        self.ui.is_active.setChecked(team.is_active)
        set_checked(self.ui.members, set(team.member_ids))

    def new_team(self) -> None:
        self.team_id = None
        self.ui.teamList.blockSignals(True)  # no current row: clicking any row shows it again
        self.ui.teamList.setCurrentRow(-1)
        self.ui.teamList.blockSignals(False)
        self.problems.clear()
        self.ui.name.clear()
        self.ui.is_active.setChecked(True)
        set_checked(self.ui.members, set())
        self.ui.name.setFocus()

    def set_members(self, usernames: list[str]) -> None:
        set_checked(self.ui.members, keys_of(self.ui.members, usernames))

    def save(self) -> None:
        data = TeamInput(
            self.ui.name.text(), tuple(checked(self.ui.members)), self.ui.is_active.isChecked()
        )
        actor, team_id = self.ctx.actor, self.team_id
        WriteOp(
            self.ctx,
            lambda s: reasons_setup.save_team(s, actor, data, team_id),
            changes=OpChanges(users=True, messages=True),
            parent=self,
            success=self._saved,
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _saved(self, team_id: int) -> None:
        self.team_id = team_id
        self.saved.emit(team_id)
        self.reload(team_id)
