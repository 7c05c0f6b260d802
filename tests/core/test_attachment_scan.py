"""Malware scanning of attachments with a real clamd (tests/clamd.py), on every database: the
client over unix socket and TCP, a detection refused on every path that stores bytes (staff
send, draft, desktop reply through the core service, portal reply, portal new message) with
nothing stored and the refusal audited, a clean file accepted, and the scanner down under both
policies."""

import os
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import Attachment, AuditEntry, WebMailMessage
from opendesk.core.scanner import ClamdClient, ScannerAddress, ScannerUnavailable
from opendesk.core.services import attachment_scan, portal_messages, webmail
from opendesk.core.services.attachment_scan import MalwareFound, ScannerRefused
from opendesk.core.services.webmail import NewAttachment
from tests import clamd as clamd_support
from tests.attachments import samples
from tests.core.test_messages import Practice, outgoing, practice  # noqa: F401

SECRET_NAME = "Lee Tim biopsy.txt"


def _eicar(name: str = SECRET_NAME) -> NewAttachment:
    return NewAttachment(name, "text/plain", clamd_support.EICAR)


def _infected_png() -> NewAttachment:
    return NewAttachment("xray.png", "image/png", clamd_support.infected_png())


def _clean() -> NewAttachment:
    return NewAttachment("plan.pdf", "application/pdf", samples.pdf())


def _count(s: Session, model: type) -> int:
    return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def _audit(s: Session, action: str) -> list[AuditEntry]:
    return list(
        s.execute(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq))
        .scalars()
        .all()
    )


def _scanner(s: Session, address: str, policy: str = "refuse") -> None:
    prefs.set_many(s, {prefs.SCAN_ADDRESS: address, prefs.SCAN_POLICY: policy})
    s.commit()


# -- the client -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["unix", "tcp"])
def test_client_finds_eicar_and_the_known_sample_and_passes_a_clean_file(
    clamd: clamd_support.Clamd, kind: str
) -> None:
    client = ClamdClient(clamd.unix_address if kind == "unix" else clamd.tcp_address)
    client.ping()
    assert client.version().startswith("ClamAV ")
    assert client.scan(clamd_support.EICAR).detection == "Eicar-Test-Signature.UNOFFICIAL"
    found = client.scan(clamd_support.infected_png()).detection
    assert found == f"{clamd_support.SAMPLE_NAME}.UNOFFICIAL"
    assert client.scan(samples.pdf()).detection is None
    big = os.urandom(3 * 1024 * 1024)  # several INSTREAM chunks
    assert client.scan(big).detection is None
    assert client.scan(big + clamd_support.EICAR).detection is None  # EICAR only at offset 0


def test_client_reports_a_scanner_that_does_not_answer() -> None:
    for address in (clamd_support.dead_address(), "unix:/nonexistent/clamd.sock"):
        with pytest.raises(ScannerUnavailable, match="does not answer"):
            ClamdClient(address, timeout=2).scan(b"hello")


def test_client_gives_up_on_a_scanner_that_accepts_and_never_answers() -> None:
    import socket
    import time

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        address = f"127.0.0.1:{server.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(ScannerUnavailable, match=r"stopped answering \(timed out\)"):
            ClamdClient(address, timeout=1).scan(b"hello")
        assert time.monotonic() - started < 10


def test_addresses_parse() -> None:
    assert ScannerAddress.parse("unix:/run/clamav/clamd.ctl").path == "/run/clamav/clamd.ctl"
    assert ScannerAddress.parse("/run/clamd.sock").path == "/run/clamd.sock"
    assert ScannerAddress.parse("tcp://scan.local:3310") == ScannerAddress(
        host="scan.local", port=3310
    )
    assert str(ScannerAddress.parse("10.0.0.5:3310")) == "10.0.0.5:3310"
    for bad in ("", "scanner", "host:99999", "unix:relative/path", "host:"):
        with pytest.raises(ValueError):
            ScannerAddress.parse(bad)


# -- a detection is refused on every path, nothing stored, audited without PHI ----------------


