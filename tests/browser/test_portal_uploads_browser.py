"""A patient attaches files in headless Chromium: a refused file (EICAR, found by the real clamd)
shows the detection on the page with the typed text kept and nothing stored; then a photo and a
PDF go with a new message and appear in the thread. Screenshots: artifacts/portal_upload_*.png.
Any console error (a CSP violation included) fails the test."""

from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page
from sqlalchemy import func, select

from opendesk.core.db import Database
from opendesk.core.models import Attachment, WebMailMessage
from opendesk.portal.app import create_app
from tests import clamd as clamd_support
from tests.attachments import samples
from tests.browser.portal_pages import log_in
from tests.browser.test_portal_browser import chromium as chromium
from tests.conftest import ARTIFACTS
from tests.portal.conftest import Practice, config
from tests.portal.conftest import practice as practice
from tests.portal.live import serve

TYPED = "The crown on my lower left molar feels loose since Tuesday."


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"portal_upload_{name}.png"), full_page=True)


def test_patient_attaches_files_to_a_new_message(
    scanner_warnings: None, db: Database, practice: Practice, chromium: Browser, tmp_path: Path
) -> None:
    eicar = tmp_path / "notes.txt"
    eicar.write_bytes(clamd_support.EICAR)
    photo = tmp_path / "crown.jpg"
    photo.write_bytes(samples.jpeg(640, 480))
    pdf = tmp_path / "Insurance form.pdf"
    pdf.write_bytes(samples.pdf(2))
    problems: list[str] = []
    with serve(create_app(config(), db)) as url:
        context = chromium.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()

        def on_console(msg: ConsoleMessage) -> None:
            expected = "status of 400" in msg.text  # the refused form, on purpose
            if msg.type in ("error", "warning") and not expected:
                problems.append(f"{msg.type}: {msg.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        log_in(page, url)
        page.wait_for_url(f"{url}/inbox")

        page.goto(f"{url}/compose")
        page.get_by_label("Subject").fill("Loose crown")
        page.get_by_label("Message").fill(TYPED)
        page.get_by_label("Attach files").set_input_files([str(photo), str(eicar)])
        shot(page, "chosen")
        page.get_by_role("button", name="Send message").click()
        alert = page.get_by_role("alert")
        alert.wait_for()
        text = alert.inner_text()
        assert "“notes.txt” was refused" in text and "Eicar-Test-Signature" in text
        assert page.get_by_label("Message").input_value() == TYPED
        assert page.get_by_label("Subject").input_value() == "Loose crown"
        shot(page, "refused")
        with db.readonly_session() as s:
            assert s.execute(select(func.count(WebMailMessage.id))).scalar_one() == 0

        page.get_by_label("Attach files").set_input_files([str(photo), str(pdf)])
        page.get_by_role("button", name="Send message").click()
        page.wait_for_url(lambda u: "/messages/" in u)
        assert page.get_by_role("status").inner_text() == "Your message is sent."
        links = page.locator("a.attachment")
        assert links.all_inner_texts() == ["crown.jpg", "Insurance form.pdf"]
        shot(page, "sent")
        context.close()
    assert problems == []
    with db.readonly_session() as s:
        rows = s.execute(select(Attachment.display_name, Attachment.scan_status)).all()
        assert sorted(tuple(r) for r in rows) == [
            ("Insurance form.pdf", "clean"),
            ("crown.jpg", "clean"),
        ]
