"""The manual's send flow through the compose window: select the patient, WebMail, change the
regarding member, pick another provider with [...], subject and message, Preview, Send with the
provider password prompt; the message in the database and the notice through a real SMTP
server and the outbox worker. Also: refusals to open, the counter and field messages, drafts by
the front desk sent by a provider, and closing with unsent text."""

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from opendesk.core import preferences as prefs
from opendesk.core.enums import MessageStatus
from opendesk.core.models import Attachment, OutboxNotice, User, WebMailMessage
from opendesk.desktop.context import AppContext
from opendesk.desktop.mainwindow import MainWindow
from opendesk.desktop.webmail.compose import ComposeWindow
from opendesk.desktop.webmail.launcher import ComposeLauncher, install
from opendesk.desktop.webmail.send_preview import SendPreviewDialog
from opendesk.mail.catcher import MailCatcher
from opendesk.mail.outbox import OutboxWorker
from tests import factories
from tests.conftest import ARTIFACTS
from tests.desktop.compose_support import (
    PortalServer,
    answer_password_later,
    close_compose_windows,
    open_compose,
    pick_provider_later,
    portal_server,
    ready_for_webmail,
    set_prefs,
    wait_checked,
)
from tests.desktop.conftest import Practice, login

assert portal_server and close_compose_windows  # fixtures


def _messages(ctx: AppContext) -> list[WebMailMessage]:
    with ctx.db.readonly_session() as s:
        rows = list(s.execute(select(WebMailMessage).order_by(WebMailMessage.id)).scalars())
        s.expunge_all()
        return rows


def _shot(qtbot: QtBot, widget: ComposeWindow | SendPreviewDialog, name: str) -> None:
    qtbot.wait(50)  # let the layouts settle before the grab
    assert widget.grab().save(str(ARTIFACTS / name))


