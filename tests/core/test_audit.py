"""The hash-chained audit log: appends, verification, and tampering found."""

import itertools
import threading

from sqlalchemy import delete, func, select, text, update

from opendesk.core import audit
from opendesk.core.actors import PortalActor, StaffActor, SystemActor
from opendesk.core.db import Database
from opendesk.core.models import AuditEntry, AuditHead


def _append(db: Database, n: int) -> list[int]:
    ids = []
    with db.session() as session:
        for i in range(n):
            actor = (StaffActor(1, "ws1"), PortalActor(2, 3, "10.0.0.9"), SystemActor())[i % 3]
            ids.append(audit.record(session, actor, "message.read", patient_id=i, object_id=i).id)
        session.commit()
    return ids


def _verify(db: Database) -> audit.ChainReport:
    with db.readonly_session() as session:
        return audit.verify(session)


def test_empty_chain_is_intact(db: Database) -> None:
    report = _verify(db)
    assert report.intact and report.rows_checked == 0


def test_appends_form_a_chain(db: Database) -> None:
    _append(db, 25)
    report = _verify(db)
    assert report.intact, str(report)
    assert report.rows_checked == 25
    with db.readonly_session() as session:
        rows = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all()
    assert [r.seq for r in rows] == list(range(1, 26))
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    assert rows[1].actor_kind == "portal" and rows[1].workstation == "portal 10.0.0.9"


def test_edited_row_is_named(db: Database) -> None:
    ids = _append(db, 10)
    with db.engine.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == ids[6]).values(patient_id=999))
    report = _verify(db)
    assert not report.intact
    assert report.broken_id == ids[6]
    assert "contents" in report.reason
    assert f"row id {ids[6]}" in str(report)


def test_edit_with_recomputed_hash_breaks_the_next_link(db: Database) -> None:
    ids = _append(db, 10)
    with db.session() as session:
        row = session.get(AuditEntry, ids[3])
        assert row is not None
        row.action = "nothing.to.see"
        row.hash = audit.entry_hash(row)
        session.commit()
    report = _verify(db)
    assert not report.intact and report.broken_id == ids[4]


def test_deleted_rows_are_found(db: Database) -> None:
    ids = _append(db, 10)
    with db.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id == ids[2]))
    report = _verify(db)
    assert not report.intact and report.broken_id == ids[3]
    assert "sequence" in report.reason


def test_truncated_tail_is_found(db: Database) -> None:
    ids = _append(db, 5)
    with db.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id == ids[-1]))
    report = _verify(db)
    assert not report.intact and "removed from the end" in report.reason


def test_concurrent_writers_keep_one_chain(db: Database) -> None:
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            for i in range(15):
                with db.session() as session:
                    audit.record(session, StaffActor(k, f"ws{k}"), "patient.view", patient_id=i)
                    session.commit()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    report = _verify(db)
    assert report.intact, str(report)
    assert report.rows_checked == 60
    with db.readonly_session() as session:
        head = session.get(AuditHead, 1)
        assert head is not None and head.last_seq == 60
        assert session.execute(select(func.count(AuditEntry.id))).scalar_one() == 60


def test_rolled_back_append_leaves_no_trace(db: Database) -> None:
    _append(db, 2)
    with db.session() as session:
        audit.record(session, SystemActor(), "will.roll.back")
        session.rollback()
    report = _verify(db)
    assert report.intact and report.rows_checked == 2
    with db.readonly_session() as session:
        assert session.execute(text("SELECT COUNT(*) FROM audit_log")).scalar_one() == 2
