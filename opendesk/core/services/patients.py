"""Patients: rows as plain frozen dataclasses, the family of a patient, and validated, audited
create/update. Search as you type is `patient_search`."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from opendesk.core import audit, languages, permissions
from opendesk.core.actors import StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.id_chunks import chunks
from opendesk.core.models import Patient, Provider, patient_name
from opendesk.core.services.patient_search import parse_date
from opendesk.core.text import phone_digits

# ---------------------------------------------------------------------------------------------
# Rows for lists


@dataclass(frozen=True)
class PatientRow:
    """What lists and titles show about a patient. Plain data: safe to hand to the GUI."""

    id: int
    last_name: str
    first_name: str
    middle_initial: str
    preferred_name: str
    birthdate: date | None
    home_phone: str
    wireless_phone: str
    email: str
    city: str
    status: str
    primary_provider_id: int
    primary_provider_abbr: str
    guarantor_id: int | None

    @property
    def display_name(self) -> str:
        name = patient_name(self.last_name, self.first_name)
        if self.preferred_name:
            name += f" '{self.preferred_name}'"
        if self.middle_initial:
            name += f" {self.middle_initial}"
        return name

    @property
    def family_head_id(self) -> int:
        return self.guarantor_id or self.id

    @property
    def is_guarantor(self) -> bool:
        return self.family_head_id == self.id

    def age(self, today: date | None = None) -> int | None:
        if self.birthdate is None:
            return None
        today = today or date.today()
        born = self.birthdate
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    @property
    def phone(self) -> str:
        return self.wireless_phone or self.home_phone


_ROW_COLUMNS = (
    Patient.id,
    Patient.last_name,
    Patient.first_name,
    Patient.middle_initial,
    Patient.preferred_name,
    Patient.birthdate,
    Patient.home_phone,
    Patient.wireless_phone,
    Patient.email,
    Patient.city,
    Patient.status,
    Patient.primary_provider_id,
    Provider.abbr,
    Patient.guarantor_id,
)


def _row_select() -> Any:
    return select(*_ROW_COLUMNS).join(Provider, Provider.id == Patient.primary_provider_id)


def rows_by_ids(session: Session, ids: Sequence[int]) -> dict[int, PatientRow]:
    """Rows for the given ids (missing ids are simply absent)."""
    result: dict[int, PatientRow] = {}
    for chunk in chunks(ids):
        for r in session.execute(_row_select().where(Patient.id.in_(chunk))):
            result[r[0]] = PatientRow(*r)
    return result


def patient_row(session: Session, patient_id: int) -> PatientRow:
    row = rows_by_ids(session, [patient_id]).get(patient_id)
    if row is None:
        raise NotFound("This patient no longer exists.")
    return row


def family_rows(session: Session, patient_id: int) -> list[PatientRow]:
    """The patient's family: the guarantor first, then the members, oldest first."""
    patient = session.get(Patient, patient_id)
    if patient is None:
        return []
    head = patient.family_head_id
    rows = [
        PatientRow(*r)
        for r in session.execute(
            _row_select().where(or_(Patient.guarantor_id == head, Patient.id == head))
        )
    ]
    return sorted(rows, key=lambda p: (p.id != head, p.birthdate is None, p.birthdate, p.id))


# ---------------------------------------------------------------------------------------------
# Edit


@dataclass(frozen=True)
class PatientEdit:
    """The editable fields of a patient, as the edit dialog holds them (birthdate as typed)."""

    last_name: str = ""
    first_name: str = ""
    middle_initial: str = ""
    preferred_name: str = ""
    birthdate: str = ""
    home_phone: str = ""
    wireless_phone: str = ""
    work_phone: str = ""
    email: str = ""
    address: str = ""
    address2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    primary_provider_id: int | None = None
    guarantor_id: int | None = None  # None: the patient heads a family of their own
    language: str = languages.DEFAULT  # preferred language (core.languages): portal, notices


