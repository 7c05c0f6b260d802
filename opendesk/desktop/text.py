"""Small text helpers for showing patients and providers in the client."""

from opendesk.core.services.patients import PatientRow


def family_line(member: PatientRow, current: bool = False) -> str:
    role = "Guarantor" if member.is_guarantor else "Member"
    age = member.age()
    age_text = f", age {age}" if age is not None else ""
    mark = "▶ " if current else "   "
    return f"{mark}{member.display_name} ({role}{age_text})"
