"""`opendesk --self-test USER`: start the desktop client unattended, as a user would, and exit 0
when every step worked (for IT after an install, and for CI on the frozen build).

It opens the practice database (the usual resolution: --db, environment, settings, machine
configuration), shows the real login window (offscreen unless a platform is chosen), logs in
USER with the password read from standard input, waits for the main window, checks that it
is shown and that its icons can be drawn (Qt's image plug-ins are there), and exits. Each step
is printed; a failure prints which step and why (exit code 1), never the password.
"""

import os
import sys
import time
from collections.abc import Callable

STEP_TIMEOUT_SECONDS = 60.0


def read_password() -> str:
    if sys.stdin is not None and not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    return getpass.getpass("Password: ")


def say(text: str) -> None:
    print(f"self-test: {text}", flush=True)


def run_self_test(db_url: str | None, username: str, password: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    from opendesk.core import preferences
    from opendesk.core.errors import ConfigurationError
    from opendesk.core.settings import WorkstationSettings, resolve_database_url
    from opendesk.desktop import app as desktop
    from opendesk.desktop.context import AppContext

    desktop.setup_logging()
    qapp = desktop.create_application()
    settings = WorkstationSettings()
    resolved = resolve_database_url(db_url, settings)
    try:
        db = desktop.open_database(resolved.url)
    except ConfigurationError as exc:
        say(f"FAILED opening the database: {exc}")
        return 1
    say(f"database opened ({db.description}, from {resolved.source})")
    ctx = AppContext(db, settings)
    with db.readonly_session() as session:
        ctx.practice = preferences.get_all(session)
    driver = _LoginDriver(username, password)
    driver.start()
    try:
        desk = desktop.start_session(ctx)
    finally:
        driver.stop()
    window = desk.window if desk is not None else None
    failure = driver.failure or _check_main_window(window)
    if window is not None:
        window.close()
    qapp.processEvents()
    ctx.taskman.wait_for_done(5000)
    db.dispose()
    if failure:
        say(f"FAILED: {failure}")
        return 1
    say(f"passed in {time.perf_counter() - started:.1f} s")
    return 0


def _check_main_window(window: object) -> str:
    from PySide6.QtWidgets import QApplication, QMainWindow

    if not isinstance(window, QMainWindow):
        return "the main window did not open after the login"
    QApplication.processEvents()
    if not window.isVisible():
        return "the main window is not shown"
    if window.windowIcon().pixmap(32, 32).isNull():
        return "the window icon cannot be drawn (Qt's SVG image plug-in is missing)"
    say(f"main window shown: {window.windowTitle()!r}")
    return ""


class _LoginDriver:
    """Fills in and submits the login window once it is shown; rejects it when the login
    fails or takes too long, so start_session returns."""

    def __init__(self, username: str, password: str) -> None:
        from PySide6.QtCore import QTimer

        self.username = username
        self.password = password
        self.failure = ""
        self.submitted_at: float | None = None
        self.started = time.monotonic()
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _fail(self, dialog: object, why: str) -> None:
        self.failure = why
        self.timer.stop()
        reject: Callable[[], object] | None = getattr(dialog, "reject", None)
        if reject is not None:
            reject()

    def _tick(self) -> None:
        from PySide6.QtWidgets import QApplication

        from opendesk.desktop.dialogs.login import LoginDialog

        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, LoginDialog) and w.isVisible()
            ),
            None,
        )
        if time.monotonic() - self.started > STEP_TIMEOUT_SECONDS:
            self._fail(dialog, "no login within a minute")
            return
        if dialog is None:
            return
        if self.submitted_at is None:
            say("login window shown")
            dialog.ui.usernameEdit.setText(self.username)
            dialog.ui.passwordEdit.setText(self.password)
            self.submitted_at = time.monotonic()
            dialog.try_login()
            return
        message = dialog.ui.messageLabel.text()
        if message and dialog.ok_button.isEnabled():
            self._fail(dialog, f"the login was refused: {message}")
