"""A practice with a conversation to file (issue 23), written through the real services: the
provider sends with attachments (scanned by the tests' clamd), the patient answers from the
portal with markup and right-to-left text, the provider replies. Used by the core, portal and
desktop filing tests."""

import io
import os
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fpdf import FPDF
from PIL import Image

from opendesk.core import clock
from opendesk.core import preferences as prefs
from opendesk.core.actors import PortalActor, StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.services import portal_messages, webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing
from tests import factories as f

PATIENT_BODY = "My jaw <b>hurts</b> &amp; <script>alert(1)</script> — שלום עולם مرحبا"
FIRST_BODY = "Dear Robert,\nyour X-rays are attached.\nDr. Albright"
REPLY_BODY = "Thank you; see you on Monday."
STARTED = datetime(2026, 11, 30, 14, 36, 5)


def png_bytes(size: tuple[int, int] = (640, 480), color: str = "navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def noise_jpeg(width: int, height: int, quality: int = 95) -> bytes:
    """A photo-like JPEG that does not compress: random pixels (about 1 byte per pixel at
    quality 95), for large attachments."""
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(
        out, "JPEG", quality=quality
    )
    return out.getvalue()


def pdf_bytes(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


@dataclass
class FilingPractice:
    atoz: Path
    doc: StaffActor
    desk: StaffActor
    portal: PortalActor
    stranger_portal: PortalActor
    patient_id: int
    thread_id: int
    message_ids: list[int]
    stranger_thread_id: int


def setup(db: Database, atoz: Path) -> FilingPractice:
    """The practice, its A-to-Z folder at `atoz` (created) and one three-message thread."""
    atoz.mkdir(parents=True, exist_ok=True)
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Willamette Family Dental",
                prefs.PRACTICE_ADDRESS: "1200 State St, Salem OR 97301",
                prefs.PRACTICE_PHONE: "(503) 555-0100",
                prefs.PRACTICE_TIME_ZONE: "America/Los_Angeles",
                prefs.ATOZ_PATH: str(atoz),
                prefs.SCAN_POLICY: "accept",
            },
        )
        prov = f.provider(s, "KA", first_name="Kim", last_name="Albright", suffix="DDS")
        other = f.provider(s, "RC", first_name="Ray", last_name="Chen", suffix="DMD")
        senders = f.group(s, "Providers", Permission.WEBMAIL_SEND)
        desk_group = f.group(s, "Desk", Permission.PATIENT_EDIT)
        doc = f.user(s, "kalbright", prov=prov, groups=[senders])
        desk = f.user(s, "frontdesk", groups=[desk_group])
        robert = f.patient(
            s, prov, last="O'Brien", first="Robert", birthdate=date(1984, 5, 17), email="rob@ex.com"
        )
        stranger = f.patient(s, other, last="Roe", first="Sam", email="sam@ex.com")
        acct = f.portal_account(s, robert)
        stranger_acct = f.portal_account(s, stranger)
        s.commit()
        doc_actor, desk_actor = StaffActor(doc.id, "ws-1"), StaffActor(desk.id, "ws-2")
        portal = PortalActor(acct.id, robert.id, "127.0.0.1")
        stranger_portal = PortalActor(stranger_acct.id, stranger.id, "127.0.0.1")
        ids = (robert.id, prov.id, stranger.id, other.id)
    robert_id, prov_id, stranger_id, other_id = ids
    files = (
        NewAttachment("bitewing.png", "image/png", png_bytes()),
        NewAttachment("treatment plan.pdf", "application/pdf", pdf_bytes("Treatment plan page")),
        NewAttachment("notes.txt", "text/plain", b"plain notes\n"),
    )
    with clock.frozen(STARTED), db.session() as s:
        first = webmail.send(s, doc_actor, _out(robert_id, prov_id, "Robert's X-rays", files))
    with clock.frozen(STARTED.replace(hour=16)), db.session() as s:
        answer = portal_messages.reply(s, portal, first.message_id, PATIENT_BODY, uuid.uuid4().hex)
    with clock.frozen(STARTED.replace(hour=17)), db.session() as s:
        last = webmail.reply(s, doc_actor, answer, REPLY_BODY, str(uuid.uuid4()))
    with clock.frozen(STARTED), db.session() as s:
        other_doc = f.user(s, "rchen", prov=s.get(type(prov), other_id), groups=[senders])
        s.commit()
        theirs = webmail.send(
            s, StaffActor(other_doc.id, "ws-3"), _out(stranger_id, other_id, "Sam's crown", ())
        )
    return FilingPractice(
        atoz=atoz,
        doc=doc_actor,
        desk=desk_actor,
        portal=portal,
        stranger_portal=stranger_portal,
        patient_id=robert_id,
        thread_id=first.message_id,
        message_ids=[first.message_id, answer, last.message_id],
        stranger_thread_id=theirs.message_id,
    )


def _out(
    patient_id: int, provider_id: int, subject: str, files: tuple[NewAttachment, ...]
) -> Outgoing:
    return Outgoing(
        regarding_patient_id=patient_id,
        provider_id=provider_id,
        subject=subject,
        body=FIRST_BODY,
        client_request_id=str(uuid.uuid4()),
        attachments=files,
    )
