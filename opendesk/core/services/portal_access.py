"""Grant Portal Access (the desktop's Chart module), Remove Access, and the patient record a
provider needs to receive WebMail from another provider.

The portal needs a patient's first and last name, birthdate, a phone number, an e-mail address,
an address and a primary provider (the list of the manual's provider-to-provider flow);
`access_problems` names what is missing. Granting makes a user name and a strong temporary
password, shown once (the desktop prints it for the patient) and flagged for change at the first
log-in. Each grant and removal needs the PortalAccess permission and is audited.
"""

import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core import audit, permissions
from opendesk.core.actors import StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.models import Patient, PortalAccount, Provider
from opendesk.core.passwords import hash_password, password_rule_message
from opendesk.core.services import patients

TEMP_PASSWORD_LENGTH = 12
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_LOWER = "abcdefghijkmnpqrstuvwxyz"
_DIGITS = "23456789"


@dataclass(frozen=True)
class GrantedAccess:
    """Shown once and printable: the temporary password is not kept anywhere in clear."""

    username: str
    temporary_password: str


@dataclass(frozen=True)
class AccessState:
    """What the Chart module shows about a patient's portal access."""

    has_account: bool
    is_active: bool
    username: str
    must_change_password: bool
    locked: bool
    last_login_at: datetime | None

    @property
    def label(self) -> str:
        if not self.has_account or not self.is_active:
            return "No portal access"
        if self.locked:
            return "Portal access (locked after failed log-ins)"
        if self.must_change_password:
            return "Portal access granted (temporary password not yet changed)"
        return "Portal access"


def _text(value: str | None) -> str:
    return (value or "").strip()


def patient_problems(patient: Patient) -> list[str]:
    """What a patient record (saved or not) lacks for portal access."""
    problems = []
    if not _text(patient.first_name):
        problems.append("The first name is missing.")
    if not _text(patient.last_name):
        problems.append("The last name is missing.")
    if patient.birthdate is None:
        problems.append("The birthdate is missing.")
    if not any(_text(p) for p in (patient.home_phone, patient.wireless_phone, patient.work_phone)):
        problems.append("A phone number is missing.")
    email = _text(patient.email)
    if not email:
        problems.append("The e-mail address is missing.")
    elif not patients.is_email(email):
        problems.append("The e-mail address is not valid.")
    if not (_text(patient.address) and _text(patient.city) and _text(patient.zip)):
        problems.append("The address is incomplete (street, city and ZIP code).")
    if patient.primary_provider_id is None:
        problems.append("The primary provider is missing.")
    return problems


def access_problems(session: Session, patient_id: int) -> list[str]:
    """What the patient record lacks for portal access, each a sentence; empty when ready."""
    patient = session.get(Patient, patient_id)
    if patient is None:
        return ["The patient no longer exists."]
    problems = patient_problems(patient)
    if session.get(Provider, patient.primary_provider_id) is None:
        problems.append("The primary provider is missing.")
    return problems


def _account(session: Session, patient_id: int) -> PortalAccount | None:
    return session.execute(
        select(PortalAccount).where(PortalAccount.patient_id == patient_id)
    ).scalar_one_or_none()


def access_state(session: Session, patient_id: int) -> AccessState:
    account = _account(session, patient_id)
    if account is None:
        return AccessState(False, False, "", False, False, None)
    return AccessState(
        has_account=True,
        is_active=account.is_active,
        username=account.username,
        must_change_password=account.must_change_password,
        locked=account.locked_until is not None and account.locked_until > utcnow(),
        last_login_at=account.last_login_at,
    )


def temporary_password() -> str:
    """Twelve characters with upper case, lower case and digits, none easily confused."""
    alphabet = _UPPER + _LOWER + _DIGITS
    while True:
        chars = [secrets.choice(alphabet) for _ in range(TEMP_PASSWORD_LENGTH)]
        candidate = "".join(chars)
        if password_rule_message(candidate) is None:
            return candidate