def _assert_refused_and_audited(db: Database, detection: str, messages_before: int) -> None:
    with db.readonly_session() as s:
        assert _count(s, WebMailMessage) == messages_before
        assert _count(s, Attachment) == 0
        rows = _audit(s, "attachment.malware")
        assert len(rows) == 1
        row = rows[0]
        assert row.outcome == "refused"
        assert f"detection={detection}" in row.detail
        assert "sha256=" in row.detail
        assert "Lee" not in row.detail and "biopsy" not in row.detail


def test_staff_send_with_eicar_is_refused(
    scanner_warnings: None,
    db: Database,
    practice: Practice,  # noqa: F811
) -> None:
    out = outgoing(practice, attachments=(_clean(), _eicar()))
    with db.session() as s, pytest.raises(MalwareFound) as caught:
        webmail.send(s, practice.doc_a, out)
    message = str(caught.value)
    assert SECRET_NAME in message and "Eicar-Test-Signature" in message
    assert "Nothing was sent or saved" in message
    _assert_refused_and_audited(db, "Eicar-Test-Signature.UNOFFICIAL", 0)
    with db.readonly_session() as s:
        assert _audit(s, "webmail.send") == []
        assert _audit(s, "attachment.malware")[0].patient_id == practice.child


def test_draft_with_known_malware_is_refused(
    scanner_warnings: None,
    db: Database,
    practice: Practice,  # noqa: F811
) -> None:
    with db.session() as s:
        draft_id = webmail.save_draft(s, practice.desk, outgoing(practice))
    with db.session() as s, pytest.raises(MalwareFound):
        webmail.save_draft(
            s, practice.desk, outgoing(practice, draft_id=draft_id, attachments=(_infected_png(),))
        )
    _assert_refused_and_audited(db, f"{clamd_support.SAMPLE_NAME}.UNOFFICIAL", 1)


def _portal_message(db: Database, p: Practice) -> int:
    with db.session() as s:
        return portal_messages.compose(
            s, p.head_portal, p.child, "Question", "Is this normal?", uuid.uuid4().hex
        )


def test_desktop_reply_with_eicar_is_refused(
    scanner_warnings: None,
    db: Database,
    practice: Practice,  # noqa: F811
) -> None:
    parent = _portal_message(db, practice)
    with db.session() as s, pytest.raises(MalwareFound):
        webmail.reply(
            s, practice.doc_a, parent, "See attached.", uuid.uuid4().hex, attachments=(_eicar(),)
        )
    _assert_refused_and_audited(db, "Eicar-Test-Signature.UNOFFICIAL", 1)


def test_portal_reply_and_new_message_with_malware_are_refused(
    scanner_warnings: None,
    db: Database,
    practice: Practice,  # noqa: F811
) -> None:
    with db.session() as s:
        sent = webmail.send(s, practice.doc_a, outgoing(practice))
    with db.session() as s, pytest.raises(MalwareFound):
        portal_messages.reply(
            s,
            practice.head_portal,
            sent.message_id,
            "Here it is",
            uuid.uuid4().hex,
            attachments=(_eicar(),),
        )
    _assert_refused_and_audited(db, "Eicar-Test-Signature.UNOFFICIAL", 1)
    with db.session() as s, pytest.raises(MalwareFound):
        portal_messages.compose(
            s,
            practice.head_portal,
            practice.child,
            "Photo",
            "My tooth",
            uuid.uuid4().hex,
            attachments=(_infected_png(),),
        )
    with db.readonly_session() as s:
        assert _count(s, WebMailMessage) == 1 and _count(s, Attachment) == 0
        rows = _audit(s, "attachment.malware")
        assert len(rows) == 2
        assert rows[1].portal_account_id == practice.head_portal.account_id
        assert rows[1].patient_id == practice.child


# -- clean files, and the scanner down ---------------------------------------------------------


