"""Log-in, log-out, lockout, forced changes, password reset, sessions and CSRF over HTTP."""

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.enums import ActorKind
from opendesk.core.models import AuditEntry, OutboxNotice, PortalAccount
from opendesk.core.services import portal_auth
from opendesk.portal.config import parse_proxies
from opendesk.portal.routes import api_routes
from opendesk.portal.security import LoginThrottle
from tests.portal.conftest import PASSWORD, Browser, Clock, Practice


def audit_rows(db: Database, action: str) -> list[AuditEntry]:
    with db.readonly_session() as s:
        return list(
            s.execute(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
            )
            .scalars()
            .all()
        )


def account(db: Database, username: str) -> PortalAccount:
    with db.readonly_session() as s:
        acct = s.execute(
            select(PortalAccount).where(PortalAccount.username == username)
        ).scalar_one()
        s.expunge(acct)
        return acct


def test_login_and_logout(db: Database, practice: Practice, browser: Browser) -> None:
    assert browser.get("/inbox", follow_redirects=False).headers["location"] == "/login"
    r = browser.login("AnnLee ")  # user names ignore case and surrounding spaces
    assert r.status_code == 303 and r.headers["location"] == "/inbox"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    page = browser.get("/inbox")
    assert page.status_code == 200 and "Maple Street Dental" in page.text
    r = browser.post_form("/logout", {}, form_page="/inbox")
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert "You have logged out" in browser.get("/login").text
    assert browser.get("/inbox", follow_redirects=False).status_code == 303
    logins = audit_rows(db, "portal.login")
    assert [(e.outcome, e.portal_account_id) for e in logins] == [
        ("ok", practice.head_portal.account_id)
    ]
    assert len(audit_rows(db, "portal.logout")) == 1
    assert account(db, "annlee").last_login_at is not None


def test_unknown_user_and_wrong_password_look_the_same(
    db: Database, practice: Practice, browser: Browser
) -> None:
    unknown = browser.login("nobody", PASSWORD)
    wrong = browser.login("annlee", "Wrong-password1")
    assert unknown.status_code == wrong.status_code == 401
    strip = re.compile(r'value="[^"]*"')
    assert strip.sub("", unknown.text) == strip.sub("", wrong.text)
    assert portal_auth.LOGIN_FAILED in unknown.text
    first, second = audit_rows(db, "portal.login")
    assert (first.actor_kind, first.outcome, first.portal_account_id) == (
        ActorKind.SYSTEM.value,
        "failed",
        None,
    )
    assert (second.outcome, second.portal_account_id) == ("failed", practice.head_portal.account_id)
    for row in (first, second):
        assert "nobody" not in row.detail and PASSWORD not in row.detail
        assert "Wrong-password1" not in row.detail


def test_five_failures_lock_the_account(db: Database, practice: Practice, browser: Browser) -> None:
    for _ in range(portal_auth.MAX_FAILURES):
        assert browser.login("annlee", "Nope12345").status_code == 401
    acct = account(db, "annlee")
    assert acct.locked_until is not None and acct.locked_until > utcnow() + timedelta(minutes=14)
    assert len(audit_rows(db, "portal.lockout")) == 1
    locked = browser.login("annlee", PASSWORD)  # even the right password waits
    assert locked.status_code == 401 and portal_auth.LOGIN_FAILED in locked.text
    assert audit_rows(db, "portal.login")[-1].detail == "account locked"
    with db.session() as s:
        s.get(PortalAccount, acct.id).locked_until = utcnow() - timedelta(seconds=1)  # type: ignore[union-attr]
        s.commit()
    assert browser.login("annlee", PASSWORD).status_code == 303


