"""Bad attachments at the system level: files on disk go through the compose window's
attachment list (rules checked on a worker thread, real Qt), what passes is sent by the core
send service, and the patient downloads it from the portal.

Each bad file is refused with a message naming it (and nothing is stored), or — a PDF with
JavaScript — accepted with a visible flag and served only as a download in a sandbox. A send
that fails leaves no message, attachment, chunk or outbox row (the core part of this is in
tests/faults/test_smtp_and_store.py)."""

import uuid
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from opendesk.attachments.rules import Limits
from opendesk.core.db import Database
from opendesk.core.models import Attachment, AttachmentChunk, OutboxNotice, WebMailMessage
from opendesk.core.services import webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing
from opendesk.desktop.attach import AttachmentListWidget
from tests.attachments import samples
from tests.security.conftest import Portal, make_families

LIMITS = Limits(max_file_bytes=1_000_000, max_message_bytes=3_000_000)
BAD = {
    "empty.pdf": (b"", "empty"),
    "huge.png": (samples.png() + b"\0" * 1_100_000, "the largest file allowed"),
    "bomb.png": (samples.png_bomb(), "decompression bomb"),
    "scan.png": (samples.pdf(), "content is a PDF"),
    "locked.pdf": (samples.pdf_encrypted(), "password-protected"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nnonsense\n%%EOF", "not a readable"),
}


def _rows(db: Database) -> dict[str, int]:
    with db.readonly_session() as s:
        return {
            m.__name__: int(s.execute(select(func.count()).select_from(m)).scalar_one())
            for m in (WebMailMessage, Attachment, AttachmentChunk, OutboxNotice)
        }


def test_bad_files_are_refused_or_flagged_and_nothing_half_stored(
    qtbot: QtBot, db: Database, tmp_path: Path, portal: object
) -> None:
    fam = make_families(db)
    widget = AttachmentListWidget(LIMITS)
    qtbot.addWidget(widget)
    before = _rows(db)
    for name, (data, why) in BAD.items():
        path = tmp_path / name
        path.write_bytes(data)
        with qtbot.waitSignal(widget.refused, timeout=10_000) as refused:
            widget.add_path(path)
        message = refused.args[0]
        assert name in message and why in message, message
        assert widget.message.isVisible() or widget.message.text() == message
    traversal = "../../etc/passwd.txt"
    with qtbot.waitSignal(widget.refused, timeout=10_000) as refused:
        widget.add_bytes(traversal, b"root:x:0:0")
    assert "folder path" in refused.args[0]
    assert widget.attachments() == []
    assert _rows(db) == before  # a refusal stores nothing
    js = tmp_path / "plan.pdf"
    js.write_bytes(samples.pdf_with_javascript())
    with qtbot.waitSignal(widget.changed, timeout=10_000):
        widget.add_path(js)
    [checked] = widget.attachments()
    assert "javascript" in checked.flags
    assert "contains JavaScript" in widget.table.item(0, 2).text()  # the flag is shown
    with db.session() as s:
        sent = webmail.send(
            s,
            fam.doctor,
            Outgoing(
                regarding_patient_id=fam.patient_ids["ann"],
                provider_id=fam.provider_id,
                subject="Plan",
                body="Attached.",
                client_request_id=str(uuid.uuid4()),
                attachments=tuple(
                    NewAttachment(a.name, a.content_type, a.data, a.flags_text)
                    for a in widget.attachments()
                ),
            ),
        )
    with db.readonly_session() as s:
        att = s.execute(
            select(Attachment).where(Attachment.message_id == sent.message_id)
        ).scalar_one()
        assert att.flags == "javascript" and att.display_name == "plan.pdf"
        att_id = att.id
    ann: Portal = portal("annlee")  # type: ignore[operator]
    r = ann.get(f"/attachments/{att_id}")
    assert r.status_code == 200 and r.content == js.read_bytes()
    assert r.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("bad", ["empty.pdf", "bomb.png", "locked.pdf"])
def test_a_send_with_a_refused_file_never_reaches_the_database(
    qtbot: QtBot, db: Database, tmp_path: Path, bad: str
) -> None:
    """Sending while a refused file was the last one tried: only the good file goes."""
    fam = make_families(db)
    widget = AttachmentListWidget(LIMITS)
    qtbot.addWidget(widget)
    good = tmp_path / "ok.png"
    good.write_bytes(samples.png())
    with qtbot.waitSignal(widget.changed, timeout=10_000):
        widget.add_path(good)
    path = tmp_path / bad
    path.write_bytes(BAD[bad][0])
    with qtbot.waitSignal(widget.refused, timeout=10_000):
        widget.add_path(path)
    assert [a.name for a in widget.attachments()] == ["ok.png"]
    before = _rows(db)
    with db.session() as s:
        webmail.send(
            s,
            fam.doctor,
            Outgoing(
                regarding_patient_id=fam.patient_ids["ann"],
                provider_id=fam.provider_id,
                subject="Photo",
                body="Here.",
                client_request_id=str(uuid.uuid4()),
                attachments=tuple(
                    NewAttachment(a.name, a.content_type, a.data, a.flags_text)
                    for a in widget.attachments()
                ),
            ),
        )
    after = _rows(db)
    assert after["Attachment"] == before["Attachment"] + 1
    assert after["WebMailMessage"] == before["WebMailMessage"] + 1
