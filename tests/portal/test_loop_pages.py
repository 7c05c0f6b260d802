"""The closed loop in the portal over HTTP: the reason choice, the expected-reply line, the
urgent-words page with its two buttons (no JavaScript involved) and the after-hours reply."""

from datetime import datetime

import pytest
from sqlalchemy import select

from opendesk.core import clock
from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import WebMailMessage
from opendesk.core.services import reasons_setup
from tests.portal.conftest import CSRF_RE, Browser, Practice

MONDAY_10 = datetime(2026, 11, 30, 15, 0)  # 10:00 in New York: open
MONDAY_19 = datetime(2026, 12, 1, 0, 0)  # 19:00 in New York: closed
URGENT = "My face has a swelling since last night and it hurts."


@pytest.fixture
def reasons(db: Database, practice: Practice) -> dict[str, int]:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.PRACTICE_TIME_ZONE: "America/New_York",
                prefs.EMERGENCY_PHONE: "(555) 010-9111",
            },
        )
        reasons_setup.ensure_default_reasons(s)
        s.commit()
        return {r.name: r.id for r in reasons_setup.list_reasons(s)}


def messages(db: Database) -> list[WebMailMessage]:
    with db.readonly_session() as s:
        return list(s.execute(select(WebMailMessage).order_by(WebMailMessage.id)).scalars())


def write(
    browser: Browser, practice: Practice, reason: int | str, body: str, **extra: str
) -> object:
    form = {
        "regarding_patient_id": str(practice.head),
        "reason_id": str(reason),
        "subject": "My crown",
        "body": body,
        "request_id": "req-1",
        **extra,
    }
    return browser.post_form("/compose", form)


def test_the_write_page_offers_the_active_reasons_and_requires_one(
    db: Database, practice: Practice, browser: Browser, reasons: dict[str, int]
) -> None:
    browser.login(practice.head_user)
    page = browser.get("/compose").text
    for name in ("Appointment", "Billing", "Question for my provider", "Prescription", "Other"):
        assert f">{name}</option>" in page
    assert 'name="reason_id" required' in page
    r = write(browser, practice, "", "When is my next visit?")
    assert r.status_code == 400 and "Choose what your message is about." in r.text
    assert "When is my next visit?" in r.text and messages(db) == []


def test_a_sent_message_says_when_to_expect_a_reply(
    db: Database, practice: Practice, browser: Browser, reasons: dict[str, int]
) -> None:
    browser.login(practice.head_user)
    with clock.frozen(MONDAY_10):
        r = write(browser, practice, reasons["Billing"], "Why two invoices?")
        assert r.status_code == 303
        page = browser.get(r.headers["location"]).text
    assert "Your message is sent." in page
    assert (
        "The office usually answers within 1 business day — expect a reply by Tue 9:00 AM." in page
    )
    (msg,) = messages(db)
    assert msg.reason_id == reasons["Billing"] and not msg.is_urgent


def test_urgent_words_show_the_instructions_before_anything_is_stored(
    db: Database, practice: Practice, browser: Browser, reasons: dict[str, int]
) -> None:
    browser.login(practice.head_user)
    with clock.frozen(MONDAY_10):
        r = write(browser, practice, reasons["Other"], URGENT)
    assert r.status_code == 200 and "Is this urgent?" in r.text
    assert "<strong>swelling</strong>" in r.text and "(555) 010-9111" in r.text
    assert 'name="urgent_choice" value="call"' in r.text
    assert 'name="urgent_choice" value="send"' in r.text
    assert CSRF_RE.search(r.text) and URGENT in r.text  # the text rides along in the form
    assert messages(db) == []

    # "Call the office": the Write page again, the draft kept, the phone shown, nothing sent.
    r = write(browser, practice, reasons["Other"], URGENT, urgent_choice="call")
    assert r.status_code == 200 and 'href="tel:(555) 010-9111"' in r.text
    assert f">{URGENT}</textarea>" in r.text and 'value="My crown"' in r.text
    assert messages(db) == []

    # "Send anyway": stored, flagged urgent for the staff.
    with clock.frozen(MONDAY_10):
        r = write(browser, practice, reasons["Other"], URGENT, urgent_choice="send")
    assert r.status_code == 303
    (msg,) = messages(db)
    assert msg.is_urgent and msg.body == URGENT and msg.reason_id == reasons["Other"]


def test_a_reply_with_an_urgent_word_gets_the_same_page(
    db: Database, practice: Practice, browser: Browser, reasons: dict[str, int]
) -> None:
    browser.login(practice.head_user)
    with clock.frozen(MONDAY_10):
        first = write(browser, practice, reasons["Other"], "Hello")
    parent = int(first.headers["location"].rsplit("/", 1)[1])
    reply = {"body": "Now I have a fever.", "request_id": "req-2"}
    r = browser.post_form(f"/messages/{parent}/reply", reply, f"/messages/{parent}")
    assert r.status_code == 200 and "<strong>fever</strong>" in r.text
    assert f'action="/messages/{parent}/reply"' in r.text
    r = browser.post_form(
        f"/messages/{parent}/reply", {**reply, "urgent_choice": "call"}, f"/messages/{parent}"
    )
    assert "Call the office" in r.text and ">Now I have a fever.</textarea>" in r.text
    with clock.frozen(MONDAY_10):
        r = browser.post_form(
            f"/messages/{parent}/reply", {**reply, "urgent_choice": "send"}, f"/messages/{parent}"
        )
    assert r.status_code == 303
    assert [m.is_urgent for m in messages(db)] == [False, True]


def test_after_hours_the_thread_shows_the_automatic_reply(
    db: Database, practice: Practice, browser: Browser, reasons: dict[str, int]
) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.AFTER_HOURS_REPLY: prefs.AFTER_HOURS_REPLY.default})
        s.commit()
    browser.login(practice.head_user)
    with clock.frozen(MONDAY_19):
        r = write(browser, practice, reasons["Appointment"], "Can I move my visit?")
        page = browser.get(r.headers["location"]).text
    assert "Automatic reply from the office" in page
    assert "The office is closed now and opens Tue 8:00 AM" in page
    assert "call (555) 010-9111" in page
    assert "expect a reply by Tue 4:00 PM" in page
    assert [m.is_auto_reply for m in messages(db)] == [False, True]


def test_without_reasons_the_write_page_asks_none(
    db: Database, practice: Practice, browser: Browser
) -> None:
    browser.login(practice.head_user)
    assert 'name="reason_id"' not in browser.get("/compose").text
    r = write(browser, practice, "", "When is my next visit?")
    assert r.status_code == 303
