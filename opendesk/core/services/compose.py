"""What the compose window needs to know before a send: who receives, about whom, and which
setup problems block Send and Preview (each saying how to fix it)."""

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from opendesk.core import notices, preferences, scope
from opendesk.core.models import Guardian, Patient, PortalAccount, Provider, User


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str


@dataclass(frozen=True)
class ComposeContext:
    selected: PersonRef
    recipient: PersonRef | None  # whose portal account receives the message
    recipient_email: str
    regarding_options: list[PersonRef]  # family members in the recipient's PHI scope
    default_provider_id: int  # the selected patient's primary provider (the manual's rule)


def _ref(p: Patient) -> PersonRef:
    return PersonRef(p.id, p.display_name)


def active_account(session: Session, patient_id: int) -> PortalAccount | None:
    return session.execute(
        select(PortalAccount).where(
            PortalAccount.patient_id == patient_id, PortalAccount.is_active.is_(True)
        )
    ).scalar_one_or_none()


def recipient_for(session: Session, regarding: Patient) -> Patient | None:
    """The family member whose portal account receives a message about `regarding`: the patient
    itself when it has portal access, else its guarantor, responsible party or guardian whose
    PHI scope includes it."""
    candidates = [regarding.id]
    if regarding.guarantor_id and regarding.guarantor_id != regarding.id:
        candidates.append(regarding.guarantor_id)
    if regarding.responsible_party_id:
        candidates.append(regarding.responsible_party_id)
    candidates += session.execute(
        select(Guardian.guardian_id).where(Guardian.child_id == regarding.id)
    ).scalars()
    for candidate in candidates:
        if active_account(session, candidate) and scope.in_scope(session, candidate, regarding.id):
            return session.get(Patient, candidate)
    return None


def refusal_to_open(session: Session, patient_id: int | None) -> str | None:
    """Why the compose window cannot open at all, or None."""
    if patient_id is None:
        return "Select a patient first."
    patient = session.get(Patient, patient_id)
    if patient is None:
        return "The selected patient no longer exists."
    guarantor = session.get(Patient, patient.family_head_id)
    if guarantor is None or guarantor.guarantor_id not in (None, guarantor.id):
        return "The patient's family has no valid guarantor. Fix the family in Edit Patient."
    if not preferences.get(session, preferences.NOTIFY_FROM).strip():
        return "No notification From address is set (Setup > E-mail)."
    linked = session.execute(
        select(exists().where(User.provider_id.is_not(None), User.is_disabled.is_(False)))
    ).scalar()
    if not linked:
        return "No user is linked to a provider, so nobody can send WebMail (Setup > Users)."
    return None


def compose_context(session: Session, patient_id: int) -> ComposeContext:
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise LookupError("patient not found")
    recipient = recipient_for(session, patient)
    family = scope.family_of(session, patient_id)
    if recipient is not None:
        allowed = scope.phi_scope(session, recipient.id)
        options = [p for p in family if p.id in allowed]
        options += [
            p
            for p in (session.get(Patient, i) for i in sorted(allowed - {f.id for f in family}))
            if p is not None
        ]
    else:
        options = family
    return ComposeContext(
        selected=_ref(patient),
        recipient=_ref(recipient) if recipient else None,
        recipient_email=recipient.email.strip() if recipient else "",
        regarding_options=[_ref(p) for p in options],
        default_provider_id=patient.primary_provider_id,
    )


def send_problems(
    session: Session, regarding_patient_id: int, provider_id: int | None
) -> list[str]:
    """Everything that blocks Send and Preview, each with how to fix it. The portal server's
    health is checked by the caller (it is a network call)."""
    problems: list[str] = []
    regarding = session.get(Patient, regarding_patient_id)
    if regarding is None:
        return ["The patient the message is about no longer exists."]
    recipient = recipient_for(session, regarding)
    if recipient is None:
        problems.append(
            "Neither this patient nor a family member who may see their messages has portal "
            "access. Grant portal access in the Chart module."
        )
    else:
        if not recipient.email.strip():
            problems.append(
                "The patient receiving the message has no e-mail address for the notification. "
                "Add it in Edit Patient."
            )
        elif "@" not in recipient.email or " " in recipient.email.strip():
            problems.append("The patient's e-mail address is not valid. Fix it in Edit Patient.")
        if not scope.in_scope(session, recipient.id, regarding.id):
            problems.append(
                "The patient this message is about is outside what the recipient's portal "
                "account may see. Choose another Regarding patient."
            )
    if provider_id is None or session.get(Provider, provider_id) is None:
        problems.append("Choose the provider the message is from.")
    if not preferences.get(session, preferences.NOTIFY_FROM).strip():
        problems.append("No notification From address is set (Setup > E-mail).")
    problems += notices.template_problems(session)
    return problems
