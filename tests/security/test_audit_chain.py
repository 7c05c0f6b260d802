"""After a run of attacks (refusals, failed log-ins, lockouts, replies and a reset), the audit
chain verifies; then a row altered, removed or appended by hand is found and named."""

from collections.abc import Callable

import pytest
from sqlalchemy import delete, select, text, update

from opendesk.core import audit
from opendesk.core.db import Database
from opendesk.core.models import AuditEntry, AuditHead
from tests.security.conftest import Families, Portal


def _attack(families: Families, portal: Callable[..., Portal]) -> None:
    sam = portal("samroe")
    for item in families.items:
        sam.get(f"/messages/{item.message_id}")
        sam.get(f"/attachments/{item.attachment_id}")
    ann = portal("annlee")
    mine = next(i for i in families.items if i.about == "tim")
    ann.post(f"/messages/{mine.message_id}/reply", {"body": "Thanks", "request_id": "a1"})
    anon = portal()
    for n in range(6):
        anon.login("boblee", f"Wrong{n}")
    anon.login("nobody", "x")


def _middle(db: Database) -> tuple[int, int]:
    with db.readonly_session() as s:
        ids = s.execute(select(AuditEntry.id, AuditEntry.seq).order_by(AuditEntry.seq)).all()
    assert len(ids) > 30
    row = ids[len(ids) // 2]
    return int(row[0]), int(row[1])


@pytest.mark.parametrize("how", ["edit-detail", "edit-patient", "delete", "insert", "truncate"])
def test_chain_verifies_then_finds_the_altered_row(
    families: Families, portal: Callable[..., Portal], how: str
) -> None:
    db = families.db
    _attack(families, portal)
    with db.readonly_session() as s:
        report = audit.verify(s)
    assert report.intact and report.rows_checked > 30, str(report)
    row_id, seq = _middle(db)
    with db.session() as s:
        if how == "edit-detail":
            s.execute(update(AuditEntry).where(AuditEntry.id == row_id).values(detail="nothing"))
        elif how == "edit-patient":
            row = s.get(AuditEntry, row_id)
            assert row is not None  # blame the access on another patient
            zoe, sam = families.patient_ids["zoe"], families.patient_ids["sam"]
            row.patient_id = sam if row.patient_id == zoe else zoe
        elif how == "delete":
            s.execute(delete(AuditEntry).where(AuditEntry.id == row_id))
        elif how == "insert":  # a forged row slipped in with the next sequence number
            s.execute(
                update(AuditEntry).where(AuditEntry.seq > seq).values(seq=AuditEntry.seq + 1000)
            )
            forged = s.execute(select(AuditEntry).where(AuditEntry.id == row_id)).scalar_one()
            s.add(
                AuditEntry(
                    seq=seq + 1,
                    at=forged.at,
                    actor_kind=forged.actor_kind,
                    action="portal.login",
                    workstation="forged",
                    outcome="ok",
                    detail="",
                    prev_hash=forged.hash,
                    hash="f" * 64,
                )
            )
        else:
            head = s.get(AuditHead, 1)
            assert head is not None
            s.execute(delete(AuditEntry).where(AuditEntry.seq > head.last_seq - 3))
        s.commit()
    with db.readonly_session() as s:
        report = audit.verify(s)
    assert not report.intact
    if how.startswith("edit"):
        assert report.broken_id == row_id and "contents" in report.reason
    elif how == "delete" or how == "insert":
        assert report.broken_seq == seq + 1
    else:
        assert "removed from the end" in report.reason
    with db.session() as s:  # put it back so the suite's own after-check does not trip
        s.execute(text("DELETE FROM audit_log"))
        s.execute(update(AuditHead).values(last_seq=0, last_hash=audit.GENESIS_HASH))
        s.commit()