def test_clean_files_are_stored_marked_clean_on_every_path(
    db: Database,
    practice: Practice,  # noqa: F811
) -> None:
    png = NewAttachment("smile.png", "image/png", samples.png(), scan_status="not_scanned")
    with db.session() as s:
        sent = webmail.send(s, practice.doc_a, outgoing(practice, attachments=(_clean(), png)))
    with db.session() as s:
        reply_id = portal_messages.reply(
            s,
            practice.head_portal,
            sent.message_id,
            "Thanks, my photo",
            uuid.uuid4().hex,
            attachments=(png,),
        )
    with db.readonly_session() as s:
        statuses = s.execute(select(Attachment.scan_status)).scalars().all()
        assert sorted(statuses) == ["clean", "clean", "clean"]
        view = portal_messages.open_message(s, practice.head_portal, reply_id)[-1]
        assert [a.name for a in view.attachments] == ["smile.png"]
        assert not view.attachments[0].not_scanned
        assert _audit(s, "attachment.not_scanned") == []


def test_scanner_down_refuses_by_default(
    scanner_warnings: None,
    db: Database,
    practice: Practice,  # noqa: F811
) -> None:
    with db.session() as s:
        _scanner(s, clamd_support.dead_address())
    with db.session() as s, pytest.raises(ScannerRefused, match="not answering"):
        webmail.send(s, practice.doc_a, outgoing(practice, attachments=(_clean(),)))
    with db.session() as s:
        sent = webmail.send(s, practice.doc_a, outgoing(practice))  # no attachment: no scan
    with db.session() as s, pytest.raises(ScannerRefused):
        portal_messages.reply(
            s, practice.head_portal, sent.message_id, "x", uuid.uuid4().hex, (_clean(),)
        )
    with db.readonly_session() as s:
        assert _count(s, Attachment) == 0 and _count(s, WebMailMessage) == 1
        rows = _audit(s, "attachment.scan_unavailable")
        assert [r.outcome for r in rows] == ["refused", "refused"]
        assert "does not answer" in rows[0].detail and "plan.pdf" not in rows[0].detail


def test_scanner_down_with_accept_policy_stores_not_scanned_and_audits(
    scanner_warnings: None,
    db: Database,
    practice: Practice,  # noqa: F811
) -> None:
    with db.session() as s:
        _scanner(s, "unix:/nonexistent/clamd.sock", "accept")
    with db.session() as s:
        sent = webmail.send(s, practice.doc_a, outgoing(practice, attachments=(_clean(),)))
    with db.session() as s:
        portal_messages.compose(
            s,
            practice.head_portal,
            practice.child,
            "Photo",
            "My tooth",
            uuid.uuid4().hex,
            attachments=(_eicar("note.txt"),),  # not scanned, so not found
        )
    with db.session() as s:
        view = webmail.open_message(s, practice.doc_a, sent.message_id)
        assert view.attachments[0].not_scanned
    with db.readonly_session() as s:
        statuses = s.execute(select(Attachment.scan_status)).scalars().all()
        assert statuses == ["not_scanned", "not_scanned"]
        rows = _audit(s, "attachment.not_scanned")
        ids = set(s.execute(select(Attachment.id)).scalars())
        assert {r.object_id for r in rows} == ids
        assert all(r.outcome == "warning" and "policy=accept" in r.detail for r in rows)


