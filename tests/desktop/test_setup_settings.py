"""Practice, General Email Settings, Patient Portal (with two-step log-in) and Data Paths: the
problems shown next to their fields, the values saved, secrets only in the keyring, refusals
without Setup."""

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core import preferences as prefs
from opendesk.core.credentials import dropbox_key, get_secret, smtp_key
from opendesk.core.models import AuditEntry, PreferenceRow
from opendesk.core.services import practice_setup, staff_auth
from opendesk.desktop.context import AppContext
from opendesk.desktop.setup.data_paths import DataPathsDialog
from opendesk.desktop.setup.email_settings import EmailSettingsDialog
from opendesk.desktop.setup.portal_settings import PortalSettingsDialog
from opendesk.desktop.setup.practice import PracticeDialog
from tests import factories
from tests.desktop.setup_helpers import ADMIN, ADMIN_PASSWORD, init_practice, screenshot, type_into


def _admin(ctx: AppContext) -> AppContext:
    init_practice(ctx)
    with ctx.db.session() as s:
        ctx.set_user(staff_auth.login(s, ADMIN, ADMIN_PASSWORD, ctx.workstation))
    return ctx


def _values(ctx: AppContext) -> dict[str, object]:
    with ctx.db.readonly_session() as s:
        return prefs.get_all(s)


def _raw_rows(ctx: AppContext) -> str:
    with ctx.db.readonly_session() as s:
        return "\n".join(
            f"{n}={v}" for n, v in s.execute(select(PreferenceRow.name, PreferenceRow.value))
        )


def test_practice_dialog(qtbot: QtBot, ctx: AppContext) -> None:
    _admin(ctx)
    dialog = PracticeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.practice_name.text() == "Smile Co"
    dialog.ui.practice_name.clear()
    dialog.save()
    assert dialog.problems.current == {"practice_name": "Enter the practice name."}
    type_into(qtbot, dialog.ui.practice_name, "Smile Co Dental")
    dialog.ui.practice_address.setPlainText("1 Main St")
    assert dialog.ui.file_threads_after_days.text() == "never by age"
    dialog.ui.file_threads_after_days.setValue(30)  # filing to the chart by age (issue 23)
    with qtbot.waitSignal(ctx.changes.changed, timeout=5000):
        dialog.save()
    assert _values(ctx)["practice_address"] == "1 Main St"
    assert _values(ctx)["file_threads_after_days"] == 30
    assert ctx.practice["practice_name"] == "Smile Co Dental"  # the context reloaded them


def test_email_settings_validate_and_keep_the_password_in_the_keyring(
    qtbot: QtBot, ctx: AppContext
) -> None:
    _admin(ctx)
    dialog = EmailSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert (
        dialog.ui.smtp_port.value() == 587 and dialog.ui.smtp_security.currentData() == "starttls"
    )
    type_into(qtbot, dialog.ui.notify_from, "not an address")
    type_into(qtbot, dialog.ui.smtp_host, "mail server")
    dialog.set_security("none")
    type_into(qtbot, dialog.ui.smtp_user, "notices@smileco.example")
    dialog.save()
    assert dialog.problems.current == {
        "notify_from": "This is not an e-mail address (name@example.com).",
        "smtp_host": "A server name has letters, digits, dots and dashes only.",
        "smtp_security": "Without encryption, notices may go only to a mail server on this "
        "computer (localhost). Choose starttls or tls.",
        "smtp_password": "Enter the password for this user; it is kept in this computer's keyring.",
    }
    assert dialog.ui.notify_from.text() == "not an address"  # nothing typed is lost
    type_into(qtbot, dialog.ui.smtp_host, "smtp.smileco.example")
    dialog.save()
    assert list(dialog.problems.current) == ["notify_from", "smtp_security", "smtp_password"]
    screenshot(qtbot, dialog, "email_settings_problems")
    type_into(qtbot, dialog.ui.notify_from, "noreply@smileco.example")
    dialog.set_security("tls")
    dialog.ui.smtp_port.setValue(465)
    type_into(qtbot, dialog.ui.smtp_password, "Mail-Secret-9")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    values = _values(ctx)
    assert (values["notify_from"], values["smtp_host"], values["smtp_port"]) == (
        "noreply@smileco.example",
        "smtp.smileco.example",
        465,
    )
    assert values["smtp_security"] == "tls" and values["smtp_user"] == "notices@smileco.example"
    assert get_secret(smtp_key("notices@smileco.example", "smtp.smileco.example")) == (
        "Mail-Secret-9"
    )
    assert "Mail-Secret-9" not in _raw_rows(ctx)
    with ctx.db.readonly_session() as s:
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "preferences.save"))
        details = [a.detail for a in audit.scalars()]
    assert details == ["notify_from,smtp_host,smtp_port,smtp_security,smtp_user"]
    # Opened again: the password is known to be stored; an empty box keeps it.
    again = EmailSettingsDialog(ctx)
    qtbot.addWidget(again)
    again.show()
    assert "A password is stored" in again.ui.passwordStatusLabel.text()
    with qtbot.waitSignal(again.saved, timeout=5000):
        again.save()
    screenshot(qtbot, again, "email_settings")


