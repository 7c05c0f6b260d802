"""Reading, downloading, replying and writing in the portal, scope checks and error pages."""

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.errors import ValidationError
from opendesk.core.models import Attachment, AuditEntry, WebMailMessage
from opendesk.core.services.webmail import NewAttachment
from opendesk.portal.security import CSP
from tests.portal.conftest import Browser, Practice, send

SUBJECT = "Biopsy result for tooth 14"
BODY = "The lesion is benign.\n<script>alert('x')</script> No further treatment."
LEAKY_ERROR = "Ann Lee, born 1980-01-01, has a biopsy"  # a bug that puts PHI in an exception
PDF = NewAttachment("Tim's plan; final é.pdf", "application/pdf", b"%PDF-1.4 test plan")


def provider_unread(db: Database, provider_id: int) -> int:
    """What the workstations' unread-WebMail alert counts for a provider."""
    with db.readonly_session() as s:
        return int(
            s.execute(
                select(func.count(WebMailMessage.id)).where(
                    WebMailMessage.provider_id == provider_id,
                    WebMailMessage.status == MessageStatus.WEBMAIL_RECEIVED,
                    WebMailMessage.is_hidden.is_(False),
                )
            ).scalar_one()
        )


def denied(db: Database) -> list[tuple[str, int | None, int | None]]:
    with db.readonly_session() as s:
        return [
            (e.action, e.object_id, e.portal_account_id)
            for e in s.execute(
                select(AuditEntry).where(AuditEntry.outcome == "denied").order_by(AuditEntry.seq)
            ).scalars()
        ]


@pytest.fixture
def sent(db: Database, practice: Practice) -> tuple[int, int]:
    """A message about the child (to the head's account) with a PDF; returns (message, file)."""
    message_id = send(db, practice.doc_a, practice.child, practice.prov_a, SUBJECT, BODY, (PDF,))
    with db.readonly_session() as s:
        attachment_id = s.execute(
            select(Attachment.id).where(Attachment.message_id == message_id)
        ).scalar_one()
    return message_id, attachment_id


def test_read_message_marks_it_read_and_shows_plain_text(
    db: Database, practice: Practice, browser: Browser, sent: tuple[int, int]
) -> None:
    message_id, attachment_id = sent
    browser.login("annlee")
    inbox = browser.get("/inbox").text
    assert (
        SUBJECT in inbox
        and "tag-new" in inbox
        and '<span class="visually-hidden">(1 unread)</span>' in inbox
    )
    page = browser.get(f"/messages/{message_id}")
    assert page.status_code == 200
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert "<script>" not in page.text
    assert f'href="/attachments/{attachment_id}"' in page.text
    assert page.headers["cache-control"] == "no-store"
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, message_id)
        assert msg is not None and msg.status == MessageStatus.WEBMAIL_SENT_READ
        assert msg.read_at is not None
        views = (
            s.execute(select(AuditEntry).where(AuditEntry.action == "portal.message.view"))
            .scalars()
            .all()
        )
        assert [(v.object_id, v.patient_id) for v in views] == [(message_id, practice.child)]
    assert "tag-new" not in browser.get("/inbox").text


def test_attachment_downloads_as_attachment(
    db: Database, practice: Practice, browser: Browser, sent: tuple[int, int]
) -> None:
    browser.login("annlee")
    r = browser.get(f"/attachments/{sent[1]}")
    assert r.status_code == 200 and r.content == PDF.data
    assert r.headers["content-type"] == "application/pdf"
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Tim\'s plan_ final e.pdf"')
    assert "filename*=UTF-8''Tim%27s%20plan_%20final%20%C3%A9.pdf" in disposition
    assert "sandbox" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    with db.readonly_session() as s:
        downloads = (
            s.execute(select(AuditEntry).where(AuditEntry.action == "portal.attachment.download"))
            .scalars()
            .all()
        )
        assert [d.object_id for d in downloads] == [sent[1]]


def test_risky_attachment_types_download_as_octet_stream(
    db: Database, practice: Practice, browser: Browser
) -> None:
    html = NewAttachment("page.html", "text/html", b"<script>alert(1)</script>")
    message_id = send(db, practice.doc_a, practice.head, practice.prov_a, attachments=(html,))
    with db.readonly_session() as s:
        att = s.execute(select(Attachment.id).where(Attachment.message_id == message_id))
        attachment_id = att.scalar_one()
    browser.login("annlee")
    r = browser.get(f"/attachments/{attachment_id}")
    assert r.headers["content-type"] == "application/octet-stream"


