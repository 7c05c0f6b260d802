"""First run: on a practice database without any user, the desktop client asks for the
practice's name, phone and address and the first administrator instead of a login
(`core.services.practice_setup.init_practice`, the same as `opendesk-admin init`), then goes on
to the normal login with that user name filled in.

    if not run_first_run_if_needed(ctx):   # in app.start_session, before the login dialog
        return None                         # cancelled
"""

from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core import preferences, settings
from opendesk.core.actors import SystemActor
from opendesk.core.passwords import MIN_LENGTH, password_rule_message
from opendesk.core.services import practice_setup
from opendesk.core.services.practice_setup import PracticeInfo
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_first_run import Ui_FirstRunDialog
from opendesk.desktop.icons import icon
from opendesk.desktop.operations import WriteOp
from opendesk.desktop.setup.common import FormProblems

PASSWORD_RULES = (
    f"A password needs at least {MIN_LENGTH} characters with an upper-case letter, a lower-case "
    "letter and a digit, and must differ from the user name."
)


def needs_first_run(ctx: AppContext) -> bool:
    """True when the practice database has no staff user yet (start-up, GUI thread)."""
    with ctx.db.readonly_session() as session:
        return practice_setup.needs_init(session)


class FirstRunDialog(QDialog):
    """`accepted` means the practice and its administrator exist; `username` is theirs."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_FirstRunDialog()
        self.ui.setupUi(self)
        self.setWindowIcon(icon("opendesk"))
        self.ui.rulesLabel.setText(PASSWORD_RULES)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.username = ""
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.practice_name.setFocus()

    def check(self) -> dict[str, str]:
        """What is wrong with the form before it goes to the core (which checks again)."""
        problems: dict[str, str] = {}
        if not self.ui.practice_name.text().strip():
            problems["practice_name"] = "Enter the practice name."
        username = self.ui.username.text().strip()
        if not username:
            problems["username"] = "Enter the administrator's user name."
        password = self.ui.password.text()
        rule = password_rule_message(password, username)
        if rule:
            problems["password"] = rule
        elif password != self.ui.password_repeat.text():
            problems["password_repeat"] = "The two passwords differ."  # noqa: S105
        return problems

    def save(self) -> None:
        problems = self.check()
        if problems:
            self.problems.show(problems)
            return
        self.problems.clear()
        info = PracticeInfo(
            self.ui.practice_name.text().strip(),
            self.ui.practice_phone.text().strip(),
            self.ui.practice_address.toPlainText().strip(),
        )
        username = self.ui.username.text().strip()
        password = self.ui.password.text()
        actor = SystemActor("first-run", self.ctx.workstation)
        WriteOp(
            self.ctx,
            lambda s: practice_setup.init_practice(s, actor, info, username, password),
            changes=OpChanges(preferences=True, users=True),
            parent=self,
            success=lambda _uid: self._done(username),
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _done(self, username: str) -> None:
        self.username = username
        self.ui.password.clear()
        self.ui.password_repeat.clear()
        self.ctx.settings.set(settings.LAST_USERNAME, username)
        self.accept()


def run_first_run_if_needed(ctx: AppContext) -> bool:
    """Show the first-run dialog when the database has no user. False when it was cancelled
    (the client then quits); True when the practice is ready for the login dialog."""
    if not needs_first_run(ctx):
        return True
    dialog = FirstRunDialog(ctx)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    with ctx.db.readonly_session() as session:
        ctx.practice = preferences.get_all(session)
    return True
