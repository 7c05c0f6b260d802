"""The main window: title, WebMail button, modules, status bar, the alert count following
another workstation, and a screenshot with a patient selected."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import WebMailMessage
from opendesk.core.settings import WorkstationSettings
from opendesk.desktop.context import AppContext
from opendesk.desktop.mainwindow import MainWindow
from opendesk.desktop.modules import ModulePage, register_page
from opendesk.desktop.modules.base import pages, unregister_page
from opendesk.desktop.taskman import TaskManager
from tests.conftest import ARTIFACTS
from tests.desktop.conftest import Practice, login


def _window(qtbot: QtBot, ctx: AppContext, background: bool = False) -> MainWindow:
    window = MainWindow(ctx, start_background=background)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_webmail_needs_a_patient_and_emits_the_hook(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    window = _window(qtbot, provider_ctx)
    assert not window.act_webmail.isEnabled()
    assert window.act_webmail.toolTip() == "Select a patient first"
    assert window.windowTitle() == "OpenDesk - {kalbright (KA)}"
    provider_ctx.select_patient(practice.child.id)
    assert window.act_webmail.isEnabled()
    assert window.windowTitle() == "OpenDesk - Brighton, Tom - {kalbright (KA)}"
    with qtbot.waitSignal(window.webmailRequested) as blocker:
        window.act_webmail.trigger()
    assert blocker.args[0].patient.id == practice.child.id
    assert {p.id for p in blocker.args[0].family} == {
        practice.head.id,
        practice.spouse.id,
        practice.child.id,
    }
    chart = window.module("chart")
    assert chart is not None and chart.name_label.text() == "Brighton, Tom"  # type: ignore[attr-defined]


def test_status_bar_names_the_database_without_password(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    window = _window(qtbot, provider_ctx, background=True)
    assert window.db_label.text() == f"Database: {provider_ctx.db.display_name}"
    assert "://" not in window.db_label.text()  # server and name only, never the URL
    assert "portal: not configured" in window.portal_label.text()
    provider_ctx.settings.set("portal_url", "http://127.0.0.1:9")  # nothing listens there
    window.portal.check()
    assert window.portal_label.text() == "portal: not answering"
    assert window.user_label.text() == "Logged on: kalbright (KA)"


def test_pages_registered_by_others_and_the_alert_click(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    seen: list[int | None] = []

    class InboxPage(ModulePage):
        def patient_changed(self, selection: object) -> None:
            seen.append(getattr(getattr(selection, "patient", None), "id", None))

    real = next((p for p in pages("manage") if p.key == "email_inbox"), None)
    register_page("manage", "email_inbox", "Email Inbox", InboxPage, icon_name="webmail")
    try:
        window = _window(qtbot, provider_ctx)
        window.act_alerts.trigger()
        manage = window.module("manage")
        assert window.stack.currentWidget() is manage
        page = manage.page_widgets["email_inbox"]  # type: ignore[union-attr]
        assert manage.stack.currentWidget() is page  # type: ignore[union-attr]
        provider_ctx.select_patient(practice.head.id)
        assert seen[-1] == practice.head.id
    finally:  # put the real Email Inbox back for the tests that run after this one
        unregister_page("manage", "email_inbox")
        if real is not None:
            register_page(
                real.module,
                real.key,
                real.title,
                real.factory,
                icon_name=real.icon_name,
                order=real.order,
            )


def test_geometry_is_saved_and_restored(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    window = _window(qtbot, provider_ctx)
    window.resize(700, 500)  # within the offscreen screen (800x600), which clamps
    # The pages' minimum width may be more than 700 (the Email Inbox page's is); what counts
    # is that the size the window took is the one it gets back.
    size = (window.width(), window.height())
    assert size[1] == 500
    window.close()
    saved = WorkstationSettings(provider_ctx.settings.path)
    assert saved.get("window_geometry")
    again = _window(qtbot, provider_ctx)
    assert (again.width(), again.height()) == size


def test_screenshot_with_a_patient_selected(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    window = _window(qtbot, provider_ctx)
    window.resize(1100, 640)
    provider_ctx.select_patient(practice.spouse.id)
    _received(provider_ctx.db, practice)
    window.alerts.poll()
    window.portal.check()
    assert window.act_alerts.text() == "WebMail (1)"
    qtbot.wait(50)  # let the layouts take the new texts' sizes before the grab
    path: Path = ARTIFACTS / "main_window.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000


def _received(db: Database, practice: Practice) -> int:
    with db.session() as s:
        message = WebMailMessage(
            status=int(MessageStatus.WEBMAIL_RECEIVED),
            patient_id=practice.head.id,
            regarding_patient_id=practice.child.id,
            provider_id=practice.kim.id,
            subject="Question",
            body="About Tom's appointment",
        )
        s.add(message)
        s.commit()
        return message.id


@pytest.mark.backends
def test_alert_count_follows_another_workstation(
    qtbot: QtBot, db: Database, tmp_path: Path, practice: Practice
) -> None:
    ctx = AppContext(
        db, WorkstationSettings(tmp_path / "s.json"), taskman=TaskManager(), workstation="ws1"
    )
    ctx.settings.set("alert_poll_seconds", 0.3)
    login(ctx, "kalbright")
    window = _window(qtbot, ctx, background=True)
    qtbot.waitUntil(lambda: window.alerts.current is not None, timeout=5000)
    assert window.act_alerts.text() == "Alerts"
    other = Database(db.url)  # another workstation: its own engine and connections
    try:
        first = _received(other, practice)
        qtbot.waitUntil(lambda: window.act_alerts.text() == "WebMail (1)", timeout=5000)
        _received(other, practice)
        qtbot.waitUntil(lambda: window.act_alerts.text() == "WebMail (2)", timeout=5000)
        with other.begin() as s:
            s.execute(
                update(WebMailMessage)
                .where(WebMailMessage.id == first)
                .values(status=int(MessageStatus.WEBMAIL_RECD_READ))
            )
        qtbot.waitUntil(lambda: window.act_alerts.text() == "WebMail (1)", timeout=5000)
        with other.begin() as s:
            s.execute(update(WebMailMessage).values(status=int(MessageStatus.WEBMAIL_RECD_READ)))
        qtbot.waitUntil(lambda: window.act_alerts.text() == "Alerts", timeout=5000)
    finally:
        window.close()
        ctx.taskman.wait_for_done()
        other.dispose()
