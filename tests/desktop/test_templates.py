# ruff: noqa: F811 - the "mail" fixture is imported from test_inbox and used as a parameter
"""Issue 22 part A in the desktop client: Setup > WebMail Templates (validation messages,
practice and personal scope, files from the shared folder), the compose window's template
picker used with the keyboard only (Ctrl+T, type, Enter), unresolved fields in red blocking
Send, and the provider's signature appended once (new message, reopened draft, reply).
Screenshots: artifacts/templates_*.png."""

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.enums import Permission
from opendesk.core.models import AuditEntry, User, WebMailMessage
from opendesk.core.services import signatures, templates
from opendesk.core.services.merge_fields import NO_APPOINTMENTS
from opendesk.core.services.providers import ProviderRow, provider_row
from opendesk.core.services.send_eligibility import Blocker
from opendesk.core.services.templates import TemplateInput
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.message_text import ORIGINAL
from opendesk.desktop.inbox.message_window import MessageWindow
from opendesk.desktop.setup.providers import ProvidersDialog
from opendesk.desktop.setup.signature import SignatureDialog
from opendesk.desktop.setup.webmail_templates import WebMailTemplatesDialog
from opendesk.desktop.webmail.compose import ComposeWindow
from opendesk.desktop.webmail.launcher import ComposeLauncher
from opendesk.desktop.webmail.template_picker import TemplatePicker
from tests import factories
from tests.conftest import ARTIFACTS
from tests.desktop.compose_support import (
    PortalServer,
    open_compose,
    portal_server,  # noqa: F401 - the fixture
    ready_for_webmail,
)
from tests.desktop.conftest import Practice, login
from tests.desktop.layout_checks import elided
from tests.desktop.setup_helpers import type_into
from tests.desktop.test_inbox import Mail, mail  # noqa: F401 - the fixture

SIGNATURE = "Dr. Kim Albright, DDS\nWillamette Dental"
POST_OP = TemplateInput(
    "Post-op care",
    subject="After your visit, [RegardingFName]",
    body="Dear [PatientFName] [PatientLName],\n\nRinse gently. Next visit: [NextAptDate].\n"
    "[ProviderName], [OfficeName] [OfficePhone]",
    attachment_names=("care.txt",),
)


def _shot(qtbot: QtBot, widget: object, name: str) -> None:
    qtbot.wait(30)
    ARTIFACTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(ARTIFACTS / f"templates_{name}.png"))  # type: ignore[attr-defined]


@pytest.fixture
def admin(ctx: AppContext, practice: Practice) -> str:
    with ctx.db.session() as s:
        group = factories.group(s, "Admins", Permission.SETUP, Permission.WEBMAIL_SEND)
        factories.user(s, "boss", groups=[group])
        s.commit()
    return "boss"


@pytest.fixture
def shared_folder(ctx: AppContext, tmp_path: Path) -> Path:
    """The A-to-Z folder with the practice's shared folder (EmailAttachments) and a file."""
    root = tmp_path / "AtoZ"
    folder = Path(templates.shared_folder(str(root)))
    folder.mkdir(parents=True)
    (folder / "care.txt").write_text("Rinse with warm salt water twice a day.\n")
    with ctx.db.session() as s:
        prefs.set_many(s, {prefs.ATOZ_PATH: str(root), prefs.STORAGE_KIND: "folder"})
        s.commit()
    return folder


def _dialog(qtbot: QtBot, ctx: AppContext) -> WebMailTemplatesDialog:
    ctx.load_practice()
    dialog = WebMailTemplatesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_setup_dialog_validates_saves_and_keeps_scope(
    qtbot: QtBot, ctx: AppContext, practice: Practice, admin: str, shared_folder: Path
) -> None:
    login(ctx, admin)
    dialog = _dialog(qtbot, ctx)
    ui = dialog.ui
    assert "[NextAptDate]" in ui.fields_help.text() and str(shared_folder) in ui.folder_note.text()
    assert ui.scope.count() == 1  # the administrator has no provider: practice templates only
    type_into(qtbot, ui.subject, "Hello [PatientFname]")
    type_into(qtbot, ui.body, "Rinse gently.")
    ui.notify_unread.setChecked(True)
    qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    assert ui.name_error.text().startswith("Enter a name")
    assert ui.subject_error.text().startswith("[PatientFname] is not a merge field")
    assert ui.messageLabel.text() == "Please correct the 2 highlighted fields."

    type_into(qtbot, ui.name, POST_OP.name)
    type_into(qtbot, ui.subject, POST_OP.subject)
    ui.body.setPlainText(POST_OP.body)
    dialog.add_files([shared_folder / "care.txt", shared_folder.parent / "elsewhere.txt"])
    assert ui.attachments_error.text().startswith("“elsewhere.txt” is not in the shared folder")
    assert [ui.attachments.item(i).text() for i in range(ui.attachments.count())] == ["care.txt"]
    ui.allow_reply.setChecked(False)
    ui.notify_unread_days.setValue(5)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        qtbot.mouseClick(ui.saveButton, Qt.MouseButton.LeftButton)
    assert ui.messageLabel.text() == "Saved."
    assert [(r.name, r.owner) for r in dialog.model.rows] == [("Post-op care", "Practice")]
    row = dialog.model.rows[0]
    assert (row.attachment_names, row.allow_reply, row.notify_unread_days) == (
        ("care.txt",),
        False,
        5,
    )
    assert elided(dialog) == []
    _shot(qtbot, dialog, "setup")
    dialog.close()

    # A provider: the practice's template is read-only, a new one is their own.
    login(ctx, practice.provider_user)
    dialog = _dialog(qtbot, ctx)
    ui = dialog.ui
    dialog.select("Post-op care")
    assert not ui.saveButton.isEnabled() and not dialog.ui.deleteButton.isEnabled()
    assert "Setup permission" in ui.messageLabel.text()
    dialog.new_template()
    assert ui.scope.currentText() == "My own — Kim Albright, DDS"
    type_into(qtbot, ui.name, "Recall")
    type_into(qtbot, ui.subject, "Time for your cleaning")
    ui.body.setPlainText("Hi [PatientFName], call [OfficePhone].")
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.save()
    assert [(r.name, r.owner, r.may_edit) for r in dialog.model.rows] == [
        ("Post-op care", "Practice", False),
        ("Recall", "Kim Albright, DDS", True),
    ]
    dialog.select("Recall")
    dialog.delete()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert [r.name for r in dialog.model.rows] == ["Post-op care"]
    with ctx.db.readonly_session() as s:
        actions = s.execute(
            select(AuditEntry.action).where(AuditEntry.action.like("template.%"))
        ).scalars()
        assert list(actions) == ["template.add", "template.add", "template.delete"]


