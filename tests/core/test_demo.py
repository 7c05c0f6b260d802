"""The demo practices: what the small one holds, and the large one's bulk path (scaled down)."""

import time
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, or_, select, update

from opendesk.admin.demo import make_demo
from opendesk.admin.demo_large import make_large_demo
from opendesk.core import audit, fulltext, scope
from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import (
    Patient,
    PortalAccount,
    Provider,
    User,
    WebMailMessage,
    WebMailTemplate,
)


def test_small_demo(db: Database, tmp_path: Path) -> None:
    result = make_demo(db, tmp_path / "atoz")
    assert result.patients == 100
    with db.readonly_session() as s:
        assert s.execute(select(func.count(Provider.id))).scalar_one() == 3
        users = s.execute(select(User)).scalars().all()
        assert sum(u.provider_id is not None for u in users) == 3
        assert {u.username for u in users if u.provider_id is None} == {"frontdesk", "admin"}
        heads = s.execute(select(Patient).where(Patient.guarantor_id == Patient.id)).scalars()
        assert 20 <= len(list(heads)) <= 45
        assert s.execute(select(func.count(PortalAccount.id))).scalar_one() >= 10
        statuses = set(s.execute(select(WebMailMessage.status)).scalars())
        assert MessageStatus.WEBMAIL_SENT in statuses and MessageStatus.WEBMAIL_RECEIVED in statuses
        for msg in s.execute(select(WebMailMessage)).scalars():
            assert scope.in_scope(s, msg.patient_id, msg.regarding_patient_id)
        assert audit.verify(s).intact
        templates = s.execute(select(WebMailTemplate)).scalars().all()
        assert len(templates) == 4 and sum(t.provider_id is not None for t in templates) == 1
        assert all(
            p.signature.endswith("Willamette Family Dental")
            for p in s.execute(select(Provider)).scalars()
        )
    shared = tmp_path / "atoz" / "EmailAttachments"
    assert [p.name for p in shared.iterdir()] == ["Post-op care.pdf"]
    files = [p for p in (tmp_path / "atoz").rglob("*.*") if p.parent != shared]
    assert {p.suffix for p in files} == {".jpg", ".png", ".pdf"}
    assert len(files) == 30
    assert all(p.parent.parent.name == p.parent.name[0] for p in files)
    text = result.describe()
    assert "kalbright" in text and "frontdesk" in text and "Portal2026" in text


def test_large_demo_bulk_path(db: Database) -> None:
    timings = make_large_demo(
        db, patients=600, messages=3000, providers=4, chunk=500, progress=lambda _line: None
    )
    assert timings.messages == 3000
    with db.readonly_session() as s:
        assert s.execute(select(func.count(Patient.id))).scalar_one() == 600
        assert s.execute(select(func.count(WebMailMessage.id))).scalar_one() == 3000
        found = s.execute(select(Patient).where(Patient.last_name_key != "").limit(1)).scalar_one()
        assert found.last_name_key == found.last_name_key.casefold()
        assert audit.verify(s).intact
        # The indexes dropped for the load are back, texts came through the bulk path whole
        # (new lines, "#"), and the search structure holds every message.
        have = {ix["name"] for ix in inspect(db.engine).get_indexes("webmail_message")}
        assert {ix.name for ix in WebMailMessage.__table__.indexes} <= have
        regards = WebMailMessage.body.like("%\n\nBest regards,%")
        assert s.execute(select(func.count()).where(regards)).scalar_one() > 0
        for typed in ("amoxicillin", "tooth #1"):
            by_search = fulltext.condition(fulltext.parse(typed))
            like = or_(
                WebMailMessage.subject.ilike(f"%{typed}%"), WebMailMessage.body.ilike(f"%{typed}%")
            )
            count = s.execute(select(func.count(WebMailMessage.id)).where(by_search)).scalar_one()
            assert count == s.execute(select(func.count()).where(like)).scalar_one() > 0
        # Times are stored as the ORM stores them: a keyset page compares sent_at by equality
        # (SQLite compares the text: "... 15:00:00" is not "... 15:00:00.000000").
        for sent in s.execute(select(WebMailMessage.sent_at).limit(20)).scalars():
            same = s.execute(select(func.count()).where(WebMailMessage.sent_at == sent))
            assert same.scalar_one() >= 1, sent
    with db.session() as s:  # and is kept in step after the load
        amoxicillin = WebMailMessage.body.ilike("%amoxicillin%")
        s.execute(update(WebMailMessage).where(amoxicillin).values(body="Edited by hand"))
        s.commit()
        amox = fulltext.condition(fulltext.parse("amoxicillin"))
        assert s.execute(select(func.count(WebMailMessage.id)).where(amox)).scalar_one() == 0
        edited = fulltext.condition(fulltext.parse("edited hand"))
        assert s.execute(select(func.count(WebMailMessage.id)).where(edited)).scalar_one() > 0


def test_every_demo_start_prints_the_logins(
    tmp_path: Path, capsys: "pytest.CaptureFixture[str]"
) -> None:
    """The first start makes the practice and prints the logins; later starts print them again
    (read back from the database), with the portal user names the README lists."""
    from opendesk.launcher import ensure_demo_practice

    folder = tmp_path / "demo"
    ensure_demo_practice(folder)
    first = capsys.readouterr().out
    ensure_demo_practice(folder)
    again = capsys.readouterr().out
    assert "Using the demo practice" in again
    for text in (first, again):
        assert "Staff logins (desktop client):" in text and "Patient portal logins:" in text
        assert "kalbright" in text and "frontdesk" in text and "admin" in text
        assert "Demo2026" in text and "Portal2026" in text

    def logins(text: str) -> list[tuple[str, str]]:
        lines = [line.split() for line in text.splitlines() if line.startswith("  ")]
        return [(parts[0], parts[1]) for parts in lines if len(parts) > 2]

    assert logins(again) == logins(first) and len(logins(first)) == 5 + 6
    spanish = [line for line in first.splitlines() if "prefers Spanish" in line]
    assert len(spanish) == 1 and "egonzalez9" in spanish[0], "a Spanish-speaking demo patient"
    assert spanish == [line for line in again.splitlines() if "prefers Spanish" in line]
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for username, _password in logins(first):
        assert f"`{username}`" in readme, f"README does not list {username}"


def test_large_demo_writes_naive_utc(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Timestamps are naive UTC (docs/DESIGN.md), whatever the machine's time zone."""
    monkeypatch.setenv("TZ", "Etc/GMT-12")  # twelve hours ahead of UTC
    time.tzset()
    try:
        make_large_demo(db, patients=20, messages=50, providers=2, progress=lambda _line: None)
    finally:
        monkeypatch.undo()
        time.tzset()
    with db.readonly_session() as s:
        created = s.execute(select(func.max(Provider.created_at))).scalar_one()
        newest = s.execute(select(func.max(WebMailMessage.sent_at))).scalar_one()
    assert abs((created - utcnow()).total_seconds()) < 600
    assert newest <= utcnow()
