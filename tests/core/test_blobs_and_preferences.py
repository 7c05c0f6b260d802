"""Attachment bytes survive the round trip on every database; preferences keep their types."""

import hashlib
import os

from opendesk.core import preferences
from opendesk.core.blobs import read_attachment, store_attachment
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import ATTACHMENT_CHUNK_SIZE, WebMailMessage
from tests import factories as f


def test_large_attachment_round_trip(db: Database) -> None:
    data = os.urandom(3 * ATTACHMENT_CHUNK_SIZE + 12345)
    with db.session() as s:
        prov = f.provider(s)
        pat = f.patient(s, prov)
        msg = WebMailMessage(
            status=MessageStatus.UNSENT,
            patient_id=pat.id,
            regarding_patient_id=pat.id,
            provider_id=prov.id,
            subject="x",
            body="y" * 70_000,
        )
        s.add(msg)
        att = store_attachment(s, msg, "scan.bin", "application/octet-stream", data)
        s.commit()
        att_id, msg_id = att.id, msg.id
    with db.readonly_session() as s:
        assert read_attachment(s, att_id) == data
        got = s.get(WebMailMessage, msg_id)
        assert got is not None and got.has_attachments and len(got.body) == 70_000
        assert got.attachments[0].sha256 == hashlib.sha256(data).hexdigest()


def test_preferences_defaults_and_types(db: Database) -> None:
    with db.session() as s:
        assert preferences.get(s, preferences.NOTIFY_SUBJECT) == (
            "Secure message from [OfficeName]"
        )
        assert preferences.get(s, preferences.NOTIFY_BODY) == (  # Open Dental's default body
            "Please go to this link and login using your credentials. [URL]"
        )
        assert preferences.get(s, preferences.PORTAL_FAMILY_SCOPE) is True
        preferences.set_many(
            s, {preferences.SMTP_PORT: 2525, preferences.PORTAL_FAMILY_SCOPE: False}
        )
        s.commit()
    with db.readonly_session() as s:
        assert preferences.get(s, preferences.SMTP_PORT) == 2525
        assert preferences.get(s, preferences.PORTAL_FAMILY_SCOPE) is False
        assert preferences.get_all(s)["notify_body"].endswith("[URL]")
