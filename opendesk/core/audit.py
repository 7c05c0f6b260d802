"""The audit log: append-only rows, each hashed over its own fields and the previous row's hash.

Appends lock the one-row `audit_head` (SELECT ... FOR UPDATE; the write lock on SQLite), so
concurrent writers on every workstation and the portal extend one chain. `verify` walks the
chain and names the first row whose hash, link or sequence number is wrong; editing, deleting
or inserting a row by hand is found.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypedDict, Unpack

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from opendesk.core.actors import Actor, PortalActor, StaffActor, SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.models import AuditEntry, AuditHead

GENESIS_HASH = "0" * 64
GROUP_WRITER = "opendesk.audit_writer"  # Session.info key of an `AuditWriter`


class ReadFields(TypedDict, total=False):
    """What a row says beyond who did what: the patient and object concerned and a detail
    (no PHI: ids, counts and reasons only). Left out: none, "", none, ""."""

    patient_id: int | None
    object_type: str
    object_id: int | None
    detail: str


class Fields(ReadFields, total=False):
    outcome: str  # "ok" when left out


class GroupWriter(Protocol):
    def write(self, actor: Actor, action: str, **fields: Any) -> None: ...


def _row_hash(
    *,
    seq: int,
    at: datetime,
    actor_kind: str,
    user_id: int | None,
    portal_account_id: int | None,
    action: str,
    patient_id: int | None,
    object_type: str,
    object_id: int | None,
    workstation: str,
    outcome: str,
    detail: str,
    prev_hash: str,
) -> str:
    payload = [
        seq,
        at.strftime("%Y-%m-%dT%H:%M:%S.%f"),
        actor_kind,
        user_id,
        portal_account_id,
        action,
        patient_id,
        object_type,
        object_id,
        workstation,
        outcome,
        detail,
        prev_hash,
    ]
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def entry_hash(entry: AuditEntry) -> str:
    return _row_hash(
        seq=entry.seq,
        at=entry.at,
        actor_kind=entry.actor_kind,
        user_id=entry.user_id,
        portal_account_id=entry.portal_account_id,
        action=entry.action,
        patient_id=entry.patient_id,
        object_type=entry.object_type,
        object_id=entry.object_id,
        workstation=entry.workstation,
        outcome=entry.outcome,
        detail=entry.detail,
        prev_hash=entry.prev_hash,
    )


def record(session: Session, actor: Actor, action: str, **fields: Unpack[Fields]) -> AuditEntry:
    """Append one row in the caller's transaction. `detail` must hold no PHI (ids, counts and
    reasons only); the caller commits."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()
    entry = AuditEntry(
        **_row(actor, action, fields), seq=head.last_seq + 1, prev_hash=head.last_hash
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    head.last_seq = entry.seq
    head.last_hash = entry.hash
    session.flush()
    return entry


def _row(actor: Actor, action: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The column values of one row (no seq, links or hash yet)."""
    if isinstance(actor, PortalActor):
        workstation = f"portal {actor.client}".strip()
    elif isinstance(actor, SystemActor):
        workstation = f"{actor.workstation} ({actor.name})"
    else:
        workstation = actor.workstation
    return {
        "at": utcnow(),
        "actor_kind": actor.kind.value,
        "user_id": actor.user_id if isinstance(actor, StaffActor) else None,
        "portal_account_id": actor.account_id if isinstance(actor, PortalActor) else None,
        "action": action,
        "patient_id": fields.get("patient_id"),
        "object_type": fields.get("object_type", ""),
        "object_id": fields.get("object_id"),
        "workstation": workstation[:100],
        "outcome": fields.get("outcome", "ok"),
        "detail": str(fields.get("detail", ""))[:500],
    }


# The group writer's statements, built once: SQLAlchemy then works out their cache keys once.
_LOCK_HEAD = (
    select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1).with_for_update()
)
_INSERT_ROWS = insert(AuditEntry)
_MOVE_HEAD = (
    update(AuditHead)
    .where(AuditHead.id == 1)
    .values(last_seq=bindparam("new_seq"), last_hash=bindparam("new_hash"))
)


def append_many(session: Session, items: list[tuple[Actor, str, dict[str, Any]]]) -> None:
    """Append several rows in the caller's transaction with one INSERT (executemany) and one
    head update: the audit group writer's path. Same rows, links and hashes as `record` one by
    one; the caller commits."""
    if not items:
        return
    head = session.execute(_LOCK_HEAD).one()
    seq, prev = head.last_seq, head.last_hash
    rows = []
    for actor, action, fields in items:
        seq += 1
        row = _row(actor, action, fields) | {"seq": seq, "prev_hash": prev}
        row["hash"] = prev = _row_hash(**row)
        rows.append(row)
    # Core executemany on the session's connection: the ORM's bulk path costs more per row.
    session.connection().execute(_INSERT_ROWS, rows)
    session.execute(_MOVE_HEAD, {"new_seq": seq, "new_hash": prev})


def record_read(session: Session, actor: Actor, action: str, **fields: Unpack[ReadFields]) -> None:
    """The audit row of a read, durable when this returns. The caller has ended its reads'
    transaction and has no writes pending. Through the session's group writer when it has
    one (the portal: batched with other requests' rows into one commit), else appended and
    committed in `session`."""
    writer: GroupWriter | None = session.info.get(GROUP_WRITER)
    if writer is not None:
        writer.write(actor, action, **fields)
        return
    record(session, actor, action, **fields)
    session.commit()


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    rows_checked: int
    broken_id: int | None = None
    broken_seq: int | None = None
    reason: str = ""

    def __str__(self) -> str:
        if self.intact:
            return f"audit chain intact: {self.rows_checked} rows verified"
        return (
            f"audit chain BROKEN at row id {self.broken_id} (seq {self.broken_seq}): "
            f"{self.reason}; {self.rows_checked} rows before it verified"
        )


def verify(session: Session, batch: int = 5000) -> ChainReport:
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    last_id = None
    while True:
        query = select(AuditEntry).order_by(AuditEntry.seq).limit(batch)
        if checked:
            query = query.where(AuditEntry.seq >= expected_seq)
        rows = session.execute(query).scalars().all()
        for row in rows:
            problem = ""
            if row.seq != expected_seq:
                problem = f"sequence number {row.seq} where {expected_seq} was expected"
            elif row.prev_hash != expected_prev:
                problem = "its link does not match the previous row's hash"
            elif entry_hash(row) != row.hash:
                problem = "its contents do not match its hash"
            if problem:
                return ChainReport(False, checked, row.id, row.seq, problem)
            expected_prev = row.hash
            expected_seq += 1
            checked += 1
            last_id = row.id
        session.expunge_all()
        if len(rows) < batch:
            break
    head = session.get(AuditHead, 1)
    if head is None:
        return ChainReport(False, checked, None, None, "the audit head row is missing")
    if head.last_seq != checked or head.last_hash != expected_prev:
        return ChainReport(
            False,
            checked,
            last_id,
            checked or None,
            f"the chain ends at seq {checked} but the head records seq {head.last_seq}"
            " (rows were removed from the end)",
        )
    return ChainReport(True, checked)