def test_no_scanner_set_up_anywhere_refuses(
    scanner_warnings: None,
    db: Database,
    practice: Practice,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENDESK_CLAMD")
    with db.session() as s:
        cfg = attachment_scan.config(s)
        assert cfg.address == "" and cfg.policy == "refuse"
        state = attachment_scan.check(cfg)
        assert (state.configured, state.answering) == (False, False)
        assert "Setup > Attachments" in attachment_scan.problem_text(state)
    with db.session() as s, pytest.raises(ScannerRefused):
        webmail.save_draft(s, practice.desk, outgoing(practice, attachments=(_clean(),)))


def test_scanner_state_for_setup_warnings(
    db: Database,
    practice: Practice,  # noqa: F811
    clamd: clamd_support.Clamd,
) -> None:
    with db.session() as s:
        _scanner(s, clamd.tcp_address)
        state = attachment_scan.check(attachment_scan.config(s))
    assert state.answering and state.version.startswith("ClamAV ")
    assert attachment_scan.problem_text(state) == ""
    with db.session() as s:
        _scanner(s, clamd_support.dead_address(), "accept")
        state = attachment_scan.check(attachment_scan.config(s))
    assert state.configured and not state.answering
    assert "not scanned" in attachment_scan.problem_text(state)


def test_upgrade_marks_existing_attachments_not_scanned(empty_db_url: str) -> None:
    """A practice database from before scanning keeps its attachments, marked "not_scanned"
    (they never were), and new ones take the scan's verdict."""
    from sqlalchemy import text

    from opendesk.core import migrate

    database = Database(empty_db_url)
    try:
        migrate.upgrade(database.engine, "0001")
        t = "2026-01-01 00:00:00"
        rows = [
            "INSERT INTO provider (id, abbr, first_name, last_name, suffix, specialty, is_hidden,"
            " created_at) VALUES (1, 'A', 'Al', 'Doc', '', '', :f, :t)",
            "INSERT INTO patient (id, last_name, first_name, middle_initial, preferred_name,"
            " home_phone, wireless_phone, work_phone, email, address, address2, city, state,"
            " zip, status, primary_provider_id, last_name_key, first_name_key,"
            " home_phone_digits, wireless_phone_digits, created_at) VALUES (1, 'Lee', 'Ann',"
            " '', '', '', '', '', '', '', '', '', '', '', 'active', 1, 'lee', 'ann', '', '', :t)",
            "INSERT INTO webmail_message (id, status, patient_id, regarding_patient_id,"
            " provider_id, subject, body, has_attachments, is_hidden, created_at) VALUES"
            " (1, 6, 1, 1, 1, 's', 'b', :tr, :f, :t)",
            "INSERT INTO attachment (id, message_id, display_name, content_type, size, sha256,"
            " flags, created_at) VALUES (1, 1, 'old.pdf', 'application/pdf', 3, 'x', '', :t)",
        ]
        with database.engine.begin() as conn:
            for sql in rows:
                conn.execute(text(sql), {"f": False, "tr": True, "t": t})
        migrate.upgrade(database.engine, "0003_attachment_scan")
        assert migrate.current_revision(database.engine) == "0003_attachment_scan"
        cols = {c["name"]: c for c in inspect_columns(database, "attachment")}
        assert "scan_status" in cols and not cols["scan_status"]["nullable"]
        with database.engine.connect() as conn:
            kept = conn.execute(text("SELECT display_name, scan_status FROM attachment")).all()
        assert [tuple(r) for r in kept] == [("old.pdf", "not_scanned")]
        migrate.downgrade(database.engine, "0001")
        assert "scan_status" not in {c["name"] for c in inspect_columns(database, "attachment")}
    finally:
        database.dispose()


def inspect_columns(database: Database, table: str) -> list[dict[str, object]]:
    from sqlalchemy import inspect

    return list(inspect(database.engine).get_columns(table))  # type: ignore[arg-type]


def test_demo_runs_without_a_scanner_by_default_and_says_so(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, clamd: clamd_support.Clamd
) -> None:
    import argparse
    from pathlib import Path

    from opendesk import launcher
    from opendesk.core import migrate

    url = f"sqlite:///{Path(str(tmp_path)) / 'demo.db'}"
    database = Database(url)
    migrate.upgrade(database.engine)
    monkeypatch.delenv("OPENDESK_CLAMD")
    try:
        parser = argparse.ArgumentParser()
        launcher.add_demo_arguments(parser)
        args = parser.parse_args([])
        launcher._point_demo_at(url, 8765, 8025, args.scanner)
        assert "NONE" in launcher.scanner_line(args.scanner)
        assert "not scanned" in launcher.scanner_line(args.scanner)
        with database.session() as s:
            cfg = attachment_scan.config(s)
        assert (cfg.address, cfg.policy) == ("", "accept")
        args = parser.parse_args(["--scanner", clamd.tcp_address])
        launcher._point_demo_at(url, 8765, 8025, args.scanner)
        with database.session() as s:
            cfg = attachment_scan.config(s)
            assert attachment_scan.check(cfg).answering
        assert (cfg.address, cfg.policy) == (clamd.tcp_address, "refuse")
    finally:
        database.dispose()
