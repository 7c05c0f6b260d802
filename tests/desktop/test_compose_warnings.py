"""Each red setup warning of the compose window, produced for real, disables Send and Preview
and says how to fix it; fixing it and clicking Check again clears it. Also: HTML and Qt rich
text in the subject, message and names show literally in every widget of the window and the
preview."""

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import delete

from opendesk.core import preferences as prefs
from opendesk.core.models import Patient, PortalAccount
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.webmail.compose import ComposeWindow
from tests.conftest import ARTIFACTS
from tests.desktop.compose_support import (
    PortalServer,
    close_compose_windows,
    closed_port_url,
    open_compose,
    portal_server,
    ready_for_webmail,
    set_prefs,
    wait_checked,
)
from tests.desktop.conftest import Practice, login

assert portal_server and close_compose_windows  # fixtures


def _fill(window: ComposeWindow) -> None:
    window.ui.subject.setText("Your X-rays")
    window.ui.body.setPlainText("They look fine.")


def _no_email(ctx: AppContext, p: Practice, portal: PortalServer) -> Callable[[], None]:
    with ctx.db.session() as s:
        head = s.get(Patient, p.head.id)
        assert head is not None
        head.email = ""
        s.commit()

    def fix() -> None:
        with ctx.db.session() as s:
            head = s.get(Patient, p.head.id)
            assert head is not None
            head.email = "harold@example.com"
            s.commit()

    return fix


def _no_portal_access(ctx: AppContext, p: Practice, portal: PortalServer) -> Callable[[], None]:
    with ctx.db.session() as s:
        s.execute(delete(PortalAccount))
        s.commit()

    def fix() -> None:
        ready_for_webmail(ctx, p, portal.url)

    return fix


def _empty_subject(ctx: AppContext, p: Practice, portal: PortalServer) -> Callable[[], None]:
    set_prefs(ctx, {prefs.NOTIFY_SUBJECT: "  "})
    return lambda: set_prefs(ctx, {prefs.NOTIFY_SUBJECT: "A message is waiting"})


def _empty_body(ctx: AppContext, p: Practice, portal: PortalServer) -> Callable[[], None]:
    set_prefs(ctx, {prefs.NOTIFY_BODY: ""})
    return lambda: set_prefs(ctx, {prefs.NOTIFY_BODY: "Log in: [URL]"})


def _body_without_url(ctx: AppContext, p: Practice, portal: PortalServer) -> Callable[[], None]:
    set_prefs(ctx, {prefs.NOTIFY_BODY: "Please log in to the portal."})
    return lambda: set_prefs(ctx, {prefs.NOTIFY_BODY: "Please log in: [URL]"})


def _url_missing(ctx: AppContext, p: Practice, portal: PortalServer) -> Callable[[], None]:
    set_prefs(ctx, {prefs.PORTAL_URL: ""})
    return lambda: set_prefs(ctx, {prefs.PORTAL_URL: portal.url})


def _url_not_https(ctx: AppContext, p: Practice, portal: PortalServer) -> Callable[[], None]:
    set_prefs(ctx, {prefs.DEMO_MODE: False})  # http://127.0.0.1 is allowed only in the demo
    return lambda: set_prefs(ctx, {prefs.DEMO_MODE: True})


def _portal_down(ctx: AppContext, p: Practice, portal: PortalServer) -> Callable[[], None]:
    set_prefs(ctx, {prefs.PORTAL_URL: closed_port_url()})
    return lambda: set_prefs(ctx, {prefs.PORTAL_URL: portal.url})


def _no_notify_from(ctx: AppContext, p: Practice, portal: PortalServer) -> Callable[[], None]:
    set_prefs(ctx, {prefs.NOTIFY_FROM: ""})  # after the window opened
    return lambda: set_prefs(ctx, {prefs.NOTIFY_FROM: "notify@example.com"})