def test_the_manual_send_flow_end_to_end(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    portal_server: PortalServer,
    tmp_path: Path,
    shown_messages: list[tuple[str, str]],
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)  # kalbright, linked to Kim Albright
    main = MainWindow(ctx, start_background=False)
    qtbot.addWidget(main)
    launcher = install(ctx, main)
    opened: list[ComposeWindow] = []
    launcher.opened.connect(opened.append)

    # 1. select the patient; 2. WebMail
    ctx.select_patient(practice.child.id)
    main.act_webmail.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    window = opened[0]
    wait_checked(qtbot, window)
    assert window.isVisible() and not window.isModal()
    assert window.problems == []
    head_email = practice.head.email
    assert window.ui.notify_line.text() == f"Notification e-mail will be sent to: {head_email}"
    assert window.ui.recipient.text() == (
        "Brighton, Harold, in their patient portal account "
        "(Brighton, Tom has no account of their own)"
    )
    # the manual: the From provider defaults to the patient's primary provider
    assert window.ui.provider.text() == "KA - Kim Albright, DDS"
    assert [window.ui.regarding.itemText(i) for i in range(window.ui.regarding.count())] == [
        "Brighton, Harold",
        "Brighton, Alice",
        "Brighton, Tom",
    ]
    assert window.ui.regarding.currentText() == "Brighton, Tom"
    assert not window.ui.send_button.isEnabled()  # subject and message are required

    # 3. change the regarding member; 4. another provider with [...]
    window.ui.regarding.setCurrentIndex(window.ui.regarding.findText("Brighton, Alice"))
    wait_checked(qtbot, window)
    pick_provider_later("MB")
    window.ui.provider_button.click()
    wait_checked(qtbot, window)
    assert window.ui.provider.text() == "MB - Marcus Bell"

    # 5. subject and message
    qtbot.keyClicks(window.ui.subject, "Your periodontal chart")
    qtbot.keyClicks(window.ui.body, "Alice, your pockets improved.")
    window.ui.body.appendPlainText("See you in June.")
    assert window.ui.body_counter.text() == "46 / 10,000"
    assert window.ui.send_button.isEnabled() and window.ui.preview_button.isEnabled()
    _shot(qtbot, window, "compose_ready.png")

    # Preview: both parts
    window.ui.preview_button.click()
    preview = window.preview_dialog
    assert preview is not None and preview.isVisible()
    assert preview.ui.notice_to.text() == head_email
    assert preview.ui.notice_from.text() == "Willamette Dental <notify@willamette.example>"
    assert preview.ui.notice_subject.text() == "Secure message from Willamette Dental"
    assert preview.ui.notice_body.toPlainText() == (
        f"Please go to this link and login using your credentials. {portal_server.url}"
    )
    assert preview.ui.message_regarding.text() == "Brighton, Alice"
    assert preview.ui.message_provider.text() == "Marcus Bell"
    assert preview.ui.message_subject.text() == "Your periodontal chart"
    assert preview.ui.message_body.toPlainText().startswith("Alice, your pockets improved.")
    text = preview.data.text()
    assert "NOTIFICATION E-MAIL" in text and "SECURE MESSAGE" in text
    preview.copy()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == text
    assert preview.document().toPlainText() == text  # what Print prints
    _shot(qtbot, preview, "preview.png")
    preview.close()

    # 7. Send: kalbright is not linked to Marcus Bell → his password is asked for
    seen: list[str] = []
    answer_password_later(["wrong-one", factories.PASSWORD], seen)
    with qtbot.waitSignal(window.sent, timeout=10000) as sent:
        window.ui.send_button.click()
    assert len(seen) == 2 and "Marcus Bell" in seen[0] and "not the password" in seen[1]
    qtbot.waitUntil(lambda: not shiboken_valid(window) or not window.isVisible())
    assert (
        "info",
        "Secure message sent to Brighton, Harold. The notification e-mail is on its way.",
    ) in shown_messages

    [msg] = _messages(ctx)
    assert msg.id == sent.args[0].message_id
    assert msg.status == MessageStatus.WEBMAIL_SENT
    assert (msg.regarding_patient_id, msg.patient_id) == (practice.spouse.id, practice.head.id)
    assert msg.provider_id == practice.marcus.id
    assert msg.subject == "Your periodontal chart"

    # the Chart module of the patient it regards lists it
    ctx.select_patient(practice.spouse.id)
    assert main.open_page("chart", "webmail")
    chart = main.module("chart")
    page = chart.page_widgets["webmail"]  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: list(page.model.ids) == [msg.id], timeout=3000)  # type: ignore[attr-defined]
    model = page.model  # type: ignore[attr-defined]
    assert model.data(model.index(0, 1)) == "Sent"
    # kalbright is linked to Kim, not to Marcus: the list shows the message, not its subject
    assert model.data(model.index(0, 3)) == "(secure message)"
    assert model.data(model.index(0, 5)) == "Regarding"

    # the notice through a real SMTP server
    catcher = MailCatcher(tmp_path / "mail").start()
    try:
        set_prefs(
            ctx,
            {
                prefs.SMTP_HOST: "127.0.0.1",
                prefs.SMTP_PORT: catcher.port,
                prefs.SMTP_SECURITY: "none",
            },
        )
        result = OutboxWorker(ctx.db, worker_id="t").run_once()
        assert result.sent == 1
        [mail] = catcher.messages()
    finally:
        catcher.stop()
    assert mail["To"] == head_email
    assert mail["Subject"] == "Secure message from Willamette Dental"
    assert mail["From"] == "Willamette Dental <notify@willamette.example>"
    raw = mail.as_string()
    assert portal_server.url in mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    for secret in ("periodontal", "pockets", "June", "Alice"):
        assert secret not in raw


def shiboken_valid(widget: object) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


