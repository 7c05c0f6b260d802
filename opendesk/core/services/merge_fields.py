"""Merge fields of WebMail templates (issue 22): which fields exist, what each stands for, the
values for one message, and `merge`, the pure substitution.

    values = merge_values(session, MergeRequest(patient_id, regarding_id, provider_id))
    result = merge("Hello [PatientFName]", values)   # result.text, .unknown, .missing

A field is written exactly as listed (`[PatientFName]`; "[PatientFname]" is unknown). Values are
put in literally, in one pass: a value that looks like markup or like another field stays text.
A known field whose data does not exist (no practice phone; OpenDesk has no appointments, so
[NextAptDate] never has data) is left in the text, as an unknown one is, and reported with
the reason, so the window can show it in red and keep Send off until someone edits it.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from opendesk.core import preferences, timefmt
from opendesk.core.clock import utcnow
from opendesk.core.models import Patient, Provider

FIELD_PATTERN = re.compile(r"\[[A-Za-z]+\]")
"""What looks like a merge field: a word in square brackets."""

FIELDS: dict[str, str] = {
    "[PatientFName]": "first name of the patient the message goes to (the portal account holder)",
    "[PatientLName]": "last name of the patient the message goes to",
    "[RegardingFName]": "first name of the Regarding patient (whom the message is about)",
    "[ProviderName]": "the From provider's name",
    "[OfficeName]": "the practice's name (Setup > Practice)",
    "[OfficePhone]": "the practice's phone (Setup > Practice)",
    "[NextAptDate]": "the Regarding patient's next appointment date, when known",
    "[Today]": "today's date in the practice's time zone",
}
"""Every merge field with what it stands for (shown in Setup > WebMail Templates)."""

NO_APPOINTMENTS = "OpenDesk holds no appointments, so [NextAptDate] is never known: type the date."
"""Why [NextAptDate] stays unresolved: the practice database has no appointment table."""


@dataclass(frozen=True)
class MergeResult:
    """The merged text; `unknown` lists fields that do not exist (as typed, in order),
    `missing` the known fields left in the text because their data does not exist."""

    text: str
    unknown: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class MergeValues:
    """Each field's value; None where the data does not exist (`reasons` says why)."""

    values: Mapping[str, str | None]
    reasons: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return self.values.get(name)


def fields_in(text: str) -> list[str]:
    """The field-like tokens of `text`, in order, each once."""
    return list(dict.fromkeys(FIELD_PATTERN.findall(text)))


def unknown_fields(text: str) -> list[str]:
    """The tokens of `text` that look like fields but are not one (as typed)."""
    return [f for f in fields_in(text) if f not in FIELDS]


def merge(text: str, values: MergeValues | Mapping[str, str | None]) -> MergeResult:
    """`text` with each known field replaced by its value (literally, one pass); unknown
    fields and fields without a value stay as they are and are listed."""
    if not isinstance(values, MergeValues):
        values = MergeValues(values)
    unknown: list[str] = []
    missing: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        token = match.group(0)
        if token not in FIELDS:
            if token not in unknown:
                unknown.append(token)
            return token
        value = values.get(token)
        if value is None:
            if token not in missing:
                missing.append(token)
            return token
        return value

    return MergeResult(FIELD_PATTERN.sub(substitute, text), tuple(unknown), tuple(missing))


@dataclass(frozen=True)
class MergeRequest:
    """Whom the values are for: the recipient (account holder; or the window's patient),
    the Regarding patient and the From provider (None when not chosen yet)."""

    patient_id: int
    regarding_id: int
    provider_id: int | None


def merge_values(
    session: Session, request: MergeRequest, now: datetime | None = None
) -> MergeValues:
    """The values of every field for one message (None where the data does not exist)."""
    patient = session.get(Patient, request.patient_id)
    regarding = session.get(Patient, request.regarding_id)
    provider = session.get(Provider, request.provider_id) if request.provider_id else None
    office = preferences.get(session, preferences.PRACTICE_NAME).strip()
    phone = preferences.get(session, preferences.PRACTICE_PHONE).strip()
    zone = timefmt.practice_zone(preferences.get(session, preferences.PRACTICE_TIME_ZONE))
    values: dict[str, str | None] = {
        "[PatientFName]": patient.first_name if patient else None,
        "[PatientLName]": patient.last_name if patient else None,
        "[RegardingFName]": regarding.first_name if regarding else None,
        "[ProviderName]": provider.display_name if provider else None,
        "[OfficeName]": office or None,
        "[OfficePhone]": phone or None,
        "[NextAptDate]": None,  # no appointment table in the schema (NO_APPOINTMENTS)
        "[Today]": timefmt.format_date(now or utcnow(), zone),
    }
    reasons = {
        "[ProviderName]": "Choose the From provider first.",
        "[OfficeName]": "The practice has no name in Setup > Practice.",
        "[OfficePhone]": "The practice has no phone number in Setup > Practice.",
        "[NextAptDate]": NO_APPOINTMENTS,
    }
    return MergeValues(values, {k: v for k, v in reasons.items() if values[k] is None})


def merged_problems(result: MergeResult, reasons: Mapping[str, str]) -> list[str]:
    """One plain sentence per field left in the text (for the window's red line)."""
    lines = [f"{f} is not a merge field: edit it." for f in result.unknown]
    lines += [f"{f} has no value here. {reasons.get(f, 'Edit it.')}" for f in result.missing]
    return lines
