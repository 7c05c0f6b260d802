"""Every portal page the accessibility tests visit, as one list (`PAGES`) that is trivial to
extend: a new page is one `PortalPage(name, who, open)` line. `who` says which browser opens
it (not logged in, the patient, an account that must change its password and user name first,
an account with two-step log-in on); `open` brings the page on screen in the state to check
(a form with its error shown, a message with an attachment...).

The world they need (`Site`) is made by `make_site_data`: the tests/portal practice plus a
message with an attachment, one that does not accept replies, the default message reasons
and the extra accounts."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page
from sqlalchemy import update

from opendesk.core import totp
from opendesk.core.db import Database
from opendesk.core.models import Patient, PortalAccount
from opendesk.core.services import reasons_setup
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.webmail import NewAttachment
from tests import factories as f
from tests.portal.conftest import PASSWORD, Practice, send

PDF = NewAttachment("Treatment plan.pdf", "application/pdf", b"%PDF-1.4\n% treatment plan\n")
FORCED_USER = "newpatient"
TWO_STEP_USER = "samroe"  # the stranger of tests/portal: two-step log-in turned on
TOTP_SECRET = totp.new_secret()
NO_REPLY_SUBJECT = "Office closed on Friday"
URGENT_TEXT = "My face has a swelling since last night."

# who opens a page
ANON = "anon"
PATIENT = "patient"
FORCED = "forced"
TWO_STEP = "two_step"


@dataclass
class Site:
    url: str
    message_id: int
    clock: Callable[[], float]
    # pages the app shows only when things break (500, 503): path -> the app's own HTML,
    # served at that path by Playwright so that the page's style sheet comes from the portal
    broken: dict[str, str]


@dataclass(frozen=True)
class PortalPage:
    name: str
    who: str
    open: Callable[[Page, Site], None]


def make_site_data(db: Database, practice: Practice) -> int:
    """The message with an attachment, an older one without replies, the default reasons,
    the forced-change account, two-step on for samroe. Returns the message id."""
    with db.session() as s:
        reasons_setup.ensure_default_reasons(s)
        s.commit()
    send(
        db,
        practice.doc_a,
        practice.head,
        practice.prov_a,
        NO_REPLY_SUBJECT,
        "We are closed on Friday for staff training.",
        settings=MessageSettings(allow_reply=False),
    )
    send(db, practice.doc_a, practice.head, practice.prov_a, "Cleaning on 4 March", "See you!")
    message_id = send(
        db,
        practice.doc_a,
        practice.child,
        practice.prov_a,
        "Tim's treatment plan",
        "Hello Ann,\n\nAttached is Tim's treatment plan.\n\nDr. Prov",
        (PDF,),
    )
    with db.session() as s:
        prov = f.provider(s, "C")
        newcomer = f.patient(s, prov, last="Nguyen", first="Bao", email="bao@example.com")
        acct = f.portal_account(s, newcomer, FORCED_USER)
        acct.must_change_password = True
        acct.must_change_username = True
        s.execute(
            update(PortalAccount)
            .where(PortalAccount.username == TWO_STEP_USER)
            .values(totp_secret=TOTP_SECRET)
        )
        s.commit()
    return message_id


def speak(db: Database, language: str) -> None:
    """Every patient prefers `language` (the portal uses it after log-in)."""
    with db.session() as s:
        s.execute(update(Patient).values(language=language))
        s.commit()


def log_in(page: Page, url: str, username: str = "annlee", password: str = PASSWORD) -> None:
    """Send the log-in form, found by ids so that it works in every language."""
    page.goto(f"{url}/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_load_state()


def go(path: str) -> Callable[[Page, Site], None]:
    def open_(page: Page, site: Site) -> None:
        page.goto(site.url + path.format(message=site.message_id))

    return open_


def _submit(page: Page) -> None:
    page.locator("main form.stack button[type=submit]").first.click()
    page.wait_for_load_state()


def _with_error(path: str, fill: dict[str, str] | None = None) -> Callable[[Page, Site], None]:
    """The form at `path` sent so that it comes back with its error message."""

    def open_(page: Page, site: Site) -> None:
        page.goto(site.url + path.format(message=site.message_id))
        for selector, value in (fill or {}).items():
            page.locator(selector).fill(value)
        # let the server judge the form (the browser's own checks would stop it first)
        page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
        _submit(page)
        assert page.locator("#form-error").count() == 1, f"no error shown on {path}"

    return open_


def _two_step_setup(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/account/two-step")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _two_step_codes(page: Page, site: Site) -> None:
    _two_step_setup(page, site)
    secret = re.sub(r"\s", "", page.locator("code.secret").inner_text())
    page.locator("#code").fill(totp.code_at(secret, site.clock()))
    _submit(page)


def _write(text: str, shows: str) -> Callable[[Page, Site], None]:
    """Write a message about the first reason with `text`: sent (its page), or the
    urgent-words page; `shows` is a selector of what the page must show."""

    def open_(page: Page, site: Site) -> None:
        page.goto(f"{site.url}/compose")
        page.locator("#reason_id").select_option(index=1)
        page.locator("#subject").fill("My crown")
        page.locator("#body").fill(text)
        _submit(page)
        assert page.locator(shows).count() == 1, f"{shows} not shown"

    return open_


def _call_office(page: Page, site: Site) -> None:
    """The urgent-words page's "Call the office": Write again, the phone and the draft."""
    _write(URGENT_TEXT, "#emergency-instructions")(page, site)
    page.locator("button[value=call]").click()
    page.wait_for_load_state()
    assert page.locator("#call-office").count() == 1


