"""The audit report (ONC 170.315(d)(3)-style): who did what, when, to which patient's data.

Needs the AuditView permission (a SystemActor — `opendesk-admin` — may always). Opening the
report and exporting it are themselves audited.
"""

import csv
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any, TextIO

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from opendesk.core import audit, permissions, timefmt
from opendesk.core.actors import StaffActor, SystemActor
from opendesk.core.audit import ChainReport
from opendesk.core.enums import Permission
from opendesk.core.models import AuditEntry, Patient, PortalAccount, User, patient_name

ReportActor = StaffActor | SystemActor


@dataclass(frozen=True)
class AuditFilter:
    date_from: date | None = None
    date_to: date | None = None
    user_id: int | None = None
    patient_id: int | None = None
    action: str = ""  # prefix, e.g. "webmail." or "portal.login"
    zone: tzinfo | None = None  # the dates are days of this zone (None: UTC days)


class AuditSort(StrEnum):
    TIME = "time"
    USER = "user"
    PATIENT = "patient"
    ACTION = "action"


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    who: str
    action: str
    outcome: str
    patient_id: int | None
    patient_name: str
    object: str
    workstation: str
    detail: str


COLUMNS = (
    "time (UTC)",
    "who",
    "action",
    "outcome",
    "patient id",
    "patient",
    "object",
    "workstation",
    "detail",
)


def _require(session: Session, actor: ReportActor) -> None:
    if isinstance(actor, StaffActor):
        permissions.require(session, actor, Permission.AUDIT_VIEW)


def open_report(session: Session, actor: ReportActor) -> ChainReport:
    """Check the permission, record that the report was opened, and verify the chain."""
    _require(session, actor)
    audit.record(session, actor, "audit.report.view")
    session.commit()
    return audit.verify(session)


def _query(flt: AuditFilter, sort: AuditSort, descending: bool) -> Select[int]:
    query = select(AuditEntry.id)

    def day_start(day: date) -> datetime:
        start = datetime.combine(day, datetime.min.time())
        return timefmt.to_utc(start, flt.zone) if flt.zone is not None else start

    if flt.date_from:
        query = query.where(AuditEntry.at >= day_start(flt.date_from))
    if flt.date_to:
        query = query.where(AuditEntry.at < day_start(flt.date_to + timedelta(days=1)))
    if flt.user_id is not None:
        query = query.where(AuditEntry.user_id == flt.user_id)
    if flt.patient_id is not None:
        query = query.where(AuditEntry.patient_id == flt.patient_id)
    if flt.action:
        query = query.where(AuditEntry.action.startswith(flt.action, autoescape=True))
    column = {
        AuditSort.TIME: AuditEntry.seq,
        AuditSort.USER: AuditEntry.user_id,
        AuditSort.PATIENT: AuditEntry.patient_id,
        AuditSort.ACTION: AuditEntry.action,
    }[sort]
    order: list[Any] = [column.desc() if descending else column.asc()]
    if sort != AuditSort.TIME:
        order.append(AuditEntry.seq.desc())
    return query.order_by(*order)


def report_ids(
    session: Session,
    actor: ReportActor,
    flt: AuditFilter = AuditFilter(),
    sort: AuditSort = AuditSort.TIME,
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[int]:
    _require(session, actor)
    return list(
        session.execute(_query(flt, sort, descending).offset(offset).limit(limit)).scalars()
    )


def report_rows(session: Session, ids: list[int]) -> list[AuditRow]:
    if not ids:
        return []
    patient = aliased(Patient)
    rows = session.execute(
        select(
            AuditEntry, User.username, PortalAccount.username, patient.last_name, patient.first_name
        )
        .outerjoin(User, User.id == AuditEntry.user_id)
        .outerjoin(PortalAccount, PortalAccount.id == AuditEntry.portal_account_id)
        .outerjoin(patient, patient.id == AuditEntry.patient_id)
        .where(AuditEntry.id.in_(ids))
    ).all()
    by_id = {}
    for entry, staff, portal, last, first in rows:
        if entry.actor_kind == "user":
            who = staff or f"user #{entry.user_id}"
        elif entry.actor_kind == "portal":
            who = f"portal: {portal or entry.portal_account_id}"
        else:
            who = "system"
        by_id[entry.id] = AuditRow(
            id=entry.id,
            at=entry.at,
            who=who,
            action=entry.action,
            outcome=entry.outcome,
            patient_id=entry.patient_id,
            patient_name=patient_name(last, first) if last else "",
            object=f"{entry.object_type} {entry.object_id}" if entry.object_type else "",
            workstation=entry.workstation,
            detail=entry.detail,
        )
    return [by_id[i] for i in ids if i in by_id]


def export_csv(
    session: Session,
    actor: ReportActor,
    flt: AuditFilter,
    out: TextIO,
    sort: AuditSort = AuditSort.TIME,
    descending: bool = False,
) -> int:
    """Write the filtered report as CSV; returns the number of rows. Audited."""
    _require(session, actor)
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    written = 0
    offset = 0
    while True:
        ids = report_ids(session, actor, flt, sort, descending, offset, 2000)
        for row in report_rows(session, ids):
            writer.writerow(
                [
                    row.at.strftime("%Y-%m-%d %H:%M:%S"),
                    row.who,
                    row.action,
                    row.outcome,
                    row.patient_id or "",
                    row.patient_name,
                    row.object,
                    row.workstation,
                    row.detail,
                ]
            )
            written += 1
        if len(ids) < 2000:
            break
        offset += 2000
    audit.record(session, actor, "audit.export", detail=f"rows={written}")
    session.commit()
    return written
