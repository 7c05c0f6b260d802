"""Sessions at a front-desk workstation: Open Dental's File menu (Log Off, Exit), Log Off back to
the login window in the same process with every window of the last user closed and audited,
and the idle log off after the practice's number of minutes (0 = never)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core import preferences
from opendesk.core.enums import MessageStatus
from opendesk.core.models import AuditEntry, User, WebMailMessage
from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.login import LoginDialog
from opendesk.desktop.mainwindow import MainWindow
from opendesk.desktop.session import WINDOWS_STILL_OPEN, DeskSession
from tests import factories
from tests.desktop.compose_support import (
    PortalServer,
    close_compose_windows,
    open_compose,
    portal_server,
    ready_for_webmail,
)
from tests.desktop.conftest import Practice, login

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

assert portal_server and close_compose_windows  # fixtures


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Stubborn(QWidget):
    """A window that asks before closing (as a compose window with typed text does)."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def desk(
    qtbot: QtBot, ctx: AppContext, practice: Practice, clock: FakeClock
) -> Iterator[DeskSession]:
    login(ctx, practice.frontdesk_user)
    session = DeskSession(ctx, start_background=False, clock=clock)
    session.open_main_window()  # closed below (Log Off deletes it: not qtbot.addWidget)
    yield session
    session.idle.stop()
    for widget in (session.window, session.login):
        if widget is not None and shiboken6.isValid(widget):
            widget.close()


def _main(desk: DeskSession) -> MainWindow:
    assert isinstance(desk.window, MainWindow)
    return desk.window


def _logouts(ctx: AppContext) -> list[str]:
    with ctx.db.readonly_session() as s:
        rows = s.execute(
            select(AuditEntry).where(AuditEntry.action == "staff.logout").order_by(AuditEntry.seq)
        ).scalars()
        return [r.detail for r in rows]


def _log_on(qtbot: QtBot, dialog: LoginDialog, username: str) -> None:
    dialog.ui.usernameEdit.clear()
    qtbot.keyClicks(dialog.ui.usernameEdit, username)
    qtbot.keyClicks(dialog.ui.passwordEdit, factories.PASSWORD)
    dialog.try_login()


def test_file_menu_comes_first_with_log_off_and_exit(qtbot: QtBot, desk: DeskSession) -> None:
    window = _main(desk)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:2] == ["&File", "&Setup"]
    entries = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert entries == ["&Log Off", "E&xit"]
    assert window.act_log_off.shortcut().toString() == "Ctrl+Shift+L"
    window.resize(1280, 720)
    ARTIFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "session_main_window.png"))
    window.file_menu.adjustSize()  # (a popup warns on the offscreen platform: grab it unshown)
    assert window.file_menu.grab().save(str(ARTIFACTS / "session_file_menu.png"))


def test_log_off_closes_the_users_windows_and_shows_the_login(
    qtbot: QtBot, desk: DeskSession, ctx: AppContext, practice: Practice
) -> None:
    old = _main(desk)
    with qtbot.waitSignal(ctx.patientChanged, timeout=5000):
        ctx.select_patient(practice.head.id)
    old.select_patient()
    picker = old.select_dialog
    assert picker.isVisible()
    with qtbot.waitSignal(desk.loggedOff, timeout=5000) as blocker:
        old.act_log_off.trigger()
    assert blocker.args == ["menu"]
    assert ctx.user is None and ctx.selection is None
    assert not shiboken6.isValid(picker) or not picker.isVisible()
    assert not old.isVisible()
    assert isinstance(desk.login, LoginDialog) and desk.login.isVisible()
    assert _logouts(ctx) == ["log off"]
    assert desk.login.grab().save(str(ARTIFACTS / "session_login_after_log_off.png"))
    # the old windows are really gone (as after the event loop ran) before the next user
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(old)
    # the next user logs on in the same process and gets a main window of their own
    with qtbot.waitSignal(desk.windowOpened, timeout=5000):
        _log_on(qtbot, desk.login, "mbell")
    new = _main(desk)
    assert new is not old and new.isVisible()
    assert ctx.user is not None and ctx.user.username == "mbell"
    assert "mbell" in new.windowTitle() and "Brighton" not in new.windowTitle()
    with ctx.db.readonly_session() as s:
        actions = [
            (r.action, r.outcome)
            for r in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()
        ]
    assert actions[-2:] == [("staff.logout", "ok"), ("staff.login", "ok")]


def test_a_window_that_asks_stops_log_off_but_not_the_idle_one(
    qtbot: QtBot, desk: DeskSession, ctx: AppContext, clock: FakeClock, shown_messages: list
) -> None:
    stubborn = Stubborn()
    qtbot.addWidget(stubborn)
    stubborn.show()
    assert desk.log_off() is False
    assert shown_messages[-1] == ("warning", WINDOWS_STILL_OPEN)
    assert ctx.user is not None and _logouts(ctx) == []
    ctx.practice[preferences.IDLE_LOGOFF_MINUTES.name] = 10
    desk.idle.check()  # the watch starts
    clock.now += 600
    with qtbot.waitSignal(desk.loggedOff, timeout=5000) as blocker:
        desk.idle.check()
    assert blocker.args == ["idle"]
    assert not stubborn.isVisible() and ctx.user is None
    assert _logouts(ctx) == ["idle 10 min"]


