"""The portal and the message settings (issue 22): a message that does not accept replies
(notice, no form, a refused POST), and a scheduled message that stays out of sight until the
worker releases it."""

import uuid
from datetime import timedelta

from sqlalchemy import func, select

from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import AuditEntry, WebMailMessage
from opendesk.core.services import scheduled, webmail
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.webmail import NewAttachment, Outgoing
from tests.portal.conftest import Browser, Practice

SUBJECT = "Office closed on Friday"


def send(db: Database, p: Practice, settings: MessageSettings) -> int:
    with db.session() as s:
        out = Outgoing(
            regarding_patient_id=p.head,
            provider_id=p.prov_a,
            subject=SUBJECT,
            body="We are closed on Friday for staff training.",
            client_request_id=str(uuid.uuid4()),
            attachments=(NewAttachment("hours.txt", "text/plain", b"Mon-Thu 8-5"),),
            settings=settings,
        )
        return webmail.send(s, p.doc_a, out).message_id


def test_a_message_without_replies_hides_the_form_and_refuses_the_post(
    db: Database, practice: Practice, browser: Browser
) -> None:
    message_id = send(db, practice, MessageSettings(allow_reply=False))
    browser.login("annlee")
    page = browser.get(f"/messages/{message_id}")
    assert page.status_code == 200
    assert "This message does not accept replies" in page.text
    assert f'action="/messages/{message_id}/reply"' not in page.text
    assert 'href="/compose"' in page.text
    token = browser.csrf(f"/messages/{message_id}")  # a token from another page's form
    r = browser.client.post(
        f"/messages/{message_id}/reply",
        data={"body": "Are you open Saturday?", "request_id": "r-1", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 403
    assert "does not accept replies" in r.text and "write a new message" in r.text
    with db.readonly_session() as s:
        received = s.execute(
            select(func.count()).where(WebMailMessage.status == int(MessageStatus.WEBMAIL_RECEIVED))
        ).scalar_one()
        refused = s.execute(
            select(AuditEntry).where(AuditEntry.action == "portal.message.reply.refused")
        ).scalar_one()
    assert received == 0
    assert refused.outcome == "denied" and refused.object_id == message_id


def test_a_scheduled_message_is_not_in_the_portal_before_its_time(
    db: Database, practice: Practice, browser: Browser
) -> None:
    at = utcnow().replace(microsecond=0) + timedelta(hours=2)
    message_id = send(db, practice, MessageSettings(deliver_at=at))
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, message_id)
        assert msg is not None
        attachment_id = msg.attachments[0].id
    browser.login("annlee")
    assert SUBJECT not in browser.get("/inbox").text
    assert browser.get(f"/messages/{message_id}").status_code == 404
    assert browser.get(f"/attachments/{attachment_id}").status_code == 404
    with db.session() as s:
        assert scheduled.run_due(s, at).released == 1
    assert SUBJECT in browser.get("/inbox").text
    page = browser.get(f"/messages/{message_id}")
    assert page.status_code == 200 and f'action="/messages/{message_id}/reply"' in page.text
    assert browser.get(f"/attachments/{attachment_id}").status_code == 200