def test_portal_settings_validate_url_body_and_family_scope(qtbot: QtBot, ctx: AppContext) -> None:
    _admin(ctx)
    dialog = PortalSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "[URL]" in dialog.ui.tagsLabel.text() and "[OfficeName]" in dialog.ui.tagsLabel.text()
    assert dialog.ui.portal_family_scope.isChecked()
    type_into(qtbot, dialog.ui.portal_url, "http://localhost:8080")
    dialog.ui.notify_body.setPlainText("Log in to read it.")
    dialog.ui.notify_subject.clear()
    dialog.save()
    assert dialog.problems.current == {
        "portal_url": "The patient portal URL must start with https://.",
        "notify_subject": "Enter the notification subject.",
        "notify_body": "The text must contain [URL]: the link to the portal.",
    }
    screenshot(qtbot, dialog, "portal_settings_problems")
    type_into(qtbot, dialog.ui.portal_url, "https://portal.smileco.example")
    type_into(qtbot, dialog.ui.notify_subject, "A secure message from [OfficeName]")
    dialog.ui.notify_body.setPlainText("Read it at [URL]\nCall [OfficePhone] with questions.")
    dialog.ui.portal_family_scope.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    values = _values(ctx)
    assert values["portal_url"] == "https://portal.smileco.example"
    assert values["notify_body"] == "Read it at [URL]\nCall [OfficePhone] with questions."
    assert values["portal_family_scope"] is False
    # A demo practice may use http on this machine.
    with ctx.db.session() as s:
        practice_setup.set_preferences(s, ctx.actor, {prefs.DEMO_MODE: True})
    demo = PortalSettingsDialog(ctx)
    qtbot.addWidget(demo)
    demo.show()
    type_into(qtbot, demo.ui.portal_url, "http://localhost:8080")
    with qtbot.waitSignal(demo.saved, timeout=5000):
        demo.save()
    assert _values(ctx)["portal_url"] == "http://localhost:8080"


def test_portal_settings_hold_the_message_settings_defaults(qtbot: QtBot, ctx: AppContext) -> None:
    _admin(ctx)
    dialog = PortalSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    days = dialog.ui.webmail_notify_unread_days
    assert dialog.ui.webmail_allow_reply.isChecked() and days.value() == 0
    assert days.text() == "off" and days.maximum() == 90
    type_into(qtbot, dialog.ui.portal_url, "https://portal.smileco.example")
    dialog.ui.webmail_allow_reply.setChecked(False)
    days.setValue(3)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    values = _values(ctx)
    assert (values["webmail_allow_reply"], values["webmail_notify_unread_days"]) == (False, 3)
    again = PortalSettingsDialog(ctx)
    qtbot.addWidget(again)
    again.show()
    assert not again.ui.webmail_allow_reply.isChecked()
    assert again.ui.webmail_notify_unread_days.value() == 3
    screenshot(qtbot, again, "portal_settings_message_defaults")


def test_portal_settings_two_step_saved_and_read_back(qtbot: QtBot, ctx: AppContext) -> None:
    _admin(ctx)
    dialog = PortalSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.ui.portal_two_step
    assert [combo.itemData(i) for i in range(combo.count())] == ["off", "optional", "required"]
    assert combo.currentData() == "optional"  # the preference's default
    assert "authenticator app" in dialog.ui.portal_two_stepHelp.text()
    type_into(qtbot, dialog.ui.portal_url, "https://portal.smileco.example")
    # A value the rules refuse shows next to the field and nothing is saved.
    combo.addItem("Sometimes", "sometimes")
    combo.setCurrentIndex(combo.findData("sometimes"))
    dialog.save()
    assert dialog.problems.current == {"portal_two_step": "Choose off, optional or required."}
    assert dialog.isVisible() and _values(ctx)["portal_two_step"] == "optional"
    combo.setCurrentIndex(combo.findData("required"))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    with ctx.db.readonly_session() as s:
        stored = s.execute(
            select(PreferenceRow.value).where(PreferenceRow.name == "portal_two_step")
        ).scalar_one()
    assert stored == "required"
    # Opened again, the dialog shows the saved value; turning it off saves "off".
    again = PortalSettingsDialog(ctx)
    qtbot.addWidget(again)
    again.show()
    assert again.ui.portal_two_step.currentData() == "required"
    screenshot(qtbot, again, "portal_settings_two_step")
    again.ui.portal_two_step.setCurrentIndex(again.ui.portal_two_step.findData("off"))
    with qtbot.waitSignal(again.saved, timeout=5000):
        again.save()
    assert _values(ctx)["portal_two_step"] == "off"
    # A stored value the portal does not know shows as optional, as the portal reads it.
    with ctx.db.session() as s:
        row = s.execute(
            select(PreferenceRow).where(PreferenceRow.name == "portal_two_step")
        ).scalar_one()
        row.value = "Sometimes"
        s.commit()
    odd = PortalSettingsDialog(ctx)
    qtbot.addWidget(odd)
    odd.show()
    assert odd.ui.portal_two_step.currentData() == "optional"