def test_idle_log_off_after_the_practice_minutes_of_no_input(
    qtbot: QtBot, desk: DeskSession, ctx: AppContext, clock: FakeClock
) -> None:
    window = _main(desk)
    desk.idle.check()  # 0 = never
    clock.now += 24 * 3600
    desk.idle.check()
    assert ctx.user is not None
    assert not desk.idle.filtering  # off: no application-wide event filter
    ctx.practice[preferences.IDLE_LOGOFF_MINUTES.name] = 5
    desk.idle.check()  # Setup turned it on: the watch starts now
    assert desk.idle.filtering and ctx.user is not None
    clock.now += 299
    desk.idle.check()
    assert ctx.user is not None
    qtbot.keyClick(window, Qt.Key.Key_Shift)  # somebody is here
    clock.now += 299
    desk.idle.check()
    assert ctx.user is not None
    clock.now += 1
    desk.idle.check()
    assert ctx.user is None
    assert isinstance(desk.login, LoginDialog) and desk.login.isVisible()
    assert _logouts(ctx) == ["idle 5 min"]


def test_exit_logs_off_and_closes(
    qtbot: QtBot, desk: DeskSession, ctx: AppContext, shown_messages: list
) -> None:
    window = _main(desk)
    stubborn = Stubborn()  # a compose window with typed text, waiting for an answer
    qtbot.addWidget(stubborn)
    stubborn.show()
    window.act_exit.trigger()
    assert window.isVisible() and shown_messages[-1] == ("warning", WINDOWS_STILL_OPEN)
    assert _logouts(ctx) == []
    stubborn.hide()  # answered
    window.act_exit.trigger()
    assert not window.isVisible()
    assert _logouts(ctx) == [""]
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog)] == [] or all(
        not w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog)
    )


def test_setup_practice_sets_the_idle_minutes_and_the_time_zone(
    qtbot: QtBot, ctx: AppContext
) -> None:
    from opendesk.core.errors import ValidationError
    from opendesk.core.services import practice_setup, staff_auth
    from opendesk.desktop.setup.practice import PracticeDialog
    from tests.desktop.setup_helpers import ADMIN, ADMIN_PASSWORD, init_practice, screenshot

    init_practice(ctx)
    with ctx.db.session() as s:
        ctx.set_user(staff_auth.login(s, ADMIN, ADMIN_PASSWORD, ctx.workstation))
    dialog = PracticeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.idle_logoff_minutes.value() == 0
    assert dialog.ui.idle_logoff_minutes.text() == "never"
    assert dialog.ui.practice_time_zone.currentData() == ""  # the workstation's zone
    dialog.ui.idle_logoff_minutes.setValue(15)
    dialog.ui.practice_time_zone.setCurrentIndex(
        dialog.ui.practice_time_zone.findData("America/Denver")
    )
    screenshot(qtbot, dialog, "practice_time_zone_idle")
    with qtbot.waitSignal(ctx.changes.changed, timeout=5000):
        dialog.save()
    assert ctx.practice[preferences.IDLE_LOGOFF_MINUTES.name] == 15
    assert ctx.practice[preferences.PRACTICE_TIME_ZONE.name] == "America/Denver"
    with ctx.db.session() as s, pytest.raises(ValidationError):  # the core checks too
        practice_setup.set_preferences(
            s, ctx.actor, {preferences.PRACTICE_TIME_ZONE: "Mars/Olympus_Mons"}
        )


def test_idle_log_off_keeps_unsent_compose_text_as_a_draft(
    qtbot: QtBot,
    desk: DeskSession,
    ctx: AppContext,
    practice: Practice,
    clock: FakeClock,
    portal_server: PortalServer,
) -> None:
    """Nobody is there to answer "Save it as a draft?" at an idle log off: the typed message
    is kept as a draft of the user who typed it, not thrown away."""
    ready_for_webmail(ctx, practice, portal_server.url)
    window = open_compose(qtbot, ctx, practice.child.id)
    window.ui.subject.setText("Tom's retainer")
    window.ui.body.setPlainText("The retainer is ready.")
    ctx.practice[preferences.IDLE_LOGOFF_MINUTES.name] = 5
    desk.idle.check()  # the watch starts
    clock.now += 300
    with qtbot.waitSignal(desk.loggedOff, timeout=5000):
        desk.idle.check()
    assert ctx.user is None and not window.isVisible()
    with ctx.db.readonly_session() as s:
        drafts = s.execute(
            select(WebMailMessage).where(WebMailMessage.status == MessageStatus.UNSENT)
        ).scalars()
        kept = [(m.subject, m.body, m.author_user_id) for m in drafts]
    with ctx.db.readonly_session() as s:
        author = s.execute(select(User.id).where(User.username == practice.frontdesk_user))
        author_id = author.scalar_one()
    assert kept == [("Tom's retainer", "The retainer is ready.", author_id)]