@pytest.mark.backends
def test_another_accounts_ids_answer_404_and_are_audited(
    db: Database, practice: Practice, browser: Browser, sent: tuple[int, int]
) -> None:
    message_id, attachment_id = sent
    browser.login("samroe")
    missing = browser.get("/messages/999999")
    for response in (
        browser.get(f"/messages/{message_id}"),
        browser.get(f"/attachments/{attachment_id}"),
        browser.post_form(
            f"/messages/{message_id}/reply",
            {"body": "let me in", "request_id": "r1"},
            form_page="/inbox",
        ),
        browser.post_form(
            "/compose",
            {"regarding_patient_id": practice.child, "subject": "s", "body": "b"},
        ),
        browser.get(f"/compose?about={practice.child}"),
    ):
        assert response.status_code == 404
        assert response.text == missing.text  # the same page as for an id that does not exist
        for phi in (SUBJECT, "benign", "Lee", "Tim"):
            assert phi not in response.text
    assert SUBJECT not in browser.get("/inbox").text
    stranger = practice.stranger_portal.account_id
    assert denied(db) == [
        ("portal.message.denied", 999999, stranger),
        ("portal.message.denied", message_id, stranger),
        ("portal.attachment.denied", attachment_id, stranger),
        ("portal.message.denied", message_id, stranger),
        ("portal.patient.denied", practice.child, stranger),
        ("portal.patient.denied", practice.child, stranger),
    ]
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, message_id)
        assert msg is not None and msg.status == MessageStatus.WEBMAIL_SENT  # still unread
        assert s.execute(select(func.count(WebMailMessage.id))).scalar_one() == 1


@pytest.mark.parametrize("family", [True, False])
def test_family_scope_follows_the_preference(
    db: Database, practice: Practice, browser: Browser, sent: tuple[int, int], family: bool
) -> None:
    about_head = send(db, practice.doc_a, practice.head, practice.prov_a, "Cleaning", "Booked.")
    with db.session() as s:
        prefs.set_many(s, {prefs.PORTAL_FAMILY_SCOPE: family})
        s.commit()
    browser.login("annlee")
    inbox = browser.get("/inbox").text
    assert "Cleaning" in inbox
    assert (SUBJECT in inbox) is family
    assert browser.get(f"/messages/{about_head}").status_code == 200
    assert browser.get(f"/messages/{sent[0]}").status_code == (200 if family else 404)
    assert browser.get(f"/attachments/{sent[1]}").status_code == (200 if family else 404)
    compose = browser.get("/compose").text
    assert (f'value="{practice.child}"' in compose) is family


@pytest.mark.backends
def test_reply_reaches_the_provider_and_raises_the_alert(
    db: Database, practice: Practice, browser: Browser, sent: tuple[int, int]
) -> None:
    message_id = sent[0]
    browser.login("annlee")
    before = provider_unread(db, practice.prov_a)
    empty = browser.post_form(
        f"/messages/{message_id}/reply",
        {"body": "  ", "request_id": "r-1"},
        f"/messages/{message_id}",
    )
    assert empty.status_code == 400 and "Enter a message" in empty.text
    form = {"body": "Thank you!\nCan we talk on Monday?", "request_id": "r-2"}
    r = browser.post_form(f"/messages/{message_id}/reply", form, f"/messages/{message_id}")
    assert r.status_code == 303
    again = browser.post_form(f"/messages/{message_id}/reply", form, f"/messages/{message_id}")
    assert again.headers["location"] == r.headers["location"]  # a resent form is not a copy
    new_id = int(r.headers["location"].rsplit("/", 1)[1])
    with db.readonly_session() as s:
        reply = s.get(WebMailMessage, new_id)
        assert reply is not None
        assert reply.status == MessageStatus.WEBMAIL_RECEIVED
        assert (reply.provider_id, reply.regarding_patient_id) == (practice.prov_a, practice.child)
        assert (reply.patient_id, reply.parent_id, reply.thread_id) == (
            practice.head,
            message_id,
            message_id,
        )
        assert reply.sender_portal_account_id == practice.head_portal.account_id
        assert reply.subject == f"RE: {SUBJECT}"
    assert provider_unread(db, practice.prov_a) == before + 1
    thread = browser.get(f"/messages/{new_id}").text
    assert "Can we talk on Monday?" in thread and "The lesion is benign." in thread


def test_compose_goes_to_the_primary_provider_of_the_chosen_family_member(
    db: Database, practice: Practice, browser: Browser
) -> None:
    with db.session() as s:
        from opendesk.core.models import Patient

        child = s.get(Patient, practice.child)
        assert child is not None
        child.primary_provider_id = practice.prov_b
        s.commit()
    browser.login("annlee")
    page = browser.get("/compose").text
    assert "Ann Lee" in page and "Tim Lee" in page
    before_a, before_b = provider_unread(db, practice.prov_a), provider_unread(db, practice.prov_b)
    bad = browser.post_form(
        "/compose",
        {
            "regarding_patient_id": practice.child,
            "subject": "",
            "body": "kept text",
            "request_id": "c0",
        },
    )
    assert bad.status_code == 400 and "Enter a subject" in bad.text and "kept text" in bad.text
    r = browser.post_form(
        "/compose",
        {
            "regarding_patient_id": practice.child,
            "subject": "Tim's braces",
            "body": "One bracket came loose.",
            "request_id": "c1",
        },
    )
    assert r.status_code == 303
    new_id = int(r.headers["location"].rsplit("/", 1)[1])
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, new_id)
        assert msg is not None and msg.status == MessageStatus.WEBMAIL_RECEIVED
        assert (msg.provider_id, msg.regarding_patient_id, msg.patient_id) == (
            practice.prov_b,
            practice.child,
            practice.head,
        )
    assert provider_unread(db, practice.prov_b) == before_b + 1
    assert provider_unread(db, practice.prov_a) == before_a
    assert "Your message is sent." in browser.get(r.headers["location"]).text


