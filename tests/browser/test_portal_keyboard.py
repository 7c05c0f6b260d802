"""Issue 24: a patient with the keyboard alone (Tab, Enter and Space; typing only into text
fields) logs in, opens a message, downloads its attachment, replies and logs out. At every Tab
the focused element must show a visible focus indicator (an outline of 2 px or more, or a
ring drawn with box-shadow) and lie on screen. Screenshots: artifacts/portal_keyboard/."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from opendesk.core.db import Database
from opendesk.portal.app import create_app
from tests.browser.portal_pages import PDF, make_site_data, speak
from tests.browser.test_portal_browser import chromium as chromium
from tests.conftest import ARTIFACTS
from tests.portal.conftest import PASSWORD, Clock, Practice, config
from tests.portal.conftest import clock as clock
from tests.portal.conftest import practice as practice
from tests.portal.live import serve

LANGUAGES = ("en", "es")
MAX_TABS = 60
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return {
        tag: e.tagName.toLowerCase(), id: e.id, href: e.getAttribute('href') || '',
        type: e.getAttribute('type') || '',
        form: e.form ? e.form.getAttribute('action') : '',
        ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
              || s.boxShadow !== 'none',
        onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                  && r.left < window.innerWidth,
    };
}"""


class Keyboard:
    """Tab through the page until an element matches, checking the focus ring on the way."""

    def __init__(self, page: Page, folder: Path) -> None:
        self.page, self.folder, self.steps = page, folder, 0

    def tab_to(self, what: str, **want: str) -> dict[str, Any]:
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            focus = self.page.evaluate(FOCUSED)
            if focus is None:
                continue
            assert focus["ring"], f"no visible focus indicator on {focus} ({what})"
            assert focus["onScreen"], f"the focused element is off screen: {focus} ({what})"
            if all(v in str(focus.get(k, "")) for k, v in want.items()):
                self.steps += 1
                self.page.screenshot(path=str(self.folder / f"{self.steps:02d}_{what}.png"))
                return dict(focus)
        raise AssertionError(f"Tab never reached {what} ({want}) on {self.page.url}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_log_in_read_download_reply_log_out_with_the_keyboard_alone(
    db: Database,
    practice: Practice,
    chromium: Browser,
    clock: Clock,
    language: str,
    tmp_path: Path,
) -> None:
    message_id = make_site_data(db, practice)
    speak(db, language)
    folder = ARTIFACTS / "portal_keyboard" / language
    folder.mkdir(parents=True, exist_ok=True)
    with serve(create_app(config(clock=clock), db)) as url:
        context = chromium.new_context(
            viewport={"width": 1280, "height": 800}, accept_downloads=True
        )
        context.add_cookies([{"name": "lang", "value": language, "url": url}])
        page = context.new_page()
        keys = Keyboard(page, folder)
        page.goto(f"{url}/login")
        page.evaluate("() => document.activeElement && document.activeElement.blur()")

        assert keys.tab_to("skip_link", href="#main")["tag"] == "a"
        keys.tab_to("user_name", id="username")
        page.keyboard.type(practice.head_user)
        keys.tab_to("password", id="password")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{url}/inbox")

        keys.tab_to("message_link", href=f"/messages/{message_id}")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{url}/messages/{message_id}")

        keys.tab_to("attachment", href="/attachments/")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        saved = tmp_path / "plan.pdf"
        info.value.save_as(saved)
        assert saved.read_bytes() == PDF.data

        keys.tab_to("reply_text", id="body")
        page.keyboard.type("Thank you! Does Tim need to fast before?")
        keys.tab_to("send_reply", form="/reply", type="submit")
        page.keyboard.press("Space")
        page.wait_for_url(lambda u: u != f"{url}/messages/{message_id}")
        assert page.locator(".bubble").count() == 2

        keys.tab_to("log_out", form="/logout")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{url}/login")
        assert page.locator(".flash").is_visible()
        context.close()