PREFIX = "Warning: Notification email send prevented – "
PORTAL_MENU = "Setup > Patient Portal…"
EDIT_PATIENT = "Select Patient > Edit..."
# (make the problem, the words, the menu that fixes it: as the real menus spell it)
CASES = {
    "patient e-mail missing": (
        _no_email,
        "has no e-mail address for the notification",
        EDIT_PATIENT,
    ),
    "no portal access": (_no_portal_access, "has portal access.", "Chart > Portal Access"),
    "notification subject empty": (
        _empty_subject,
        "the notification subject is empty",
        PORTAL_MENU,
    ),
    "notification body empty": (_empty_body, "the notification body is empty", PORTAL_MENU),
    "body without [URL]": (
        _body_without_url,
        "the notification body must contain [URL]",
        PORTAL_MENU,
    ),
    "portal URL missing": (_url_missing, "the patient portal URL is not set", PORTAL_MENU),
    "portal URL not https": (_url_not_https, "must start with https://", PORTAL_MENU),
    "portal not answering": (
        _portal_down,
        "the patient portal server does not answer at",
        PORTAL_MENU,
    ),
    "no notification From": (
        _no_notify_from,
        "no notification From address is set",
        "Setup > General Email Settings…",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_setup_warning_disables_send_and_preview(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer, case: str
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.child.id)
    _fill(window)
    assert window.problems == [] and window.ui.send_button.isEnabled()
    assert not window.ui.problems_box.isVisible()

    make_problem, expected, menu = CASES[case]
    fix = make_problem(ctx, practice, portal_server)
    window.ui.recheck_button.click()
    wait_checked(qtbot, window)
    assert any(expected in p and menu in p for p in window.problems), window.problems
    # Open Dental's prefix on every red warning, and the menu spelled as the menu spells it
    assert all(p.startswith(PREFIX) for p in window.problems), window.problems
    assert not any("Setup > E-mail" in p for p in window.problems)
    assert window.ui.problems_box.isVisible()
    labels = window.ui.problems_box.findChildren(QLabel, "setup_problem")
    assert [label.text() for label in labels] == window.problems
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert all("#b00020" in label.styleSheet() for label in labels)
    assert not window.ui.send_button.isEnabled()
    assert not window.ui.preview_button.isEnabled()
    assert "Fix the setup problems" in window.ui.send_button.toolTip()
    assert window.ui.notify_line.text().startswith("Send and Preview are off")
    if case == "patient e-mail missing":
        qtbot.wait(50)
        assert window.grab().save(str(ARTIFACTS / "compose_problems.png"))

    fix()
    window.ui.recheck_button.click()
    wait_checked(qtbot, window)
    assert window.problems == []
    assert window.ui.send_button.isEnabled() and window.ui.preview_button.isEnabled()
    assert window.ui.notify_line.text().startswith("Notification e-mail will be sent to: ")


def test_regarding_outside_the_recipients_scope(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    """The family scope is turned off while the window is open: Tom is no longer within what
    Harold's portal account may see. The window hears the preference change by itself."""
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.child.id)
    _fill(window)
    assert window.ui.send_button.isEnabled()
    set_prefs(ctx, {prefs.PORTAL_FAMILY_SCOPE: False})
    ctx.changes.publish(OpChanges(preferences=True), None)
    wait_checked(qtbot, window)
    assert window.problems[0] == (
        "Warning: Notification email send prevented – the recipient cannot see this "
        "patient's information. Choose another Regarding patient."
    )
    assert not window.ui.send_button.isEnabled()
    # Harold himself is still in his own scope
    window.ui.regarding.setCurrentIndex(window.ui.regarding.findText("Brighton, Harold"))
    wait_checked(qtbot, window)
    assert window.problems == [] and window.ui.send_button.isEnabled()


HTML_SUBJECT = "<b>Bold</b> &amp; <a href='http://evil.example'>link</a>"
HTML_BODY = "<h1>Big</h1>\n<img src=x onerror=alert(1)>\n<script>alert(2)</script> &lt;"


def _texts(widget: QWidget) -> list[str]:
    """Every text a widget shows (labels, line edits, plain text edits, combo boxes)."""
    found: list[str] = []
    for label in widget.findChildren(QLabel):
        found.append(label.text())
    for edit in widget.findChildren(QLineEdit):
        found.append(edit.text())
    for plain in widget.findChildren(QPlainTextEdit):
        found.append(plain.toPlainText())
    for combo in widget.findChildren(QComboBox):
        found += [combo.itemText(i) for i in range(combo.count())]
    return found


def test_html_and_rich_text_show_literally(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    with ctx.db.session() as s:
        child = s.get(Patient, practice.child.id)
        assert child is not None
        child.first_name = "<i>Tom</i>"
        s.commit()
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.child.id)
    window.ui.subject.setText(HTML_SUBJECT)
    window.ui.body.setPlainText(HTML_BODY)
    assert window.ui.subject.text() == HTML_SUBJECT
    assert window.ui.body.toPlainText() == HTML_BODY
    assert "Brighton, <i>Tom</i>" in _texts(window)
    title_labels = [label for label in window.findChildren(QLabel) if "<i>Tom</i>" in label.text()]
    assert title_labels and all(
        label.textFormat() == Qt.TextFormat.PlainText for label in title_labels
    )
    qtbot.wait(50)
    assert window.grab().save(str(ARTIFACTS / "compose_html.png"))

    window.ui.preview_button.click()
    preview = window.preview_dialog
    assert preview is not None
    shown = _texts(preview)
    assert HTML_SUBJECT in shown and HTML_BODY in shown and "Brighton, <i>Tom</i>" in shown
    for label in preview.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert HTML_BODY in preview.document().toPlainText()
    assert preview.document().toHtml().count("<h1>") == 0  # escaped, not markup