FIELD_LABELS = {
    "last_name": "Last name",
    "first_name": "First name",
    "middle_initial": "Middle initial",
    "preferred_name": "Preferred name",
    "birthdate": "Birthdate",
    "home_phone": "Home phone",
    "wireless_phone": "Wireless phone",
    "work_phone": "Work phone",
    "email": "E-mail",
    "address": "Address",
    "address2": "Address 2",
    "city": "City",
    "state": "State",
    "zip": "ZIP code",
    "primary_provider_id": "Primary provider",
    "guarantor_id": "Guarantor",
}
_MAX = {
    "last_name": 100,
    "first_name": 100,
    "middle_initial": 10,
    "preferred_name": 100,
    "email": 254,
    "address": 200,
    "address2": 200,
    "city": 100,
    "state": 50,
    "zip": 20,
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE = re.compile(r"^[\d\s().+\-]*(\s*(x|ext\.?)\s*\d+)?$", re.IGNORECASE)
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_STATE = re.compile(r"^[A-Za-z]{2}$")


class PatientInvalid(ValidationError):
    """Several fields may be wrong at once; `problems` maps each field to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        field, message = next(iter(problems.items()))
        super().__init__(message, field)
        self.problems = problems


def format_phone(value: str) -> str:
    """US numbers of 10 digits as "(503) 555-0142"; anything else as typed (trimmed)."""
    value = value.strip()
    digits = phone_digits(value)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10 and _PHONE.match(value) and "x" not in value.lower():
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return value


def _clean(edit: PatientEdit) -> PatientEdit:
    changes: dict[str, Any] = {}
    for f in fields(edit):
        value = getattr(edit, f.name)
        if isinstance(value, str):
            changes[f.name] = " ".join(value.split()) if f.name != "email" else value.strip()
    cleaned = replace(edit, **changes)
    return replace(
        cleaned,
        home_phone=format_phone(cleaned.home_phone),
        wireless_phone=format_phone(cleaned.wireless_phone),
        work_phone=format_phone(cleaned.work_phone),
        state=cleaned.state.upper(),
    )


def validate(
    session: Session, edit: PatientEdit, patient_id: int | None = None
) -> tuple[PatientEdit, date]:
    """The cleaned edit and parsed birthdate, or PatientInvalid naming every bad field."""
    edit = _clean(edit)
    problems: dict[str, str] = {}
    for name in ("last_name", "first_name"):
        if not getattr(edit, name):
            problems[name] = f"{FIELD_LABELS[name]} is required."
    for name, limit in _MAX.items():
        value = getattr(edit, name)
        if name not in problems and len(value) > limit:
            problems[name] = f"{FIELD_LABELS[name]} is too long (at most {limit} characters)."
        elif _CONTROL.search(value):
            problems[name] = f"{FIELD_LABELS[name]} contains characters that are not allowed."
    if edit.language not in languages.LANGUAGES:
        problems["language"] = "Choose one of the languages in the list."
    born = parse_date(edit.birthdate) if edit.birthdate else None
    if not edit.birthdate:
        problems["birthdate"] = "Birthdate is required (for example 1/31/1980)."
    elif born is None:
        problems["birthdate"] = "Type the birthdate as month/day/year, for example 1/31/1980."
    elif born > date.today():
        problems["birthdate"] = "The birthdate is in the future."
    elif born.year < 1900:
        problems["birthdate"] = "The birthdate is before 1900."
    for name in ("home_phone", "wireless_phone", "work_phone"):
        value = getattr(edit, name)
        if not value:
            continue
        digits = len(phone_digits(value))
        if not _PHONE.match(value):
            problems[name] = f"{FIELD_LABELS[name]} may hold only digits, spaces and ( ) - + ."
        elif not 7 <= digits <= 15:
            problems[name] = f"{FIELD_LABELS[name]} needs 10 digits, for example (503) 555-0142."
    if not (edit.home_phone or edit.wireless_phone):
        problems.setdefault("wireless_phone", "Give at least a home or a wireless phone.")
    if edit.email and "email" not in problems and not _EMAIL.match(edit.email):
        problems["email"] = "This is not an e-mail address (name@example.com)."
    if edit.zip and "zip" not in problems and not _ZIP.match(edit.zip):
        problems["zip"] = "ZIP code has 5 digits (or 5+4, 97302-1234)."
    if edit.state and "state" not in problems and not _STATE.match(edit.state):
        problems["state"] = "State is the two-letter code, for example OR."
    if edit.primary_provider_id is None:
        problems["primary_provider_id"] = "Choose the primary provider."
    else:
        prov = session.get(Provider, edit.primary_provider_id)
        if prov is None or prov.is_hidden:
            problems["primary_provider_id"] = "This provider is no longer available."
    problem = _guarantor_problem(session, edit.guarantor_id, patient_id)
    if problem:
        problems["guarantor_id"] = problem
    if problems:
        raise PatientInvalid(problems)
    assert born is not None
    return edit, born


def _guarantor_problem(
    session: Session, guarantor_id: int | None, patient_id: int | None
) -> str | None:
    if patient_id is not None:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise NotFound("This patient no longer exists.")
        heads_others = session.execute(
            select(func.count(Patient.id)).where(
                Patient.guarantor_id == patient_id, Patient.id != patient_id
            )
        ).scalar_one()
        if heads_others and guarantor_id not in (None, patient_id):
            return "This patient is the guarantor of other family members; change theirs first."
        if guarantor_id in (None, patient_id):
            return None
        if guarantor_id != patient.family_head_id:
            return "The guarantor must be a member of the same family."
    if guarantor_id is None:
        return None
    guarantor = session.get(Patient, guarantor_id)
    if guarantor is None:
        return "The guarantor no longer exists."
    if guarantor.family_head_id != guarantor.id:
        return "The guarantor must head their family (be their own guarantor)."
    return None


def get_edit(session: Session, actor: StaffActor, patient_id: int) -> PatientEdit:
    """The patient's current values for the edit dialog."""
    permissions.acting_user(session, actor)
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise NotFound("This patient no longer exists.")
    values = {f.name: getattr(patient, f.name) for f in fields(PatientEdit)}
    values["birthdate"] = patient.birthdate.strftime("%m/%d/%Y") if patient.birthdate else ""
    values["guarantor_id"] = None if patient.family_head_id == patient.id else patient.guarantor_id
    return PatientEdit(**values)


def _apply(patient: Patient, edit: PatientEdit, born: date) -> list[str]:
    changed = []
    for f in fields(PatientEdit):
        if f.name in ("birthdate", "guarantor_id"):
            continue
        new = getattr(edit, f.name)
        if getattr(patient, f.name) != new:
            setattr(patient, f.name, new)
            changed.append(f.name)
    if patient.birthdate != born:
        patient.birthdate = born
        changed.append("birthdate")
    return changed


def is_email(text: str) -> bool:
    """The e-mail address rule of every patient record (edit dialog, portal access)."""
    return bool(_EMAIL.match(text))


def new_patient(edit: PatientEdit, born: date) -> Patient:
    """An unsaved patient from a validated edit (see `validate`)."""
    patient = Patient(primary_provider_id=edit.primary_provider_id, guarantor_id=edit.guarantor_id)
    _apply(patient, edit, born)
    return patient


def insert_patient(session: Session, actor: StaffActor, patient: Patient, detail: str = "") -> int:
    """Store a patient made by `new_patient` (its own family head when it has no guarantor),
    audit and commit; the caller has checked the PatientEdit permission."""
    session.add(patient)
    session.flush()
    if patient.guarantor_id is None:
        patient.guarantor_id = patient.id
    audit.record(
        session,
        actor,
        "patient.create",
        patient_id=patient.id,
        object_type="patient",
        object_id=patient.id,
        detail=detail,
    )
    session.commit()
    return patient.id


def create_patient(session: Session, actor: StaffActor, edit: PatientEdit) -> int:
    """Add a patient (a family of their own, or a member of `edit.guarantor_id`'s family)."""
    permissions.require(session, actor, Permission.PATIENT_EDIT)
    edit, born = validate(session, edit)
    return insert_patient(session, actor, new_patient(edit, born))


def update_patient(session: Session, actor: StaffActor, patient_id: int, edit: PatientEdit) -> None:
    """Save the edit dialog; the audit row names the fields that changed (not their values)."""
    permissions.require(session, actor, Permission.PATIENT_EDIT, patient_id=patient_id)
    edit, born = validate(session, edit, patient_id)
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise NotFound("This patient no longer exists.")
    changed = _apply(patient, edit, born)
    guarantor = edit.guarantor_id or patient.id
    if patient.guarantor_id != guarantor:
        patient.guarantor_id = guarantor
        changed.append("guarantor_id")
    if not changed:
        session.rollback()
        return
    patient.updated_at = utcnow()
    audit.record(
        session,
        actor,
        "patient.update",
        patient_id=patient.id,
        object_type="patient",
        object_id=patient.id,
        detail="fields: " + ",".join(changed),
    )
    session.commit()
