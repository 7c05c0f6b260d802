"""Patients attach files in the portal (issue 15 point 7, issue 20): reply and Write take several
files over multipart, under the staff attachment rules and the malware scan; the files are
stored with the message and audited, the desktop's core services see them; a refused file shows
a clear message with the typed text kept, and nothing is stored."""

from typing import Any

import pytest
from sqlalchemy import func, select

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import Attachment, AuditEntry, WebMailMessage
from opendesk.core.services import webmail
from tests import clamd as clamd_support
from tests.attachments import samples
from tests.portal.conftest import Browser, Practice, send

TYPED = "My crown feels loose — photo attached."


def post_files(
    browser: Browser, path: str, form_page: str, data: dict[str, Any], files: list[Any]
) -> Any:
    token = browser.csrf(form_page)
    return browser.client.post(
        path,
        data={**data, "csrf_token": token},
        files=[("files", f) for f in files],
        follow_redirects=False,
    )


def _count(db: Database, model: type) -> int:
    with db.readonly_session() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def _actions(db: Database, prefix: str) -> list[AuditEntry]:
    with db.readonly_session() as s:
        return list(
            s.execute(
                select(AuditEntry)
                .where(AuditEntry.action.startswith(prefix))
                .order_by(AuditEntry.seq)
            ).scalars()
        )


@pytest.fixture
def thread(db: Database, practice: Practice) -> int:
    return send(db, practice.doc_a, practice.child, practice.prov_a)


@pytest.mark.backends
def test_reply_with_two_files_is_stored_with_the_message_and_the_desktop_opens_them(
    db: Database, practice: Practice, browser: Browser, thread: int
) -> None:
    browser.login("annlee")
    page = browser.get(f"/messages/{thread}").text
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page
    assert "20 MB each" in page
    photo, pdf = samples.jpeg(), samples.pdf()
    r = post_files(
        browser,
        f"/messages/{thread}/reply",
        f"/messages/{thread}",
        {"body": TYPED, "request_id": "up-1"},
        [("crown\u202egpj.jpg", photo, "image/jpeg"), ("Consent form.PDF", pdf, "text/plain")],
    )
    assert r.status_code == 303, r.text
    new_id = int(r.headers["location"].rsplit("/", 1)[1])
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, new_id)
        assert msg is not None and msg.has_attachments
        stored = [(a.display_name, a.content_type, a.size, a.scan_status) for a in msg.attachments]
    assert stored == [
        ("crowngpj.jpg", "image/jpeg", len(photo), "clean"),  # the RTL override removed
        ("Consent form.PDF", "application/pdf", len(pdf), "clean"),  # type by content
    ]
    (audited,) = _actions(db, "portal.message.reply")
    assert audited.object_id == new_id and audited.detail == "attachments=2"
    with db.session() as s:  # the provider opens it in the desktop through the core service
        view = webmail.open_message(s, practice.doc_a, new_id)
        assert [a.name for a in view.attachments] == ["crowngpj.jpg", "Consent form.PDF"]
        info, data = webmail.attachment_content(s, practice.doc_a, view.attachments[0].id)
        assert data == photo and not info.not_scanned
    thread_page = browser.get(f"/messages/{new_id}").text
    assert "crowngpj.jpg" in thread_page and "Consent form.PDF" in thread_page


def test_new_message_with_a_file_and_an_empty_file_input(
    db: Database, practice: Practice, browser: Browser
) -> None:
    browser.login("annlee")
    assert 'type="file"' in browser.get("/compose").text
    r = post_files(
        browser,
        "/compose",
        "/compose",
        {"regarding_patient_id": practice.child, "subject": "Crown", "body": TYPED},
        [("notes.txt", b"Pain since Tuesday.\n", "text/plain")],
    )
    assert r.status_code == 303, r.text
    none_chosen = post_files(  # a browser sends an empty part when no file is chosen
        browser,
        "/compose",
        "/compose",
        {"regarding_patient_id": practice.child, "subject": "No file", "body": TYPED},
        [("", b"", "application/octet-stream")],
    )
    assert none_chosen.status_code == 303, none_chosen.text
    with db.readonly_session() as s:
        names = s.execute(select(Attachment.display_name)).scalars().all()
        assert names == ["notes.txt"]
        subjects = s.execute(
            select(WebMailMessage.subject, WebMailMessage.has_attachments).order_by(
                WebMailMessage.id
            )
        ).all()
        assert [tuple(x) for x in subjects] == [("Crown", True), ("No file", False)]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 200, "Windows program"),
        ("bomb.png", samples.png_bomb(), "decompression bomb"),
        ("photo.jpg", samples.pdf(), "content is a PDF document"),
        ("CON.txt", b"hello", "reserved device name"),
        ("empty.txt", b"", "is empty"),
    ],
)
def test_files_the_rules_refuse_keep_the_text_and_store_nothing(
    db: Database,
    practice: Practice,
    browser: Browser,
    thread: int,
    name: str,
    data: bytes,
    says: str,
) -> None:
    browser.login("annlee")
    r = post_files(
        browser,
        f"/messages/{thread}/reply",
        f"/messages/{thread}",
        {"body": TYPED, "request_id": "bad-1"},
        [("fine.txt", b"fine\n", "text/plain"), (name, data, "application/octet-stream")],
    )
    assert r.status_code == 400
    assert says in r.text and "choose the files again" in r.text
    assert TYPED in r.text  # the typed text is kept
    assert _count(db, WebMailMessage) == 1 and _count(db, Attachment) == 0


