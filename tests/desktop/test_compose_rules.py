"""Issue 15 in the compose window and the Chart tab, through the real window: a front-desk user
sends with the provider's password (Open Dental's prompt, again after a wrong one); Regarding
lists the family and never moves the recipient; the red out-of-scope warning turns Send and
Preview off; From follows Regarding until [...] is used; the Chart list of a user who may not
read shows "(secure message)". And from issue 16: Esc with typed text asks Save Draft /
Discard / Cancel; a reopened draft shows one attachment list."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core import preferences as prefs
from opendesk.core.enums import MessageStatus
from opendesk.core.models import AuditEntry, Patient, User, WebMailMessage
from opendesk.core.practice import DEFAULT_GROUPS, FRONT_DESK
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.chart_page import ChartWebMailPage
from opendesk.desktop.webmail.compose import ComposeWindow
from opendesk.desktop.webmail.launcher import ComposeLauncher
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

PREFIX = "Warning: Notification email send prevented – "


def _front_desk_user(ctx: AppContext) -> str:
    """A user in the practice's default Front desk group (WebMailSend since issue 15)."""
    with ctx.db.session() as s:
        group = factories.group(s, "Reception", *DEFAULT_GROUPS[FRONT_DESK])
        factories.user(s, "reception", groups=[group])
        s.commit()
    return "reception"


def _messages(ctx: AppContext) -> list[WebMailMessage]:
    with ctx.db.readonly_session() as s:
        rows = list(s.execute(select(WebMailMessage).order_by(WebMailMessage.id)).scalars())
        s.expunge_all()
        return rows


def _valid(widget: object) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


def test_front_desk_sends_with_the_providers_password(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, _front_desk_user(ctx))
    window = open_compose(qtbot, ctx, practice.child.id)
    window.ui.subject.setText("Tom's retainer")
    window.ui.body.setPlainText("The retainer is ready.")
    assert window.ui.send_button.isEnabled()  # the password stops a non-provider, not Send
    assert "password of a user associated to Kim Albright" in window.send_note.text()
    window.resize(1280, 720)
    qtbot.wait(50)
    assert window.grab().save(str(ARTIFACTS / "compose_front_desk_1280x720.png"))
    seen: list[str] = []
    answer_password_later(["not-it", factories.PASSWORD], seen)
    with qtbot.waitSignal(window.sent, timeout=10000):
        window.ui.send_button.click()
    prompt = "Input a password for a User that is associated to provider: Kim Albright, DDS"
    assert seen[0] == prompt
    assert seen[1].startswith("That is not the password") and seen[1].endswith(prompt)
    [msg] = _messages(ctx)
    assert msg.status == MessageStatus.WEBMAIL_SENT and msg.provider_id == practice.kim.id
    with ctx.db.readonly_session() as s:
        kim_user = s.execute(select(User).where(User.username == "kalbright")).scalar_one()
        send_row = s.execute(
            select(AuditEntry).where(AuditEntry.action == "webmail.send")
        ).scalar_one()
        assert f"authorised_by_user={kim_user.id} (kalbright)" in send_row.detail


def test_regarding_never_moves_the_recipient_and_warns_out_of_scope(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    with ctx.db.session() as s:  # Alice has her own account: before, Regarding Alice sent there
        factories.portal_account(s, s.get(Patient, practice.spouse.id))  # type: ignore[arg-type]
        s.commit()
    set_prefs(ctx, {prefs.PORTAL_FAMILY_SCOPE: False})
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.spouse.id)  # Alice's own account
    names = [window.ui.regarding.itemText(i) for i in range(window.ui.regarding.count())]
    assert names == ["Brighton, Harold", "Brighton, Alice", "Brighton, Tom"]  # the family
    window.ui.subject.setText("Results")
    window.ui.body.setPlainText("All fine.")
    assert window.problems == [] and window.ui.send_button.isEnabled()

    window.ui.regarding.setCurrentIndex(window.ui.regarding.findText("Brighton, Tom"))
    wait_checked(qtbot, window)
    assert window.problems[0].startswith(
        PREFIX + "the recipient cannot see this patient's information"
    )
    assert not window.ui.send_button.isEnabled() and not window.ui.preview_button.isEnabled()
    assert window.ui.recipient.text().startswith("Brighton, Alice")
    qtbot.wait(50)
    assert window.grab().save(str(ARTIFACTS / "compose_out_of_scope.png"))

    set_prefs(ctx, {prefs.PORTAL_FAMILY_SCOPE: True})
    window.ui.regarding.setCurrentIndex(window.ui.regarding.findText("Brighton, Harold"))
    wait_checked(qtbot, window)
    assert window.problems[0].startswith(PREFIX + "the recipient cannot see")  # Alice ≠ guarantor
    window.ui.regarding.setCurrentIndex(window.ui.regarding.findText("Brighton, Alice"))
    wait_checked(qtbot, window)
    with qtbot.waitSignal(window.sent, timeout=10000):
        window.ui.send_button.click()
    [msg] = _messages(ctx)
    assert (msg.patient_id, msg.regarding_patient_id) == (practice.spouse.id, practice.spouse.id)


