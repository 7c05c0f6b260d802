"""Filing a conversation to the chart as PDF (issue 23): the PDF's text read back with pypdf,
markup and right-to-left text literal, attachments appended or listed, the A-to-Z folder and
file name, versions, the record and audit row, refusals (missing folder, full disk) that leave
nothing behind, the portal's copy and the scheduled filing."""

import hashlib
import io
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from opendesk.admin.cli import main
from opendesk.core import clock
from opendesk.core import preferences as prefs
from opendesk.core.actors import SystemActor
from opendesk.core.db import Database
from opendesk.core.errors import ConfigurationError, NotFound, PermissionDenied
from opendesk.core.models import Attachment, AuditEntry, ChartFiling, WebMailMessage
from opendesk.core.services import chart_filing, portal_messages, webmail
from opendesk.core.services.webmail import NewAttachment
from tests import filing_support as fs

SYSTEM = SystemActor("test")


@pytest.fixture
def practice(db: Database, tmp_path: Path) -> fs.FilingPractice:
    return fs.setup(db, tmp_path / "AtoZ")


def pdf_text(path_or_bytes: Path | bytes) -> tuple[str, int]:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def folder_files(p: fs.FilingPractice) -> list[str]:
    return sorted(str(q.relative_to(p.atoz)) for q in p.atoz.rglob("*") if q.is_file())


def test_filing_writes_the_whole_conversation_to_the_a_to_z_folder(
    db: Database, practice: fs.FilingPractice
) -> None:
    with clock.frozen(fs.STARTED.replace(hour=20)), db.session() as s:
        filed = chart_filing.file_thread(s, practice.doc, practice.message_ids[1])
    path = Path(filed.path)
    assert path.parent == practice.atoz / "O" / f"OBrienRobert{practice.patient_id}" / "WebMail"
    assert path.name == "2026-11-30 RE Robert's X-rays.pdf"
    assert folder_files(practice) == [f"O/OBrienRobert{practice.patient_id}/WebMail/{path.name}"]
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == filed.sha256 and filed.size == len(data)
    assert (filed.version, filed.message_count, filed.thread_id) == (1, 3, practice.thread_id)

    text, pages = pdf_text(path)
    flat = " ".join(text.split())
    for expected in (
        "Willamette Family Dental",
        "1200 State St, Salem OR 97301",
        "O'Brien, Robert",
        "05/17/1984",
        f"Patient number {practice.patient_id}",
        "Robert's X-rays",
        "Kim Albright, DDS",
        "O'Brien, Robert (patient portal)",
        # sent times in the practice's zone (America/Los_Angeles)
        "11/30/2026 6:36 AM",
        "11/30/2026 8:36 AM",
        "11/30/2026 9:36 AM",
        "your X-rays are attached.",
        fs.REPLY_BODY,
        "bitewing.png",
        "treatment plan.pdf",
        "notes.txt",
        "Treatment plan page",  # the attached PDF's own page, merged
        "The page of this PDF follows",
        "PDF created 11/30/2026 12:36:05 PM",
        "no notification e-mail",  # the patient's message has none
        "notification queued",
    ):
        assert expected in flat, expected
    with db.readonly_session() as s:
        for att in s.execute(select(Attachment)).scalars():
            if att.message.thread_id == practice.thread_id:
                assert att.sha256 in flat
        head = s.execute(select(func.max(AuditEntry.seq))).scalar_one()
        row = s.execute(select(ChartFiling)).scalar_one()
    # markup and right-to-left text appear literally
    assert "<b>hurts</b> &amp; <script>alert(1)</script>" in flat
    assert "שלום עולם" in flat and "مرحبا" in flat
    # the conversation, one page per image, a separator and the merged PDF's page (last, with
    # no footer); the footers number the pages as they stand in the file
    assert pages >= 4 and f"page {pages - 1}" in flat and f"page {pages}" not in flat
    assert "Audit chain at filing: row id" in flat and f"seq {row.audit_seq}," in flat
    assert row.audit_seq == head - 1  # the filing's own audit row came after the PDF
    assert row.message_ids == ",".join(str(i) for i in practice.message_ids)
    assert (row.thread_id, row.patient_id, row.filed_by) == (
        practice.thread_id,
        practice.patient_id,
        "user kalbright",
    )
    assert row.sha256 == filed.sha256 and row.path == str(path)