def test_data_paths_folder_created_after_confirmation_and_dropbox_token_in_keyring(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    _admin(ctx)
    dialog = DataPathsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.storage_folder.isChecked() and not dialog.ui.dropbox_root.isEnabled()
    type_into(qtbot, dialog.ui.atoz_path, "relative/atoz")
    dialog.save()
    assert dialog.problems.current == {
        "atoz_path": "Enter the full path of the folder (it starts at a drive or the server)."
    }
    folder = tmp_path / "images" / "AtoZ"
    type_into(qtbot, dialog.ui.atoz_path, str(folder))
    dialog.save()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox) and "does not exist" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert not folder.exists() and _values(ctx)["atoz_path"] == ""
    dialog.save()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert folder.is_dir()
    assert (_values(ctx)["storage_kind"], _values(ctx)["atoz_path"]) == ("folder", str(folder))

    dropbox = DataPathsDialog(ctx)
    qtbot.addWidget(dropbox)
    dropbox.show()
    assert dropbox.ui.atoz_path.text() == str(folder)
    dropbox.ui.storage_dropbox.setChecked(True)
    assert dropbox.ui.dropbox_root.isEnabled() and not dropbox.ui.atoz_path.isEnabled()
    type_into(qtbot, dropbox.ui.dropbox_root, "AtoZ")
    dropbox.save()
    assert dropbox.problems.current == {
        "dropbox_token": "Enter the Dropbox access token; it is kept in this computer's keyring.",
        "dropbox_root": "Enter the folder inside Dropbox, starting with /, e.g. /AtoZ.",
    }
    screenshot(qtbot, dropbox, "data_paths_problems")
    type_into(qtbot, dropbox.ui.dropbox_root, "/Practice/AtoZ")
    type_into(qtbot, dropbox.ui.dropbox_token, "sl.token-value-123")
    with qtbot.waitSignal(dropbox.saved, timeout=5000):
        dropbox.save()
    values = _values(ctx)
    assert (values["storage_kind"], values["dropbox_root"]) == ("dropbox", "/Practice/AtoZ")
    assert get_secret(dropbox_key()) == "sl.token-value-123"
    assert "sl.token-value-123" not in _raw_rows(ctx)


def test_settings_refused_without_setup_keep_what_was_typed(
    qtbot: QtBot, ctx: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    init_practice(ctx)
    with ctx.db.session() as s:
        factories.user(s, "desk", groups=[factories.group(s, "Desk")])
        s.commit()
    with ctx.db.session() as s:
        ctx.set_user(staff_auth.login(s, "desk", factories.PASSWORD, ctx.workstation))
    dialog = PortalSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.ui.portal_url, "https://portal.example")
    dialog.save()
    assert shown_messages[-1] == ("warning", "You are not allowed to change the practice setup.")
    assert dialog.ui.messageLabel.text() == "You are not allowed to change the practice setup."
    assert dialog.isVisible() and dialog.ui.portal_url.text() == "https://portal.example"
    assert _values(ctx)["portal_url"] == ""


def test_portal_settings_keep_one_notice_text_per_language(qtbot: QtBot, ctx: AppContext) -> None:
    """Issue 24: Notice language switches the subject and body fields between the practice's
    English and Spanish notices (Spanish defaults translated); a problem in the Spanish text
    shows the Spanish text with it."""
    _admin(ctx)
    dialog = PortalSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.ui.portal_url, "https://portal.smileco.example")
    assert dialog.ui.notify_language.currentText() == "English"
    assert dialog.ui.notify_subject.text() == "Secure message from [OfficeName]"
    dialog.ui.notify_language.setCurrentIndex(dialog.ui.notify_language.findData("es"))
    assert dialog.ui.notify_subject.text() == "Mensaje seguro de [OfficeName]"
    assert "[URL]" in dialog.ui.notify_body.toPlainText()
    dialog.ui.notify_body.setPlainText("Lea su mensaje en el portal.")
    dialog.ui.notify_language.setCurrentIndex(dialog.ui.notify_language.findData("en"))
    assert dialog.ui.notify_subject.text() == "Secure message from [OfficeName]"
    dialog.save()
    assert dialog.ui.notify_language.currentData() == "es"  # shows the text in trouble
    assert dialog.problems.current == {
        "notify_body": "The text must contain [URL]: the link to the portal."
    }
    dialog.ui.notify_body.setPlainText("Lea su mensaje en [URL]")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    values = _values(ctx)
    assert values["notify_body_es"] == "Lea su mensaje en [URL]"
    assert values["notify_subject"] == "Secure message from [OfficeName]"
