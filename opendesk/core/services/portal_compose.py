"""What the portal's Write page offers: each patient in the holder's PHI scope with the primary
provider a new message about them goes to (`portal_messages.compose` sends it)."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from opendesk.core import audit
from opendesk.core.actors import PortalActor
from opendesk.core.errors import NotFound
from opendesk.core.models import Patient, Provider
from opendesk.core.services import portal_messages


@dataclass(frozen=True)
class ComposeChoice:
    patient_id: int
    patient_name: str
    provider_name: str


def compose_choices(
    session: Session, actor: PortalActor, about: int | None = None
) -> list[ComposeChoice]:
    """The holder first, then family members in scope; NotFound when the account is gone, or
    (audited) when `about`, the patient the page was asked for, is not among them."""
    choices = []
    for patient_id, name in portal_messages.scope_patients(session, actor):
        patient = session.get(Patient, patient_id)
        provider = session.get(Provider, patient.primary_provider_id) if patient else None
        choices.append(ComposeChoice(patient_id, name, provider.display_name if provider else ""))
    if about is not None and about not in {c.patient_id for c in choices}:
        session.rollback()
        audit.record(
            session,
            actor,
            "portal.patient.denied",
            object_type="patient",
            object_id=about if portal_messages.possible_id(about) else None,
            outcome="denied",
            detail="" if portal_messages.possible_id(about) else "id out of range",
        )
        session.commit()
        raise NotFound("That patient was not found.")
    return choices
