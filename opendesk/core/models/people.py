"""Providers and patients, with the family relations that decide whose PHI a portal account sees."""

from datetime import date, datetime
from typing import Literal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from opendesk.core.enums import PatientStatus
from opendesk.core.models.base import Base, Timestamped
from opendesk.core.text import local_number, phone_digits, search_key

Audience = Literal["staff", "patient"]


def patient_name(last_name: str, first_name: str, audience: Audience = "staff") -> str:
    """How a patient is named: everywhere staff see it Open Dental's "Last, First"; in the
    patient portal "First Last". For rows read as columns, where no `Patient` object exists."""
    if audience == "patient":
        return f"{first_name} {last_name}".strip()
    return f"{last_name}, {first_name}"


def provider_name(first_name: str, last_name: str, suffix: str = "") -> str:
    """How a provider is named everywhere ("Kim Albright, DDS")."""
    name = f"{first_name} {last_name}".strip()
    return f"{name}, {suffix}" if suffix else name


class Provider(Timestamped, Base):
    """A dentist or hygienist (Open Dental: provider)."""

    __tablename__ = "provider"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    abbr: Mapped[str] = mapped_column(String(20), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    suffix: Mapped[str] = mapped_column(String(20), default="")
    specialty: Mapped[str] = mapped_column(String(100), default="")
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    # Plain text appended to the provider's new messages and replies (migration 0009).
    signature: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    @property
    def display_name(self) -> str:
        return provider_name(self.first_name, self.last_name, self.suffix)


class Patient(Timestamped, Base):
    """A patient (Open Dental: patient). `guarantor_id` is the family head (itself for a head)."""

    __tablename__ = "patient"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_initial: Mapped[str] = mapped_column(String(10), default="")
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    birthdate: Mapped[date | None] = mapped_column(Date, nullable=True)
    home_phone: Mapped[str] = mapped_column(String(30), default="")
    wireless_phone: Mapped[str] = mapped_column(String(30), default="")
    work_phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    address2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(50), default="")
    zip: Mapped[str] = mapped_column(String(20), default="")
    status: Mapped[str] = mapped_column(String(20), default=PatientStatus.PATIENT.value)
    # preferred language (core.languages): the portal's interface and the notice e-mails
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    primary_provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id"))
    guarantor_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"), nullable=True)
    responsible_party_id: Mapped[int | None] = mapped_column(
        ForeignKey("patient.id"), nullable=True
    )
    updated_at: Mapped[datetime | None] = mapped_column(nullable=True)

    # Search keys, kept by the ORM events below and by bulk loaders (see `search_columns`).
    last_name_key: Mapped[str] = mapped_column(String(100), default="")
    first_name_key: Mapped[str] = mapped_column(String(100), default="")
    home_phone_digits: Mapped[str] = mapped_column(String(30), default="")
    wireless_phone_digits: Mapped[str] = mapped_column(String(30), default="")
    # Partial phone numbers (migration 0004): the local number (last 7 digits) for "555-86…",
    # and the digits reversed, so "ends with 8672" is a prefix range of an index too.
    home_phone_local: Mapped[str] = mapped_column(String(30), default="")
    wireless_phone_local: Mapped[str] = mapped_column(String(30), default="")
    home_phone_rev: Mapped[str] = mapped_column(String(30), default="")
    wireless_phone_rev: Mapped[str] = mapped_column(String(30), default="")

    primary_provider: Mapped[Provider] = relationship(lazy="joined")

    __table_args__ = (
        Index("ix_patient_name", "last_name_key", "first_name_key", "id"),
        Index("ix_patient_first", "first_name_key", "last_name_key", "id"),
        # Phone keys with the id: a page is read in (key, id) order straight from the index
        # (PostgreSQL's indexes do not carry the primary key as InnoDB's and SQLite's do).
        Index("ix_patient_home_phone", "home_phone_digits", "id"),
        Index("ix_patient_wireless_phone", "wireless_phone_digits", "id"),
        Index("ix_patient_home_local", "home_phone_local", "id"),
        Index("ix_patient_wireless_local", "wireless_phone_local", "id"),
        Index("ix_patient_home_rev", "home_phone_rev", "id"),
        Index("ix_patient_wireless_rev", "wireless_phone_rev", "id"),
        Index("ix_patient_birthdate", "birthdate"),
        Index("ix_patient_guarantor", "guarantor_id"),
        Index("ix_patient_responsible", "responsible_party_id"),
        Index("ix_patient_provider", "primary_provider_id"),
    )

    @property
    def display_name(self) -> str:
        return patient_name(self.last_name, self.first_name)

    @property
    def family_head_id(self) -> int:
        return self.guarantor_id or self.id


def search_columns(
    last_name: str, first_name: str, home_phone: str, wireless_phone: str
) -> dict[str, str]:
    """The derived search columns of a patient row, for bulk inserts that bypass the ORM."""
    return {
        "last_name_key": search_key(last_name),
        "first_name_key": search_key(first_name),
        **phone_search_columns("home_phone", phone_digits(home_phone)),
        **phone_search_columns("wireless_phone", phone_digits(wireless_phone)),
    }


def phone_search_columns(prefix: str, digits: str) -> dict[str, str]:
    """`<prefix>_digits`, `_local` and `_rev` of one phone's digits (also used by migration
    0004 to fill rows written before it)."""
    return {
        f"{prefix}_digits": digits,
        f"{prefix}_local": local_number(digits),
        f"{prefix}_rev": digits[::-1],
    }


@event.listens_for(Patient, "before_insert")
@event.listens_for(Patient, "before_update")
def _fill_search_columns(_mapper: Mapper[Patient], _conn: Connection, target: Patient) -> None:
    for name, value in search_columns(
        target.last_name, target.first_name, target.home_phone or "", target.wireless_phone or ""
    ).items():
        setattr(target, name, value)


class Guardian(Base):
    """`guardian_id` is a guardian of `child_id` and may see the child's PHI in the portal."""

    __tablename__ = "guardian"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    guardian_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    relationship_name: Mapped[str] = mapped_column(String(30), default="Parent")

    __table_args__ = (
        Index("ix_guardian_guardian", "guardian_id"),
        Index("uq_guardian_pair", "child_id", "guardian_id", unique=True),
    )