def test_refusals_to_open(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    portal_server: PortalServer,
    shown_messages: list[tuple[str, str]],
) -> None:
    login(ctx, practice.provider_user)
    launcher = ComposeLauncher(ctx)
    refused: list[str] = []
    launcher.refused.connect(refused.append)
    opened: list[ComposeWindow] = []
    launcher.opened.connect(opened.append)

    launcher.open_for_selection(None)
    assert refused[-1] == "Select a patient first."
    launcher.open_for_patient(practice.child.id)  # no notification From address yet
    assert refused[-1] == "No notification From address is set (Setup > General Email Settings…)."
    assert ("warning", refused[-1]) in shown_messages

    ready_for_webmail(ctx, practice, portal_server.url)
    with ctx.db.session() as s:
        for user in s.execute(select(User)).scalars():
            user.provider_id = None
        s.commit()
    launcher.open_for_patient(practice.child.id)
    assert "No user is linked to a provider" in refused[-1]
    assert opened == []


def test_webmail_button_shows_the_refusal(
    qtbot: QtBot, ctx: AppContext, practice: Practice, shown_messages: list[tuple[str, str]]
) -> None:
    login(ctx, practice.provider_user)
    main = MainWindow(ctx, start_background=False)
    qtbot.addWidget(main)
    install(ctx, main)
    ctx.select_patient(practice.other.id)
    main.act_webmail.trigger()
    assert (
        "warning",
        "No notification From address is set (Setup > General Email Settings…).",
    ) in shown_messages


def test_counter_and_field_messages(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    set_prefs(ctx, {prefs.MESSAGE_MAX_CHARS: 20})
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.head.id)
    ui = window.ui
    assert ui.body_counter.text() == "0 / 20"
    assert ui.subject_error.text() == "" and ui.body_error.text() == ""  # not before typing
    qtbot.keyClicks(ui.subject, "x")
    ui.subject.clear()
    assert ui.subject_error.text() == "Enter a subject."
    ui.subject.setText("Hello")
    assert ui.subject_error.text() == ""
    ui.body.setPlainText("a" * 25)
    assert ui.body_counter.text() == "25 / 20"
    assert "font-weight: bold" in ui.body_counter.styleSheet()
    assert ui.body_error.text() == "The message is longer than 20 characters; shorten it by 5."
    assert not ui.send_button.isEnabled() and not ui.preview_button.isEnabled()
    ui.body.setPlainText("a" * 20)
    assert ui.body_error.text() == "" and ui.body_counter.styleSheet() == ""
    assert ui.send_button.isEnabled()
    ui.body.setPlainText("   ")
    assert ui.body_error.text() == "Enter a message."
    assert not ui.send_button.isEnabled()
    window.discard()


def test_front_desk_saves_a_draft_a_provider_opens_and_sends_it(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    portal_server: PortalServer,
    tmp_path: Path,
    shown_messages: list[tuple[str, str]],
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.frontdesk_user)
    launcher = ComposeLauncher(ctx)
    window = open_compose(qtbot, ctx, practice.child.id, launcher)
    window.ui.subject.setText("Tom's retainer")
    window.ui.body.setPlainText("The retainer is ready.")
    note = tmp_path / "instructions.txt"
    note.write_text("Wear it every night.\n", encoding="utf-8")
    window.attachment_list.add_path(note)
    qtbot.waitUntil(lambda: len(window.checked_attachments()) == 1, timeout=5000)
    assert not window.ui.send_button.isEnabled()
    assert "may not send WebMail" in window.ui.send_button.toolTip()
    assert window.ui.preview_button.isEnabled()  # anyone may preview
    assert window.ui.save_draft_button.isEnabled()
    _shot(qtbot, window, "compose_front_desk.png")
    with qtbot.waitSignal(window.draftSaved) as saved:
        window.ui.save_draft_button.click()
    draft_id = saved.args[0]
    [draft] = _messages(ctx)
    assert (draft.id, draft.status, draft.has_attachments) == (
        draft_id,
        MessageStatus.UNSENT,
        True,
    )
    assert any("Draft saved" in text for _level, text in shown_messages)

    # the provider opens it from Drafts (the inbox emits ctx.draftRequested), edits and sends
    login(ctx, practice.provider_user)
    opened: list[ComposeWindow] = []
    launcher.opened.connect(opened.append)
    ctx.draftRequested.emit(draft_id)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    again = opened[0]
    wait_checked(qtbot, again)
    assert again.draft_id == draft_id
    assert again.ui.subject.text() == "Tom's retainer"
    assert again.ui.regarding.currentText() == "Brighton, Tom"
    assert again.kept_list.count() == 1 and "instructions.txt" in again.kept_list.item(0).text()
    _shot(qtbot, again, "compose_draft.png")
    again.ui.body.setPlainText("The retainer is ready. Bring the old one.")
    with qtbot.waitSignal(again.sent, timeout=10000):  # kalbright is Kim: no password asked
        again.ui.send_button.click()
    [sent] = _messages(ctx)
    assert sent.id == draft_id and sent.status == MessageStatus.WEBMAIL_SENT
    assert sent.body == "The retainer is ready. Bring the old one."
    with ctx.db.readonly_session() as s:
        names = list(
            s.execute(
                select(Attachment.display_name).where(Attachment.message_id == draft_id)
            ).scalars()
        )
        notices = s.execute(select(func.count(OutboxNotice.id))).scalar_one()
    assert names == ["instructions.txt"] and notices == 1


