"""Setup > Attachments: the scanner's state shown when the dialog opens and on Test (asked on
the task manager, never on the GUI thread), the address checked, the policy saved (audited),
and the menu entry."""

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core import preferences as prefs
from opendesk.core.models import AuditEntry
from opendesk.core.services import staff_auth
from opendesk.desktop.context import AppContext
from opendesk.desktop.setup.attachment_settings import AttachmentSettingsDialog
from tests import clamd as clamd_support
from tests.conftest import ARTIFACTS
from tests.desktop.conftest import Practice as DesktopPractice
from tests.desktop.setup_helpers import ADMIN, ADMIN_PASSWORD, init_practice, screenshot, type_into


def _admin(ctx: AppContext) -> AppContext:
    init_practice(ctx)
    with ctx.db.session() as s:
        ctx.set_user(staff_auth.login(s, ADMIN, ADMIN_PASSWORD, ctx.workstation))
    return ctx


def test_attachments_dialog_shows_the_scanner_and_saves_address_and_policy(
    qtbot: QtBot, ctx: AppContext, clamd: clamd_support.Clamd
) -> None:
    _admin(ctx)
    dialog = AttachmentSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.scan_address.text() == "" and dialog.ui.policy_refuse.isChecked()
    status = dialog.ui.statusLabel.text()
    assert status.startswith("The scanner answers (this computer's OPENDESK_CLAMD): ClamAV ")

    type_into(qtbot, dialog.ui.scan_address, "scanner")
    dialog.save()
    assert "host:port" in dialog.problems.current["scan_address"]
    type_into(qtbot, dialog.ui.scan_address, clamd_support.dead_address())
    dialog.test()
    assert "does not answer (connection refused)" in dialog.ui.statusLabel.text()
    assert dialog.state is not None and not dialog.state.answering
    dialog.ui.policy_accept.setChecked(True)
    dialog.resize(1280 // 2, 720 // 2)
    screenshot(qtbot, dialog, "attachments_scanner_down")

    type_into(qtbot, dialog.ui.scan_address, clamd.tcp_address)
    dialog.test()
    assert dialog.ui.statusLabel.text().startswith("The scanner answers: ClamAV ")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    with ctx.db.readonly_session() as s:
        assert prefs.get(s, prefs.SCAN_ADDRESS) == clamd.tcp_address
        assert prefs.get(s, prefs.SCAN_POLICY) == "accept"
        saved = s.execute(
            select(AuditEntry.detail).where(AuditEntry.action == "preferences.save")
        ).scalars()
        assert "scan_address,scan_policy" in list(saved)

    again = AttachmentSettingsDialog(ctx)
    qtbot.addWidget(again)
    assert again.ui.scan_address.text() == clamd.tcp_address
    assert again.ui.policy_accept.isChecked()


def test_setup_menu_has_attachments(qtbot: QtBot, ctx: AppContext) -> None:
    from PySide6.QtWidgets import QMainWindow

    from opendesk.desktop.setup.menu import install_setup_menu

    _admin(ctx)
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_setup_menu(window, ctx)
    action = menu.actions["attachments"]
    assert action.text() == "A&ttachments…" and action.isEnabled()
    dialog = menu.open("attachments")
    assert isinstance(dialog, AttachmentSettingsDialog)
    dialog.close()


def test_status_bar_shows_the_scanner_and_follows_the_setup(
    qtbot: QtBot, provider_ctx: AppContext, practice: DesktopPractice
) -> None:
    from opendesk.desktop.changes import OpChanges
    from opendesk.desktop.mainwindow import MainWindow

    window = MainWindow(provider_ctx, start_background=True)
    qtbot.addWidget(window)
    window.show()
    assert window.scanner_label.text() == "scanner: answering"
    assert window.scanner_label.toolTip().startswith("Attachments are scanned for malware by ")
    with provider_ctx.db.session() as s:
        prefs.set_many(s, {prefs.SCAN_ADDRESS: clamd_support.dead_address()})
        s.commit()
    provider_ctx.changes.changed.emit(OpChanges(preferences=True), None)
    assert window.scanner_label.text() == "scanner: not answering"
    tip = window.scanner_label.toolTip()
    assert "does not answer" in tip and "refused until it answers" in tip
    window.close()


def test_message_window_marks_files_that_were_not_scanned(
    scanner_warnings: None, qtbot: QtBot, provider_ctx: AppContext, practice: DesktopPractice
) -> None:
    """A patient's files stored while the scanner was down (policy: accept) show "not
    scanned" with the reason in the message window and the preview pane; clean ones do not."""
    import uuid

    from opendesk.core.actors import PortalActor
    from opendesk.core.services import portal_messages
    from opendesk.core.services.webmail import NewAttachment
    from opendesk.desktop.inbox.attachments import NOT_SCANNED_TIP
    from opendesk.desktop.inbox.message_window import MessageWindow
    from tests import factories

    with provider_ctx.db.session() as s:
        acct = factories.portal_account(s, s.merge(practice.head))
        actor = PortalActor(acct.id, practice.head.id)
        s.commit()
    note = NewAttachment("note.txt", "text/plain", b"hello\n")
    with provider_ctx.db.session() as s:
        clean_id = portal_messages.compose(
            s, actor, practice.child.id, "Clean", "x", uuid.uuid4().hex, (note,)
        )
        prefs.set_many(
            s, {prefs.SCAN_ADDRESS: clamd_support.dead_address(), prefs.SCAN_POLICY: "accept"}
        )
        s.commit()
    with provider_ctx.db.session() as s:
        unscanned_id = portal_messages.compose(
            s, actor, practice.child.id, "Unscanned", "y", uuid.uuid4().hex, (note,)
        )
    window = MessageWindow.open_window(provider_ctx, unscanned_id)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    row = window.attachments.item(0)
    assert row.text() == "note.txt    (6 bytes) — not scanned"
    assert row.toolTip() == NOT_SCANNED_TIP
    window.resize(1280, 720)
    window.grab().save(str(ARTIFACTS / "message_window_not_scanned.png"))
    window.close()
    clean = MessageWindow.open_window(provider_ctx, clean_id)
    qtbot.waitUntil(lambda: clean.view is not None, timeout=3000)
    assert clean.attachments.item(0).text() == "note.txt    (6 bytes)"
    assert clean.attachments.item(0).toolTip() == ""
    clean.close()
