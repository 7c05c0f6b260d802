"""The compose window and the malware scanner: a file clamd detects is refused at Send with the
detection named, the window keeps everything and nothing is stored; with the scanner down, a
red note under the attachments says what will happen (asked only once there are attachments)."""

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from opendesk.core import preferences as prefs
from opendesk.core.models import Attachment, AuditEntry, WebMailMessage
from opendesk.desktop.context import AppContext
from tests import clamd as clamd_support
from tests.conftest import ARTIFACTS
from tests.desktop.compose_support import (
    PortalServer,
    close_compose_windows,
    open_compose,
    portal_server,
    ready_for_webmail,
    set_prefs,
)
from tests.desktop.conftest import Practice, login

assert portal_server and close_compose_windows  # fixtures


def test_send_with_eicar_is_refused_and_nothing_is_stored(
    scanner_warnings: None,
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    portal_server: PortalServer,
    tmp_path: Path,
    shown_messages: list[tuple[str, str]],
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.head.id)
    window.ui.subject.setText("Your forms")
    window.ui.body.setPlainText("Two forms attached.")
    infected = tmp_path / "forms.txt"
    infected.write_bytes(clamd_support.EICAR)
    window.attachment_list.add_path(infected)
    qtbot.waitUntil(lambda: len(window.checked_attachments()) == 1, timeout=5000)
    assert window.scanner_note.isHidden()  # the scanner answers
    assert window.ui.send_button.isEnabled()
    window.ui.send_button.click()
    qtbot.waitUntil(lambda: any("Eicar" in text for _l, text in shown_messages), timeout=10000)
    text = next(t for _l, t in shown_messages if "Eicar" in t)
    assert "“forms.txt” was refused" in text and "Nothing was sent or saved" in text
    assert window.isVisible() and window.body == "Two forms attached."
    assert len(window.checked_attachments()) == 1
    with ctx.db.readonly_session() as s:
        assert s.execute(select(func.count(WebMailMessage.id))).scalar_one() == 0
        assert s.execute(select(func.count(Attachment.id))).scalar_one() == 0
        refused = s.execute(
            select(AuditEntry.detail).where(AuditEntry.action == "attachment.malware")
        ).scalars()
        assert [d.split()[0] for d in refused] == ["detection=Eicar-Test-Signature.UNOFFICIAL"]


def test_scanner_down_shows_a_note_once_there_are_attachments(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    portal_server: PortalServer,
    tmp_path: Path,
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    set_prefs(ctx, {prefs.SCAN_ADDRESS: clamd_support.dead_address()})
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.head.id)
    assert window.scanner_note.isHidden() and window.scanner_note.state is None  # not asked
    note = tmp_path / "note.txt"
    note.write_text("hello\n", encoding="utf-8")
    window.attachment_list.add_path(note)
    qtbot.waitUntil(lambda: window.scanner_note.isVisible(), timeout=5000)
    text = window.scanner_note.text()
    assert "does not answer" in text and "refused until it answers" in text
    assert "Setup > Attachments" in text
    window.resize(1280, 720)
    window.grab().save(str(ARTIFACTS / "compose_scanner_down.png"))
    window.attachment_list.remove_at(0)
    assert window.scanner_note.isHidden()


def _patient_message(ctx: AppContext, practice: Practice) -> int:
    import uuid

    from opendesk.core.actors import PortalActor
    from opendesk.core.models import PortalAccount
    from opendesk.core.services import portal_messages

    with ctx.db.session() as s:
        acct = s.execute(
            select(PortalAccount.id).where(PortalAccount.patient_id == practice.head.id)
        ).scalar_one()
        return portal_messages.compose(
            s,
            PortalActor(acct, practice.head.id),
            practice.head.id,
            "Forms?",
            "Which forms do I need?",
            uuid.uuid4().hex,
        )


def test_reply_window_attaches_files_and_refuses_malware(
    scanner_warnings: None,
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    portal_server: PortalServer,
    tmp_path: Path,
    shown_messages: list[tuple[str, str]],
) -> None:
    from opendesk.desktop.inbox.message_window import MessageWindow

    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)
    parent_id = _patient_message(ctx, practice)
    window = MessageWindow.open_window(ctx, parent_id)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    attach = window.attachment_list
    assert attach.isHidden()
    infected = tmp_path / "forms.txt"
    infected.write_bytes(clamd_support.EICAR)
    attach.add_path(infected)
    qtbot.waitUntil(lambda: len(attach.attachments()) == 1, timeout=5000)
    assert window.scanner_note.isHidden()  # the scanner answers
    window.reply_edit.setPlainText("The forms are attached.")
    window.send_reply()
    qtbot.waitUntil(lambda: any("Eicar" in t for _l, t in shown_messages), timeout=10000)
    assert window.isVisible() and window.send_button.isEnabled()
    with ctx.db.readonly_session() as s:
        assert s.execute(select(func.count(WebMailMessage.id))).scalar_one() == 1
    attach.remove_at(0)
    form = tmp_path / "Consent form.txt"
    form.write_text("I consent.\n", encoding="utf-8")
    attach.add_path(form)
    qtbot.waitUntil(lambda: len(attach.attachments()) == 1, timeout=5000)
    window.resize(1280, 720)
    window.grab().save(str(ARTIFACTS / "message_window_reply_attach.png"))
    with qtbot.waitSignal(window.replied, timeout=10000) as replied:
        window.send_reply()
    with ctx.db.readonly_session() as s:
        rows = s.execute(
            select(Attachment.display_name, Attachment.scan_status).where(
                Attachment.message_id == replied.args[0].message_id
            )
        ).all()
    assert [tuple(r) for r in rows] == [("Consent form.txt", "clean")]
