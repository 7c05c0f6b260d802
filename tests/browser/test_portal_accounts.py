"""Issue 17 in Chromium: the three account defects, and Account > Sessions across two browsers.

- a top-level link from another site (a webmail page with the notice) keeps the session, and a
  cross-site form POST is refused without replacing the signed-in cookie;
- a cookie copied before log-out no longer works after it;
- a patient locked out by wrong passwords gets back in with the e-mailed reset code;
- two browser contexts see each other on Account > Sessions; one signs the other out.
"""

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Route
from sqlalchemy import select

from opendesk.core import totp
from opendesk.core.db import Database
from opendesk.core.models import OutboxNotice
from opendesk.portal.app import create_app
from tests.browser.portal_pages import log_in
from tests.browser.test_portal_browser import chromium as chromium
from tests.browser.test_portal_browser import shot
from tests.portal.conftest import Clock, Practice, config, send
from tests.portal.conftest import clock as clock
from tests.portal.conftest import practice as practice
from tests.portal.live import serve

WEBMAIL = "http://webmail.example"  # another site, served by Playwright's router


def new_context(chromium: Browser, agent: str = "") -> BrowserContext:
    kw = {"user_agent": agent} if agent else {}
    return chromium.new_context(viewport={"width": 1280, "height": 720}, **kw)


def test_a_link_from_another_site_keeps_the_session_and_a_cross_site_post_does_not_end_it(
    db: Database, practice: Practice, chromium: Browser, caplog: pytest.LogCaptureFixture
) -> None:
    message_id = send(db, practice.doc_a, practice.head, practice.prov_a)
    with serve(create_app(config(), db)) as url:
        context = new_context(chromium)
        page = context.new_page()
        log_in(page, url)
        page.wait_for_url(f"{url}/inbox")

        def webmail(route: Route) -> None:
            route.fulfill(
                content_type="text/html",
                body=(
                    "<!DOCTYPE html><title>Webmail</title>"
                    f'<a id="notice" href="{url}/inbox">View your secure message</a>'
                    f'<form method="post" action="{url}/messages/{message_id}/reply">'
                    '<input name="body" value="forged"><button id="forge">Go</button></form>'
                ),
            )

        context.route(f"{WEBMAIL}/**", webmail)
        page.goto(f"{WEBMAIL}/inbox")
        page.click("#notice")
        page.wait_for_load_state()
        assert page.url == f"{url}/inbox", "the link from another site lost the session"
        assert page.get_by_role("button", name="Log out").is_visible()

        page.goto(f"{WEBMAIL}/inbox")
        page.click("#forge")
        page.wait_for_load_state()
        assert "The form has expired" in page.content()
        page.goto(f"{url}/inbox")
        assert page.url == f"{url}/inbox", "a cross-site POST replaced the session cookie"
        shot(page, "cross_site_kept")
        context.close()
    assert "refused a form without a valid CSRF token" in caplog.text


def test_a_cookie_copied_before_log_out_is_refused_after_it(
    db: Database, practice: Practice, chromium: Browser
) -> None:
    with serve(create_app(config(), db)) as url:
        victim = new_context(chromium)
        page = victim.new_page()
        log_in(page, url)
        page.wait_for_url(f"{url}/inbox")
        copied = victim.cookies()
        assert [c["name"] for c in copied] == ["od_session"]
        page.get_by_role("button", name="Log out").click()
        page.wait_for_url(f"{url}/login")
        victim.close()

        thief = new_context(chromium)
        thief.add_cookies(copied)  # type: ignore[arg-type]
        stolen = thief.new_page()
        stolen.goto(f"{url}/inbox")
        assert stolen.url == f"{url}/login"
        stolen.goto(f"{url}/account")
        assert stolen.url == f"{url}/login"
        thief.close()


def test_a_locked_out_patient_gets_back_in_with_the_reset_code(
    db: Database, practice: Practice, chromium: Browser
) -> None:
    with serve(create_app(config(), db)) as url:
        context = new_context(chromium)
        page = context.new_page()
        for _ in range(5):  # anyone can lock the account
            log_in(page, url, password="WrongPassword1")
            assert page.get_by_role("alert").is_visible()
        log_in(page, url)  # the right password is refused while locked
        assert page.get_by_role("alert").is_visible()

        page.goto(f"{url}/forgot")
        page.get_by_label("User name or e-mail").fill("annlee")
        page.get_by_role("button", name=re.compile("code", re.I)).click()
        page.wait_for_url(f"{url}/reset")
        with db.readonly_session() as s:
            body = s.execute(
                select(OutboxNotice.body_text).where(OutboxNotice.kind == "reset")
            ).scalar_one()
        match = re.search(r"code is: ([A-Z0-9]+)", body)
        assert match
        page.get_by_label("User name").fill("annlee")
        page.get_by_label("Code from the e-mail").fill(match.group(1))
        page.get_by_label("New password", exact=True).fill("Brand-New-Pass9")
        page.get_by_label("New password again").fill("Brand-New-Pass9")
        page.get_by_role("button", name=re.compile("password", re.I)).click()
        page.wait_for_url(f"{url}/login")
        log_in(page, url, password="Brand-New-Pass9")
        page.wait_for_url(f"{url}/inbox")
        context.close()