def _ascii_letters(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def new_username(session: Session, patient: Patient) -> str:
    """First name and a number, in lower case, not yet taken (e.g. "ann4821")."""
    base = _ascii_letters(patient.first_name)[:20] or "patient"
    while True:
        candidate = f"{base}{secrets.randbelow(9000) + 1000}"
        taken = session.execute(
            select(PortalAccount.id).where(PortalAccount.username == candidate)
        ).first()
        if taken is None:
            return candidate


def grant_access(session: Session, actor: StaffActor, patient_id: int) -> GrantedAccess:
    """Give the patient portal access (or a new temporary password when it has an account).
    Raises ValidationError naming what the record lacks."""
    permissions.require(session, actor, Permission.PORTAL_ACCESS, patient_id=patient_id)
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise NotFound("The patient no longer exists.")
    problems = access_problems(session, patient_id)
    if problems:
        raise ValidationError(
            "Portal access needs more of the patient's details: " + " ".join(problems)
        )
    password = temporary_password()
    account = _account(session, patient_id)
    renewed = account is not None
    if account is None:
        account = PortalAccount(patient_id=patient_id, username=new_username(session, patient))
        session.add(account)
    account.password_hash = hash_password(password)
    account.is_active = True
    account.must_change_password = True
    account.must_change_username = False
    account.failed_logins = 0
    account.locked_until = None
    account.reset_code_hash = None
    account.reset_code_expires_at = None
    session.flush()
    audit.record(
        session,
        actor,
        "portal.access.grant",
        patient_id=patient_id,
        object_type="portal_account",
        object_id=account.id,
        detail="new temporary password" if renewed else "new account",
    )
    session.commit()
    return GrantedAccess(account.username, password)


def remove_access(session: Session, actor: StaffActor, patient_id: int) -> None:
    """Turn the account off; it stays in the database for the messages and the audit log."""
    permissions.require(session, actor, Permission.PORTAL_ACCESS, patient_id=patient_id)
    account = _account(session, patient_id)
    if account is None or not account.is_active:
        raise NotFound("The patient has no portal access.")
    account.is_active = False
    account.reset_code_hash = None
    account.reset_code_expires_at = None
    audit.record(
        session,
        actor,
        "portal.access.remove",
        patient_id=patient_id,
        object_type="portal_account",
        object_id=account.id,
    )
    session.commit()


@dataclass(frozen=True)
class ProviderContact:
    """What the manual requires to make a patient record for a provider who receives WebMail."""

    first_name: str
    last_name: str
    birthdate: date
    phone: str
    email: str
    address: str
    city: str
    state: str
    zip: str
    primary_provider_id: int  # the provider who will send the messages


def create_provider_patient(session: Session, actor: StaffActor, contact: ProviderContact) -> int:
    """Make the patient record of a provider (its own family head); returns the patient id.
    Needs the PatientEdit permission; then grant portal access as for any patient."""
    permissions.require(session, actor, Permission.PATIENT_EDIT)
    if session.get(Provider, contact.primary_provider_id) is None:
        raise ValidationError("Choose the provider who will send the messages.", "provider")
    edit = patients.PatientEdit(
        first_name=contact.first_name,
        last_name=contact.last_name,
        birthdate=contact.birthdate.strftime("%m/%d/%Y"),
        wireless_phone=contact.phone,
        email=contact.email,
        address=contact.address,
        city=contact.city,
        state=contact.state,
        zip=contact.zip,
        primary_provider_id=contact.primary_provider_id,
    )
    edit, born = patients.validate(session, edit)  # the rules of every patient record
    patient = patients.new_patient(edit, born)
    problems = patient_problems(patient)  # and what the portal needs on top
    if problems:
        raise ValidationError(" ".join(problems))
    return patients.insert_patient(session, actor, patient, "provider-to-provider record")