def test_inbox_pages(
    db: Database, practice: Practice, make_browser: Callable[..., Browser]
) -> None:
    for n in range(5):
        send(db, practice.doc_a, practice.head, practice.prov_a, f"Note {n}", "text")
    browser = make_browser(page_size=2)
    browser.login("annlee")
    first = browser.get("/inbox").text
    assert "Note 4" in first and "Note 3" in first and "Note 2" not in first
    assert "Page 1 of 3" in first
    last = browser.get("/inbox?page=3").text
    assert "Note 0" in last and "Newer" in last and "Older" not in last


def test_security_headers_on_every_kind_of_response(
    db: Database, practice: Practice, browser: Browser, sent: tuple[int, int]
) -> None:
    browser.login("annlee")
    for path in ("/login", "/inbox", f"/messages/{sent[0]}", "/nowhere", "/static/portal.css"):
        r = browser.get(path)
        assert r.headers["content-security-policy"] == CSP, path
        assert "script-src 'self'" in CSP and "frame-ancestors 'none'" in CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        if not path.startswith("/static"):
            assert r.headers["cache-control"] == "no-store", path
    page = browser.get("/inbox").text
    assert "style=" not in page and 'lang="en"' in page
    # No inline script: the one script is the static idle warning (allowed by script-src 'self').
    assert page.count("<script") == page.count('<script src="/static/idle.js" defer></script>')


def test_error_pages_hold_no_phi(
    db: Database,
    practice: Practice,
    make_browser: Callable[..., Browser],
    caplog: pytest.LogCaptureFixture,
) -> None:
    browser = make_browser(raise_server_exceptions=False)
    app = browser.client.app
    assert isinstance(app, FastAPI)

    def boom() -> None:
        raise RuntimeError(LEAKY_ERROR)

    app.add_api_route("/boom", boom)
    browser.login("annlee")
    r = browser.get("/boom")
    assert r.status_code == 500 and "Something went wrong" in r.text
    assert "Ann" not in r.text and "biopsy" not in r.text
    assert r.headers["content-security-policy"] == CSP
    assert "biopsy" not in caplog.text and "RuntimeError" in caplog.text
    missing = browser.get("/messages/424242")
    assert missing.status_code == 404 and "not yours to see" in missing.text
    assert browser.get("/messages/not-a-number").status_code == 404


def test_health_needs_no_login_and_tells_no_phi(
    db: Database, practice: Practice, browser: Browser
) -> None:
    r = browser.get("/health")
    assert r.status_code == 200 and "set-cookie" not in r.headers
    data = r.json()
    assert data["status"] == "ok" and data["database"] is True
    assert data["mail_configured"] is False and data["version"]
    with db.session() as s:
        prefs.set_many(s, {prefs.SMTP_HOST: "smtp.practice.example"})
        s.commit()
    assert browser.get("/health").json()["mail_configured"] is True
    assert "Maple" not in r.text and "Lee" not in r.text


def test_bidi_and_long_names_are_cleaned_on_the_portal_path(
    db: Database, practice: Practice, browser: Browser, sent: tuple[int, int]
) -> None:
    """The send service refuses a name the file-name rule would change, and a name already in
    the database (stored before the rule, or by another writer) downloads cleaned: no RLO
    trick, a long name keeps its extension."""
    tricked = NewAttachment("invoice\u202efdp.exe", "application/pdf", b"%PDF-1.4 x")
    with pytest.raises(ValidationError, match="rename the file"):
        send(db, practice.doc_a, practice.child, practice.prov_a, attachments=(tricked,))
    browser.login("annlee")
    for stored, expected in (
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("Treatment plan " * 20 + ".pdf", ("Treatment plan " * 20)[: 150 - 4].rstrip() + ".pdf"),
    ):
        with db.session() as s:
            att = s.get(Attachment, sent[1])
            assert att is not None
            att.display_name = stored
            s.commit()
        disposition = browser.get(f"/attachments/{sent[1]}").headers["content-disposition"]
        assert f'filename="{expected}"' in disposition
        assert "\u202e" not in disposition and "%E2%80%AE" not in disposition
