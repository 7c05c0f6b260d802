"""The PHI scope of a portal account: whose messages its holder may read and write about.

A holder may see their own PHI; that of the family members they are guarantor of, when the
practice preference allows (on by default, as in Open Dental); that of patients they are the
responsible party for; and that of children they are a guardian of.
"""

from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, select, union
from sqlalchemy.orm import Session

from opendesk.core import preferences
from opendesk.core.models import Guardian, Patient


def scope_select(holder_patient_id: int | ColumnElement[int], family: bool) -> CompoundSelect[Any]:
    """The rule as SQL: the patient ids whose PHI the holder may see, one column `id` (a
    UNION: no id twice). The portal's pages join it into their one query, with the holder as
    a bound parameter."""
    parts = [
        select(Patient.id.label("id")).where(Patient.id == holder_patient_id),
        select(Patient.id).where(Patient.responsible_party_id == holder_patient_id),
        select(Guardian.child_id).where(Guardian.guardian_id == holder_patient_id),
    ]
    if family:
        parts.append(select(Patient.id).where(Patient.guarantor_id == holder_patient_id))
    return union(*parts)


def phi_scope(session: Session, holder_patient_id: int, family: bool | None = None) -> set[int]:
    """Patient ids whose PHI the holder may see. `family` overrides the practice preference.
    One UNION query (`scope_select`)."""
    if family is None:
        family = preferences.get(session, preferences.PORTAL_FAMILY_SCOPE)
    ids = {holder_patient_id}
    ids.update(session.execute(scope_select(holder_patient_id, family)).scalars())
    return ids


def in_scope(session: Session, holder_patient_id: int, patient_id: int) -> bool:
    return patient_id in phi_scope(session, holder_patient_id)


def family_of(session: Session, patient_id: int) -> list[Patient]:
    """The patient's family: the guarantor first, then members by birthdate (oldest first)."""
    patient = session.get(Patient, patient_id)
    if patient is None:
        return []
    head = patient.family_head_id
    members = (
        session.execute(
            select(Patient).where((Patient.guarantor_id == head) | (Patient.id == head))
        )
        .scalars()
        .all()
    )
    return sorted(members, key=lambda p: (p.id != head, p.birthdate is None, p.birthdate, p.id))
