"""The database server kills the connection in the middle of a send (MariaDB `KILL`,
PostgreSQL `pg_terminate_backend`): nothing half-stored, and the retry sends exactly once."""

import uuid

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.models import Attachment, AttachmentChunk, OutboxNotice, WebMailMessage
from opendesk.core.services import webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing
from tests import factories as f
from tests.faults.killing import kill_connection, server_connection_id


def _kill_own_connection(db: Database, session: Session) -> None:
    kill_connection(db, server_connection_id(session.connection()))


@pytest.mark.only_backends("mariadb", "postgresql")
def test_connection_killed_before_commit(db: Database) -> None:
    with db.session() as s:
        prefs.set_many(
            s, {prefs.NOTIFY_FROM: "n@practice.example", prefs.PORTAL_URL: "https://portal.example"}
        )
        prov = f.provider(s)
        doc = f.user(s, "doc", prov=prov, groups=[f.group(s, "P", Permission.WEBMAIL_SEND)])
        pat = f.patient(s, prov)
        f.portal_account(s, pat)
        s.commit()
        actor = StaffActor(doc.id)
        pat_id, prov_id = pat.id, prov.id
    out = Outgoing(
        regarding_patient_id=pat_id,
        provider_id=prov_id,
        subject="Results",
        body="Fine.",
        client_request_id=str(uuid.uuid4()),
        attachments=(NewAttachment("scan.bin", "application/octet-stream", b"x" * 3_000_000),),
    )
    with db.session() as s:
        event.listen(s, "before_commit", lambda sess: _kill_own_connection(db, sess))
        with pytest.raises(Exception):  # noqa: B017 - the driver's lost-connection error
            webmail.send(s, actor, out)
    with db.readonly_session() as s:
        for model in (WebMailMessage, Attachment, AttachmentChunk, OutboxNotice):
            assert s.execute(select(func.count()).select_from(model)).scalar_one() == 0, model
    with db.session() as s:  # the pool hands out a fresh connection (pre-ping)
        first = webmail.send(s, actor, out)
    with db.session() as s:
        again = webmail.send(s, actor, out)
    assert again.duplicate and again.message_id == first.message_id
    with db.readonly_session() as s:
        assert s.execute(select(func.count(WebMailMessage.id))).scalar_one() == 1
        assert s.execute(select(func.count(AttachmentChunk.seq))).scalar_one() == 3
