"""The Email Inbox, the message window and the Chart's WebMail list, on a real database with a
real Qt event loop: only the provider's mail, unread in bold, reading marks read and the alert
drops, replies reach a real SMTP server, Cancel sends nothing, Mark Unread, filters, delegation,
hide/restore, the Chart list leaves mail unread, Retry of a failed notice, and literal text."""

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from opendesk.core import preferences as prefs
from opendesk.core.actors import PortalActor, StaffActor
from opendesk.core.blobs import store_attachment
from opendesk.core.enums import MessageStatus, OutboxStatus, Permission
from opendesk.core.errors import PermissionDenied
from opendesk.core.models import AuditEntry, OutboxNotice, PortalAccount, User, WebMailMessage
from opendesk.core.services import mailbox, portal_messages, webmail
from opendesk.core.services.mailbox import Mailbox
from opendesk.core.services.webmail import Outgoing
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox import attachments as attachment_actions
from opendesk.desktop.inbox.chart_page import ChartWebMailPage
from opendesk.desktop.inbox.message_window import MessageWindow
from opendesk.desktop.inbox.page import NOTIFICATIONS, EmailInboxPage
from opendesk.desktop.mainwindow import MainWindow
from opendesk.mail.catcher import MailCatcher
from opendesk.mail.outbox import OutboxWorker
from tests import factories
from tests.conftest import ARTIFACTS
from tests.desktop.conftest import Practice, login

HTML_SUBJECT = "<b>Bold</b> & <i>question</i>"
HTML_BODY = "<h1>Not a heading</h1>\n<a href='https://evil.example'>click</a> &amp; more"
HTML_LAST = "<i>Ortiz</i>"


@dataclass
class Mail:
    sore: int  # Harold → Kim, regarding Harold, with an attachment
    html: int  # Harold → Kim, regarding Tom, rich text in subject and body
    resched: int  # Ana <i>Ortiz</i> → Kim
    other: int  # Zoe → Marcus
    sent: int  # Kim → Harold, regarding Tom
    kim_id: int


@pytest.fixture
def mail(ctx: AppContext, practice: Practice) -> Mail:
    with ctx.db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Bright Smiles Dental",
            },
        )
        kim = practice.kim
        ortiz = factories.patient(s, kim, last=HTML_LAST, first="Ana & <Co>")
        accounts = {
            p.id: factories.portal_account(s, p).id for p in (practice.head, practice.other, ortiz)
        }
        kalbright = s.execute(select(User).where(User.username == "kalbright")).scalar_one()
        kim_actor = StaffActor(kalbright.id, "ws")
        head_id, other_id, ortiz_id, child_id = (
            practice.head.id,
            practice.other.id,
            ortiz.id,
            practice.child.id,
        )
        s.commit()

    def portal(pid: int) -> PortalActor:
        return PortalActor(accounts[pid], pid, "127.0.0.1")

    with ctx.db.session() as s:
        sent = webmail.send(
            s,
            kim_actor,
            Outgoing(child_id, practice.kim.id, "Tom's x-rays", "All fine.", str(uuid.uuid4())),
        ).message_id
    with ctx.db.session() as s:
        other = portal_messages.compose(s, portal(other_id), other_id, "Gum", "Hi", "c1")
        sore = portal_messages.compose(
            s, portal(head_id), head_id, "Sore gum after cleaning", "It hurts since Tuesday.", "c2"
        )
        html = portal_messages.compose(s, portal(head_id), child_id, HTML_SUBJECT, HTML_BODY, "c3")
        resched = portal_messages.compose(
            s, portal(ortiz_id), ortiz_id, "Can I reschedule?", "Thursday is bad.", "c4"
        )
        msg = s.get(WebMailMessage, sore)
        assert msg is not None
        store_attachment(s, msg, "gum photo.png", "image/png", b"\x89PNG fake image")
        msg.has_attachments = True
        s.commit()
    return Mail(sore, html, resched, other, sent, practice.kim.id)


def _page(qtbot: QtBot, ctx: AppContext) -> EmailInboxPage:
    """The inbox as the app shows it: in the main window, which hands it the OpChanges."""
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


