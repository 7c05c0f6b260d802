"""Setup > Groups and Permissions: what the members of each group may do, in plain words
(`core.permissions.PERMISSION_LABELS`), and for inbox delegation the providers whose inbox they
may work in (or all). A new practice has Administrators, Providers and Front desk."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core.enums import Permission
from opendesk.core.permissions import PERMISSION_LABELS
from opendesk.core.services import practice_setup, providers, setup_views
from opendesk.core.services.practice_setup import Grant
from opendesk.core.services.providers import ProviderRow
from opendesk.core.services.setup_views import GroupRow
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_groups import Ui_GroupsDialog
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.setup.common import FormProblems, checked, fill_checklist, set_checked


@dataclass(frozen=True)
class _Loaded:
    groups: list[GroupRow]
    providers: list[ProviderRow]


def permission_text(permission: Permission) -> str:
    label = PERMISSION_LABELS[permission]
    return label[:1].upper() + label[1:]


class GroupsDialog(QDialog):
    loaded = Signal()
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_GroupsDialog()
        self.ui.setupUi(self)
        self.ui.bodyLayout.setStretch(0, 1)
        self.ui.bodyLayout.setStretch(1, 2)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.groups: list[GroupRow] = []
        self.group_id: int | None = None
        self.checks: dict[Permission, QCheckBox] = {}
        for permission in Permission:
            check = QCheckBox(permission_text(permission), self.ui.permissionsBox)
            check.setObjectName(f"perm_{permission.value}")
            self.ui.permissionsLayout.addWidget(check)
            self.checks[permission] = check
        self.checks[Permission.INBOX_DELEGATE].toggled.connect(lambda _on: self._update_delegate())
        self.ui.delegate_some.toggled.connect(lambda _on: self._update_delegate())
        self.ui.groupList.currentRowChanged.connect(self._show_group)
        self.ui.addButton.clicked.connect(self.new_group)
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        actor = self.ctx.actor

        def load(session: Session) -> _Loaded:
            return _Loaded(
                setup_views.list_groups(session, actor),
                providers.list_providers(session, include_hidden=False),
            )

        ReadOp(
            self.ctx, load, parent=self, success=lambda loaded: self._fill(loaded, select_id)
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _fill(self, loaded: _Loaded, select_id: int | None) -> None:
        self.groups = loaded.groups
        fill_checklist(self.ui.delegate_providers, [(p.id, p.label) for p in loaded.providers])
        self.ui.groupList.blockSignals(True)
        self.ui.groupList.clear()
        for group in self.groups:
            self.ui.groupList.addItem(group.name)
        self.ui.groupList.blockSignals(False)
        wanted = select_id if select_id is not None else self.group_id
        index = next((i for i, g in enumerate(self.groups) if g.id == wanted), 0)
        if self.groups:
            self.ui.groupList.setCurrentRow(index)
            self._show_group(index)
        else:
            self.new_group()
        self.loaded.emit()

    def select(self, name: str) -> None:
        index = next(i for i, g in enumerate(self.groups) if g.name == name)
        self.ui.groupList.setCurrentRow(index)

    def _show_group(self, index: int) -> None:
        if not 0 <= index < len(self.groups):
            return
        group = self.groups[index]
        self.group_id = group.id
        self.problems.clear()
        self.ui.name.setText(group.name)
        for permission, check in self.checks.items():
            check.setChecked(permission in group.permissions)
        only = group.delegate_provider_ids
        (self.ui.delegate_some if only else self.ui.delegate_all).setChecked(True)
        set_checked(self.ui.delegate_providers, only or ())
        self._update_delegate()

    def new_group(self) -> None:
        self.group_id = None
        self.ui.groupList.clearSelection()
        self.problems.clear()
        self.ui.name.clear()
        for check in self.checks.values():
            check.setChecked(False)
        self.ui.delegate_all.setChecked(True)
        self._update_delegate()
        self.ui.name.setFocus()

    def _update_delegate(self) -> None:
        on = self.checks[Permission.INBOX_DELEGATE].isChecked()
        self.ui.delegateBox.setEnabled(on)
        self.ui.delegate_providers.setEnabled(on and self.ui.delegate_some.isChecked())

    def set_delegates(self, abbrs: list[str] | None) -> None:
        """Delegation to these providers (None: all)."""
        (self.ui.delegate_all if abbrs is None else self.ui.delegate_some).setChecked(True)
        for i in range(self.ui.delegate_providers.count()):
            item = self.ui.delegate_providers.item(i)
            on = abbrs is not None and item.text().split(" - ")[0] in abbrs
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def grants(self) -> list[Grant]:
        grants = [
            Grant(p)
            for p, check in self.checks.items()
            if check.isChecked() and p != Permission.INBOX_DELEGATE
        ]
        if self.checks[Permission.INBOX_DELEGATE].isChecked():
            if self.ui.delegate_all.isChecked():
                grants.append(Grant(Permission.INBOX_DELEGATE))
            else:
                for provider_id in checked(self.ui.delegate_providers):
                    grants.append(Grant(Permission.INBOX_DELEGATE, provider_id))
        return grants

    def save(self) -> None:
        name = self.ui.name.text().strip()
        grants = self.grants()
        problems = {}
        if not name:
            problems["name"] = "Enter the group's name."
        if (
            self.checks[Permission.INBOX_DELEGATE].isChecked()
            and self.ui.delegate_some.isChecked()
            and not any(g.permission == Permission.INBOX_DELEGATE for g in grants)
        ):
            problems["delegate"] = "Tick the providers whose inbox this group may work in."
        if problems:
            self.problems.show(problems)
            return
        actor = self.ctx.actor
        group_id = self.group_id
        WriteOp(
            self.ctx,
            lambda s: practice_setup.save_group(s, actor, name, grants, group_id),
            changes=OpChanges(users=True),
            parent=self,
            success=self._saved,
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _saved(self, group_id: int) -> None:
        self.group_id = group_id
        self.saved.emit(group_id)
        self.reload(group_id)