def test_failed_logins_slow_down_the_same_for_unknown_names() -> None:
    throttle = LoginThrottle(base=1.0, maximum=16.0)
    for name in ("annlee", "no-such-user"):
        delays = []
        for _ in range(7):
            delays.append(throttle.delay("10.0.0.9", name))
            throttle.failed("10.0.0.9", name)
        assert delays == [0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 16.0]
    throttle.succeeded("10.0.0.9", "annlee")
    assert throttle.delay("10.0.0.9", "annlee") == 0.0
    assert throttle.delay("10.0.0.8", "no-such-user") == 0.0


def test_login_delay_is_applied(
    db: Database, practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    import time

    slow = make_browser(login_delay_base=0.3)
    for _ in range(2):
        slow.login("ghost", "x")
    started = time.perf_counter()
    slow.login("ghost", "x")
    assert time.perf_counter() - started >= 0.3


def test_disabled_account_cannot_log_in_and_its_session_ends(
    db: Database, practice: Practice, browser: Browser
) -> None:
    assert browser.login("annlee").status_code == 303
    with db.session() as s:
        s.get(PortalAccount, practice.head_portal.account_id).is_active = False  # type: ignore[union-attr]
        s.commit()
    assert browser.get("/inbox", follow_redirects=False).headers["location"] == "/login"
    assert browser.login("annlee").status_code == 401
    assert audit_rows(db, "portal.login")[-1].detail == "account disabled"


def test_forced_username_and_password_change(
    db: Database, practice: Practice, browser: Browser
) -> None:
    with db.session() as s:
        acct = s.get(PortalAccount, practice.head_portal.account_id)
        assert acct is not None
        acct.must_change_username = acct.must_change_password = True
        s.commit()
    r = browser.login("annlee")
    assert r.headers["location"] == "/account/username"
    for path in ("/inbox", "/compose", "/account/password"):
        if path == "/account/password":
            continue  # reachable, but the username comes first after log-in
        assert browser.get(path, follow_redirects=False).headers["location"] == (
            "/account/username"
        )
    bad = browser.post_form("/account/username", {"new_username": "samroe"})
    assert bad.status_code == 400 and "taken" in bad.text
    r = browser.post_form("/account/username", {"new_username": "Ann.Lee-2026"})
    assert r.headers["location"] == "/account/password"
    assert browser.get("/inbox", follow_redirects=False).headers["location"] == (
        "/account/password"
    )
    weak = browser.post_form(
        "/account/password", {"new_password": "short", "confirm_password": "short"}
    )
    assert weak.status_code == 400 and "at least 8 characters" in weak.text
    same_as_name = browser.post_form(
        "/account/password",
        {"new_password": "Ann.Lee-2026", "confirm_password": "Ann.Lee-2026"},
    )
    assert same_as_name.status_code == 400 and "user name" in same_as_name.text
    mismatch = browser.post_form(
        "/account/password", {"new_password": "Better123", "confirm_password": "Better124"}
    )
    assert mismatch.status_code == 400 and "not the same" in mismatch.text
    ok = browser.post_form(
        "/account/password", {"new_password": "Better123", "confirm_password": "Better123"}
    )
    assert ok.headers["location"] == "/inbox"
    assert browser.get("/inbox").status_code == 200
    acct2 = account(db, "ann.lee-2026")
    assert not acct2.must_change_username and not acct2.must_change_password
    fresh = Browser(browser.client)
    fresh.post_form("/logout", {}, form_page="/inbox")
    assert fresh.login("annlee").status_code == 401
    assert fresh.login("ann.lee-2026", "Better123").headers["location"] == "/inbox"
    assert len(audit_rows(db, "portal.username.change")) == 1
    assert len(audit_rows(db, "portal.password.change")) == 1


def test_voluntary_password_change_needs_the_current_one_and_ends_other_sessions(
    db: Database, practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    phone, laptop = make_browser(), make_browser()
    phone.login("annlee")
    laptop.login("annlee")
    wrong = phone.post_form(
        "/account/password",
        {"current_password": "nope", "new_password": "Better123", "confirm_password": "Better123"},
    )
    assert wrong.status_code == 400 and "current password" in wrong.text
    ok = phone.post_form(
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "Better123",
            "confirm_password": "Better123",
        },
    )
    assert ok.headers["location"] == "/inbox"
    assert phone.get("/inbox").status_code == 200
    assert laptop.get("/inbox", follow_redirects=False).headers["location"] == "/login"


def test_idle_and_absolute_session_limits(
    db: Database, practice: Practice, browser: Browser, clock: Clock
) -> None:
    browser.login("annlee")
    clock.now += 14 * 60
    assert browser.get("/inbox").status_code == 200
    clock.now += 15 * 60 + 1
    r = browser.get("/inbox", follow_redirects=False)
    assert r.headers["location"] == "/login"
    assert "Your session ended" in browser.get("/login").text
    browser.login("annlee")
    for _ in range(34):  # active every 14 minutes for 7 h 56 min
        clock.now += 14 * 60
        assert browser.get("/inbox", follow_redirects=False).status_code == 200
    clock.now += 14 * 60  # past the 8-hour limit though never idle
    assert browser.get("/inbox", follow_redirects=False).headers["location"] == "/login"


def test_tampered_cookie_is_a_logged_out_session(
    db: Database, practice: Practice, browser: Browser
) -> None:
    browser.login("annlee")
    value = browser.client.cookies["od_session"]
    payload, mac = value.split(".")
    browser.client.cookies.clear()
    browser.client.cookies.set("od_session", payload + "." + mac[::-1])
    assert browser.get("/inbox", follow_redirects=False).headers["location"] == "/login"


def test_every_post_needs_the_csrf_token(
    db: Database,
    practice: Practice,
    browser: Browser,
    caplog: pytest.LogCaptureFixture,
) -> None:
    r = browser.client.post(
        "/login", data={"username": "annlee", "password": PASSWORD}, follow_redirects=False
    )
    assert r.status_code == 403 and "form has expired" in r.text
    r = browser.client.post(
        "/login",
        data={"username": "annlee", "password": PASSWORD, "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert r.status_code == 403
    assert audit_rows(db, "portal.login") == []
    token_before = browser.csrf()
    browser.login("annlee")
    # A token from before the log-in no longer works (no session fixation of the token).
    r = browser.client.post(
        "/compose",
        data={"csrf_token": token_before, "regarding_patient_id": practice.head},
        follow_redirects=False,
    )
    assert r.status_code == 403
    posts = [
        route.path.replace("{message_id}", "1") for route in api_routes() if "POST" in route.methods
    ]
    assert len(posts) >= 8
    for path in posts:
        r = browser.client.post(path, data={"body": "x"}, follow_redirects=False)
        assert r.status_code == 403, path
    assert browser.get("/inbox").status_code == 200  # still logged in
    assert "refused a form without a valid CSRF token on /login" in caplog.text


def test_secure_cookie_and_forwarded_headers(
    db: Database, practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    https = make_browser(base_url="https://testserver")
    r = https.login("annlee")
    assert "Secure" in r.headers["set-cookie"]
    assert "max-age" in r.headers["strict-transport-security"]
    behind_proxy = make_browser(
        client=("10.1.2.3", 40000), trusted_proxies=parse_proxies("10.0.0.0/8")
    )
    r = behind_proxy.client.get(
        "/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    )
    assert "Secure" in r.headers["set-cookie"]
    behind_proxy.login("annlee")
    assert audit_rows(db, "portal.login")[-1].workstation == "portal 10.1.2.3"
    untrusted = make_browser(client=("198.51.100.5", 40000))
    r = untrusted.client.get(
        "/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    )
    assert "Secure" not in r.headers["set-cookie"]
    untrusted.login("samroe")
    assert audit_rows(db, "portal.login")[-1].workstation == "portal 198.51.100.5"


def test_forwarded_for_from_a_trusted_proxy_is_the_audited_client(
    db: Database, practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    proxied = make_browser(client=("127.0.0.1", 40000), trusted_proxies=parse_proxies("127.0.0.1"))
    token = proxied.csrf()
    proxied.client.post(
        "/login",
        data={"username": "annlee", "password": PASSWORD, "csrf_token": token},
        headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.7, 127.0.0.1"},
        follow_redirects=False,
    )
    assert audit_rows(db, "portal.login")[-1].workstation == "portal 203.0.113.7"


def reset_code(db: Database) -> str:
    with db.readonly_session() as s:
        notice = s.execute(select(OutboxNotice).order_by(OutboxNotice.id.desc())).scalars().first()
        assert notice is not None
        match = re.search(r"code is: ([A-Z0-9]+)", notice.body_text)
        assert match
        return match.group(1)


@pytest.mark.backends
def test_forgotten_password_by_email_code(
    db: Database, practice: Practice, browser: Browser
) -> None:
    r = browser.post_form("/forgot", {"username_or_email": "ann@example.com"})
    assert r.headers["location"] == "/reset"
    flash = browser.get("/reset").text
    with db.readonly_session() as s:
        notice = s.execute(select(OutboxNotice)).scalar_one()
        assert notice.kind == "reset" and notice.message_id is None
        assert notice.to_address == "ann@example.com"
        everything = notice.subject + notice.body_text + notice.body_html
        for phi in ("Ann", "Lee", "annlee", "1980"):
            assert phi not in everything
        assert "https://portal.practice.example/reset" in notice.body_text
    # The same answer when no account matches, and nothing is queued.
    browser.post_form("/forgot", {"username_or_email": "nobody@example.com"})
    assert "If an account matches" in flash
    assert "If an account matches" in browser.get("/reset").text
    with db.readonly_session() as s:
        assert len(s.execute(select(OutboxNotice)).scalars().all()) == 1
    code = reset_code(db)
    wrong = browser.post_form(
        "/reset",
        {
            "username": "annlee",
            "code": "AAAAAAAA",
            "new_password": "Fresh1234",
            "confirm_password": "Fresh1234",
        },
    )
    assert wrong.status_code == 400 and portal_auth.RESET_FAILED in wrong.text
    weak = browser.post_form(
        "/reset",
        {"username": "annlee", "code": code, "new_password": "weak", "confirm_password": "weak"},
    )
    assert weak.status_code == 400 and "at least 8 characters" in weak.text
    ok = browser.post_form(
        "/reset",
        {
            "username": "annlee",
            "code": code.lower(),
            "new_password": "Fresh1234",
            "confirm_password": "Fresh1234",
        },
    )
    assert ok.headers["location"] == "/login"
    again = browser.post_form(
        "/reset",
        {
            "username": "annlee",
            "code": code,
            "new_password": "Other1234",
            "confirm_password": "Other1234",
        },
    )
    assert again.status_code == 400  # one time only
    assert browser.login("annlee", PASSWORD).status_code == 401
    assert browser.login("annlee", "Fresh1234").headers["location"] == "/inbox"
    outcomes = [e.outcome for e in audit_rows(db, "portal.reset")]
    assert outcomes == ["failed", "ok", "failed"]


def test_reset_code_expires(db: Database, practice: Practice, browser: Browser) -> None:
    browser.post_form("/forgot", {"username_or_email": "annlee"})
    code = reset_code(db)
    with db.session() as s:
        acct = s.get(PortalAccount, practice.head_portal.account_id)
        assert acct is not None
        acct.reset_code_expires_at = utcnow() - timedelta(seconds=1)
        s.commit()
    r = browser.post_form(
        "/reset",
        {
            "username": "annlee",
            "code": code,
            "new_password": "Fresh1234",
            "confirm_password": "Fresh1234",
        },
    )
    assert r.status_code == 400 and portal_auth.RESET_FAILED in r.text