def _row_of(page: EmailInboxPage, message_id: int) -> int:
    row = page.model.row_of_id(message_id)
    assert row is not None
    return row


def _status(ctx: AppContext, message_id: int) -> MessageStatus:
    with ctx.db.readonly_session() as s:
        msg = s.get(WebMailMessage, message_id)
        assert msg is not None
        return MessageStatus(msg.status)


def _double_click(qtbot: QtBot, page: EmailInboxPage, row: int) -> None:
    view = page.table
    rect = view.visualRect(page.model.index(row, 3))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _window(qtbot: QtBot) -> MessageWindow:
    def found() -> MessageWindow | None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MessageWindow) and w.isVisible() and w.view is not None:
                return w
        return None

    qtbot.waitUntil(lambda: found() is not None, timeout=5000)
    window = found()
    assert window is not None
    return window


def test_inbox_lists_only_the_providers_mail_unread_in_bold(
    qtbot: QtBot, provider_ctx: AppContext, mail: Mail
) -> None:
    page = _page(qtbot, provider_ctx)
    assert list(page.model.ids) == [mail.resched, mail.html, mail.sore]
    assert not page.provider_combo.isVisible() and page.own_label.text().startswith("KA")
    model = page.model
    font = model.data(model.index(0, 3), Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert model.data(model.index(0, 5)) == "Unread"
    attach = model.index(_row_of(page, mail.sore), 4)
    assert model.data(attach, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(0, 4), Qt.ItemDataRole.DecorationRole) is None
    assert page.status.text() == "3 messages"

    # the preview shows the message but leaves it unread
    page.table.selectRow(_row_of(page, mail.sore))
    qtbot.waitUntil(lambda: page.preview.view is not None, timeout=3000)
    assert page.preview.body.toPlainText() == "It hurts since Tuesday."
    assert page.preview.attachments.count() == 1
    assert _status(provider_ctx, mail.sore) == MessageStatus.WEBMAIL_RECEIVED
    with provider_ctx.db.readonly_session() as s:
        assert (
            s.execute(
                select(func.count()).where(AuditEntry.action == "webmail.preview")
            ).scalar_one()
            == 1
        )
    # Sent lists the practice's message with its recipient in the To column
    page.choose_box(Mailbox.SENT.value)
    qtbot.waitUntil(lambda: list(page.model.ids) == [mail.sent], timeout=3000)
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "To"
    page.choose_box(Mailbox.INBOX.value)
    qtbot.waitUntil(lambda: len(page.model.ids) == 3, timeout=3000)
    page.table.selectRow(_row_of(page, mail.sore))
    qtbot.waitUntil(lambda: page.preview.view is not None, timeout=3000)
    page.grab().save(str(ARTIFACTS / "inbox.png"))


def test_double_click_marks_read_and_the_alert_count_drops(
    qtbot: QtBot, provider_ctx: AppContext, mail: Mail
) -> None:
    window = MainWindow(provider_ctx, start_background=False)
    qtbot.addWidget(window)
    window.show()
    window.alerts.poll()
    qtbot.waitUntil(lambda: window.alerts.unread == 3, timeout=3000)
    assert window.act_alerts.text() == "WebMail (3)"
    window.open_inbox()
    manage = window.module("manage")
    assert manage is not None
    page = manage.page_widgets["email_inbox"]  # type: ignore[attr-defined]
    assert isinstance(page, EmailInboxPage)
    qtbot.waitUntil(lambda: page.model.complete and len(page.model.ids) == 3, timeout=3000)
    _double_click(qtbot, page, _row_of(page, mail.sore))
    msg_window = _window(qtbot)
    assert msg_window.regarding_label.text() == "Brighton, Harold"
    assert _status(provider_ctx, mail.sore) == MessageStatus.WEBMAIL_RECD_READ
    qtbot.waitUntil(lambda: window.alerts.unread == 2, timeout=3000)
    assert window.act_alerts.text() == "WebMail (2)"
    qtbot.waitUntil(lambda: page.model.row_of_id(mail.sore) is not None, timeout=3000)
    row = _row_of(page, mail.sore)
    font = page.model.data(page.model.index(row, 3), Qt.ItemDataRole.FontRole)
    assert font is None
    assert page.model.data(page.model.index(row, 5)) == "Read"
    msg_window.close()


def test_reply_sends_and_an_smtp_server_receives_the_notice(
    qtbot: QtBot, provider_ctx: AppContext, mail: Mail, tmp_path: Path
) -> None:
    catcher = MailCatcher(tmp_path / "mail").start()
    try:
        with provider_ctx.db.session() as s:
            prefs.set_many(
                s,
                {
                    prefs.SMTP_HOST: "127.0.0.1",
                    prefs.SMTP_PORT: catcher.port,
                    prefs.SMTP_SECURITY: "none",
                },
            )
            s.commit()
        OutboxWorker(provider_ctx.db, worker_id="t").run_once()  # the earlier send's notice
        before = len(catcher.messages())
        page = _page(qtbot, provider_ctx)
        _double_click(qtbot, page, _row_of(page, mail.sore))
        window = _window(qtbot)
        qtbot.keyClicks(window.reply_edit, "Rinse with warm salt water; see you Friday.")
        with qtbot.waitSignal(window.replied, timeout=5000) as sent:
            qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        result = sent.args[0]
        with provider_ctx.db.readonly_session() as s:
            reply = s.get(WebMailMessage, result.message_id)
            assert reply is not None
            assert reply.subject == "RE: Sore gum after cleaning"
            assert reply.parent_id == mail.sore and reply.thread_id == mail.sore
            assert reply.status == MessageStatus.WEBMAIL_SENT
        assert OutboxWorker(provider_ctx.db, worker_id="t").run_once().sent == 1
        received = catcher.messages()
        assert len(received) == before + 1
        notice = received[-1]
        text = notice.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "salt water" not in text and "Sore gum" not in text  # no PHI in the notice
        assert "https://portal.practice.example" in text
    finally:
        catcher.stop()


def test_cancel_closes_without_sending(qtbot: QtBot, provider_ctx: AppContext, mail: Mail) -> None:
    page = _page(qtbot, provider_ctx)
    window = MessageWindow.open_window(provider_ctx, mail.sore, page)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    qtbot.keyClicks(window.reply_edit, "Never mind")
    with provider_ctx.db.readonly_session() as s:
        count = s.execute(select(func.count(WebMailMessage.id))).scalar_one()
    with qtbot.waitSignal(window.rejected, timeout=3000):
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
        # a typed reply is not thrown away unasked (issue 16): Discard
        window.close_question.button(QMessageBox.StandardButton.Discard).click()
    with provider_ctx.db.readonly_session() as s:
        assert s.execute(select(func.count(WebMailMessage.id))).scalar_one() == count
        assert s.execute(select(func.count(OutboxNotice.id))).scalar_one() == 1


def test_mark_unread_reverses_reading(qtbot: QtBot, provider_ctx: AppContext, mail: Mail) -> None:
    page = _page(qtbot, provider_ctx)
    window = page.open_message(mail.html)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    assert _status(provider_ctx, mail.html) == MessageStatus.WEBMAIL_RECD_READ
    qtbot.waitUntil(lambda: page.model.row_of_id(mail.html) is not None, timeout=3000)
    read_row = _row_of(page, mail.html)
    assert page.model.data(page.model.index(read_row, 5)) == "Read"
    assert window.unread_button.isEnabled()
    qtbot.mouseClick(window.unread_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _status(provider_ctx, mail.html) == MessageStatus.WEBMAIL_RECEIVED)
    qtbot.waitUntil(lambda: page.model.row_of_id(mail.html) is not None, timeout=3000)
    row = _row_of(page, mail.html)
    assert page.model.data(page.model.index(row, 5)) == "Unread"


def test_text_date_and_unread_filters(qtbot: QtBot, provider_ctx: AppContext, mail: Mail) -> None:
    page = _page(qtbot, provider_ctx)
    qtbot.keyClicks(page.search, "resched")
    qtbot.waitUntil(lambda: list(page.model.ids) == [mail.resched], timeout=3000)  # debounced
    page.search.setText("tuesday")  # the body
    page.apply_filter()
    qtbot.waitUntil(lambda: list(page.model.ids) == [mail.sore], timeout=3000)
    page.search.setText("ortiz")  # the regarding patient's name
    page.apply_filter()
    qtbot.waitUntil(lambda: list(page.model.ids) == [mail.resched], timeout=3000)
    page.search.setText("no such words")
    page.apply_filter()
    qtbot.waitUntil(lambda: page.model.complete and not page.model.ids, timeout=3000)
    page.search.clear()
    page.apply_filter()
    qtbot.waitUntil(lambda: len(page.model.ids) == 3, timeout=3000)
    with provider_ctx.db.session() as s:
        webmail.open_message(s, provider_ctx.actor, mail.sore)
    page.unread_only.setChecked(True)
    qtbot.waitUntil(lambda: list(page.model.ids) == [mail.resched, mail.html], timeout=3000)
    page.unread_only.setChecked(False)
    page.date_to.setDate(page.date_to.date().addDays(-3))
    page.use_to.setChecked(True)
    qtbot.waitUntil(lambda: page.model.complete and not page.model.ids, timeout=3000)
    page.use_to.setChecked(False)
    qtbot.waitUntil(lambda: len(page.model.ids) == 3, timeout=3000)
    # sorting by clicking the Subject header
    page.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: list(page.model.ids) == [mail.html, mail.resched, mail.sore])


