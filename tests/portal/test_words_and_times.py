"""Words and times in the portal: the one date/time format of core.timefmt in the practice's
time zone (never "UTC"), names as patients say them ("First Last"), and a footer that says
"encrypted in transit" only when the page came over HTTPS."""

from collections.abc import Callable
from datetime import datetime

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import WebMailMessage
from tests.portal.conftest import Browser, Practice, send

SENT_UTC = datetime(2026, 11, 30, 13, 36)  # 6:36 AM in Denver, 10:36 PM in Tokyo
ENCRYPTED = "encrypted in transit"


def _message_at(db: Database, practice: Practice, zone: str) -> int:
    message_id = send(db, practice.doc_a, practice.child, practice.prov_a, "Cleaning")
    with db.session() as s:
        prefs.set_many(s, {prefs.PRACTICE_TIME_ZONE: zone})
        msg = s.get(WebMailMessage, message_id)
        assert msg is not None
        msg.sent_at = SENT_UTC
        s.commit()
    return message_id


def test_times_in_the_practice_zone_and_names_first_last(
    db: Database, practice: Practice, browser: Browser
) -> None:
    message_id = _message_at(db, practice, "America/Denver")
    browser.login("annlee")
    inbox = browser.get("/inbox").text
    assert "11/30/2026 6:36 AM" in inbox
    assert "UTC" not in inbox and "2026-11-30" not in inbox
    assert "About Tim Lee" in inbox and "Lee, Tim" not in inbox
    page = browser.get(f"/messages/{message_id}").text
    assert "11/30/2026 6:36 AM" in page and "UTC" not in page
    assert "About Tim Lee" in page and "Lee, Tim" not in page


def test_another_practice_zone(
    db: Database, practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    _message_at(db, practice, "Asia/Tokyo")
    browser = make_browser()
    browser.login("annlee")
    assert "11/30/2026 10:36 PM" in browser.get("/inbox").text


def test_footer_says_encrypted_only_over_https(
    practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    plain = make_browser().get("/login").text
    assert "Messages here are private." in plain and ENCRYPTED not in plain
    secure = make_browser(base_url="https://testserver").get("/login").text
    assert f"Messages here are private and {ENCRYPTED}." in secure
