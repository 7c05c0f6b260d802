"""Small text helpers for showing patients, providers and dates in the client."""

from PySide6.QtWidgets import QWidget

from opendesk.core.services.patients import PatientRow

RED = "#b00020"  # warnings, refusals, overdue and urgent rows: one red everywhere

# The widest date and time `core.timefmt.format_datetime` writes: list columns are sized to it.
DATE_SAMPLE = "00/00/0000 00:00 AM"


def date_column_width(view: QWidget) -> int:
    """Pixels a date-and-time column needs in `view`'s font (two-digit hours included)."""
    return view.fontMetrics().horizontalAdvance(DATE_SAMPLE) + 16


def family_line(member: PatientRow, current: bool = False) -> str:
    role = "Guarantor" if member.is_guarantor else "Member"
    age = member.age()
    age_text = f", age {age}" if age is not None else ""
    mark = "▶ " if current else "   "
    return f"{mark}{member.display_name} ({role}{age_text})"