def test_delegate_works_in_the_chosen_providers_inbox(
    qtbot: QtBot, ctx: AppContext, practice: Practice, mail: Mail
) -> None:
    with ctx.db.session() as s:
        triage = factories.group(
            s, "Triage", (Permission.INBOX_DELEGATE, practice.kim.id), Permission.WEBMAIL_SEND
        )
        factories.user(s, "triage", groups=[triage])
        s.commit()
    login(ctx, "triage")
    page = _page(qtbot, ctx)
    assert not page.provider_combo.isHidden()
    assert [page.provider_combo.itemData(i) for i in range(page.provider_combo.count())] == [
        practice.kim.id
    ]
    assert set(page.model.ids) == {mail.sore, mail.html, mail.resched}
    with ctx.db.session() as s, pytest.raises(PermissionDenied):
        mailbox.mailbox_page(s, ctx.actor, practice.marcus.id, Mailbox.INBOX)


def test_a_user_without_provider_or_delegation_gets_an_explanation(
    qtbot: QtBot, ctx: AppContext, practice: Practice, mail: Mail
) -> None:
    login(ctx, practice.frontdesk_user)
    page = EmailInboxPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.stack.currentWidget() is page.explain
    assert "not linked to a provider" in page.explain.text()
    assert page.provider_combo.isHidden()
    with ctx.db.session() as s, pytest.raises(PermissionDenied):
        mailbox.mailbox_page(s, ctx.actor, practice.kim.id, Mailbox.INBOX)
    # their own drafts are still there
    with ctx.db.session() as s:
        draft = webmail.save_draft(
            s,
            ctx.actor,
            Outgoing(practice.head.id, practice.kim.id, "Draft", "Text", str(uuid.uuid4())),
        )
    page.choose_box(Mailbox.DRAFTS.value)
    qtbot.waitUntil(lambda: list(page.model.ids) == [draft], timeout=3000)
    with qtbot.waitSignal(ctx.draftRequested, timeout=3000) as requested:
        page.open_row(0)
    assert requested.args == [draft]


