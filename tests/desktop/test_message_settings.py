"""The "Message settings" group and the Scheduled folder on a real Qt event loop and database:
practice defaults and `apply_defaults`, times in the practice's zone, Next opening, a scheduled
send from the compose window, and the Scheduled folder's edit (compose window) and Cancel
Delivery (back to Drafts)."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from opendesk.core import clock, timefmt
from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import OutboxNotice, WebMailMessage
from opendesk.core.services import scheduled, webmail
from opendesk.core.services.mailbox import Mailbox
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.webmail import Outgoing
from opendesk.core.settings import WorkstationSettings
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.page import EmailInboxPage
from opendesk.desktop.mainwindow import MainWindow
from opendesk.desktop.taskman import TaskManager
from opendesk.desktop.webmail.compose import ComposeWindow
from opendesk.desktop.webmail.launcher import ComposeLauncher
from opendesk.desktop.webmail.message_settings import MessageSettingsBox
from tests.conftest import ARTIFACTS
from tests.desktop.compose_support import (
    PortalServer,
    close_compose_windows,
    open_compose,
    portal_server,
    ready_for_webmail,
    set_prefs,
    wait_checked,
)
from tests.desktop.conftest import Practice, login

assert portal_server and close_compose_windows  # fixtures

NEW_YORK = ZoneInfo("America/New_York")
T0 = datetime(2026, 11, 30, 15, 0)  # Monday 10:00 in New York


@pytest.fixture
def new_york() -> Iterator[None]:
    timefmt.set_display_zone(NEW_YORK)
    yield
    timefmt.set_display_zone(None)


def test_the_group_collects_settings_in_the_practice_zone(qtbot: QtBot, new_york: None) -> None:
    with clock.frozen(T0):
        box = MessageSettingsBox()
        qtbot.addWidget(box)
        ui = box.ui
        assert box.value() == MessageSettings()  # send now, replies on, no follow-up
        assert not ui.deliver_at.isEnabled() and not ui.next_opening.isEnabled()
        box.apply_defaults(False, 4)  # a template's or the practice's defaults
        assert box.value() == MessageSettings(allow_reply=False, notify_unread_days=4)
        assert ui.second_notice.isEnabled() and not ui.second_notice.isChecked()
        ui.second_notice.setChecked(True)
        box.apply_defaults(True, None)  # the user changed something: kept
        assert box.value().notify_unread_days == 4 and box.value().second_notice
        ui.deliver_later.setChecked(True)
        ui.deliver_at.setDateTime(QDateTime(QDate(2026, 11, 30), QTime(14, 30)))
        assert box.value().deliver_at == datetime(2026, 11, 30, 19, 30)  # 2:30 PM EST in UTC
        assert ui.settings_problem.isHidden()
        ui.deliver_at.setDateTime(QDateTime(QDate(2026, 11, 30), QTime(9, 0)))  # passed
        assert "has passed" in ui.settings_problem.text()
        assert not ui.settings_problem.isHidden()
        box.set_next_opening(datetime(2026, 12, 1, 13, 0))
        assert ui.next_opening.isEnabled() and "12/01/2026 8:00 AM" in ui.next_opening.toolTip()
        ui.next_opening.click()
        settings = box.value()
        assert settings.deliver_at == datetime(2026, 12, 1, 13, 0) and settings.business_hours
        assert ui.settings_problem.isHidden()
        assert box.grab().save(str(ARTIFACTS / "message_settings_group.png"))


def _inbox(qtbot: QtBot, ctx: AppContext) -> EmailInboxPage:
    window = MainWindow(ctx, start_background=False)
    qtbot.addWidget(window)
    window.resize(1400, 800)
    window.show()
    assert window.open_page("manage", "email_inbox")
    manage = window.module("manage")
    assert manage is not None
    page = manage.page_widgets["email_inbox"]  # type: ignore[attr-defined]
    assert isinstance(page, EmailInboxPage)
    qtbot.waitUntil(lambda: page.model.complete, timeout=5000)
    return page


def _message(ctx: AppContext, message_id: int) -> WebMailMessage:
    with ctx.db.readonly_session() as s:
        msg = s.get(WebMailMessage, message_id)
        assert msg is not None
        s.expunge(msg)
        return msg


def test_schedule_from_compose_then_edit_and_cancel_in_the_scheduled_folder(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    portal_server: PortalServer,
    shown_messages: list[tuple[str, str]],
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    set_prefs(ctx, {prefs.WEBMAIL_ALLOW_REPLY: False, prefs.WEBMAIL_NOTIFY_UNREAD_DAYS: 5})
    login(ctx, practice.provider_user)
    launcher = ComposeLauncher(ctx)
    window = open_compose(qtbot, ctx, practice.child.id, launcher)
    box = window.message_settings
    qtbot.waitUntil(lambda: not box.ui.allow_reply.isChecked(), timeout=5000)  # the practice's
    assert box.value().notify_unread_days == 5
    window.ui.subject.setText("Office closed Friday")
    window.ui.body.setPlainText("We are closed on Friday.")
    at = (clock.utcnow() + timedelta(days=2)).replace(second=0, microsecond=0)
    box.ui.deliver_later.setChecked(True)
    local = timefmt.localise(at, timefmt.display_zone())
    box.ui.deliver_at.setDateTime(
        QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    )
    assert window.ui.send_button.text() == "Sch&edule"
    with qtbot.waitSignal(window.sent, timeout=10000) as sent:
        window.ui.send_button.click()
    message_id = sent.args[0].message_id
    msg = _message(ctx, message_id)
    assert msg.status == MessageStatus.SCHEDULED and msg.deliver_at == at
    assert (msg.allow_reply, msg.notify_unread_days) == (False, 5)
    with ctx.db.readonly_session() as s:
        assert s.execute(select(func.count(OutboxNotice.id))).scalar_one() == 0
    assert any("scheduled for" in text for _level, text in shown_messages)

    page = _inbox(qtbot, ctx)
    page.choose_box(Mailbox.SCHEDULED.value)
    qtbot.waitUntil(lambda: list(page.model.ids) == [message_id], timeout=5000)
    assert page.cancel_button.isVisible() and not page.delete_button.isVisible()
    assert page.status.text() == "1 scheduled message"

    # double-click: the compose window, with the message's settings
    opened: list[ComposeWindow] = []
    launcher.opened.connect(opened.append)
    page.open_row(0)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    edit = opened[0]
    wait_checked(qtbot, edit)
    assert edit.draft_id == message_id and edit.ui.subject.text() == "Office closed Friday"
    assert edit.message_settings.value().deliver_at == at
    assert not edit.message_settings.ui.allow_reply.isChecked()
    edit.discard()

    # Cancel Delivery: asked, then back to Drafts
    page.table.selectRow(0)
    assert page.cancel_button.isEnabled()
    page.cancel_button.click()
    question = page.confirm_box
    assert isinstance(question, QMessageBox) and "back to Drafts" in question.text()
    question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.model.complete and not page.model.ids, timeout=5000)
    assert _message(ctx, message_id).status == MessageStatus.UNSENT
    page.choose_box(Mailbox.DRAFTS.value)
    qtbot.waitUntil(lambda: list(page.model.ids) == [message_id], timeout=5000)


def test_the_alert_names_a_message_not_read_in_time(
    qtbot: QtBot,
    db: Database,
    tmp_path: Path,
    practice: Practice,
    portal_server: PortalServer,
) -> None:
    ctx = AppContext(
        db, WorkstationSettings(tmp_path / "s.json"), taskman=TaskManager(), workstation="ws1"
    )
    ready_for_webmail(ctx, practice, portal_server.url)
    ctx.settings.set("alert_poll_seconds", 0.3)
    login(ctx, practice.provider_user)
    with db.session() as s:
        out = Outgoing(
            practice.child.id,
            practice.kim.id,
            "X-ray results",
            "They look fine.",
            "req-unread",
            recipient_patient_id=practice.head.id,
            settings=MessageSettings(notify_unread_days=2),
        )
        webmail.send(s, ctx.actor, out)
    window = MainWindow(ctx, start_background=True)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.alerts.current is not None, timeout=5000)
        assert window.act_alerts.text() == "Alerts"
        with db.session() as s:  # the outbox worker's round two days later
            assert scheduled.run_due(s, clock.utcnow() + timedelta(days=2)).followed_up == 1
        qtbot.waitUntil(lambda: window.act_alerts.text() == "1 not read", timeout=5000)
        assert "Brighton, Tom: not read after 2 days" in window.act_alerts.toolTip()
    finally:
        window.close()
        ctx.taskman.wait_for_done()
