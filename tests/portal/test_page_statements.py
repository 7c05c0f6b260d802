"""What a portal page costs the database (issue 18), counted, never timed: the session check
(which reads the preferences' change marker too) and one query per page in the request, plus
the audit row through the group writer — so the count cannot grow unnoticed; a page that only
reads sends nothing that opens a transaction on MariaDB/PostgreSQL. And the
preference cache behind it: a change saved from the desktop (another Database) shows on the
very next page."""

import inspect
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select
from starlette.routing import Match

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import Attachment, AuditEntry
from opendesk.core.server_transactions import needs_transaction
from opendesk.core.services import reasons_setup
from opendesk.core.services.webmail import NewAttachment
from opendesk.portal.routes import AREAS, api_routes
from tests.portal.conftest import Browser, Practice, send

PDF = NewAttachment("plan.pdf", "application/pdf", b"%PDF-1.4 test plan")


class Counter:
    """Statements on the engine, by the request threads and by the audit writer, without
    SQLite's explicit BEGINs (a server's BEGIN goes past these events, straight to the driver:
    `server_transactions`) and without the test's own reads (its main thread)."""

    def __init__(self, database: Database) -> None:
        self.engine = database.engine
        self.request: list[str] = []
        self.audit: list[str] = []
        self.write_locks = 0  # SQLite: BEGIN IMMEDIATE by a request thread
        event.listen(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        text = " ".join(statement.split())
        request_thread = threading.current_thread().name not in ("opendesk-audit", "MainThread")
        self.write_locks += request_thread and text.upper() == "BEGIN IMMEDIATE"
        if (
            text.upper().startswith("BEGIN")
            or threading.current_thread() is threading.main_thread()
        ):
            return
        writer = threading.current_thread().name == "opendesk-audit"
        (self.audit if writer else self.request).append(text)

    def take(self) -> tuple[list[str], list[str]]:
        found = (self.request, self.audit)
        self.request, self.audit, self.write_locks = [], [], 0
        return found

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


@pytest.fixture
def counter(db: Database) -> Iterator[Counter]:
    found = Counter(db)
    yield found
    found.close()


def _audit_rows(db: Database, action: str) -> int:
    with db.readonly_session() as s:
        return int(
            s.execute(
                select(func.count(AuditEntry.id)).where(AuditEntry.action == action)
            ).scalar_one()
        )


def _is_session_check(sql: str) -> bool:
    return sql.startswith("SELECT portal_session.id") and "WHERE portal_session.token_hash" in sql


@pytest.mark.backends
def test_each_page_is_the_session_check_with_the_marker_and_one_query(
    db: Database, practice: Practice, browser: Browser, counter: Counter
) -> None:
    first = send(db, practice.doc_a, practice.child, practice.prov_a, "Cleaning", "See you")
    message = send(db, practice.doc_a, practice.head, practice.prov_a, attachments=(PDF,))
    with db.readonly_session() as s:
        attachment = s.execute(
            select(Attachment.id).where(Attachment.message_id == message)
        ).scalar_one()
    browser.login("annlee")
    for opened in (first, message):  # marks them read (a write), so the views below only read
        assert browser.get(f"/messages/{opened}").status_code == 200
    counter.take()

    inbox = browser.get("/inbox")
    assert inbox.status_code == 200 and "Cleaning" in inbox.text
    locks = counter.write_locks
    request, audit = counter.take()
    assert len(request) == 2 and locks == 0, request
    assert not any(map(needs_transaction, request))  # a server opens no transaction for it
    assert _is_session_check(request[0]) and "preference_marker" in request[0]
    assert len(audit) == 3  # the writer's batch: audit head, insert, head update
    assert _audit_rows(db, "portal.inbox.view") == 1

    page = browser.get(f"/messages/{message}")
    assert page.status_code == 200 and "plan.pdf" in page.text
    assert f'href="/attachments/{attachment}"' in page.text
    locks = counter.write_locks  # a read that takes SQLite's write lock stalls the server
    request, audit = counter.take()
    assert len(request) == 2, request  # the closed loop's expected-reply line comes with it
    assert "due_at" in request[1]
    assert not any(map(needs_transaction, request)) and locks == 0
    assert len(audit) == 3
    assert _audit_rows(db, "portal.message.view") == 3

    download = browser.get(f"/attachments/{attachment}")
    assert download.status_code == 200 and download.content == PDF.data
    request, audit = counter.take()
    assert len(request) == 4, request  # + the chunk list and the one chunk
    assert len(audit) == 3
    assert _audit_rows(db, "portal.attachment.download") == 1


@pytest.mark.backends
def test_a_thread_waiting_for_the_practice_reads_its_expected_reply_line_with_the_thread(
    db: Database, practice: Practice, browser: Browser, counter: Counter
) -> None:
    with db.session() as s:
        reasons_setup.ensure_default_reasons(s)
        s.commit()
        billing = next(r.id for r in reasons_setup.list_reasons(s) if r.name == "Billing")
    browser.login("annlee")
    form = {
        "regarding_patient_id": str(practice.head),
        "reason_id": str(billing),
        "subject": "Two invoices",
        "body": "Why did I get two invoices?",
        "request_id": "req-statements",
    }
    sent = browser.post_form("/compose", form)
    assert sent.status_code == 303
    counter.take()
    page = browser.get(sent.headers["location"])
    assert page.status_code == 200 and "The office usually answers within" in page.text
    locks = counter.write_locks
    request, _audit = counter.take()
    assert len(request) == 2 and locks == 0, request  # the reason's target comes with the thread
    assert "due_at" in request[1] and "message_reason" in request[1]


def test_the_session_check_writes_last_seen_at_most_once_a_minute(
    db: Database, practice: Practice, browser: Browser, counter: Counter, clock: Any
) -> None:
    browser.login("annlee")
    counter.take()
    for _ in range(5):  # at 0, 25, 50, 75 and 100 s: last-seen is due once, at 75 s
        assert browser.get("/inbox").status_code == 200
        clock.now += 25
    request, _audit = counter.take()
    assert sum(_is_session_check(s) for s in request) == 5
    assert sum(s.startswith("UPDATE portal_session") for s in request) == 1


@pytest.mark.backends
def test_a_preference_saved_elsewhere_shows_on_the_next_page(
    db: Database, practice: Practice, browser: Browser
) -> None:
    """The desktop (another Database on the practice) renames the practice and turns off the
    family's shared view: the portal's very next page has both, with no waiting."""
    about_child = send(db, practice.doc_a, practice.child, practice.prov_a, "Tim's cleaning")
    browser.login("annlee")
    page = browser.get("/inbox").text
    assert "Maple Street Dental" in page and "Tim&#39;s cleaning" in page
    desktop = Database(db.url)
    try:
        with desktop.session() as s:
            prefs.set_many(
                s, {prefs.PRACTICE_NAME: "Oak Street Dental", prefs.PORTAL_FAMILY_SCOPE: False}
            )
            s.commit()
    finally:
        desktop.dispose()
    page = browser.get("/inbox").text
    assert "Oak Street Dental" in page and "Maple Street Dental" not in page
    assert "Tim&#39;s cleaning" not in page
    assert browser.get(f"/messages/{about_child}").status_code == 404


def test_a_new_portal_address_is_allowed_after_the_next_request(
    db: Database, practice: Practice, make_browser: Any
) -> None:
    """The Host allow-list follows the Patient portal URL preference through the same cache:
    a request that reads the preferences (here the log-in page's frame, or any page) confirms
    the marker, and the Host check uses that copy."""
    browser: Browser = make_browser()
    other = make_browser(base_url="https://portal2.practice.example")
    assert other.get("/login").status_code == 400
    with db.session() as s:
        prefs.set_many(s, {prefs.PORTAL_URL: "https://portal2.practice.example"})
        s.commit()
    browser.login("annlee")
    assert browser.get("/inbox").status_code == 200  # its transaction sees the new marker
    assert other.get("/login").status_code == 200


def test_every_page_of_the_holder_runs_its_check_and_its_work_in_one_thread() -> None:
    """`deps.one_hop`: a handler that takes the holder is served by an async endpoint that runs
    the log-in check and the handler in one pool thread (a sync handler with an `Actor`
    dependency would take two hand-offs a page)."""
    taking_actor = [
        route
        for route in api_routes()
        if "actor" in inspect.signature(inspect.unwrap(route.endpoint)).parameters
    ]
    assert len(taking_actor) >= 8
    for route in taking_actor:
        served = inspect.signature(route.endpoint).parameters
        assert inspect.iscoroutinefunction(route.endpoint), route.path
        assert not {"session", "actor"} & set(served), route.path


def test_no_path_of_one_area_is_matched_by_a_route_of_another() -> None:
    """The areas are tried in order of use (`routes.AREAS`); that is only safe while no path
    of one area could be taken by a route of another area tried earlier."""
    owners = [(area.__name__, r) for area in AREAS for r in area.router.routes]
    for area, route in owners:
        for value in ("1", "x"):
            concrete = re.sub(r"\{[^}]*\}", value, route.path)  # /messages/{message_id}
            for method in route.methods:
                scope = {"type": "http", "path": concrete, "method": method, "root_path": ""}
                matched = {other for other, r in owners if r.matches(scope)[0] != Match.NONE}
                assert matched == {area}, f"{method} {concrete} ({area}): matched in {matched}"