def test_hide_and_restore(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice, mail: Mail
) -> None:
    with provider_ctx.db.session() as s:
        user = s.execute(select(User).where(User.username == "kalbright")).scalar_one()
        user.groups.append(factories.group(s, "Deleters", Permission.WEBMAIL_DELETE))
        s.commit()
    page = _page(qtbot, provider_ctx)
    window = page.open_message(mail.resched)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    assert window.hide_button.text() == "Hide"
    qtbot.mouseClick(window.hide_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.complete and mail.resched not in page.model.ids)
    with provider_ctx.db.readonly_session() as s:
        msg = s.get(WebMailMessage, mail.resched)
        assert msg is not None and msg.is_hidden  # still in the database
    page.show_hidden.setChecked(True)
    qtbot.waitUntil(lambda: list(page.model.ids) == [mail.resched], timeout=3000)
    window = page.open_message(mail.resched)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    assert window.hide_button.text() == "Restore"
    qtbot.mouseClick(window.hide_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.complete and not page.model.ids, timeout=3000)
    page.show_hidden.setChecked(False)
    qtbot.waitUntil(lambda: mail.resched in page.model.ids, timeout=3000)


def test_hiding_needs_the_permission(
    qtbot: QtBot, provider_ctx: AppContext, mail: Mail, shown_messages: list[tuple[str, str]]
) -> None:
    window = MessageWindow.open_window(provider_ctx, mail.resched)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    qtbot.mouseClick(window.hide_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown_messages), timeout=3000)
    assert "not allowed to hide WebMail" in shown_messages[-1][1]
    with provider_ctx.db.readonly_session() as s:
        msg = s.get(WebMailMessage, mail.resched)
        assert msg is not None and not msg.is_hidden


