# ruff: noqa: F811 - the "mail" fixture is imported from test_inbox and used as a parameter
"""The inbox and the message window in a front desk's working day (issues 16, 15.5, 14):
the alert opens WebMail Inbox, lists follow other workstations, Drafts show the real
recipient and Delete works, Reply quotes the original, Print/Copy, Attach, closing with a
typed reply asks, a sent reply is confirmed, and the Portal Access tab names the user."""

import uuid
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import AuditEntry, User, WebMailMessage
from opendesk.core.services import webmail
from opendesk.core.services.mailbox import Mailbox
from opendesk.core.services.webmail import Outgoing
from opendesk.desktop.attach import AtoZFileDialog
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.message_text import ORIGINAL
from opendesk.desktop.inbox.message_window import MessageWindow
from opendesk.desktop.inbox.page import NOTIFICATIONS, EmailInboxPage
from opendesk.desktop.mainwindow import MainWindow
from opendesk.desktop.portal_access.page import PortalAccessPage
from tests.attachments import samples
from tests.desktop.conftest import Practice, login
from tests.desktop.test_inbox import Mail, mail  # noqa: F401 - the fixture


def _main(qtbot: QtBot, ctx: AppContext) -> tuple[MainWindow, EmailInboxPage]:
    window = MainWindow(ctx, start_background=False)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert window.open_page("manage", "email_inbox")
    page = window.module("manage").page("email_inbox")  # type: ignore[union-attr]
    assert isinstance(page, EmailInboxPage)
    return window, page


def test_alert_click_opens_webmail_inbox_not_the_last_folder(
    qtbot: QtBot, provider_ctx: AppContext, mail: Mail
) -> None:
    window, page = _main(qtbot, provider_ctx)
    page.choose_box(NOTIFICATIONS)
    window.open_module("chart")
    window.act_alerts.trigger()
    assert page.box == Mailbox.INBOX.value
    assert page.boxes.currentItem().text() == "WebMail Inbox"


def _draft(db: Database, ctx: AppContext, practice: Practice) -> int:
    with db.session() as s:
        return webmail.save_draft(
            s,
            ctx.actor,
            Outgoing(practice.child.id, practice.kim.id, "Tom's cleaning", "See you", "d"),
        )


def test_drafts_show_the_recipient_and_follow_a_send_elsewhere(
    qtbot: QtBot, ctx: AppContext, practice: Practice, mail: Mail
) -> None:
    login(ctx, practice.frontdesk_user)
    draft = _draft(ctx.db, ctx, practice)
    window, page = _main(qtbot, ctx)
    page.choose_box(Mailbox.DRAFTS.value)
    qtbot.waitUntil(lambda: page.model.complete and page.model.rowCount() == 1)
    row = page.model.row_at(0)
    assert row is not None and row.regarding_name == "Brighton, Tom"
    assert row.patient_name == "Brighton, Harold"  # the account holder, not Tom
    window.alerts.poll()  # the marker as it is now
    # the provider sends the draft from another workstation
    other = Database(ctx.db.url)
    try:
        with other.session() as s:
            kim_user = s.execute(select(User).where(User.username == "kalbright")).scalar_one()
            kim = StaffActor(kim_user.id, "ws2")
            webmail.send(
                s,
                kim,
                Outgoing(
                    practice.child.id,
                    practice.kim.id,
                    "Tom's cleaning",
                    "See you",
                    str(uuid.uuid4()),
                    draft_id=draft,
                ),
            )
    finally:
        other.dispose()
    window.alerts.poll()  # the next poll sees the change marker move
    qtbot.waitUntil(lambda: page.model.complete and page.model.rowCount() == 0, timeout=5000)


def test_delete_draft_uses_the_core_service(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice, mail: Mail
) -> None:
    draft = _draft(provider_ctx.db, provider_ctx, practice)
    _window, page = _main(qtbot, provider_ctx)
    page.choose_box(Mailbox.DRAFTS.value)
    qtbot.waitUntil(lambda: page.model.complete and page.model.rowCount() == 1)
    page.table.selectRow(0)
    assert page.delete_button.isVisible() and page.delete_button.isEnabled()
    page.delete_button.click()
    page.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    with provider_ctx.db.readonly_session() as s:
        assert s.get(WebMailMessage, draft) is None
        deleted = select(func.count()).where(AuditEntry.action == "webmail.draft.delete")
        assert s.execute(deleted).scalar_one() == 1


