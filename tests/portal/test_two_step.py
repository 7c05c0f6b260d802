"""Two-step log-in over HTTP with a clock the test controls: set-up with the QR page's key,
the code after the password (no replay, wrong codes lock like passwords), recovery codes once,
the practice setting (off / optional / required), and the staff reset."""

import re

from sqlalchemy import select

from opendesk.core import preferences as prefs
from opendesk.core import totp
from opendesk.core.db import Database
from opendesk.core.models import AuditEntry, OutboxNotice, PortalAccount
from opendesk.core.services import portal_two_step
from tests.portal.conftest import Browser, Clock, Practice

ANN = "annlee"


def set_mode(db: Database, mode: str) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.PORTAL_TWO_STEP: mode})
        s.commit()


def _secret(page: str) -> str:
    found = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page)
    assert found, "no key on the set-up page"
    return found.group(1).replace(" ", "")


def set_up(browser: Browser, clock: Clock) -> tuple[str, list[str]]:
    """Turn two-step log-in on through the pages; returns the key and the recovery codes."""
    page = browser.post_form("/account/two-step/start", {}, form_page="/account/two-step")
    assert page.status_code == 200 and "<svg" in page.text
    secret = _secret(page.text)
    wrong = browser.post_form("/account/two-step/confirm", {"code": "000000"}, "/account/two-step")
    assert wrong.status_code == 400 and _secret(wrong.text) == secret
    done = browser.post_form(
        "/account/two-step/confirm",
        {"code": totp.code_at(secret, clock.now)},
        form_page="/account/two-step",
    )
    assert done.status_code == 200 and "shown only this time" in done.text
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", done.text)
    assert len(codes) == portal_two_step.RECOVERY_COUNT
    return secret, codes


def test_set_up_then_log_in_with_the_app_code(
    db: Database, practice: Practice, browser: Browser, clock: Clock
) -> None:
    browser.login(ANN)
    secret, codes = set_up(browser, clock)
    browser.post_form("/logout", {}, form_page="/inbox")

    r = browser.login(ANN)
    assert r.status_code == 303 and r.headers["location"] == "/login/code"
    assert browser.get("/inbox", follow_redirects=False).headers["location"] == "/login"
    same_step = browser.post_form("/login/code", {"code": totp.code_at(secret, clock.now)})
    assert same_step.status_code == 401  # the code used at set-up does not work twice
    clock.now += 30
    r = browser.post_form("/login/code", {"code": totp.code_at(secret, clock.now)})
    assert r.status_code == 303 and r.headers["location"] == "/inbox"
    assert browser.get("/inbox", follow_redirects=False).status_code == 200

    browser.post_form("/logout", {}, form_page="/inbox")
    browser.login(ANN)
    r = browser.post_form("/login/code", {"code": codes[0].upper()})
    assert r.status_code == 303  # a recovery code works once...
    browser.post_form("/logout", {}, form_page="/inbox")
    browser.login(ANN)
    assert browser.post_form("/login/code", {"code": codes[0]}).status_code == 401  # ...only
    with db.readonly_session() as s:
        details = set(
            s.execute(
                select(AuditEntry.detail).where(AuditEntry.action == "portal.login")
            ).scalars()
        )
    assert {"second step: app", "second step: recovery"} <= details
    assert not any(secret in d or codes[0] in d for d in details)


def test_wrong_codes_lock_the_account_like_wrong_passwords(
    db: Database, practice: Practice, browser: Browser, clock: Clock
) -> None:
    browser.login(ANN)
    secret, _codes = set_up(browser, clock)
    browser.post_form("/logout", {}, form_page="/inbox")
    browser.login(ANN)
    for _ in range(5):
        assert browser.post_form("/login/code", {"code": "123456"}).status_code == 401
    clock.now += 30
    right = browser.post_form("/login/code", {"code": totp.code_at(secret, clock.now)})
    assert right.status_code == 401  # locked
    with db.readonly_session() as s:
        acct = s.execute(select(PortalAccount).where(PortalAccount.username == ANN)).scalar_one()
        assert acct.locked_until is not None


def test_the_code_page_times_out(practice: Practice, browser: Browser, clock: Clock) -> None:
    browser.login(ANN)
    set_up(browser, clock)
    browser.post_form("/logout", {}, form_page="/inbox")
    browser.login(ANN)
    clock.now += 6 * 60
    assert browser.get("/login/code", follow_redirects=False).headers["location"] == "/login"


def test_required_makes_the_holder_set_it_up_and_off_skips_it(
    db: Database, practice: Practice, browser: Browser, clock: Clock
) -> None:
    set_mode(db, "required")
    browser.login(ANN)
    for path in ("/inbox", "/compose", "/messages/1"):
        r = browser.get(path, follow_redirects=False)
        assert r.headers["location"] == "/account/two-step", path
    assert "asks every patient" in browser.get("/account/two-step").text
    set_up(browser, clock)
    assert browser.get("/inbox", follow_redirects=False).status_code == 200

    set_mode(db, "off")
    browser.post_form("/logout", {}, form_page="/inbox")
    assert browser.login(ANN).headers["location"] == "/inbox"


def test_staff_reset_turns_it_off_and_ends_sessions(
    db: Database, practice: Practice, browser: Browser, clock: Clock
) -> None:
    browser.login(ANN)
    set_up(browser, clock)
    with db.session() as s:
        portal_two_step.staff_reset(s, practice.admin, practice.head)
    assert browser.get("/inbox", follow_redirects=False).headers["location"] == "/login"
    assert browser.login(ANN).headers["location"] == "/inbox"  # no code asked any more
    with db.readonly_session() as s:
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.action == "portal.two_step.reset")
        ).scalar_one()
        assert entry.patient_id == practice.head and entry.user_id is not None


def test_an_e_mailed_code_is_the_fallback_once(
    db: Database, practice: Practice, browser: Browser, clock: Clock
) -> None:
    browser.login(ANN)
    set_up(browser, clock)
    browser.post_form("/logout", {}, form_page="/inbox")
    browser.login(ANN)
    r = browser.post_form("/login/code/email", {}, form_page="/login/code")
    assert r.status_code == 303 and r.headers["location"] == "/login/code"
    browser.post_form("/login/code/email", {}, form_page="/login/code")  # too soon: no second
    with db.readonly_session() as s:
        notices = list(
            s.execute(select(OutboxNotice).where(OutboxNotice.kind == "login_code")).scalars()
        )
    assert len(notices) == 1 and notices[0].to_address == "ann@example.com"
    text = notices[0].subject + notices[0].body_text
    for phi in ("Ann", "Lee", ANN):
        assert phi not in text
    found = re.search(r"code for the .* is: ([A-Z0-9]{8})", notices[0].body_text)
    assert found
    r = browser.post_form("/login/code", {"code": found.group(1).lower()})
    assert r.status_code == 303 and r.headers["location"] == "/inbox"
    browser.post_form("/logout", {}, form_page="/inbox")
    browser.login(ANN)
    assert browser.post_form("/login/code", {"code": found.group(1)}).status_code == 401