def _save_template(ctx: AppContext, username: str, data: TemplateInput) -> int:
    with ctx.db.session() as s:
        user_id = s.execute(select(User.id).where(User.username == username)).scalar_one()
        return templates.save_template(s, StaffActor(user_id), data)


def _set_signature(ctx: AppContext, practice: Practice) -> None:
    with ctx.db.session() as s:
        s.get(type(practice.kim), practice.kim.id).signature = SIGNATURE  # type: ignore[union-attr]
        s.commit()


def test_picker_by_keyboard_fills_marks_unresolved_fields_and_blocks_send(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    admin: str,
    shared_folder: Path,
    portal_server: PortalServer,
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    _save_template(ctx, admin, POST_OP)
    recall = TemplateInput(
        "Recall", "Recall due", "Time for a cleaning.", allow_reply=False, notify_unread_days=3
    )
    _save_template(ctx, admin, recall)
    _set_signature(ctx, practice)
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.head.id)
    window.resize(1280, 720)
    assert window.body == "\n\n" + SIGNATURE
    assert window.field_errors()["body"] == "Enter a message."  # the signature alone

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.ui.subject, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is window.picker, timeout=5000)
    picker = window.picker
    assert isinstance(picker, TemplatePicker)
    assert picker.visible_names == ["Post-op care", "Recall"]
    qtbot.keyClicks(picker.ui.filter, "POST")
    assert picker.visible_names == ["Post-op care"]
    qtbot.keyClick(picker.ui.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.template is not None, timeout=5000)

    assert window.subject == "After your visit, Harold"
    assert window.body == (
        "Dear Harold Brighton,\n\nRinse gently. Next visit: [NextAptDate].\n"
        "Kim Albright, DDS, Willamette Dental (503) 555-0100\n\n" + SIGNATURE
    )
    qtbot.waitUntil(lambda: [a.name for a in window.checked_attachments()] == ["care.txt"])
    assert window.unresolved_fields() == ["[NextAptDate]"]
    assert [m[2] for m in window.highlighter.marked()] == ["[NextAptDate]"]
    assert window.fields_note.isVisible()
    assert NO_APPOINTMENTS in window.fields_note.text()
    assert not window.ui.send_button.isEnabled() and not window.ui.preview_button.isEnabled()
    assert Blocker.UNKNOWN_MERGE_FIELDS.value in window.ui.send_button.toolTip()
    assert window.ui.body.document().toPlainText() == window.body  # plain text, no markup
    _shot(qtbot, window, "compose_unresolved")

    # Editing the field away (keyboard: select it, type the date) turns Send on.
    start = window.body.index("[NextAptDate]")
    cursor = window.ui.body.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("[NextAptDate]"), QTextCursor.MoveMode.KeepAnchor)
    window.ui.body.setTextCursor(cursor)
    qtbot.keyClicks(window.ui.body, "12/14")
    assert window.unresolved_fields() == []
    assert window.highlighter.marked() == [] and not window.fields_note.isVisible()
    assert window.ui.send_button.isEnabled(), window.ui.send_button.toolTip()
    _shot(qtbot, window, "compose_filled")
    edited = window.body

    # Again by keyboard: Ctrl+T, Down, Enter picks the second; Ctrl+Z in the message undoes it.
    window.activateWindow()  # the offscreen platform does not give it back after the picker
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.ui.body, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is window.picker, timeout=5000)
    second = window.picker
    assert isinstance(second, TemplatePicker)
    qtbot.keyClick(second.ui.filter, Qt.Key.Key_Down)
    qtbot.keyClick(second.ui.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.template is not None and window.template.name == "Recall")
    assert window.subject == "Recall due"
    assert window.body == "Time for a cleaning.\n\n" + SIGNATURE
    assert window.unresolved_fields() == [] and window.ui.send_button.isEnabled()
    settings = window.message_settings.value()  # the template's reply and follow-up settings
    assert (settings.allow_reply, settings.notify_unread_days) == (False, 3)
    qtbot.keyClick(window.ui.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.body == edited


def provider_row_of(ctx: AppContext, provider_id: int) -> ProviderRow:
    with ctx.db.readonly_session() as s:
        row = provider_row(s, provider_id)
    assert row is not None
    return row


def test_signature_once_new_message_draft_and_reply(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    admin: str,
    mail: Mail,
    shown_messages: list[tuple[str, str]],
) -> None:
    login(ctx, practice.provider_user)
    dialog = SignatureDialog(ctx)  # My Signature: the user's provider
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Kim Albright" in dialog.ui.provider_name.text(), timeout=3000)
    dialog.ui.signature.setPlainText(SIGNATURE + "\n\n")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    with ctx.db.readonly_session() as s:
        assert signatures.signature_of(s, practice.kim.id) == SIGNATURE

    launcher = ComposeLauncher(ctx)
    window = open_compose(qtbot, ctx, practice.head.id, launcher)
    assert window.body == "\n\n" + SIGNATURE and window.ui.body.textCursor().position() == 0
    assert not window.dirty  # nothing typed: closing does not ask
    assert not window.ui.save_draft_button.isEnabled()  # a signature alone is no draft

    # From changes to Marcus (signature set in Setup > Providers): his replaces Kim's.
    login(ctx, admin)
    providers_dialog = ProvidersDialog(ctx)
    qtbot.addWidget(providers_dialog)
    qtbot.waitUntil(lambda: bool(providers_dialog.model.rows), timeout=3000)
    providers_dialog.select("MB")
    providers_dialog.edit_signature()
    editor = providers_dialog.signature_editor
    qtbot.waitUntil(lambda: "Marcus Bell" in editor.ui.provider_name.text(), timeout=3000)
    editor.ui.signature.setPlainText("Dr. Marcus Bell")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    login(ctx, practice.provider_user)
    marcus = provider_row_of(ctx, practice.marcus.id)
    with qtbot.waitSignal(window.evaluated, timeout=5000):
        window.set_provider(marcus)
    qtbot.waitUntil(lambda: window.body == "\n\nDr. Marcus Bell", timeout=3000)
    assert not window.dirty
    with qtbot.waitSignal(window.evaluated, timeout=5000):
        window.set_provider(provider_row_of(ctx, practice.kim.id))
    qtbot.waitUntil(lambda: window.body == "\n\n" + SIGNATURE, timeout=3000)
    qtbot.keyClicks(window.ui.subject, "Your crown")
    window.ui.body.setFocus()
    qtbot.keyClicks(window.ui.body, "The crown is ready.")
    assert window.body == "The crown is ready.\n\n" + SIGNATURE
    with qtbot.waitSignal(window.draftSaved, timeout=5000) as saved:
        window.save_draft()
    draft_id = saved.args[0]  # type: ignore[index]

    reopened: list[ComposeWindow] = []
    launcher.opened.connect(reopened.append)
    launcher.open_draft(draft_id)
    qtbot.waitUntil(lambda: bool(reopened), timeout=5000)
    assert reopened[0].body == "The crown is ready.\n\n" + SIGNATURE  # not appended twice
    assert reopened[0].typed_body == "The crown is ready."
    with qtbot.waitSignal(reopened[0].evaluated, timeout=5000):
        reopened[0].set_provider(provider_row_of(ctx, practice.marcus.id))
    qtbot.waitUntil(lambda: reopened[0].body.endswith("\n\nDr. Marcus Bell"), timeout=3000)
    assert reopened[0].body == "The crown is ready.\n\nDr. Marcus Bell"
    reopened[0].discard()

    reply = MessageWindow.open_window(ctx, mail.sore)
    qtbot.waitUntil(lambda: reply.view is not None, timeout=3000)
    text = reply.reply_edit.toPlainText()
    assert text.startswith("\n\n" + SIGNATURE + "\n\n" + ORIGINAL + "\n")
    assert not reply.dirty
    reply.send_reply()  # the signature alone is not a reply
    assert shown_messages[-1][1] == "Type your reply in the Message field first."
    reply.reply_edit.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(reply.reply_edit, "Rinse with salt water.")
    assert reply.dirty
    reply.send_reply()
    qtbot.waitUntil(lambda: any("Reply sent" in t for _l, t in shown_messages), timeout=5000)
    with ctx.db.readonly_session() as s:
        body = s.execute(
            select(WebMailMessage.body).where(WebMailMessage.parent_id == mail.sore)
        ).scalar_one()
    assert body.startswith("Rinse with salt water.\n\n" + SIGNATURE + "\n\n" + ORIGINAL)
    if shiboken6.isValid(reply):
        reply.close()
