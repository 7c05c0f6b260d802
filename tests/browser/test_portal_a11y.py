"""Issue 24: every portal page (tests/browser/portal_pages.PAGES) passes axe-core's WCAG 2.1 A
and AA rules with 0 violations at 1280 and 375 px, logged in and not, and does not scroll
sideways at 640 CSS px (a 1280-px window zoomed to 200 %) nor at 375 px. The test lists every
violation. Screenshots of every page: artifacts/portal_a11y/<language>/<page>.png."""

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from opendesk.core.db import Database
from opendesk.portal.app import create_app
from tests.browser import axe
from tests.browser.portal_pages import (
    ANON,
    FORCED,
    FORCED_USER,
    PAGES,
    PATIENT,
    TWO_STEP,
    TWO_STEP_USER,
    PortalPage,
    Site,
    log_in,
    make_site_data,
    speak,
)
from tests.browser.test_portal_browser import chromium as chromium
from tests.conftest import ARTIFACTS
from tests.portal.conftest import Clock, Practice, config
from tests.portal.conftest import clock as clock
from tests.portal.conftest import practice as practice
from tests.portal.live import serve

WIDTHS = (1280, 375)
ZOOMED = 640  # CSS px of a 1280-px window at 200 % zoom
LANGUAGES = ("en", "es")


def _context(chromium: Browser, site: Site, language: str) -> BrowserContext:
    # axe is injected as a script element: the pages' CSP would refuse it
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    context.add_cookies([{"name": "lang", "value": language, "url": site.url}])
    return context


def check_page(page: Page, entry: PortalPage, language: str) -> list[str]:
    """axe at each width, the reflow check, screenshots; the page is left at 1280 px."""
    found: list[str] = []
    folder = ARTIFACTS / "portal_a11y" / language
    folder.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        where = f"{language} {entry.name} {width}px"
        found += axe.violations(page, where)
        found += axe.sideways_scroll(page, where)
        suffix = "" if width == WIDTHS[0] else f"_{width}"
        page.screenshot(path=str(folder / f"{entry.name}{suffix}.png"), full_page=True)
    page.set_viewport_size({"width": ZOOMED, "height": 400})
    found += axe.sideways_scroll(page, f"{language} {entry.name} 200% zoom")
    page.set_viewport_size({"width": 1280, "height": 800})
    return found


def broken_pages(app_templates: object) -> dict[str, str]:
    templates = app_templates.env  # type: ignore[attr-defined]
    return {
        "/broken/500": templates.get_template("500.html").render(),
        "/broken/503": templates.get_template("unavailable.html").render(),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_portal_page_passes_axe_wcag21_aa(
    db: Database, practice: Practice, chromium: Browser, clock: Clock, language: str
) -> None:
    message_id = make_site_data(db, practice)
    speak(db, language)
    app = create_app(config(clock=clock), db)
    found: list[str] = []
    with serve(app) as url:
        site = Site(url, message_id, clock, broken_pages(app.state.templates))
        logins = {
            ANON: None,
            TWO_STEP: TWO_STEP_USER,
            FORCED: FORCED_USER,
            PATIENT: practice.head_user,
        }
        for who, username in logins.items():
            context = _context(chromium, site, language)
            page = context.new_page()
            if username is not None:
                log_in(page, site.url, username)
            for entry in (e for e in PAGES if e.who == who):
                entry.open(page, site)
                found += check_page(page, entry, language)
            context.close()
    assert not found, f"{len(found)} accessibility problems:\n" + "\n".join(found)