def test_chart_list_opens_read_only_and_leaves_mail_unread(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice, mail: Mail
) -> None:
    main = MainWindow(provider_ctx, start_background=False)
    qtbot.addWidget(main)
    main.resize(1200, 720)
    main.show()
    provider_ctx.select_patient(practice.child.id)
    assert main.open_page("chart", "webmail")
    chart = main.module("chart")
    assert chart is not None
    page = chart.page_widgets["webmail"]  # type: ignore[attr-defined]
    assert isinstance(page, ChartWebMailPage)
    qtbot.waitUntil(lambda: list(page.model.ids) == [mail.html, mail.sent], timeout=3000)
    model = page.model
    assert [model.data(model.index(r, 1)) for r in range(2)] == ["Received", "Sent"]
    assert model.data(model.index(0, 4)) == "Unread"
    main.grab().save(str(ARTIFACTS / "chart_webmail.png"))
    rect = page.table.visualRect(model.index(0, 3))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window = _window(qtbot)
    assert window.from_chart and window.reply_box.isHidden() and window.unread_button.isHidden()
    assert _status(provider_ctx, mail.html) == MessageStatus.WEBMAIL_RECEIVED
    window.close()
    # another patient; then a reply regarding them (an operation's OpChanges) refreshes the list
    # Harold's chart: the mail regarding him and the mail of his portal account (issue 15.6)
    provider_ctx.select_patient(practice.head.id)
    qtbot.waitUntil(lambda: mail.sore in page.model.ids, timeout=3000)
    assert set(page.model.ids) == {mail.sore, mail.html, mail.sent}
    before = len(page.model.ids)
    inbox = _page(qtbot, provider_ctx)
    reply_window = inbox.open_message(mail.sore)
    qtbot.waitUntil(lambda: reply_window.view is not None, timeout=3000)
    reply_window.reply_edit.setPlainText("Come in tomorrow.")
    with qtbot.waitSignal(reply_window.replied, timeout=5000):
        reply_window.send_reply()
    qtbot.waitUntil(lambda: len(page.model.ids) == before + 1, timeout=3000)


def test_notifications_mailbox_retries_a_failed_notice(
    qtbot: QtBot, provider_ctx: AppContext, mail: Mail
) -> None:
    with provider_ctx.db.session() as s:
        s.execute(
            update(OutboxNotice).values(
                status=OutboxStatus.FAILED.value,
                attempts=8,
                last_error="550 mailbox unavailable",
            )
        )
        s.commit()
    page = _page(qtbot, provider_ctx)
    page.choose_box(NOTIFICATIONS)
    qtbot.waitUntil(lambda: page.notices.rowCount() == 1, timeout=3000)
    index = page.notices.index(0, 1)
    assert page.notices.data(index) == "Failed"
    assert page.notices.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert "550 mailbox unavailable" in page.notices.data(page.notices.index(0, 6))
    page.notice_table.selectRow(0)
    assert page.retry_button.isEnabled()
    page.grab().save(str(ARTIFACTS / "inbox_notifications.png"))
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    with provider_ctx.db.readonly_session() as s:
        notice = s.execute(select(OutboxNotice)).scalar_one()
        assert notice.status == OutboxStatus.QUEUED.value and notice.attempts == 0
    qtbot.waitUntil(lambda: page.notices.data(page.notices.index(0, 1)) == "Queued")
    # the message window shows the notification state with Retry when failed
    with provider_ctx.db.session() as s:
        s.execute(update(OutboxNotice).values(status="failed", last_error="timed out"))
        s.commit()
    window = page.open_message(mail.sent)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    assert window.notice_label.text() == "failed: timed out"
    assert not window.retry_button.isHidden()
    assert window.read_label.text() == "not read yet"
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.notice_label.text() == "queued", timeout=3000)
    assert window.retry_button.isHidden()  # queued again and not tried yet: nothing to retry
    window.close()


