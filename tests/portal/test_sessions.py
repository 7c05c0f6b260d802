"""Issue 17 over HTTP: server-side sessions (revocation, last-seen writes), no cookie for an
untouched anonymous session, the reset code's own guess limit, the database-backed throttle,
the change-user-name throttle, out-of-range ids in a signed cookie, generated user names."""

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.models import OutboxNotice, Patient, PortalAccount, PortalSessionRecord
from opendesk.core.services import portal_access, portal_auth
from opendesk.portal.security import COOKIE, Signer
from tests.portal.conftest import SECRET, Browser, Clock, Practice

ANN = "annlee"


def sessions(db: Database, account_id: int) -> list[PortalSessionRecord]:
    with db.readonly_session() as s:
        rows = list(
            s.execute(
                select(PortalSessionRecord)
                .where(PortalSessionRecord.account_id == account_id)
                .order_by(PortalSessionRecord.id)
            ).scalars()
        )
        for row in rows:
            s.expunge(row)
        return rows


def test_no_cookie_for_an_untouched_anonymous_session(
    practice: Practice, browser: Browser, caplog: pytest.LogCaptureFixture
) -> None:
    for path in ("/inbox", "/messages/1", "/account", "/static/portal.css", "/nowhere"):
        r = browser.get(path, follow_redirects=False)
        assert "set-cookie" not in r.headers, path
    # A POST without the cookie (a cross-site form) is refused and writes no cookie either.
    r = browser.client.post("/messages/1/reply", data={"body": "x"}, follow_redirects=False)
    assert r.status_code == 403 and "set-cookie" not in r.headers
    # The log-in page hands out a CSRF token, so it keeps the session.
    assert "set-cookie" in browser.get("/login").headers
    assert "refused a form without a valid CSRF token" in caplog.text


def test_cross_site_post_leaves_the_signed_in_cookie_alone(
    practice: Practice, make_browser: Callable[..., Browser], caplog: pytest.LogCaptureFixture
) -> None:
    browser, cross_site = make_browser(), make_browser()
    browser.login("annlee")
    # SameSite=Lax keeps the cookie off a cross-site POST: it arrives without one.
    r = cross_site.client.post("/messages/1/reply", data={"body": "x"}, follow_redirects=False)
    assert r.status_code == 403 and "set-cookie" not in r.headers
    assert browser.get("/inbox", follow_redirects=False).status_code == 200
    assert "refused a form without a valid CSRF token" in caplog.text


