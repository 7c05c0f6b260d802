"""A staff session at the workstation: the main window of the logged-on user, Log Off back to
the login window in the same process, and the idle log off (practice preference
IDLE_LOGOFF_MINUTES, 0 = never).

    session = DeskSession(ctx)          # after a successful login (ctx.user set)
    session.open_main_window()          # the main window with Setup menu and WebMail
    session.log_off()                   # File > Log Off: close the user's windows, audit, login
    session.log_off(idle=True)          # the idle timer: the same, closing windows regardless

Log Off closes every window of the last user (compose, message and setup windows, Select
Patient, message boxes), records `staff.logout` in the audit log, forgets the user and the
selected patient, and shows the login window. A window that asks before closing (a compose
window with typed text asks Save Draft / Discard / Cancel) stops a Log Off by menu: the user
answers and logs off again. Exit and the main window's close button wait for them the same
way (closing the main window would otherwise take its compose windows with it). The idle log
off does not wait: nobody is there to answer.
"""

import logging
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from opendesk.core import preferences
from opendesk.core.services import staff_auth
from opendesk.desktop import message_channel
from opendesk.desktop.context import AppContext

log = logging.getLogger("opendesk.desktop")

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
WINDOWS_STILL_OPEN = (
    "OpenDesk waits until your open windows are closed. Answer the window that asks about "
    "your typed text, then choose Log Off or Exit again."
)


class IdleWatcher(QObject):
    """Emits `idle` once the workstation had no keyboard or mouse input for the practice's
    IDLE_LOGOFF_MINUTES (read from `ctx.practice` at every check, so a change in Setup counts
    at once). The application-wide event filter that notes input is installed only while the
    preference is on, so a practice that does not use it pays nothing per event. `clock`
    (seconds, monotonic) is replaceable for tests."""

    idle = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        check_ms: int = 15_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.clock = clock
        self.last_input = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        self.filtering = False

    @property
    def minutes(self) -> int:
        value = self.ctx.practice.get(preferences.IDLE_LOGOFF_MINUTES.name, 0)
        return max(0, int(value or 0))

    def start(self) -> None:
        self.last_input = self.clock()
        self._filter(self.minutes > 0)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._filter(False)

    def _filter(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self.filtering:
            return
        if on:
            self.last_input = self.clock()  # the watch starts now
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self.filtering = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.last_input = self.clock()
        return False

    def check(self) -> None:
        minutes = self.minutes
        self._filter(minutes > 0)
        if minutes and self.clock() - self.last_input >= minutes * 60:
            self.timer.stop()
            self._filter(False)
            self.idle.emit()


class DeskSession(QObject):
    """The logged-on user's main window and its end (Log Off, idle, Exit)."""

    loggedOff = Signal(str)  # "menu" or "idle"
    windowOpened = Signal(object)  # the new MainWindow

    def __init__(
        self,
        ctx: AppContext,
        *,
        start_background: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.start_background = start_background
        self.window: QWidget | None = None
        self.login: QWidget | None = None
        self.idle = IdleWatcher(ctx, clock=clock)
        self.idle.idle.connect(lambda: self.log_off(idle=True))

    def open_main_window(self) -> QWidget:
        from opendesk.desktop.mainwindow import MainWindow
        from opendesk.desktop.setup import install_setup_menu
        from opendesk.desktop.webmail.launcher import install as install_webmail

        window = MainWindow(self.ctx, start_background=self.start_background)
        install_setup_menu(window, self.ctx)
        install_webmail(self.ctx, window)  # WebMail button and Drafts → the compose window
        window.logOffRequested.connect(lambda: self.log_off())
        window.installEventFilter(self)  # Exit / close: the user's windows first
        self.window = window
        window.show()
        self.idle.start()
        self.windowOpened.emit(window)
        return window

    def user_windows(self) -> list[QWidget]:
        """Every open window of the session other than the main window and the login."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return []
        return [
            w
            for w in app.topLevelWidgets()
            if w.isVisible() and w is not self.window and w is not self.login
        ]

    def log_off(self, *, idle: bool = False) -> bool:
        """End the user's session and show the login window; False when a window asked to
        stay open (menu Log Off only)."""
        if self.ctx.user is None or not self._close_user_windows(force=idle):
            return False
        self.idle.timer.stop()
        reason = f"idle {self.idle.minutes} min" if idle else "log off"
        try:
            with self.ctx.db.session() as session:
                staff_auth.logout(session, self.ctx.actor, detail=reason)
        except Exception as exc:  # logging off must not fail because the database went away
            log.warning("logout not recorded: %s", type(exc).__name__)
        self.ctx.set_selection(None)
        self.ctx.set_user(None)
        self._show_login()
        window, self.window = self.window, None
        if window is not None and shiboken6.isValid(window):
            window.close()
            window.deleteLater()
        self.loggedOff.emit("idle" if idle else "menu")
        return True

    def _close_user_windows(self, *, force: bool) -> bool:
        """Close the user's windows; False (and a message) when one asked to stay open,
        unless `force` (the idle log off), which first keeps their unsent text as drafts
        (`save_before_log_off`) and then closes them regardless."""
        if force:
            self._save_unsent_text()
        for widget in self.user_windows():
            widget.close()
        left = [w for w in self.user_windows() if shiboken6.isValid(w)]
        if left and not force:
            message_channel.warning(self.window, WINDOWS_STILL_OPEN)
            return False
        for widget in left:  # nobody is there to answer
            widget.hide()
            widget.deleteLater()
        return True

    def _save_unsent_text(self) -> None:
        """Nobody is there to answer "Save it as a draft?": a window with unsent text (compose,
        a reply) keeps it as a draft while the user is still logged on."""
        for widget in self.user_windows():
            save = getattr(widget, "save_before_log_off", None)
            if not callable(save):
                continue
            try:
                save()
            except Exception as exc:  # the log off goes on; the log says why nothing was kept
                log.warning("unsent text not kept as a draft: %s", type(exc).__name__)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The main window's close (Exit, its close button): the user's windows close first;
        one that asks keeps the main window open. (Log Off closes it itself, after.)"""
        if (
            watched is self.window
            and event.type() == QEvent.Type.Close
            and not self._close_user_windows(force=False)
        ):
            event.ignore()
            return True
        return False

    def _show_login(self) -> None:
        from opendesk.desktop.dialogs.login import LoginDialog

        login = LoginDialog(self.ctx)
        self.login = login
        login.accepted.connect(self._logged_on_again)
        login.rejected.connect(self._login_cancelled)
        login.open()

    def _logged_on_again(self) -> None:
        login, self.login = self.login, None
        if login is not None:
            login.deleteLater()
        self.open_main_window()

    def _login_cancelled(self) -> None:
        self.login = None
        app = QApplication.instance()
        if app is not None:
            app.quit()
