"""The portal's "Save as PDF" (issue 23): the conversation as the chart files it, downloaded as
an attachment by the patient it belongs to; a conversation outside their scope is a 404 like an
unknown id, and both are audited."""

import io
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from opendesk.core.db import Database
from opendesk.core.models import AuditEntry
from tests import filing_support as fs
from tests.portal.conftest import Browser


def test_save_as_pdf_downloads_the_conversation(
    db: Database, tmp_path: Path, make_browser: Callable[..., Browser]
) -> None:
    p = fs.setup(db, tmp_path / "AtoZ")
    browser = make_browser()
    assert browser.login(f"portal{p.patient_id}").status_code == 303
    page = browser.get(f"/messages/{p.message_ids[1]}")
    assert f'href="/messages/{p.message_ids[1]}/pdf"' in page.text and "Save as PDF" in page.text

    r = browser.get(f"/messages/{p.message_ids[1]}/pdf")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "RE%20Robert%27s%20X-rays.pdf" in disposition
    assert "sandbox" in r.headers["content-security-policy"]
    assert r.headers["cache-control"] == "no-store"
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages).split()
    )
    assert fs.REPLY_BODY in text and "<b>hurts</b>" in text and "Treatment plan page" in text
    assert "Willamette Family Dental" in text and "O'Brien, Robert" in text

    assert browser.get(f"/messages/{p.stranger_thread_id}/pdf").status_code == 404
    assert browser.get("/messages/99999999/pdf").status_code == 404
    assert browser.get(f"/messages/{2**70}/pdf").status_code in (404, 422)

    with db.readonly_session() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.object_id, AuditEntry.outcome)
            .where(AuditEntry.action.in_(("portal.thread.pdf", "portal.message.denied")))
            .order_by(AuditEntry.seq)
        ).all()
    assert [tuple(r) for r in rows[:3]] == [
        ("portal.thread.pdf", p.thread_id, "ok"),
        ("portal.message.denied", p.stranger_thread_id, "denied"),
        ("portal.message.denied", 99999999, "denied"),
    ]
    assert not any((tmp_path / "AtoZ").rglob("*.pdf"))  # a download files nothing


def test_save_as_pdf_needs_a_login(
    db: Database, tmp_path: Path, make_browser: Callable[..., Browser]
) -> None:
    p = fs.setup(db, tmp_path / "AtoZ")
    r = make_browser().get(f"/messages/{p.thread_id}/pdf", follow_redirects=False)
    assert r.status_code in (303, 401)
    assert r.headers.get("content-type", "") != "application/pdf"
