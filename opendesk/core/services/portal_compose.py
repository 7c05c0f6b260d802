"""What the portal's Write page offers: each patient in the holder's PHI scope with the primary
provider a new message about them goes to (`portal_messages.compose` sends it)."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from opendesk.core.actors import PortalActor
from opendesk.core.models import Patient, Provider
from opendesk.core.services import portal_messages


@dataclass(frozen=True)
class ComposeChoice:
    patient_id: int
    patient_name: str
    provider_name: str


def compose_choices(session: Session, actor: PortalActor) -> list[ComposeChoice]:
    """The holder first, then family members in scope; NotFound when the account is gone."""
    choices = []
    for patient_id, name in portal_messages.scope_patients(session, actor):
        patient = session.get(Patient, patient_id)
        provider = session.get(Provider, patient.primary_provider_id) if patient else None
        choices.append(ComposeChoice(patient_id, name, provider.display_name if provider else ""))
    return choices