def _open(qtbot: QtBot, ctx: AppContext, message_id: int) -> MessageWindow:
    window = MessageWindow.open_window(ctx, message_id)  # deletes itself when closed
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    return window


def test_reply_quotes_the_original_print_copy_and_is_confirmed(
    qtbot: QtBot, provider_ctx: AppContext, mail: Mail, shown_messages: list[tuple[str, str]]
) -> None:
    window = _open(qtbot, provider_ctx, mail.sore)
    quote = window.reply_edit.toPlainText()
    assert quote.startswith("\n\n" + ORIGINAL + "\nRegarding: Brighton, Harold\n")
    for line in ("From: Brighton, Harold", "Sent: ", "To: Kim Albright", "Subject: Sore gum"):
        assert line in quote
    assert quote.endswith("It hurts since Tuesday.")
    assert not window.thread_box.isVisible() or window.thread_view.toPlainText() == ""
    window.copy()
    assert "Sore gum after cleaning" in QGuiApplication.clipboard().text()
    preview = window.print_preview(whole_thread=True)
    assert "It hurts since Tuesday." in window.document(True).toPlainText()
    preview.close()
    window.reply_edit.setPlainText("Rinse with salt water.\n\n" + quote.strip())
    window.send_reply()
    qtbot.waitUntil(lambda: any("Reply sent" in t for _l, t in shown_messages), timeout=5000)
    with provider_ctx.db.readonly_session() as s:
        reply = s.execute(
            select(WebMailMessage).where(WebMailMessage.parent_id == mail.sore)
        ).scalar_one()
        assert reply.body.startswith("Rinse with salt water.") and ORIGINAL in reply.body


def test_reply_attach_and_closing_with_typed_text_asks(
    qtbot: QtBot, provider_ctx: AppContext, mail: Mail, tmp_path: Path
) -> None:
    root = tmp_path / "atoz"
    root.mkdir()
    with provider_ctx.db.session() as s:
        prefs.set_many(s, {prefs.STORAGE_KIND: "folder", prefs.ATOZ_PATH: str(root)})
        s.commit()
    window = _open(qtbot, provider_ctx, mail.sore)
    assert window.attach_button.isEnabled() and window.local_button.isEnabled()
    photo = tmp_path / "after.png"
    photo.write_bytes(samples.png())
    window.attach_file()  # Select Local File
    window.file_dialog.selectFile(str(photo))
    window.file_dialog.accept()
    qtbot.waitUntil(lambda: len(window.attachment_list.attachments()) == 1, timeout=5000)
    window.attach()  # Attach: the Regarding patient's A-to-Z folder, made when missing
    qtbot.waitUntil(lambda: getattr(window, "attach_dialog", None) is not None, timeout=5000)
    dialog = window.attach_dialog
    assert isinstance(dialog, AtoZFileDialog)
    (dialog.folder / "x-ray.jpg").write_bytes(samples.jpeg(80, 60))
    dialog._selected = [dialog.folder / "x-ray.jpg"]  # as Open does for the chosen rows
    dialog.accept()
    qtbot.waitUntil(lambda: len(window.attachment_list.attachments()) == 2, timeout=5000)
    window.reply_edit.insertPlainText("Looks good.")
    window.reject()  # Esc
    box = window.close_question
    assert box.isVisible() and window.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible()
    window.close()
    window.close_question.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    with provider_ctx.db.readonly_session() as s:
        draft = s.execute(
            select(WebMailMessage).where(WebMailMessage.status == int(MessageStatus.UNSENT))
        ).scalar_one()
        assert draft.body.startswith("Looks good.") and draft.parent_id == mail.sore
        assert draft.has_attachments


def test_portal_access_tab_names_the_user_and_whether_active(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice, mail: Mail
) -> None:
    page = PortalAccessPage(provider_ctx)
    qtbot.addWidget(page)
    provider_ctx.select_patient(practice.head.id)
    page.patient_changed(provider_ctx.selection)
    assert page.title_label.text() == "Portal Access"
    assert page.user_label.text().startswith("portal")  # the factory's user name
    assert page.active_label.text() == "active"
    provider_ctx.select_patient(practice.spouse.id)
    page.patient_changed(provider_ctx.selection)
    assert (page.user_label.text(), page.active_label.text()) == ("none", "not granted")
