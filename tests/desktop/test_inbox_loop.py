"""The closed loop in the desktop, on a real database with a real Qt event loop: the inbox's
Unassigned / Mine / Overdue / Closed views (urgent first, overdue red with how late), the
"Team: <name>" folder, Take / Assign to… / Done / Reopen by button and shortcut (audited by the
core), the message window's history and "Keep open", the alert button counting waiting work
and escalations, and Setup > Response report (table, chart, CSV). Screenshots go to
artifacts/loop/."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core import clock, timefmt
from opendesk.core import preferences as prefs
from opendesk.core.actors import PortalActor, StaffActor, SystemActor
from opendesk.core.enums import Permission
from opendesk.core.models import AuditEntry, RecipientKind, User, WebMailMessage
from opendesk.core.services import escalation, portal_messages, reasons_setup, webmail
from opendesk.core.services.reasons_setup import ReasonInput, TeamInput
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.loop import late_text
from opendesk.desktop.inbox.message_window import MessageWindow
from opendesk.desktop.inbox.page import EmailInboxPage
from opendesk.desktop.mainwindow import MainWindow
from opendesk.desktop.reports.response_report import ResponseReportDialog
from opendesk.desktop.setup.menu import install_setup_menu
from tests import factories
from tests.conftest import ARTIFACTS
from tests.desktop.conftest import Practice, login
from tests.desktop.layout_checks import elided

MONDAY_10 = datetime(2026, 11, 30, 15, 0)  # New York
TUESDAY_10_05 = datetime(2026, 12, 1, 15, 5)  # 1 h 5 min past an 8 h target from Monday 10:00
RED = QColor("#b00020")


@dataclass
class Loop:
    first: int  # Harold → Kim, no reason
    second: int
    urgent: int  # Harold → Kim, sent despite the urgent-word warning
    billing: int  # Harold → the Front desk team
    team_id: int
    frontdesk_id: int
    kalbright_id: int


def _shot(widget: QWidget, name: str) -> None:
    folder = ARTIFACTS / "loop"
    folder.mkdir(exist_ok=True)
    assert widget.grab().save(str(folder / f"{name}.png"))


@pytest.fixture
def stopped_clock() -> Iterator[None]:
    with clock.frozen(MONDAY_10):
        yield
    timefmt.set_display_zone(None)  # the practice zone the client showed (ctx.load_practice)


@pytest.fixture
def loop(ctx: AppContext, practice: Practice, stopped_clock: None) -> Loop:
    system = SystemActor("setup")
    with ctx.db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.PRACTICE_TIME_ZONE: "America/New_York",
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Bright Smiles Dental",
            },
        )
        account = factories.portal_account(s, practice.head).id
        users = {u.username: u.id for u in s.execute(select(User)).scalars()}
        reasons_setup.ensure_default_reasons(s)
        s.commit()
    ctx.load_practice()  # times show in New York, as business time counts
    with ctx.db.session() as s:
        team = reasons_setup.save_team(s, system, TeamInput("Front desk", [users["frontdesk"]]))
        billing = next(r for r in reasons_setup.list_reasons(s) if r.name == "Billing")
        reasons_setup.save_reason(
            s, system, ReasonInput("Billing", RecipientKind.TEAM, team_id=team), billing.id
        )
    portal = PortalActor(account, practice.head.id, "127.0.0.1")

    def send(subject: str, reason: int | None = None, urgent: bool = False) -> int:
        with ctx.db.session() as s:
            return portal_messages.compose(
                s,
                portal,
                practice.head.id,
                subject,
                "Please call me.",
                uuid.uuid4().hex,
                reason_id=reason,
                urgent=urgent,
            )

    return Loop(
        send("Crown feels high"),
        send("Whitening question"),
        send("Swelling since last night", urgent=True),
        send("Insurance bill", billing.id),
        team,
        users["frontdesk"],
        users["kalbright"],
    )


def _page(qtbot: QtBot, ctx: AppContext, wait: bool = True) -> tuple[MainWindow, EmailInboxPage]:
    window = MainWindow(ctx, start_background=False)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert window.open_page("manage", "email_inbox")
    page = window.module("manage").page_widgets["email_inbox"]  # type: ignore[union-attr]
    assert isinstance(page, EmailInboxPage)
    if wait:
        qtbot.waitUntil(lambda: page.model.complete, timeout=5000)
    return window, page


def _show(qtbot: QtBot, page: EmailInboxPage, key: str) -> list[int]:
    page.choose_box(key)
    qtbot.waitUntil(lambda: page.model.query is not None and page.model.complete, timeout=5000)
    qtbot.waitUntil(lambda: page.is_loop_box == (page.model.is_loop), timeout=5000)
    return list(page.model.ids)


def _select(qtbot: QtBot, page: EmailInboxPage, message_id: int) -> None:
    row = page.model.row_of_id(message_id)
    assert row is not None
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.loop_bar.row is not None and page.loop_bar.row.id == message_id)


def _actions(ctx: AppContext, message_id: int) -> list[str]:
    with ctx.db.readonly_session() as s:
        return list(
            s.execute(
                select(AuditEntry.action)
                .where(AuditEntry.object_id == message_id, AuditEntry.action.like("loop.%"))
                .order_by(AuditEntry.seq)
            ).scalars()
        )


def test_views_urgent_first_and_overdue_red_with_how_late(
    qtbot: QtBot, provider_ctx: AppContext, loop: Loop
) -> None:
    _window, page = _page(qtbot, provider_ctx)
    assert _show(qtbot, page, "loop:unassigned") == [loop.urgent, loop.first, loop.second]
    urgent = page.model.index(0, 0)
    assert page.model.data(urgent, Qt.ItemDataRole.ForegroundRole).color() == RED
    assert page.model.data(urgent, Qt.ItemDataRole.FontRole).bold()
    assert "Urgent" in page.model.data(urgent, Qt.ItemDataRole.ToolTipRole)
    assert page.model.data(page.model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    titles = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert titles == ["Due", "From", "Regarding", "Subject", "Reason", "Owner"]
    assert page.model.data(page.model.index(1, 0)) == "12/01/2026 9:00 AM"
    assert _show(qtbot, page, "loop:overdue") == []
    _shot(page.window(), "unassigned")
    with clock.frozen(TUESDAY_10_05):
        page.reload()
        qtbot.waitUntil(lambda: len(page.model.ids) == 3, timeout=5000)
        assert page.model.data(page.model.index(1, 0)) == "1 h 5 min late"
        late = page.model.data(page.model.index(1, 3), Qt.ItemDataRole.ForegroundRole)
        assert late.color() == RED
        _shot(page.window(), "overdue")
    assert _show(qtbot, page, "loop:mine") == []
    assert _show(qtbot, page, "loop:closed") == []
    assert late_text(timedelta(minutes=45)) == "45 min late"
    assert late_text(timedelta(hours=3)) == "3 h late"


def test_take_done_reopen_by_button_and_shortcut(
    qtbot: QtBot, provider_ctx: AppContext, loop: Loop
) -> None:
    window, page = _page(qtbot, provider_ctx)
    window.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    _show(qtbot, page, "loop:unassigned")
    _select(qtbot, page, loop.first)
    bar = page.loop_bar
    assert "Unassigned" in bar.state_label.text()
    assert bar.enabled("take") and bar.enabled("done") and not bar.enabled("reopen")
    qtbot.mouseClick(bar.buttons["take"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: loop.first not in page.model.ids, timeout=5000)
    assert _show(qtbot, page, "loop:mine") == [loop.first]
    _select(qtbot, page, loop.first)
    assert "Owner: kalbright" in bar.state_label.text() and not bar.enabled("take")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # Done
    qtbot.waitUntil(lambda: page.model.ids == (), timeout=5000)
    assert _show(qtbot, page, "loop:closed") == [loop.first]
    _select(qtbot, page, loop.first)
    assert bar.enabled("reopen") and not bar.enabled("done")
    assert bar.state_label.text() == "Closed · Owner: kalbright"
    page.table.setFocus()
    qtbot.keyClick(
        page.table,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # Reopen
    qtbot.waitUntil(lambda: page.model.ids == (), timeout=5000)
    assert _actions(provider_ctx, loop.first) == [
        "loop.received",
        "loop.take",
        "loop.done",
        "loop.reopen",
    ]


def test_team_folder_and_assign_to_a_user_who_may_read_it(
    qtbot: QtBot, ctx: AppContext, practice: Practice, loop: Loop
) -> None:
    login(ctx, practice.frontdesk_user)  # no provider: the team folder is their inbox
    _window, page = _page(qtbot, ctx, wait=False)
    qtbot.waitUntil(lambda: page.boxes.item(page.boxes.count() - 1).text() == "Team: Front desk")
    titles = [page.boxes.item(i).text() for i in range(page.boxes.count())]
    assert titles[-5:] == ["Unassigned", "Mine", "Overdue", "Closed", "Team: Front desk"]
    assert _show(qtbot, page, f"team:{loop.team_id}") == [loop.billing]
    assert _show(qtbot, page, "loop:unassigned") == [loop.billing]  # not Kim's own mail
    _select(qtbot, page, loop.billing)
    assert "Team: Front desk" in page.loop_bar.state_label.text()
    page.loop_bar.buttons["assign"].click()
    qtbot.waitUntil(lambda: page.loop_bar.menu is not None, timeout=5000)
    menu = page.loop_bar.menu
    assert isinstance(menu, QMenu)
    names = [a.text() for a in menu.actions()]
    assert names == ["frontdesk", "kalbright"]  # the team, and Kim's inbox worker
    _shot(page.window(), "team_assign")
    menu.actions()[1].trigger()
    menu.close()
    qtbot.waitUntil(lambda: page.model.ids == (), timeout=5000)
    with ctx.db.readonly_session() as s:
        msg = s.get(WebMailMessage, loop.billing)
        assert msg is not None and msg.owner_user_id == loop.kalbright_id
    assert _actions(ctx, loop.billing)[-1] == "loop.assign"


def test_message_window_history_take_and_keep_open(
    qtbot: QtBot, provider_ctx: AppContext, loop: Loop, shown_messages: list[tuple[str, str]]
) -> None:
    window = MessageWindow.open_window(provider_ctx, loop.first)  # deleted when it closes
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    assert window.loop_bar.isVisibleTo(window)
    assert "Received (Patient)" in window.history.toPlainText()
    window.loop_bar.buttons["take"].click()
    qtbot.waitUntil(lambda: "Taken → kalbright" in window.history.toPlainText(), timeout=5000)
    assert "Owner: kalbright" in window.loop_bar.state_label.text()
    _shot(window, "message_window")
    assert window.keep_open.isVisibleTo(window)
    window.keep_open.setChecked(True)
    window.reply_edit.setPlainText(
        "We will call you at noon.\n\n" + window.reply_edit.toPlainText()
    )
    with qtbot.waitSignal(window.replied, timeout=5000):
        window.send_reply()
    assert [level for level, _text in shown_messages] == ["info"]  # "Reply sent"
    shown_messages.clear()
    with provider_ctx.db.readonly_session() as s:
        assert s.get(WebMailMessage, loop.first).loop_state == "open"  # type: ignore[union-attr]
    second = MessageWindow.open_window(provider_ctx, loop.second)
    qtbot.waitUntil(lambda: second.view is not None, timeout=5000)
    assert not second.keep_open.isChecked()
    second.reply_edit.setPlainText("Yes, we do whitening.\n\n" + second.reply_edit.toPlainText())
    with qtbot.waitSignal(second.replied, timeout=5000):
        second.send_reply()
    with provider_ctx.db.readonly_session() as s:
        assert s.get(WebMailMessage, loop.second).loop_state == "closed"  # type: ignore[union-attr]


def test_window_of_a_message_outside_the_loop_hides_the_loop(
    qtbot: QtBot, provider_ctx: AppContext, loop: Loop
) -> None:
    with provider_ctx.db.session() as s:
        s.get(WebMailMessage, loop.second).loop_state = None  # type: ignore[union-attr]
        s.commit()
    window = MessageWindow.open_window(provider_ctx, loop.second)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    assert not window.loop_bar.isVisibleTo(window) and not window.keep_open.isVisibleTo(window)
    assert not window.history.isVisibleTo(window)


def test_alert_counts_waiting_work_and_escalations(
    qtbot: QtBot, provider_ctx: AppContext, loop: Loop
) -> None:
    window, page = _page(qtbot, provider_ctx)
    window.alerts.poll()
    qtbot.waitUntil(lambda: window.act_loop_alert.text() == "To answer (3)", timeout=5000)
    assert window.act_loop_alert.isVisible() and "(0 overdue)" in window.act_loop_alert.toolTip()
    with clock.frozen(TUESDAY_10_05):
        with provider_ctx.db.session() as s:
            assert escalation.escalate_due(s, SystemActor("escalation")) == 4
        window.alerts.poll()
        qtbot.waitUntil(
            lambda: window.act_loop_alert.text() == "To answer (3) · 3 past due time",
            timeout=5000,
        )
        assert "(3 overdue)" in window.act_loop_alert.toolTip()
        _shot(window, "alert")
        window.act_loop_alert.trigger()
        qtbot.waitUntil(lambda: page.box == "loop:overdue", timeout=5000)
    assert window.act_alerts.text() == "WebMail (4)"  # the unread count, as before


def test_response_report_table_chart_and_csv(
    qtbot: QtBot, ctx: AppContext, practice: Practice, loop: Loop, tmp_path: Path
) -> None:
    with ctx.db.session() as s:
        admins = factories.group(s, "Admins", Permission.SETUP)
        factories.user(s, "admin", groups=[admins])
        s.commit()
    with clock.frozen(MONDAY_10 + timedelta(hours=2)), ctx.db.session() as s:
        webmail.reply(s, StaffActor(loop.kalbright_id, "ws"), loop.first, "Noon is fine.", "r1")
    login(ctx, "admin")
    window = MainWindow(ctx, start_background=False)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    menu = install_setup_menu(window, ctx)
    assert menu.actions["response_report"].isEnabled()
    dialog = menu.open("response_report")
    assert isinstance(dialog, ResponseReportDialog)
    dialog.ui.date_from.setDate(QDate(2026, 11, 29))
    dialog.ui.date_to.setDate(QDate(2026, 11, 30))
    with clock.frozen(datetime(2026, 12, 4, 15, 0)), qtbot.waitSignal(dialog.finished_run):
        dialog.ui.run.click()
    lines = [
        [dialog.model.item(r, c).text() for c in range(dialog.model.columnCount())]
        for r in range(dialog.model.rowCount())
    ]
    assert lines[0] == ["KA", "(no reason)", "3", "1", "2.0", "2.0", "33 %", "2"]
    assert lines[1][:4] == ["Team: Front desk", "Billing", "1", "0"]
    assert lines[-1][:4] == ["All", "", "4", "1"]
    assert len(dialog.chart.series()) == 1 and dialog.chart.series()[0].count() == 2
    assert dialog.width() <= 1280 and dialog.height() <= 680
    qtbot.wait(100)  # the chart lays out its axes on the next event-loop turns
    assert elided(dialog) == []
    _shot(dialog, "response_report")
    target = tmp_path / "report.csv"
    dialog.export_to(str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Recipient,Reason,Received,Answered,")
    assert "KA,(no reason),3,1,2.0,2.0,33,2" in text and "Brighton" not in text
    dialog.close()