def test_sessions_page_lists_two_browsers_and_signs_one_out(
    db: Database, practice: Practice, chromium: Browser
) -> None:
    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0"
    with serve(create_app(config(), db)) as url:
        home, other = new_context(chromium), new_context(chromium, firefox)
        mine, theirs = home.new_page(), other.new_page()
        log_in(mine, url)
        mine.wait_for_url(f"{url}/inbox")
        log_in(theirs, url)
        theirs.wait_for_url(f"{url}/inbox")

        mine.goto(f"{url}/account")
        mine.get_by_role("link", name=re.compile("Sessions")).click()
        mine.wait_for_url(f"{url}/account/sessions")
        rows = mine.locator("table.sessions tbody tr")
        assert rows.count() == 2
        assert "(this browser)" in rows.nth(0).inner_text() + rows.nth(1).inner_text()
        shot(mine, "sessions")
        row = mine.locator("table.sessions tbody tr", has_text="Firefox on Windows")
        row.get_by_role("button", name="Sign out").click()
        mine.wait_for_url(f"{url}/account/sessions")
        assert mine.locator("table.sessions tbody tr").count() == 1

        theirs.goto(f"{url}/inbox")
        assert theirs.url == f"{url}/login"
        mine.goto(f"{url}/inbox")
        assert mine.url == f"{url}/inbox"

        log_in(theirs, url)
        theirs.wait_for_url(f"{url}/inbox")
        theirs.goto(f"{url}/account/sessions")
        theirs.get_by_role("button", name="Sign out everywhere").click()
        theirs.wait_for_url(f"{url}/login")
        mine.goto(f"{url}/inbox")
        assert mine.url == f"{url}/login"
        home.close()
        other.close()


def test_idle_warning_two_minutes_before_and_stay_signed_in(
    db: Database, practice: Practice, chromium: Browser, clock: Clock
) -> None:
    with serve(create_app(config(clock=clock), db)) as url:
        context = new_context(chromium)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.clock.install()
        log_in(page, url)
        page.wait_for_url(f"{url}/inbox")
        warning = page.get_by_role("alertdialog")
        assert warning.is_hidden()
        page.clock.fast_forward("12:59")  # 15 min idle limit: nothing yet
        assert warning.is_hidden()
        page.clock.fast_forward("00:02")
        assert warning.is_visible()
        stay = page.get_by_role("button", name="Stay signed in")
        assert stay.evaluate("b => b === document.activeElement")
        shot(page, "idle_warning")
        clock.now += 14 * 60  # the server's clock moved on as well
        with page.expect_response(f"{url}/account/keepalive") as answer:
            stay.click()
        assert answer.value.status == 204
        page.wait_for_function("document.getElementById('idle-warning').hidden")
        clock.now += 14 * 60  # still signed in: the keep-alive renewed the session
        page.clock.fast_forward("13:01")
        assert warning.is_visible()
        clock.now += 16 * 60
        page.clock.fast_forward("02:00")  # no answer: the page goes to the log-in page
        page.wait_for_url(f"{url}/login")
        assert "Your session ended" in page.content()
        context.close()
        assert problems == []


def test_two_step_set_up_and_log_in_in_chromium(
    db: Database, practice: Practice, chromium: Browser, clock: Clock
) -> None:
    with serve(create_app(config(clock=clock), db)) as url:
        context = new_context(chromium)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        log_in(page, url)
        page.wait_for_url(f"{url}/inbox")
        page.goto(f"{url}/account/two-step")
        page.get_by_role("button", name="Set up two-step log-in").click()
        page.wait_for_url(f"{url}/account/two-step/start")
        qr = page.get_by_role("img", name="QR code for your authenticator app")
        assert qr.locator("svg").bounding_box() is not None
        shot(page, "two_step_setup")
        secret = page.locator("code.secret").inner_text().replace(" ", "")
        page.get_by_label("Code from the app").fill(totp.code_at(secret, clock.now))
        page.get_by_role("button", name="Turn on two-step log-in").click()
        assert page.locator("ul.recovery-codes li").count() == 10
        shot(page, "two_step_codes")
        page.get_by_role("link", name=re.compile("go to my inbox")).click()
        page.get_by_role("button", name="Log out").click()
        page.wait_for_url(f"{url}/login")

        log_in(page, url)
        page.wait_for_url(f"{url}/login/code")
        shot(page, "two_step_code")
        clock.now += 30
        page.get_by_label("Code").fill(totp.code_at(secret, clock.now))
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{url}/inbox")
        context.close()
        assert problems == []
