"""Helpers for the setup tests: a practice made by the first-run service, logging in through
the real login dialog (with the forced password change), and screenshots."""

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from opendesk.core.actors import SystemActor
from opendesk.core.services import practice_setup
from opendesk.core.services.practice_setup import PracticeInfo
from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.login import LoginDialog
from tests.conftest import ARTIFACTS

ADMIN = "boss"
ADMIN_PASSWORD = "Str0ngAdmin"


def init_practice(ctx: AppContext) -> int:
    """The first-run service (what the dialog and `opendesk-admin init` call)."""
    with ctx.db.session() as s:
        return practice_setup.init_practice(
            s, SystemActor("test"), PracticeInfo("Smile Co", "555-0100"), ADMIN, ADMIN_PASSWORD
        )


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def login_dialog(
    qtbot: QtBot, ctx: AppContext, username: str, password: str, new_password: str = ""
) -> LoginDialog:
    """Log in through the login dialog; when the account must change its password, choose
    `new_password` in the ChangePasswordDialog that follows."""
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.ui.usernameEdit, username)
    type_into(qtbot, dialog.ui.passwordEdit, password)
    dialog.try_login()
    change = dialog.password_dialog
    if change is not None and new_password:
        type_into(qtbot, change.ui.newEdit, new_password)
        type_into(qtbot, change.ui.repeatEdit, new_password)
        change.save()
    return dialog


def screenshot(qtbot: QtBot, widget: QWidget, name: str) -> Path:
    qtbot.wait(30)  # let layouts settle before the grab
    path = ARTIFACTS / f"setup_{name}.png"
    ARTIFACTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(path))
    return path
