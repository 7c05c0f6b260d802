"""Setup > General Email Settings: the notices' From address (it may differ from the practice's
usual address) and the SMTP server, port, security and user. The SMTP password is stored only
in this computer's OS keyring (`mail.smtp.store_smtp_password`), never in the database; a
blank password box keeps the stored one."""

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs
from opendesk.core.services import practice_setup
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_email_settings import Ui_EmailSettingsDialog
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.setup.common import FormProblems, save_preferences, store_in_keyring
from opendesk.desktop.setup.validation import email_problems
from opendesk.mail.smtp import Security, smtp_password, store_smtp_password

SECURITY_CHOICES = (
    (Security.STARTTLS, "STARTTLS (port 587)"),
    (Security.TLS, "TLS from the start (port 465)"),
    (Security.NONE, "None (only a mail server on this computer)"),
)


@dataclass(frozen=True)
class _Loaded:
    values: dict[str, Any]
    password_stored: bool


def _stored(user: str, host: str) -> bool:
    return bool(user.strip() and host.strip() and smtp_password(user.strip(), host.strip()))


class EmailSettingsDialog(QDialog):
    ready = Signal()
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_EmailSettingsDialog()
        self.ui.setupUi(self)
        for value, text in SECURITY_CHOICES:
            self.ui.smtp_security.addItem(text, value.value)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.password_stored = False
        self.identity = ("", "")
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)

        def load(session: Session) -> _Loaded:
            values = prefs.get_all(session)
            return _Loaded(
                values,
                _stored(values[prefs.SMTP_USER.name], values[prefs.SMTP_HOST.name]),
            )

        ReadOp(ctx, load, parent=self, success=self._fill).run_in_background()

    def _fill(self, loaded: _Loaded) -> None:
        v = loaded.values
        self.ui.notify_from.setText(str(v[prefs.NOTIFY_FROM.name]))
        self.ui.smtp_host.setText(str(v[prefs.SMTP_HOST.name]))
        self.ui.smtp_port.setValue(int(v[prefs.SMTP_PORT.name]))
        self.set_security(str(v[prefs.SMTP_SECURITY.name]))
        self.ui.smtp_user.setText(str(v[prefs.SMTP_USER.name]))
        self.password_stored = loaded.password_stored
        self.identity = (
            str(v[prefs.SMTP_USER.name]).strip(),
            str(v[prefs.SMTP_HOST.name]).strip().lower(),
        )
        self.ui.passwordStatusLabel.setText(
            "A password is stored on this computer; leave the box empty to keep it."
            if loaded.password_stored
            else "No SMTP password is stored on this computer."
        )
        self.ready.emit()

    def set_security(self, value: str) -> None:
        index = self.ui.smtp_security.findData(value)
        self.ui.smtp_security.setCurrentIndex(max(index, 0))

    def save(self) -> None:
        notify_from = self.ui.notify_from.text().strip()
        host = self.ui.smtp_host.text().strip()
        port = self.ui.smtp_port.value()
        security = str(self.ui.smtp_security.currentData())
        user = self.ui.smtp_user.text().strip()
        password = self.ui.smtp_password.text()
        # A stored password belongs to one user at one server.
        stored = self.password_stored and (user, host.lower()) == self.identity
        problems = email_problems(notify_from, host, port, security, user, password, stored)
        if problems:
            self.problems.show(problems)
            return
        values: dict[Any, Any] = {
            prefs.NOTIFY_FROM: notify_from,
            prefs.SMTP_HOST: host,
            prefs.SMTP_PORT: port,
            prefs.SMTP_SECURITY: security,
            prefs.SMTP_USER: user,
        }
        actor = self.ctx.actor

        def work(session: Session) -> None:
            practice_setup.set_preferences(session, actor, values)
            if password:
                store_in_keyring(lambda: store_smtp_password(user, host, password), "password")

        save_preferences(self.ctx, self, self.problems, work, self._saved)

    def _saved(self, _none: None) -> None:
        self.ui.smtp_password.clear()
        self.saved.emit()
        self.accept()
