"""The patient search model: ids from `core.services.patient_search.search_patients`, rows as
PatientRow."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from opendesk.core import timefmt
from opendesk.core.services import patient_search, patients
from opendesk.core.services.patients import PatientRow
from opendesk.desktop.models.base import Column, LazyIdTableModel


def _birthdate(row: PatientRow) -> str:
    return timefmt.format_date(row.birthdate)


def _age(row: PatientRow) -> str:
    age = row.age()
    return "" if age is None else str(age)


class PatientSearchModel(LazyIdTableModel[str, PatientRow]):
    """Query: the search text as typed (see core.services.patients for what it matches)."""

    PAGE_SIZE = patient_search.PAGE_SIZE

    columns = (
        Column("Last name", lambda r: r.last_name),
        Column("First name", lambda r: r.first_name),
        Column("Pref.", lambda r: r.preferred_name, tooltip="Preferred name"),
        Column("Birthdate", _birthdate),
        Column("Age", _age, align_right=True),
        Column("Home phone", lambda r: r.home_phone),
        Column("Wireless", lambda r: r.wireless_phone),
        Column("Prov", lambda r: r.primary_provider_abbr, tooltip="Primary provider"),
        Column("Pat #", lambda r: str(r.id), align_right=True, tooltip="Patient number"),
    )

    def fetch_ids(self, session: Session, query: str, cursor: Any) -> tuple[Sequence[int], Any]:
        page = patient_search.search_patients(session, query, limit=self.PAGE_SIZE, after=cursor)
        return page.ids, page.cursor

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> dict[int, PatientRow]:
        return patients.rows_by_ids(session, ids)
