"""Issue 4's core loop with real parts: the send service commits a message and its notice, the
outbox worker delivers the notice over SMTP to the mail catcher, and the notice holds the
portal link and nothing of the secure message."""

import uuid
from pathlib import Path

from sqlalchemy import select

from opendesk.admin.demo import make_demo
from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.models import User
from opendesk.core.services import compose, webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing
from opendesk.mail.catcher import MailCatcher
from opendesk.mail.outbox import OutboxWorker
from opendesk.mail.status import notice_state

SUBJECT = "Your biopsy <b>results</b>"
BODY = "Dear patient, the lesion on #14 is benign.\n<script>alert(1)</script>"


def test_send_then_the_worker_delivers_a_phi_free_notice(db: Database, tmp_path: Path) -> None:
    catcher = MailCatcher(tmp_path / "mail").start()
    try:
        make_demo(db, tmp_path / "atoz", smtp_port=catcher.port)
        with db.session() as s:
            doc = s.execute(select(User).where(User.username == "kalbright")).scalar_one()
            actor = StaffActor(doc.id, "ws-1")
            # A patient of Dr Albright's whose family has portal access.
            from opendesk.core.models import Patient, PortalAccount

            holder = (
                s.execute(
                    select(Patient)
                    .join(PortalAccount, PortalAccount.patient_id == Patient.id)
                    .where(Patient.primary_provider_id == doc.provider_id)
                )
                .scalars()
                .first()
            )
            assert holder is not None
            problems = compose.send_problems(s, holder.id, doc.provider_id)
            assert problems == [], problems
            out = Outgoing(
                regarding_patient_id=holder.id,
                provider_id=doc.provider_id or 0,
                subject=SUBJECT,
                body=BODY,
                client_request_id=str(uuid.uuid4()),
                attachments=(NewAttachment("Biopsy report.pdf", "application/pdf", b"%PDF-1.4"),),
            )
            sent = webmail.send(s, actor, out)
            portal_url = prefs.get(s, prefs.PORTAL_URL)
            email = holder.email
        with db.readonly_session() as s:
            state = notice_state(s, sent.message_id)
            assert state is not None and state.describe().startswith("queued")
        result = OutboxWorker(db, worker_id="test").run_once()
        assert result.sent == 1, result
        with db.readonly_session() as s:
            state = notice_state(s, sent.message_id)
            assert state is not None and state.describe().startswith("sent at")
        received = catcher.messages()
        assert len(received) == 1
        notice = received[0]
        assert notice["To"] == email
        # the practice's name as the From display name, so the notice is recognisable
        assert notice["From"] == "Willamette Family Dental <notices@willamette-dental.example>"
        assert notice["Subject"] == "Secure message from Willamette Family Dental"
        text = notice.get_body(preferencelist=("plain",))
        html = notice.get_body(preferencelist=("html",))
        assert text is not None and html is not None
        everything = notice.as_string()
        assert portal_url in text.get_content() and portal_url in html.get_content()
        for secret in ("biopsy", "lesion", "benign", "Biopsy report", "script"):
            assert secret.lower() not in everything.lower(), secret
    finally:
        catcher.stop()
