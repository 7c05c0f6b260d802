"""A patient in headless Chromium (Debian's, driven by Playwright): log in, read a message,
download its attachment, reply, log out. Screenshots go to artifacts/portal_*.png; any console
error (a CSP violation included) fails the test."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from sqlalchemy import select

from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import WebMailMessage
from opendesk.core.services.webmail import NewAttachment
from opendesk.portal.app import create_app
from tests.conftest import ARTIFACTS
from tests.portal.conftest import PASSWORD, Practice, config, send
from tests.portal.conftest import practice as practice
from tests.portal.live import serve

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PDF = NewAttachment("Treatment plan.pdf", "application/pdf", b"%PDF-1.4\n% treatment plan\n")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"portal_{name}.png"), full_page=True)


def test_patient_reads_downloads_replies_and_logs_out(
    db: Database, practice: Practice, chromium: Browser, tmp_path: Path
) -> None:
    send(db, practice.doc_a, practice.head, practice.prov_a, "Cleaning on 4 March", "See you!")
    message_id = send(
        db,
        practice.doc_a,
        practice.child,
        practice.prov_a,
        "Tim's treatment plan",
        "Hello Ann,\n\nAttached is Tim's treatment plan: two sealants on the molars.\n"
        "Reply here with any questions.\n\nDr. Prov",
        (PDF,),
    )
    problems: list[str] = []
    with serve(create_app(config(), db)) as url:
        context = chromium.new_context(
            accept_downloads=True, viewport={"width": 1100, "height": 800}
        )
        page = context.new_page()

        def on_console(msg: ConsoleMessage) -> None:
            expected = "status of 401" in msg.text  # the wrong password, on purpose
            if msg.type in ("error", "warning") and not expected:
                problems.append(f"{msg.type}: {msg.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))

        page.goto(f"{url}/inbox")
        assert page.url == f"{url}/login"
        assert "Maple Street Dental" in page.title()
        shot(page, "login")
        page.get_by_label("User name").fill("annlee")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Log in").click()
        assert page.get_by_role("alert").is_visible()
        shot(page, "login_failed")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{url}/inbox")
        assert page.locator(".message-row.unread").count() == 2
        shot(page, "inbox")

        page.get_by_role("link", name="Tim's treatment plan").click()
        page.wait_for_url(f"{url}/messages/{message_id}")
        assert page.locator(".body").first.inner_text().startswith("Hello Ann,")
        shot(page, "message")
        with page.expect_download() as info:
            page.get_by_role("link", name="Treatment plan.pdf").click()
        download = info.value
        assert download.suggested_filename == "Treatment plan.pdf"
        saved = tmp_path / "plan.pdf"
        download.save_as(saved)
        assert saved.read_bytes() == PDF.data

        page.get_by_label("Your reply").fill("Thank you! Does Tim need to fast before?")
        page.get_by_role("button", name="Send reply").click()
        page.wait_for_url(lambda u: u != f"{url}/messages/{message_id}")
        assert page.get_by_role("status").inner_text() == "Your reply is sent."
        assert page.locator(".bubble").count() == 2
        shot(page, "replied")

        page.goto(f"{url}/compose")
        shot(page, "compose")
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{url}/inbox")
        shot(page, "inbox_mobile")
        page.set_viewport_size({"width": 1100, "height": 800})

        page.get_by_role("button", name="Log out").click()
        page.wait_for_url(f"{url}/login")
        assert "You have logged out" in page.content()
        shot(page, "logged_out")
        page.goto(f"{url}/messages/{message_id}")
        assert page.url == f"{url}/login"
        context.close()
    assert problems == []
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, message_id)
        assert msg is not None and msg.status == MessageStatus.WEBMAIL_SENT_READ
        reply = s.execute(
            select(WebMailMessage).where(WebMailMessage.parent_id == message_id)
        ).scalar_one()
        assert reply.status == MessageStatus.WEBMAIL_RECEIVED
        assert reply.provider_id == practice.prov_a