def test_filing_is_audited_in_the_same_transaction(
    db: Database, practice: fs.FilingPractice
) -> None:
    with db.session() as s:
        filed = chart_filing.file_thread(s, practice.doc, practice.thread_id)
    with db.readonly_session() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "chart.file")).scalar_one()
    assert entry.patient_id == practice.patient_id and entry.object_id == practice.thread_id
    assert f"filing={filed.filing_id} version=1 messages=3 sha256={filed.sha256}" == entry.detail
    assert "Robert" not in entry.detail and "X-rays" not in entry.detail


def test_filing_again_after_new_messages_makes_version_two_and_keeps_version_one(
    db: Database, practice: fs.FilingPractice
) -> None:
    with db.session() as s:
        first = chart_filing.file_thread(s, practice.doc, practice.thread_id)
    with db.session() as s:
        portal_messages.reply(
            s, practice.portal, practice.message_ids[-1], "One more question.", "req-extra"
        )
    with db.session() as s:
        second = chart_filing.file_thread(s, practice.doc, practice.thread_id)
    assert second.version == 2 and second.message_count == 4
    assert Path(second.path).name == "2026-11-30 RE Robert's X-rays (2).pdf"
    assert (
        Path(first.path).read_bytes()
        and hashlib.sha256(Path(first.path).read_bytes()).hexdigest() == first.sha256
    )
    assert "One more question." in pdf_text(Path(second.path))[0]
    assert "One more question." not in pdf_text(Path(first.path))[0]
    with db.readonly_session() as s:
        rows = chart_filing.filings_of_thread(s, practice.thread_id)
    assert [(r.version, r.message_count) for r in rows] == [(2, 4), (1, 3)]


def test_a_user_who_may_not_read_the_thread_cannot_file_it(
    db: Database, practice: fs.FilingPractice
) -> None:
    with db.session() as s, pytest.raises(PermissionDenied):
        chart_filing.file_thread(s, practice.desk, practice.thread_id)
    assert folder_files(practice) == []
    with db.readonly_session() as s:
        assert s.execute(select(func.count(ChartFiling.id))).scalar_one() == 0


def test_a_missing_a_to_z_folder_is_refused_and_nothing_is_written(
    db: Database, practice: fs.FilingPractice, tmp_path: Path
) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.ATOZ_PATH: str(tmp_path / "offline-share")})
        s.commit()
    with db.session() as s, pytest.raises(ConfigurationError, match="cannot be reached"):
        chart_filing.file_thread(s, practice.doc, practice.thread_id)
    assert not (tmp_path / "offline-share").exists()
    with db.readonly_session() as s:
        assert s.execute(select(func.count(ChartFiling.id))).scalar_one() == 0
        assert (
            s.execute(
                select(func.count(AuditEntry.id)).where(AuditEntry.action == "chart.file")
            ).scalar_one()
            == 0
        )