def test_from_follows_regarding_until_picked(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    with ctx.db.session() as s:
        spouse = s.get(Patient, practice.spouse.id)
        child = s.get(Patient, practice.child.id)
        assert spouse is not None and child is not None
        spouse.primary_provider_id = practice.marcus.id
        child.primary_provider_id = practice.nouser.id  # Nora Nash: nobody is linked to her
        s.commit()
    login(ctx, practice.provider_user)  # kalbright, linked to Kim
    window = open_compose(qtbot, ctx, practice.head.id)
    assert window.ui.provider.text() == "KA - Kim Albright, DDS"
    window.ui.regarding.setCurrentIndex(window.ui.regarding.findText("Brighton, Alice"))
    wait_checked(qtbot, window)
    assert window.ui.provider.text() == "MB - Marcus Bell"  # Alice's primary provider
    window.ui.regarding.setCurrentIndex(window.ui.regarding.findText("Brighton, Tom"))
    wait_checked(qtbot, window)
    # Nora has no linked user: the user's own provider, with a note saying why
    assert window.ui.provider.text() == "KA - Kim Albright, DDS"
    assert "primary provider, Nora Nash" in window.send_note.text()
    assert window.problems == []

    pick_provider_later("MB")
    window.ui.provider_button.click()
    wait_checked(qtbot, window)
    window.ui.regarding.setCurrentIndex(window.ui.regarding.findText("Brighton, Harold"))
    wait_checked(qtbot, window)
    assert window.ui.provider.text() == "MB - Marcus Bell"  # picked: no longer follows

    # the front desk (no provider of their own) and Tom: empty From and a red warning
    login(ctx, _front_desk_user(ctx))
    desk_window = open_compose(qtbot, ctx, practice.child.id)
    assert desk_window.ui.provider.text() == ""
    assert desk_window.problems[0].startswith(PREFIX + "no From provider")
    assert "Setup > Users…" in desk_window.problems[0]
    assert not desk_window.ui.send_button.isEnabled()


def test_esc_with_typed_text_asks_and_without_closes(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.head.id)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _valid(window) or not window.isVisible(), timeout=3000)

    window = open_compose(qtbot, ctx, practice.head.id)
    qtbot.keyClicks(window.ui.body, "Please call us")
    qtbot.keyClick(window.ui.body, Qt.Key.Key_Escape)
    assert window.isVisible()  # Esc did not throw the text away
    box = window.close_question
    assert box.isVisible()
    assert box.button(QMessageBox.StandardButton.Save).text() == "Save Draft"
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible() and window.ui.body.toPlainText() == "Please call us"
    window.ui.subject.setText("Call us")
    qtbot.keyClick(window.ui.subject, Qt.Key.Key_Escape)
    with qtbot.waitSignal(window.draftSaved, timeout=5000):
        window.close_question.button(QMessageBox.StandardButton.Save).click()
    [draft] = _messages(ctx)
    assert draft.status == MessageStatus.UNSENT and draft.body == "Please call us"


def test_a_reopened_draft_shows_one_attachment_list(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    portal_server: PortalServer,
    tmp_path: Path,
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)
    launcher = ComposeLauncher(ctx)
    window = open_compose(qtbot, ctx, practice.child.id, launcher)
    window.ui.subject.setText("Forms")
    window.ui.body.setPlainText("Attached.")
    note = tmp_path / "form.txt"
    note.write_text("Fill me in.\n", encoding="utf-8")
    window.attachment_list.add_path(note)
    qtbot.waitUntil(lambda: len(window.checked_attachments()) == 1, timeout=5000)
    with qtbot.waitSignal(window.draftSaved) as saved:
        window.ui.save_draft_button.click()
    opened: list[ComposeWindow] = []
    launcher.opened.connect(opened.append)
    ctx.draftRequested.emit(saved.args[0])
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    again = opened[0]
    wait_checked(qtbot, again)
    qtbot.waitExposed(again)
    assert again.kept_list.isVisible() and again.kept_list.count() == 1
    assert not again.attachment_list.isVisible()  # no second list saying "No attachments."
    assert again.ui.regarding.currentText() == "Brighton, Tom"
    assert again.ui.recipient.text().startswith("Brighton, Harold")
    qtbot.wait(50)
    assert again.grab().save(str(ARTIFACTS / "compose_draft_one_list.png"))


def test_chart_list_hides_the_subject_from_a_user_who_may_not_read(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.child.id)
    window.ui.subject.setText("Biopsy result")
    window.ui.body.setPlainText("Benign.")
    with qtbot.waitSignal(window.sent, timeout=10000):
        window.ui.send_button.click()
    login(ctx, practice.readonly_user)  # a group with no permissions, no provider
    page = ChartWebMailPage(ctx)
    qtbot.addWidget(page)
    # the guarantor: the mail of his account
    ctx.select_patient(practice.head.id, then=page.patient_changed)
    qtbot.waitUntil(lambda: len(page.model.ids) == 1, timeout=3000)
    model = page.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (3, 5)] == [
        "Subject",
        "Patient is",
    ]
    assert model.data(model.index(0, 3)) == "(secure message)"
    assert model.data(model.index(0, 1)) == "Sent"
    assert model.data(model.index(0, 2)) == "KA"
    assert model.data(model.index(0, 5)) == "Account holder"