def test_closing_with_unsent_text_asks(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.head.id)
    window.ui.cancel_button.click()
    assert not window.isVisible()  # nothing typed: closes at once

    window = open_compose(qtbot, ctx, practice.head.id)
    window.ui.subject.setText("Unsent")
    window.ui.cancel_button.click()
    assert window.isVisible()
    box = window.close_question
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible() and window.ui.subject.text() == "Unsent"
    window.ui.cancel_button.click()
    window.close_question.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not shiboken_valid(window) or not window.isVisible())
    assert _messages(ctx) == []


def test_attach_from_the_patients_a_to_z_folder_preview_and_send(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    portal_server: PortalServer,
    tmp_path: Path,
) -> None:
    """The manual's step 6 with images in a folder: Attach opens the patient's A to Z folder;
    the chosen file is checked, listed, named in the preview and stored with the message."""
    from PySide6.QtWidgets import QWidget

    from opendesk.attachments.atoz import ensure_patient_folder
    from opendesk.desktop.attach import AtoZFileDialog
    from tests.desktop.compose_support import when_modal

    ready_for_webmail(ctx, practice, portal_server.url)
    root = tmp_path / "AtoZ"
    root.mkdir()
    set_prefs(ctx, {prefs.STORAGE_KIND: "folder", prefs.ATOZ_PATH: str(root)})
    folder = ensure_patient_folder(root, "Brighton", "Harold", practice.head.id)
    summary = folder / "clinical-summary.txt"
    summary.write_text("Clinical summary\nAll good.\n", encoding="utf-8")
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.head.id)
    window.ui.subject.setText("Your clinical summary")
    window.ui.body.setPlainText("Attached, as promised.")

    def choose(widget: QWidget) -> bool:
        if not isinstance(widget, AtoZFileDialog) or widget.model.rowCount() == 0:
            return False  # not up yet, or still listing the folder
        widget.view.selectRow(0)
        widget.open_button.click()
        return True

    when_modal(choose)
    window.ui.attach_button.click()
    qtbot.waitUntil(lambda: len(window.checked_attachments()) == 1, timeout=5000)
    assert window.checked_attachments()[0].name == "clinical-summary.txt"
    window.ui.preview_button.click()
    preview = window.preview_dialog
    assert preview is not None
    assert preview.ui.message_attachments.text() == "clinical-summary.txt (27 bytes)"
    preview.close()
    with qtbot.waitSignal(window.sent, timeout=10000) as sent:
        window.ui.send_button.click()
    with ctx.db.readonly_session() as s:
        rows = s.execute(
            select(Attachment.display_name, Attachment.content_type, Attachment.size).where(
                Attachment.message_id == sent.args[0].message_id
            )
        ).all()
    assert [tuple(r) for r in rows] == [("clinical-summary.txt", "text/plain", 27)]
