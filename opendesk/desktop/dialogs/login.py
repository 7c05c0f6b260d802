"""The login dialog, and the forced password change that follows when the account asks for
it. `LoginDialog.accepted` means `ctx.user` is set.

The cursor starts in Password only when the name filled in has logged on at this workstation
before (the `logged_on_usernames` workstation setting); a first-time user starts in the user
name. The database is shown by name and server (`Database.display_name`), never as a URL.
"""

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from opendesk.core import preferences, settings
from opendesk.core.errors import ValidationError
from opendesk.core.services import staff_auth
from opendesk.core.services.staff_auth import LoggedOnUser, LoginFailed
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_change_password import Ui_ChangePasswordDialog
from opendesk.desktop.forms_generated.ui_login import Ui_LoginDialog
from opendesk.desktop.icons import icon
from opendesk.desktop.message_channel import is_expected, show_error, user_message
from opendesk.desktop.operations import WriteOp

KNOWN_USERNAMES = 50  # how many names a workstation remembers as "used here before"


def known_usernames(ctx: AppContext) -> list[str]:
    """The names that logged on at this workstation, newest first."""
    return [n for n in ctx.settings.get(settings.LOGGED_ON_USERNAMES).split("\n") if n]


class LoginDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self.setWindowIcon(icon("opendesk"))
        practice = str(ctx.practice.get(preferences.PRACTICE_NAME.name) or "")
        self.ui.practiceLabel.setText(practice or "OpenDesk")
        self.ui.databaseLabel.setText(f"Database: {ctx.db.display_name}")
        last = ctx.settings.get(settings.LAST_USERNAME)
        self.ui.usernameEdit.setText(last)
        (self.ui.passwordEdit if last in known_usernames(ctx) else self.ui.usernameEdit).setFocus()
        self.ui.buttonBox.accepted.connect(self.try_login)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.password_dialog: ChangePasswordDialog | None = None

    @property
    def ok_button(self) -> QWidget:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

    def show_message(self, text: str) -> None:
        self.ui.messageLabel.setText(text)

    def try_login(self) -> None:
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not username:
            self.show_message("Type your user name.")
            self.ui.usernameEdit.setFocus()
            return
        if not password:
            self.show_message("Type your password.")
            self.ui.passwordEdit.setFocus()
            return
        self.ok_button.setEnabled(False)
        self.show_message("")
        workstation = self.ctx.workstation
        WriteOp(
            self.ctx,
            lambda s: staff_auth.login(s, username, password, workstation),
            parent=self,
            success=self._logged_in,
        ).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, LoginFailed):
            self.show_message(str(exc))
            self.ui.passwordEdit.clear()
            self.ui.passwordEdit.setFocus()
        elif is_expected(exc):
            self.show_message(user_message(exc))
        else:
            show_error(self, exc)

    def _logged_in(self, user: LoggedOnUser) -> None:
        self.ok_button.setEnabled(True)
        self.ctx.settings.set(settings.LAST_USERNAME, user.username)
        names = [user.username] + [n for n in known_usernames(self.ctx) if n != user.username]
        self.ctx.settings.set(settings.LOGGED_ON_USERNAMES, "\n".join(names[:KNOWN_USERNAMES]))
        with contextlib.suppress(OSError):  # remembering the name is a convenience
            self.ctx.settings.save()
        if not user.must_change_password:
            self._finish(user)
            return
        dialog = ChangePasswordDialog(self.ctx, user, self.ui.passwordEdit.text(), self)
        self.password_dialog = dialog
        dialog.accepted.connect(lambda: self._finish(user))
        dialog.rejected.connect(
            lambda: self.show_message("Choose a new password before you continue.")
        )
        dialog.open()

    def _finish(self, user: LoggedOnUser) -> None:
        self.ui.passwordEdit.clear()
        self.ctx.set_user(user)
        self.accept()


class ChangePasswordDialog(QDialog):
    """The user's own password change (forced after login when the account is flagged)."""

    def __init__(
        self,
        ctx: AppContext,
        user: LoggedOnUser,
        current_password: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.ui = Ui_ChangePasswordDialog()
        self.ui.setupUi(self)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        if user.must_change_password:
            self.ui.explanationLabel.setText(
                "Your administrator asks you to choose a new password. "
                + self.ui.explanationLabel.text()
            )
        self.ui.currentEdit.setText(current_password)
        (self.ui.newEdit if current_password else self.ui.currentEdit).setFocus()
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)

    def save(self) -> None:
        current = self.ui.currentEdit.text()
        new = self.ui.newEdit.text()
        if new != self.ui.repeatEdit.text():
            self.ui.messageLabel.setText("The two new passwords differ.")
            self.ui.repeatEdit.setFocus()
            return
        actor = self.user.actor
        WriteOp(
            self.ctx,
            lambda s: staff_auth.change_password(s, actor, current, new),
            parent=self,
            success=lambda _: self.accept(),
        ).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.ui.messageLabel.setText(str(exc))
            (self.ui.currentEdit if exc.field == "current" else self.ui.newEdit).setFocus()
        else:
            show_error(self, exc)