def test_a_full_disk_is_refused_with_a_clear_message_and_no_temporary_file(
    db: Database, practice: fs.FilingPractice
) -> None:
    """RLIMIT_FSIZE in a child process: writing past it fails with EFBIG, as a full disk
    does with ENOSPC (the same message; a tmpfs cannot be mounted here)."""
    with db.session() as s:  # a photo makes the PDF far larger than the limit below
        photo = NewAttachment("photo.jpg", "image/jpeg", fs.noise_jpeg(600, 400))
        webmail.reply(s, practice.doc, practice.message_ids[1], "A photo.", "req-photo", (photo,))
    url = db.engine.url.render_as_string(hide_password=False)
    script = f"""
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))
from opendesk.core.actors import SystemActor
from opendesk.core.db import Database
from opendesk.core.services import chart_filing, portal_messages, webmail
from opendesk.core.services.webmail import NewAttachment
db = Database({url!r})
try:
    with db.session() as s:
        chart_filing.file_thread(s, SystemActor("test"), {practice.thread_id})
except chart_filing.DiskFull as exc:
    print("REFUSED:", exc)
    sys.exit(3)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 3, done.stderr[-2000:]
    assert "The disk of the A-to-Z images folder is full" in done.stdout
    assert "nothing was left behind" in done.stdout
    webmail_dir = practice.atoz / "O" / f"OBrienRobert{practice.patient_id}" / "WebMail"
    assert webmail_dir.is_dir() and list(webmail_dir.iterdir()) == []
    with db.readonly_session() as s:
        assert s.execute(select(func.count(ChartFiling.id))).scalar_one() == 0


def test_the_portal_copy_is_the_holders_scope_only_and_audited(
    db: Database, practice: fs.FilingPractice
) -> None:
    with db.session() as s:
        name, data = chart_filing.portal_thread_pdf(s, practice.portal, practice.message_ids[0])
    assert name.endswith("RE Robert's X-rays.pdf")
    text = " ".join(pdf_text(data)[0].split())
    assert fs.REPLY_BODY in text and "Treatment plan page" in text
    with db.session() as s, pytest.raises(NotFound):
        chart_filing.portal_thread_pdf(s, practice.stranger_portal, practice.thread_id)
    with db.readonly_session() as s:
        actions = list(
            s.execute(
                select(AuditEntry.action, AuditEntry.outcome).order_by(AuditEntry.seq.desc())
            ).all()[:2]
        )
    assert actions == [("portal.message.denied", "denied"), ("portal.thread.pdf", "ok")]
    assert folder_files(practice) == []  # a download files nothing


def test_file_due_threads_files_each_thread_once_after_n_days(
    db: Database, practice: fs.FilingPractice
) -> None:
    with db.session() as s:
        assert chart_filing.file_due_threads(s, SYSTEM).filed == []  # off by default
        prefs.set_many(s, {prefs.FILE_THREADS_AFTER_DAYS: 7})
        s.commit()
    with clock.frozen(fs.STARTED + timedelta(days=6)), db.session() as s:
        assert chart_filing.file_due_threads(s, SYSTEM).filed == []
    with clock.frozen(fs.STARTED + timedelta(days=8)), db.session() as s:
        result = chart_filing.file_due_threads(s, SYSTEM)
    assert sorted(f.thread_id for f in result.filed) == sorted(
        [practice.thread_id, practice.stranger_thread_id]
    )
    assert result.failed == []
    with clock.frozen(fs.STARTED + timedelta(days=9)), db.session() as s:
        assert chart_filing.file_due_threads(s, SYSTEM).filed == []  # nothing new
    with db.readonly_session() as s:
        row = s.execute(
            select(ChartFiling).where(ChartFiling.thread_id == practice.thread_id)
        ).scalar_one()
        assert row.filed_by == "system (test)" and row.filed_by_user_id is None
        assert s.get(WebMailMessage, practice.thread_id) is not None


def test_the_admin_commands_file_a_thread_and_the_due_ones(
    db: Database, practice: fs.FilingPractice, capsys: pytest.CaptureFixture[str]
) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "file-thread", str(practice.message_ids[2])]) == 0
    out = capsys.readouterr().out
    assert "as version 1" in out and "WebMail" in out and "(3 messages)" in out
    assert main(["--db", url, "file-due"]) == 0
    assert "Filing by age is off" in capsys.readouterr().out
    assert main(["--db", url, "prefs", "set", "file_threads_after_days=1"]) == 0
    assert main(["--db", url, "prefs", "set", "file_threads_after_days=-1"]) == 2
    capsys.readouterr()
    with clock.frozen(fs.STARTED + timedelta(days=2)):
        assert main(["--db", url, "file-due"]) == 0
    out = capsys.readouterr().out
    assert f"filed conversation {practice.stranger_thread_id} version 1" in out
    assert "1 filed, 0 refused." in out  # the first thread was filed above
    assert main(["--db", url, "file-thread", "999999"]) == 2
    assert "no longer exists" in capsys.readouterr().err


def test_file_names_read_well_and_leave_room_for_versions(tmp_path: Path) -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("America/Los_Angeles")
    late = fs.STARTED.replace(hour=7)  # 11/29 in Oregon
    assert chart_filing.file_base_name("Re:  x-rays: upper/lower?", late, zone) == (
        "2026-11-29 RE x-rays upper lower_"
    )
    assert chart_filing.file_base_name("CON", fs.STARTED, zone) == "2026-11-30 CON"
    long = chart_filing.file_base_name("RE: " + "word " * 80, fs.STARTED, zone)
    (tmp_path / f"{long}.pdf").write_bytes(b"v1")
    for n in range(2, 13):
        (tmp_path / f"{long} ({n}).pdf").write_bytes(b"older")
    name = chart_filing._free_name(tmp_path, long, 2)
    assert name == f"{long} (13).pdf" and len(name) <= 150