def test_a_replayed_cookie_after_log_out_is_refused(
    practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    owner, thief = make_browser(), make_browser()
    owner.login("annlee")
    copied = owner.client.cookies.get(COOKIE)
    token = owner.csrf("/inbox")
    thief.client.cookies.clear()
    thief.client.cookies.set(COOKIE, copied)
    assert thief.get("/inbox", follow_redirects=False).status_code == 200
    owner.post_form("/logout", {}, form_page="/inbox")
    thief.client.cookies.clear()
    thief.client.cookies.set(COOKIE, copied)
    assert thief.get("/inbox", follow_redirects=False).headers["location"] == "/login"
    thief.client.cookies.clear()
    thief.client.cookies.set(COOKIE, copied)
    r = thief.client.post(
        "/messages/1/reply", data={"body": "x", "csrf_token": token}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/login"


def test_password_change_and_remove_access_end_other_sessions(
    db: Database, practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    here, there = make_browser(), make_browser()
    here.login("annlee")
    there.login("annlee")
    r = here.post_form(
        "/account/password",
        {
            "current_password": portal_auth_password(),
            "new_password": "Another-Pass7",
            "confirm_password": "Another-Pass7",
        },
        form_page="/account/password",
    )
    assert r.status_code == 303
    assert here.get("/inbox", follow_redirects=False).status_code == 200
    assert there.get("/inbox", follow_redirects=False).headers["location"] == "/login"
    with db.session() as s:
        portal_access.remove_access(s, practice.admin, practice.head)
    assert here.get("/inbox", follow_redirects=False).headers["location"] == "/login"
    rows = sessions(db, practice.head_portal.account_id)
    assert len(rows) == 2 and all(r.revoked_at is not None for r in rows)


def portal_auth_password() -> str:
    from tests.portal.conftest import PASSWORD

    return PASSWORD


def test_last_seen_is_written_at_most_once_a_minute(
    db: Database, practice: Practice, browser: Browser, clock: Clock
) -> None:
    browser.login("annlee")
    (first,) = sessions(db, practice.head_portal.account_id)
    for _ in range(3):
        clock.now += 15
        assert browser.get("/inbox").status_code == 200
    (row,) = sessions(db, practice.head_portal.account_id)
    assert row.last_seen_at == first.last_seen_at  # 45 s: no write yet
    clock.now += 20
    browser.get("/inbox")
    (row,) = sessions(db, practice.head_portal.account_id)
    assert (row.last_seen_at - first.last_seen_at).total_seconds() == 65


def test_out_of_range_ids_in_a_signed_cookie_are_a_logged_out_session(
    practice: Practice, browser: Browser, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    signer = Signer(SECRET)
    for bad in (2**31, 10**30, -5, 0):
        value = signer.sign(
            {"c": "t", "a": bad, "p": bad, "k": "x", "s": "x", "i": clock.now, "t": clock.now}
        )
        browser.client.cookies.set(COOKIE, value)
        r = browser.get("/inbox", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login", bad
        r = browser.client.post("/logout", data={"csrf_token": "t"}, follow_redirects=False)
        assert r.status_code in (303, 403), bad
    assert "unexpected error" not in caplog.text


def test_a_reset_code_has_its_own_guess_limit_and_works_while_locked(
    db: Database, practice: Practice, browser: Browser
) -> None:
    for _ in range(5):
        browser.login("annlee", "WrongPassword1")
    assert "locked" in login_error(browser)
    browser.post_form("/forgot", {"username_or_email": "annlee"})
    code = reset_code(db)
    for n in range(4):  # wrong codes do not touch the log-in lock or the code (yet)
        r = browser.post_form("/reset", reset_form("WRONG" + str(n)))
        assert r.status_code == 400
    r = browser.post_form("/reset", reset_form(code))
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert browser.login("annlee", "Fresh-Password8").headers["location"] == "/inbox"

    with db.session() as s:  # a new code, then five wrong tries void it
        acct = s.execute(
            select(PortalAccount).where(PortalAccount.username == "annlee")
        ).scalar_one()
        acct.reset_code_expires_at = utcnow() - timedelta(minutes=40)  # allow a new code now
        s.commit()
    browser.post_form("/forgot", {"username_or_email": "annlee"})
    code = reset_code(db)
    for n in range(5):
        browser.post_form("/reset", reset_form("WRONG" + str(n), "Other-Password9"))
    r = browser.post_form("/reset", reset_form(code, "Other-Password9"))
    assert r.status_code == 400
    with db.readonly_session() as s:
        acct = s.execute(
            select(PortalAccount).where(PortalAccount.username == "annlee")
        ).scalar_one()
        assert acct.reset_code_hash is None and acct.locked_until is None


def login_error(browser: Browser) -> str:
    return browser.login("annlee").text


def reset_form(code: str, password: str = "Fresh-Password8") -> dict[str, str]:
    return {
        "username": "annlee",
        "code": code,
        "new_password": password,
        "confirm_password": password,
    }


def reset_code(db: Database) -> str:
    with db.readonly_session() as s:
        body = s.execute(
            select(OutboxNotice.body_text)
            .where(OutboxNotice.kind == "reset")
            .order_by(OutboxNotice.id.desc())
        ).first()
    assert body is not None
    match = re.search(r"code is: ([A-Z0-9]+)", body[0])
    assert match
    return match.group(1)


def test_the_throttle_is_shared_by_two_portal_processes(
    practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    one = make_browser(login_delay_base=1.0)
    two = make_browser(login_delay_base=1.0)
    for _ in range(3):
        one.app_throttle().failed("10.1.1.1", "annlee")
    assert two.app_throttle().delay("10.1.1.1", "annlee") == 2.0
    two.app_throttle().succeeded("10.1.1.1", "annlee")
    assert one.app_throttle().delay("10.1.1.1", "annlee") == 0.0


def test_change_user_name_is_throttled(
    practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    b = make_browser(login_delay_base=1.0)
    b.login("annlee")
    for _ in range(3):
        r = b.post_form("/account/username", {"new_username": "samroe"})
        assert "taken" in r.text
    key = f"account {practice.head_portal.account_id}"
    assert b.app_throttle().delay(key, "change user name") > 0


def test_generated_user_names_are_not_first_name_and_four_digits(
    db: Database, practice: Practice
) -> None:
    with db.session() as s:
        child = s.get(Patient, practice.child)
        assert child is not None
        names = {portal_access.new_username(s, child) for _ in range(50)}
        assert len(names) == 50
        for name in names:
            assert re.fullmatch(r"tim\.[a-hj-km-z2-9]{6}", name), name
            assert portal_auth.username_problem(s, name, None) is None  # a valid user name


def test_only_the_portal_host_names_are_answered(practice: Practice, browser: Browser) -> None:
    for host in ("evil.example", "portal.practice.example.evil.example", ""):
        for path in ("/", "/inbox/", "/login", "/health"):
            r = browser.get(path, headers={"host": host}, follow_redirects=False)
            assert r.status_code == 400, (host, path)
            assert "location" not in r.headers and "set-cookie" not in r.headers
            assert r.headers["x-frame-options"] == "DENY"
    # The practice's Patient portal URL, the configured name (with a port) and loopback work.
    for host in ("portal.practice.example", "PORTAL.practice.example:443", "testserver:80"):
        assert browser.get("/login", headers={"host": host}).status_code == 200, host
    assert browser.get("/health", headers={"host": "127.0.0.1:8765"}).status_code == 200


def signin_notices(db: Database) -> list[OutboxNotice]:
    with db.readonly_session() as s:
        rows = list(s.execute(select(OutboxNotice).where(OutboxNotice.kind == "signin")).scalars())
        for row in rows:
            s.expunge(row)
        return rows


def test_a_sign_in_from_a_new_browser_sends_a_notice_without_phi(
    db: Database, practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"
    first, again, other = make_browser(), make_browser(), make_browser()
    first.login(ANN)  # the first log-in ever: nothing to compare with
    again.login(ANN)  # the same browser kind again
    assert signin_notices(db) == []
    other.client.headers["user-agent"] = firefox
    other.login(ANN)
    (notice,) = signin_notices(db)
    assert notice.to_address == "ann@example.com" and notice.message_id is None
    assert "Firefox on Linux" in notice.body_text and "Account > Sessions" in notice.body_text
    for phi in ("Ann", "Lee", ANN, "testclient"):
        assert phi not in notice.subject + notice.body_text + notice.body_html, phi
