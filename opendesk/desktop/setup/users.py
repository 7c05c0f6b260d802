"""Setup > Users: staff logins. Add (with a temporary password shown once), edit the user name,
the linked provider (or none), the groups and the notice e-mail (PHI-free staff notices such
as escalations); reset a password (shown once, to be changed at the next login), unlock after
failed logins, disable and enable. Every action goes through
`core.services.practice_setup` (Setup permission, audited)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core.services import practice_setup, providers, setup_views
from opendesk.core.services.practice_setup import UserInput
from opendesk.core.services.providers import ProviderRow
from opendesk.core.services.setup_views import GroupRow, UserRow
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_temporary_password import Ui_TemporaryPasswordDialog
from opendesk.desktop.forms_generated.ui_user_edit import Ui_UserEditDialog
from opendesk.desktop.forms_generated.ui_user_list import Ui_UserListDialog
from opendesk.desktop.models.rows import RowsTableModel
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.setup.common import (
    FormProblems,
    checked,
    confirm,
    fill_checklist,
    keep_open,
    keys_of,
    set_checked,
    setup_list_view,
)

USER_CHANGES = OpChanges(users=True)


class TemporaryPasswordDialog(QDialog):
    """Shows a temporary password once (selectable, to copy)."""

    def __init__(self, parent: QWidget | None, username: str, password: str, why: str) -> None:
        super().__init__(parent)
        self.ui = Ui_TemporaryPasswordDialog()
        self.ui.setupUi(self)
        self.ui.explanationLabel.setText(f"{why} The temporary password for {username} is:")
        self.ui.passwordEdit.setText(password)
        self.ui.passwordEdit.selectAll()
        self.ui.buttonBox.accepted.connect(self.accept)

    def accept(self) -> None:
        self.ui.passwordEdit.clear()
        super().accept()


class UserListModel(RowsTableModel[UserRow]):
    HEADERS = ("User name", "Provider", "Groups", "State")

    def values(self, row: UserRow) -> tuple[str, ...]:
        return (row.username, row.provider_abbr, ", ".join(row.group_names), row.state)


@dataclass(frozen=True)
class _Choices:
    providers: list[ProviderRow]
    groups: list[GroupRow]


class UserEditDialog(QDialog):
    """Add (user None) or edit a user. `saved(user_id, temporary_password or "")`."""

    saved = Signal(int, str)
    ready = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, user: UserRow | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.ui = Ui_UserEditDialog()
        self.ui.setupUi(self)
        self.setWindowTitle("Add User" if user is None else f"Edit User {user.username}")
        self.ui.passwordNote.setText(
            "A temporary password is made and shown once; the user chooses their own at the "
            "first login."
            if user is None
            else "Use Reset Password in the list to give the user a new temporary password."
        )
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        if user is not None:
            self.ui.username.setText(user.username)
            self.ui.notice_email.setText(user.notice_email)
        actor = ctx.actor

        def load(session: Session) -> _Choices:
            return _Choices(
                providers.list_providers(session, include_hidden=True),
                setup_views.list_groups(session, actor),
            )

        ReadOp(ctx, load, parent=self, success=self._fill).failure(
            lambda exc: self.problems.failed(self, exc)
        ).run_in_background()
        self.ui.username.setFocus()

    def _fill(self, choices: _Choices) -> None:
        current_provider = self.user.provider_id if self.user else None
        combo = self.ui.provider
        combo.clear()
        combo.addItem("(none: not a provider)", None)
        for row in choices.providers:
            if row.is_hidden and row.id != current_provider:
                continue
            combo.addItem(row.label, row.id)
            if row.id == current_provider:
                combo.setCurrentIndex(combo.count() - 1)
        member_of = set(self.user.group_ids) if self.user else set()
        fill_checklist(self.ui.groups, [(g.id, g.name) for g in choices.groups], member_of)
        self.ready.emit()

    def set_provider(self, abbr: str | None) -> None:
        combo = self.ui.provider
        for i in range(combo.count()):
            if (abbr is None and combo.itemData(i) is None) or (
                abbr is not None and combo.itemText(i).startswith(f"{abbr} - ")
            ):
                combo.setCurrentIndex(i)
                return
        raise LookupError(abbr)

    def set_groups(self, names: Sequence[str]) -> None:
        set_checked(self.ui.groups, keys_of(self.ui.groups, names))

    def data(self) -> UserInput:
        groups = tuple(checked(self.ui.groups))
        return UserInput(
            self.ui.username.text().strip(),
            self.ui.provider.currentData(),
            groups,
            self.ui.notice_email.text().strip(),
        )

    def save(self) -> None:
        data = self.data()
        if not data.username:
            self.problems.show({"username": "Enter the user name the person logs in with."})
            return
        if not data.group_ids:
            self.problems.show(
                {"groups": "Choose at least one group: a user without a group can do nothing."}
            )
            return
        actor = self.ctx.actor
        user_id = self.user.id if self.user else None

        def work(session: Session) -> tuple[int, str]:
            if user_id is None:
                password = practice_setup.temporary_password()
                return practice_setup.create_user(session, actor, data, password), password
            practice_setup.update_user(session, actor, user_id, data)
            return user_id, ""

        WriteOp(
            self.ctx,
            work,
            changes=USER_CHANGES,
            parent=self,
            success=self._saved,
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _saved(self, result: tuple[int, str]) -> None:
        self.saved.emit(result[0], result[1])
        self.accept()


class UsersDialog(QDialog):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_UserListDialog()
        self.ui.setupUi(self)
        self.model = UserListModel(self)
        setup_list_view(self.ui.usersView, self.model, self.edit, self._update_buttons)
        self.ui.addButton.clicked.connect(self.add)
        self.ui.editButton.clicked.connect(self.edit)
        self.ui.resetButton.clicked.connect(self.reset_password)
        self.ui.unlockButton.clicked.connect(self.unlock)
        self.ui.disableButton.clicked.connect(self.toggle_disabled)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.messageLabel.setText("")
        self.editor: UserEditDialog | None = None
        self.password_dialog: TemporaryPasswordDialog | None = None
        self.reload()

    # -- list -----------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        actor = self.ctx.actor
        current = select_id if select_id is not None else self.selected_id

        def done(rows: list[UserRow]) -> None:
            self.model.set_rows(rows)
            for number, row in enumerate(rows):
                if row.id == current:
                    self.ui.usersView.selectRow(number)
            self._update_buttons()
            self.loaded.emit()

        ReadOp(
            self.ctx, lambda s: setup_views.list_users(s, actor), parent=self, success=done
        ).failure(lambda exc: FormProblems(self.ui).failed(self, exc)).run_in_background()

    @property
    def selected(self) -> UserRow | None:
        rows = self.ui.usersView.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    @property
    def selected_id(self) -> int | None:
        row = self.selected
        return row.id if row else None

    def select(self, username: str) -> None:
        for number, row in enumerate(self.model.rows):
            if row.username == username:
                self.ui.usersView.selectRow(number)
                return
        raise LookupError(username)

    def row(self, username: str) -> UserRow:
        return next(r for r in self.model.rows if r.username == username)

    def _update_buttons(self) -> None:
        row = self.selected
        for button in (
            self.ui.editButton,
            self.ui.resetButton,
            self.ui.unlockButton,
            self.ui.disableButton,
        ):
            button.setEnabled(row is not None)
        self.ui.unlockButton.setEnabled(row is not None and row.is_locked)
        self.ui.disableButton.setText(
            "&Enable" if row is not None and row.is_disabled else "&Disable"
        )

    # -- actions --------------------------------------------------------------------------------
    def add(self) -> None:
        self._open_editor(None)

    def edit(self) -> None:
        if self.selected is not None:
            self._open_editor(self.selected)

    def _open_editor(self, user: UserRow | None) -> None:
        editor = UserEditDialog(self.ctx, self, user)
        editor.saved.connect(lambda uid, pw: self._saved(uid, pw, editor.data().username))
        self.editor = editor
        keep_open(editor)

    def _saved(self, user_id: int, password: str, username: str) -> None:
        self.reload(user_id)
        if password:
            self._show_password(username, password, "The user was added.")

    def _show_password(self, username: str, password: str, why: str) -> None:
        dialog = TemporaryPasswordDialog(self, username, password, why)
        self.password_dialog = dialog
        keep_open(dialog)

    def _run(self, op: Callable[[Session], Any], then: Callable[[Any], None] | None = None) -> None:
        self.ui.messageLabel.setText("")

        def done(value: Any) -> None:
            self.reload()
            if then is not None:
                then(value)

        WriteOp(self.ctx, op, changes=USER_CHANGES, parent=self, success=done).failure(
            lambda exc: FormProblems(self.ui).failed(self, exc)
        ).run_in_background()

    def reset_password(self) -> None:
        row = self.selected
        if row is None:
            return
        actor = self.ctx.actor

        def reset() -> None:
            self._run(
                lambda s: practice_setup.reset_password(s, actor, row.id),
                lambda password: self._show_password(
                    row.username,
                    str(password),
                    "The password was reset; the user must choose a new one at the next login.",
                ),
            )

        self.confirm_box = confirm(
            self, f"Give {row.username} a new temporary password? The old one stops working.", reset
        )

    def unlock(self) -> None:
        row = self.selected
        if row is not None:
            actor = self.ctx.actor
            self._run(lambda s: practice_setup.unlock_user(s, actor, row.id))

    def toggle_disabled(self) -> None:
        row = self.selected
        if row is None:
            return
        actor, disable = self.ctx.actor, not row.is_disabled
        self._run(lambda s: practice_setup.set_user_disabled(s, actor, row.id, disable))
