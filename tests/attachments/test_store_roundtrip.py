"""Checked attachments stored through core.blobs come back byte-identical, with their type,
size, SHA-256 and flags."""

import pytest

from opendesk.attachments.rules import check_attachment
from opendesk.core.blobs import read_attachment, store_attachment
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import Attachment, WebMailMessage
from tests import factories as f
from tests.attachments import samples


@pytest.mark.backends
def test_image_and_pdf_round_trip(db: Database) -> None:
    photo = check_attachment("Smile.JPG", samples.jpeg(1200, 900, orientation=6))
    pdf = check_attachment("summary.pdf", samples.pdf_with_open_action())
    with db.session() as s:
        prov = f.provider(s)
        pat = f.patient(s, prov)
        msg = WebMailMessage(
            status=MessageStatus.UNSENT,
            patient_id=pat.id,
            regarding_patient_id=pat.id,
            provider_id=prov.id,
            subject="x",
            body="y",
        )
        s.add(msg)
        ids = [
            store_attachment(s, msg, a.name, a.content_type, a.data, a.flags_text).id
            for a in (photo, pdf)
        ]
        s.commit()
    with db.readonly_session() as s:
        for att_id, checked in zip(ids, (photo, pdf), strict=True):
            assert read_attachment(s, att_id) == checked.data
            row = s.get(Attachment, att_id)
            assert row is not None
            assert (row.display_name, row.content_type, row.size, row.sha256, row.flags) == (
                checked.name,
                checked.content_type,
                checked.size,
                checked.sha256,
                checked.flags_text,
            )
    assert pdf.flags_text == "open_action,auto_action"
