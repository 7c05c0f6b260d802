"""Markup injection: subjects, bodies, patient names and attachment file names holding HTML,
<script>, event handlers, javascript: URLs and Qt rich text are inert and shown literally.

Chromium (Debian's, through Playwright): a `window.__pwned` trap, dialog and console
listeners; the DOM must hold no element the payloads would create, and the visible text must
hold the payloads literally — on the inbox, the message page and the compose page, and in the
Content-Disposition of the download. Qt: every QLabel of every desktop view that shows one of
the payloads uses plain text (rich text would render <b> and fetch <img src>).
"""

from typing import TYPE_CHECKING

from playwright.sync_api import Browser
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from opendesk.core.db import Database
from opendesk.core.models import Patient
from opendesk.core.services.webmail import NewAttachment
from opendesk.portal.app import create_app
from opendesk.portal.routes.messages import content_disposition
from tests.browser.portal_pages import log_in
from tests.browser.test_portal_browser import chromium as chromium
from tests.conftest import ARTIFACTS
from tests.desktop.conftest import ctx  # noqa: F401 - the desktop's application context
from tests.portal.conftest import config, send
from tests.portal.live import serve
from tests.security.conftest import make_families

if TYPE_CHECKING:
    from opendesk.desktop.context import AppContext

SUBJECT = '<img src=x onerror="window.__pwned=1">Plan <b>B</b>'
BODY = (
    "<script>window.__pwned=2</script>\n"
    '<a href="javascript:window.__pwned=3">click me</a>\n'
    "<svg onload=window.__pwned=4></svg> <iframe src=javascript:alert(5)></iframe>\n"
    '<b>bold?</b> <img src="https://evil.example/x.png"> <a href="https://evil.example">qt</a>'
)
FIRST = "<b>Timmy</b>"
LAST = "<img src=x onerror=window.__pwned=6>"
FILE = "x' onmouseover='window.__pwned=7' &lt;b&gt; javascript=alert(8).png"
TRAP = "window.__pwned = undefined; window.alert = () => { window.__pwned = 'alert'; };"


def test_markup_is_inert_in_chromium(db: Database, chromium: Browser) -> None:
    fam = make_families(db)
    with db.session() as s:
        s.execute(
            update(Patient)
            .where(Patient.id == fam.patient_ids["tim"])
            .values(first_name=FIRST, last_name=LAST)
        )
        s.commit()
    mid = send(
        db,
        fam.doctor,
        fam.patient_ids["tim"],
        fam.provider_id,
        SUBJECT,
        BODY,
        (NewAttachment(FILE, "text/html", b"<script>window.__pwned=9</script>"),),
    )
    events: list[str] = []
    with serve(create_app(config(), db)) as url:
        context = chromium.new_context(accept_downloads=True)
        context.add_init_script(TRAP)
        page = context.new_page()
        page.on("dialog", lambda d: (events.append(f"dialog {d.message}"), d.dismiss()))
        page.on("console", lambda m: events.append(f"console {m.type} {m.text}"))
        page.on("pageerror", lambda e: events.append(f"pageerror {e}"))
        page.on("request", lambda r: events.append(f"request {r.url}") if "evil" in r.url else None)
        log_in(page, url)
        page.wait_for_url(f"{url}/inbox")

        def inert(where: str) -> None:
            assert page.evaluate("window.__pwned") is None, where
            assert page.locator("main script, main img, main svg, main iframe, main b").count() == 0
            assert page.locator("a[href^='javascript']").count() == 0
            assert page.locator("[onerror], [onload], [onmouseover]").count() == 0

        inert("inbox")
        text = page.inner_text("main")
        assert SUBJECT in text and f"{FIRST} {LAST}" in text  # the portal says "First Last"
        page.screenshot(path=str(ARTIFACTS / "security_markup_inbox.png"), full_page=True)
        page.goto(f"{url}/messages/{mid}")
        inert("message")
        text = page.inner_text("main")
        for shown in (SUBJECT, "<script>window.__pwned=2</script>", LAST, FIRST):
            assert shown in text
        assert "javascript:window.__pwned=3" in text and FILE in text
        page.hover("a.attachment")
        inert("message after hover")
        page.screenshot(path=str(ARTIFACTS / "security_markup_message.png"), full_page=True)
        with page.expect_download() as download:
            page.click("a.attachment")
        d = download.value
        assert d.suggested_filename.endswith(".png") and "/" not in d.suggested_filename
        response = context.request.get(f"{url}/attachments/{fam.items[2].attachment_id}")
        assert response.status == 200
        page.goto(f"{url}/compose?about={fam.patient_ids['tim']}")
        inert("compose")
        assert f"{FIRST} {LAST}" in page.inner_text("main")
        page.fill("#subject", SUBJECT)
        page.fill("#body", BODY)
        page.click("button.primary")
        inert("after sending markup")
        assert "<script>window.__pwned=2</script>" in page.inner_text("main")
        context.close()
    assert not events, events