def test_file_over_the_practice_limit_is_refused_on_the_page(
    db: Database, practice: Practice, browser: Browser
) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.ATTACH_MAX_FILE_BYTES: 100_000})
        s.commit()
    browser.login("annlee")
    big = b"x" * 150_000 + b"\n"
    r = post_files(
        browser,
        "/compose",
        "/compose",
        {"regarding_patient_id": practice.head, "subject": "Big", "body": TYPED},
        [("big.txt", big, "text/plain")],
    )
    assert r.status_code == 400 and "the largest file allowed is 97.7 KB" in r.text
    assert TYPED in r.text and 'value="Big"' in r.text
    assert _count(db, WebMailMessage) == 0


def test_a_body_far_beyond_the_limit_is_cut_off_before_it_is_read(
    db: Database, practice: Practice, browser: Browser
) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.ATTACH_MAX_MESSAGE_BYTES: 50_000})
        s.commit()
    browser.login("annlee")
    r = post_files(
        browser,
        "/compose",
        "/compose",
        {"regarding_patient_id": practice.head, "subject": "Huge", "body": TYPED},
        [("huge.txt", b"y" * 3_000_000, "text/plain")],
    )
    assert r.status_code == 413 and "too large" in r.text
    assert _count(db, WebMailMessage) == 0


@pytest.mark.backends
def test_malware_is_refused_on_reply_and_new_message_with_the_detection_named(
    scanner_warnings: None, db: Database, practice: Practice, browser: Browser, thread: int
) -> None:
    browser.login("annlee")
    r = post_files(
        browser,
        f"/messages/{thread}/reply",
        f"/messages/{thread}",
        {"body": TYPED, "request_id": "mal-1"},
        [("test.txt", clamd_support.EICAR, "text/plain")],
    )
    assert r.status_code == 400
    assert "malware scanner found Eicar-Test-Signature" in r.text and TYPED in r.text
    r = post_files(
        browser,
        "/compose",
        "/compose",
        {"regarding_patient_id": practice.child, "subject": "X-ray", "body": TYPED},
        [("xray.png", clamd_support.infected_png(), "image/png")],
    )
    assert r.status_code == 400 and clamd_support.SAMPLE_NAME in r.text
    assert TYPED in r.text and 'value="X-ray"' in r.text
    assert _count(db, WebMailMessage) == 1 and _count(db, Attachment) == 0
    refused = _actions(db, "attachment.malware")
    assert [a.portal_account_id for a in refused] == [practice.head_portal.account_id] * 2
    assert all("test.txt" not in a.detail and "xray" not in a.detail for a in refused)


def test_scanner_down_refuses_with_a_clear_message_by_default(
    scanner_warnings: None, db: Database, practice: Practice, browser: Browser, thread: int
) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.SCAN_ADDRESS: clamd_support.dead_address()})
        s.commit()
    browser.login("annlee")
    r = post_files(
        browser,
        f"/messages/{thread}/reply",
        f"/messages/{thread}",
        {"body": TYPED, "request_id": "down-1"},
        [("notes.txt", b"hello\n", "text/plain")],
    )
    assert r.status_code == 400 and "malware scanner is not answering" in r.text
    assert TYPED in r.text
    assert _count(db, Attachment) == 0
    assert [a.outcome for a in _actions(db, "attachment.scan_unavailable")] == ["refused"]


def test_health_reports_the_scanner(
    db: Database, practice: Practice, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = browser.get("/health").json()
    assert data["scanner"] == "answering" and data["scanner_version"].startswith("ClamAV ")
    assert data["scanner_policy"] == "refuse" and "scanner_problem" not in data
    dead = clamd_support.dead_address()
    with db.session() as s:
        prefs.set_many(s, {prefs.SCAN_ADDRESS: dead, prefs.SCAN_POLICY: "accept"})
        s.commit()
    r = browser.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    data = r.json()
    assert (data["scanner"], data["scanner_policy"]) == ("not answering", "accept")
    assert dead in data["scanner_problem"]
    with db.session() as s:
        prefs.set_many(s, {prefs.SCAN_ADDRESS: ""})
        s.commit()
    monkeypatch.delenv("OPENDESK_CLAMD")
    assert browser.get("/health").json()["scanner"] == "not set up"


def test_health_stays_quick_when_the_scanner_hangs(
    db: Database, practice: Practice, browser: Browser
) -> None:
    import socket
    import time

    with socket.socket() as hung:  # accepts connections, never answers
        hung.bind(("127.0.0.1", 0))
        hung.listen(5)
        with db.session() as s:
            prefs.set_many(s, {prefs.SCAN_ADDRESS: f"127.0.0.1:{hung.getsockname()[1]}"})
            s.commit()
        started = time.monotonic()
        data = browser.get("/health").json()
        assert time.monotonic() - started < 2.0
    assert data["status"] == "ok" and data["scanner"] == "not answering"
    assert "timed out" in data["scanner_problem"]