def test_rich_text_is_shown_literally(
    qtbot: QtBot, provider_ctx: AppContext, mail: Mail, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, provider_ctx)
    row = _row_of(page, mail.html)
    assert page.model.data(page.model.index(row, 3)) == HTML_SUBJECT
    ortiz_row = _row_of(page, mail.resched)
    assert HTML_LAST in page.model.data(page.model.index(ortiz_row, 1))
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.preview.view is not None, timeout=3000)
    assert page.preview.subject.text() == HTML_SUBJECT
    assert page.preview.subject.textFormat() == Qt.TextFormat.PlainText
    assert page.preview.body.toPlainText() == HTML_BODY
    window = page.open_message(mail.html)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    assert window.subject_label.text() == HTML_SUBJECT
    assert window.body.toPlainText() == HTML_BODY
    labels = [w for w in window.findChildren(QWidget) if w.objectName() in ("subject", "from_")]
    assert all(lbl.textFormat() == Qt.TextFormat.PlainText for lbl in labels)  # type: ignore[attr-defined]
    window.close()
    other = page.open_message(mail.resched)
    qtbot.waitUntil(lambda: other.view is not None, timeout=3000)
    assert other.from_label.text().startswith(f"{HTML_LAST}, Ana & <Co>")
    other.close()


def test_message_window_attachments_thread_and_screenshot(
    qtbot: QtBot,
    provider_ctx: AppContext,
    mail: Mail,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        attachment_actions, "open_url", lambda url: opened.append(url.toLocalFile())
    )
    with provider_ctx.db.session() as s:
        first = webmail.reply(s, provider_ctx.actor, mail.sore, "Use salt water.", "r1")
    with provider_ctx.db.session() as s:
        head = s.execute(
            select(WebMailMessage.patient_id).where(WebMailMessage.id == mail.sore)
        ).scalar_one()
        acct = s.execute(
            select(func.min(PortalAccount.id)).where(PortalAccount.patient_id == head)
        ).scalar_one()
        again = portal_messages.reply(
            s, PortalActor(acct, head), first.message_id, "Better now, thanks!\nSee you.", "r2"
        )
    window = MessageWindow.open_window(provider_ctx, again)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    earlier = window.thread_view.toPlainText()
    assert "Use salt water." in earlier and "It hurts since Tuesday." in earlier
    assert earlier.index("Use salt water.") < earlier.index("It hurts since Tuesday.")
    window.reply_edit.setPlainText("Good to hear. Keep rinsing twice a day.")
    window.grab().save(str(ARTIFACTS / "message_window.png"))
    window.close()
    window = MessageWindow.open_window(provider_ctx, mail.sore)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    assert window.attachments.count() == 1
    window.open_selected_attachment()
    assert opened and Path(opened[0]).read_bytes() == b"\x89PNG fake image"
    target = tmp_path / "saved.png"
    window.save_selected_attachment(str(target))
    assert target.read_bytes() == b"\x89PNG fake image"
    with provider_ctx.db.readonly_session() as s:
        downloads = s.execute(
            select(func.count()).where(AuditEntry.action == "attachment.download")
        ).scalar_one()
        assert downloads == 2
    assert window.thread_box.isHidden()  # the first message: nothing earlier (later ones not shown)
    window.grab().save(str(ARTIFACTS / "message_window_attachment.png"))
    window.close()