def test_download_header_keeps_markup_out() -> None:
    header = content_disposition(FILE)
    assert header.startswith("attachment;")
    assert "<" not in header and "\n" not in header and header.count('"') == 2
    evil = content_disposition('a"; filename="evil.html\r\nX-Injected: 1<script>.pdf')
    assert "\r" not in evil and "\n" not in evil and 'evil.html"' not in evil
    assert evil.count('"') == 2


def _labels_showing(root: QWidget, payloads: tuple[str, ...]) -> list[QLabel]:
    return [w for w in root.findChildren(QLabel) if any(p in w.text() for p in payloads)]


def test_qt_views_show_markup_literally(qtbot: QtBot, db: Database, ctx: "AppContext") -> None:  # noqa: F811
    """The whole desktop client on a patient and messages full of markup: every label in the
    main window (Chart with its WebMail and Portal Access pages, Manage with the Email Inbox
    and its preview) and in the message window that shows a payload is plain text, and the
    message bodies are shown as typed."""
    from opendesk.core.actors import PortalActor
    from opendesk.core.services import portal_messages
    from opendesk.desktop.inbox.page import EmailInboxPage
    from opendesk.desktop.mainwindow import MainWindow
    from tests.desktop.conftest import login

    fam = make_families(db)
    with db.session() as s:
        s.execute(
            update(Patient)
            .where(Patient.id == fam.patient_ids["tim"])
            .values(first_name=FIRST, last_name=LAST)
        )
        s.commit()
        received = portal_messages.compose(
            s,
            PortalActor(fam.account_ids["annlee"], fam.patient_ids["ann"]),
            fam.patient_ids["tim"],
            SUBJECT,
            BODY,
            "markup-1",
        )
    login(ctx, "dmolar")
    ctx.select_patient(fam.patient_ids["tim"])
    window = MainWindow(ctx, start_background=False)
    qtbot.addWidget(window)
    window.resize(1400, 800)
    window.show()
    payloads = (FIRST, LAST, SUBJECT, "<script>")
    checked: list[str] = []

    def plain_labels(root: QWidget) -> None:
        for label in _labels_showing(root, payloads):
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
            checked.append(label.objectName() or label.text()[:20])

    for module_key in ("chart", "manage"):  # every page of both modules, as a user would
        module = window.module(module_key)
        assert module is not None
        for page_key in list(module.page_widgets):  # type: ignore[attr-defined]
            assert window.open_page(module_key, page_key)
            plain_labels(window)
    assert window.open_page("manage", "email_inbox")
    manage = window.module("manage")
    assert manage is not None
    page = manage.page_widgets["email_inbox"]  # type: ignore[attr-defined]
    assert isinstance(page, EmailInboxPage)
    qtbot.waitUntil(lambda: page.model.complete, timeout=5000)
    row = page.model.row_of_id(received)
    assert row is not None
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.preview.view is not None, timeout=5000)
    assert page.preview.body.toPlainText() == BODY
    plain_labels(window)
    message = page.open_message(received)
    qtbot.waitUntil(lambda: message.view is not None, timeout=5000)
    assert message.body.toPlainText() == BODY
    plain_labels(message)
    message.grab().save(str(ARTIFACTS / "security_markup_message_window.png"))
    message.close()
    assert len(checked) >= 3, checked
    window.grab().save(str(ARTIFACTS / "security_markup_desktop.png"))