def _no_reply(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/inbox")
    page.get_by_role("link", name=NO_REPLY_SUBJECT).click()
    page.wait_for_load_state()
    assert page.locator(".no-reply").count() == 1


def _reply_refused(page: Page, site: Site) -> None:
    """A reply posted to a message that does not accept replies (a stale tab): the 403."""
    _no_reply(page, site)
    with page.expect_navigation() as answer:
        page.evaluate(
            """() => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = location.pathname + '/reply';
        const fields = {csrf_token: document.querySelector('input[name=csrf_token]').value,
                        body: 'Are you open Saturday?', request_id: 'refused-1'};
        for (const [name, value] of Object.entries(fields)) {
            const input = document.createElement('input');
            input.type = 'hidden'; input.name = name; input.value = value;
            form.appendChild(input);
        }
        document.body.appendChild(form);
        form.submit();
    }"""
        )
    assert answer.value is not None and answer.value.status == 403


def _broken(path: str) -> Callable[[Page, Site], None]:
    def open_(page: Page, site: Site) -> None:
        html = site.broken[path]
        page.route(
            site.url + path,
            lambda route: route.fulfill(status=500, content_type="text/html", body=html),
        )
        page.goto(site.url + path)

    return open_


PAGES: list[PortalPage] = [
    PortalPage("login", ANON, go("/login")),
    PortalPage("login_error", ANON, _with_error("/login", {"#username": "nobody"})),
    PortalPage("forgot", ANON, go("/forgot")),
    PortalPage("forgot_error", ANON, _with_error("/forgot")),
    PortalPage("reset", ANON, go("/reset")),
    PortalPage("reset_error", ANON, _with_error("/reset", {"#new_password": "a"})),
    PortalPage("not_found_anon", ANON, go("/no-such-page")),
    PortalPage("server_error", ANON, _broken("/broken/500")),
    PortalPage("unavailable", ANON, _broken("/broken/503")),
    PortalPage("accessibility", ANON, go("/accessibility")),
    PortalPage("login_code", TWO_STEP, go("/login/code")),
    PortalPage("login_code_error", TWO_STEP, _with_error("/login/code", {"#code": "000000"})),
    PortalPage("forced_password", FORCED, go("/account/password")),
    PortalPage("forced_password_error", FORCED, _with_error("/account/password")),
    PortalPage("forced_username", FORCED, go("/account/username")),
    PortalPage("inbox", PATIENT, go("/inbox")),
    PortalPage("message", PATIENT, go("/messages/{message}")),
    PortalPage("message_error", PATIENT, _with_error("/messages/{message}")),
    PortalPage("compose", PATIENT, go("/compose")),
    PortalPage("compose_error", PATIENT, _with_error("/compose")),
    PortalPage("urgent", PATIENT, _write(URGENT_TEXT, "#emergency-instructions")),
    PortalPage("compose_call_office", PATIENT, _call_office),
    PortalPage("message_expected_reply", PATIENT, _write("When can I come in?", "#expectation")),
    PortalPage("message_no_reply", PATIENT, _no_reply),
    PortalPage("reply_refused", PATIENT, _reply_refused),
    PortalPage("account", PATIENT, go("/account")),
    PortalPage("change_password", PATIENT, go("/account/password")),
    PortalPage("change_password_error", PATIENT, _with_error("/account/password")),
    PortalPage("change_username", PATIENT, go("/account/username")),
    PortalPage(
        "change_username_error", PATIENT, _with_error("/account/username", {"#new_username": "x"})
    ),
    PortalPage("sessions", PATIENT, go("/account/sessions")),
    PortalPage("not_found", PATIENT, go("/messages/999999")),
    PortalPage("accessibility_logged_in", PATIENT, go("/accessibility")),
    PortalPage("two_step", PATIENT, go("/account/two-step")),
    PortalPage("two_step_setup", PATIENT, _two_step_setup),
    PortalPage("two_step_codes", PATIENT, _two_step_codes),  # last: it turns two-step on
]
