"""The closed loop for a patient in headless Chromium: choosing the reason, the expected-reply
line, the urgent-words page (both buttons, with JavaScript switched off: it is all forms) and
the after-hours reply, with the server's clock set by the test. Screenshots go to
artifacts/portal_loop_*.png; any console error fails the test."""

from collections.abc import Iterator
from datetime import datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from sqlalchemy import select

from opendesk.core import clock
from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import WebMailMessage
from opendesk.core.services import reasons_setup
from opendesk.portal.app import create_app
from tests.browser.portal_pages import log_in
from tests.browser.test_portal_browser import chromium as chromium
from tests.browser.test_portal_browser import shot
from tests.portal.conftest import Practice, config
from tests.portal.conftest import practice as practice
from tests.portal.live import serve

MONDAY_10 = datetime(2026, 11, 30, 15, 0)  # 10:00 in New York: open
MONDAY_19 = datetime(2026, 12, 1, 0, 0)  # 19:00 in New York: closed


@pytest.fixture
def loop_practice(db: Database, practice: Practice) -> Practice:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.PRACTICE_TIME_ZONE: "America/New_York",
                prefs.EMERGENCY_PHONE: "(555) 010-9111",
                prefs.AFTER_HOURS_REPLY: prefs.AFTER_HOURS_REPLY.default,
            },
        )
        reasons_setup.ensure_default_reasons(s)
        s.commit()
    return practice


@pytest.fixture
def site(db: Database, loop_practice: Practice, chromium: Browser) -> Iterator[tuple[str, Page]]:
    with serve(create_app(config(), db)) as url:
        context: BrowserContext = chromium.new_context(
            java_script_enabled=False, viewport={"width": 1100, "height": 800}
        )
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        log_in(page, url, loop_practice.head_user)
        page.wait_for_url(f"{url}/inbox")
        yield url, page
        context.close()
        assert problems == []


def fill_message(page: Page, url: str, reason: str, body: str) -> None:
    page.goto(f"{url}/compose")
    page.get_by_label("Reason").select_option(label=reason)
    page.get_by_label("Subject").fill("My tooth")
    page.get_by_label("Message", exact=True).fill(body)


def stored(db: Database) -> list[WebMailMessage]:
    with db.readonly_session() as s:
        return list(s.execute(select(WebMailMessage).order_by(WebMailMessage.id)).scalars())


def test_reason_choice_and_expected_reply_line(db: Database, site: tuple[str, Page]) -> None:
    url, page = site
    with clock.frozen(MONDAY_10):
        page.goto(f"{url}/compose")
        options = page.get_by_label("Reason").locator("option").all_inner_texts()
        assert options == [
            "Choose…",
            "Appointment",
            "Billing",
            "Question for my provider",
            "Prescription",
            "Other",
        ]
        shot(page, "loop_compose")
        fill_message(page, url, "Billing", "Why did I get two invoices?")
        page.get_by_role("button", name="Send message").click()
        page.wait_for_url(lambda u: "/messages/" in u)
        line = page.locator("#expectation").inner_text()
    assert line == (
        "The office usually answers within 1 business day — expect a reply by Tue 9:00 AM."
    )
    shot(page, "loop_expected_reply")
    (msg,) = stored(db)
    assert msg.reason_id is not None and not msg.is_urgent


def test_urgent_page_call_the_office_keeps_the_text_then_send_anyway(
    db: Database, site: tuple[str, Page]
) -> None:
    url, page = site
    text = "My cheek has a swelling\nand I have a fever since <Monday> & it hurts."
    with clock.frozen(MONDAY_10):
        fill_message(page, url, "Other", text)
        page.get_by_role("button", name="Send message").click()
        page.get_by_role("heading", name="Is this urgent?").wait_for()
        assert "(555) 010-9111" in page.locator("#emergency-instructions").inner_text()
        shot(page, "loop_urgent")
        assert stored(db) == []

        page.get_by_role("button", name="Call the office").click()
        page.get_by_role("link", name="(555) 010-9111").wait_for()
        assert page.get_by_label("Message", exact=True).input_value() == text
        assert page.get_by_label("Subject").input_value() == "My tooth"
        shot(page, "loop_call_office")
        assert stored(db) == []

        page.get_by_role("button", name="Send message").click()
        page.get_by_role("button", name="Send anyway").click()
        page.wait_for_url(lambda u: "/messages/" in u)
    assert page.get_by_role("status").inner_text() == "Your message is sent."
    (msg,) = stored(db)
    assert msg.is_urgent and msg.body.replace("\r\n", "\n") == text


def test_after_hours_reply_appears_in_the_thread(db: Database, site: tuple[str, Page]) -> None:
    url, page = site
    with clock.frozen(MONDAY_19):
        fill_message(page, url, "Appointment", "Can I come on Thursday instead?")
        page.get_by_role("button", name="Send message").click()
        page.wait_for_url(lambda u: "/messages/" in u)
        bubbles = page.locator(".bubble")
        assert bubbles.count() == 2
        auto = bubbles.nth(1).inner_text()
    assert "Automatic reply from the office" in auto
    assert "opens Tue 8:00 AM" in auto and "(555) 010-9111" in auto
    shot(page, "loop_after_hours")
    assert [m.is_auto_reply for m in stored(db)] == [False, True]
