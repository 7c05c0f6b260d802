"""FHIR R4 export of WebMail (issue 23): a Bundle (type "collection") of plain dicts, ready for
`json.dump`, with one `Communication` per message and the `Patient`, `Practitioner` and
`Organization` resources they reference, and a `Binary` per attachment.

Each Communication: status `completed` (`preparation` for a draft); `sent` and `received` (the
time the recipient opened it, when they have); `subject` the patient the message is about;
`sender`/`recipient` the portal account holder's Patient and the provider's Practitioner;
`partOf` the thread's first message and `inResponseTo` the message answered; `topic.text`
the subject and the first `payload` the body (`contentString`); each attachment a further
payload (`contentAttachment`: contentType, size, SHA-1 in base64 as FHIR requires, title,
creation, and `url` of its Binary). Ids are the database's ("Patient/12",
"Communication/webmail-345", "Binary/attachment-67"); each resource also carries an identifier
under `urn:opendesk:...`. Full URLs are `<base>/<type>/<id>` with `base` the portal URL +
"/fhir" (or `https://opendesk.invalid/fhir` when the portal URL is not set).

Nothing here needs a FHIR library; the tests validate every resource with `fhir.resources`.
"""

import base64
import hashlib
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from opendesk.core import audit, preferences
from opendesk.core.actors import Actor
from opendesk.core.blobs import iter_attachment_chunks
from opendesk.core.clock import utcnow
from opendesk.core.enums import MessageStatus, PatientStatus
from opendesk.core.id_chunks import chunks
from opendesk.core.models import Attachment, Patient, Provider, WebMailMessage

FALLBACK_BASE = "https://opendesk.invalid/fhir"
ORGANIZATION_ID = "practice"
SYSTEM = "urn:opendesk"

Resource = dict[str, Any]


def instant(value: datetime) -> str:
    """A stored naive-UTC time as a FHIR dateTime/instant ("2026-11-30T14:36:05.123456Z")."""
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def communication_id(message_id: int) -> str:
    return f"webmail-{message_id}"


def binary_id(attachment_id: int) -> str:
    return f"attachment-{attachment_id}"


def _pruned(value: Any) -> Any:
    """Without empty strings, lists and dicts (FHIR allows no empty values)."""
    if isinstance(value, dict):
        out = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ("", [], {}, None)}
    if isinstance(value, list):
        items = [_pruned(v) for v in value]
        return [v for v in items if v not in ("", [], {}, None)]
    if isinstance(value, str):
        return value.strip()
    return value


def _ref(kind: str, rid: str | int) -> dict[str, str]:
    return {"reference": f"{kind}/{rid}"}


def organization(values: dict[str, Any]) -> Resource:
    phone = str(values[preferences.PRACTICE_PHONE.name])
    return {
        "resourceType": "Organization",
        "id": ORGANIZATION_ID,
        "identifier": [{"system": f"{SYSTEM}:practice", "value": ORGANIZATION_ID}],
        "active": True,
        "name": str(values[preferences.PRACTICE_NAME.name]) or "Practice",
        "telecom": [{"system": "phone", "value": phone}] if phone.strip() else [],
        "address": [{"text": str(values[preferences.PRACTICE_ADDRESS.name])}],
    }


def practitioner(p: Provider) -> Resource:
    return {
        "resourceType": "Practitioner",
        "id": str(p.id),
        "identifier": [{"system": f"{SYSTEM}:provider", "value": p.abbr}],
        "active": not p.is_hidden,
        "name": [
            {
                "text": p.display_name,
                "family": p.last_name,
                "given": [p.first_name],
                "suffix": [p.suffix],
            }
        ],
    }


def _telecom(p: Patient) -> list[dict[str, Any]]:
    phones = (("home", p.home_phone), ("mobile", p.wireless_phone), ("work", p.work_phone))
    out: list[dict[str, Any]] = [
        {"system": "phone", "value": number, "use": use} for use, number in phones if number
    ]
    if p.email.strip():
        out.append({"system": "email", "value": p.email})
    return out


def patient(p: Patient) -> Resource:
    birth: date | None = p.birthdate
    return {
        "resourceType": "Patient",
        "id": str(p.id),
        "identifier": [{"system": f"{SYSTEM}:patient", "value": str(p.id)}],
        "active": p.status in (PatientStatus.PATIENT.value, PatientStatus.NON_PATIENT.value),
        "name": [
            {
                "use": "official",
                "family": p.last_name,
                "given": [p.first_name, p.middle_initial],
            },
            {"use": "nickname", "given": [p.preferred_name]},
        ],
        "telecom": _telecom(p),
        "birthDate": birth.isoformat() if birth else "",
        "deceasedBoolean": True if p.status == PatientStatus.DECEASED.value else None,
        "address": [
            {
                "line": [p.address, p.address2],
                "city": p.city,
                "state": p.state,
                "postalCode": p.zip,
            }
        ],
        "generalPractitioner": [_ref("Practitioner", p.primary_provider_id)],
        "managingOrganization": _ref("Organization", ORGANIZATION_ID),
    }


def _attachment(session: Session, a: Attachment, with_data: bool) -> tuple[Resource, Resource]:
    """The Communication's contentAttachment and the Binary with the content."""
    sha1 = hashlib.sha1(usedforsecurity=False)
    chunks = []
    for chunk in iter_attachment_chunks(session, a.id):
        sha1.update(chunk)
        chunks.append(chunk)
    content = {
        "contentType": a.content_type,
        "size": a.size,
        "hash": base64.b64encode(sha1.digest()).decode("ascii"),
        "title": a.display_name,
        "creation": instant(a.created_at),
        "url": f"Binary/{binary_id(a.id)}" if with_data else "",
    }
    binary = {
        "resourceType": "Binary",
        "id": binary_id(a.id),
        "contentType": a.content_type,
        "data": base64.b64encode(b"".join(chunks)).decode("ascii"),
    }
    return content, binary


def communication(
    session: Session, m: WebMailMessage, with_data: bool
) -> tuple[Resource, list[Resource]]:
    status = MessageStatus(m.status)
    practice = _ref("Practitioner", m.provider_id)
    holder = _ref("Patient", m.patient_id)
    sender, recipient = (holder, practice) if status.is_from_patient else (practice, holder)
    thread = m.thread_id or m.id
    payload: list[dict[str, Any]] = [{"contentString": m.body}]
    binaries = []
    for a in m.attachments:
        content, binary = _attachment(session, a, with_data)
        payload.append({"contentAttachment": content})
        if with_data:
            binaries.append(binary)
    resource = {
        "resourceType": "Communication",
        "id": communication_id(m.id),
        "identifier": [{"system": f"{SYSTEM}:webmail", "value": str(m.id)}],
        "status": "preparation" if status == MessageStatus.UNSENT else "completed",
        "partOf": [_ref("Communication", communication_id(thread))] if thread != m.id else [],
        "inResponseTo": [_ref("Communication", communication_id(m.parent_id))]
        if m.parent_id
        else [],
        "subject": _ref("Patient", m.regarding_patient_id),
        "topic": {"text": m.subject},
        "sent": instant(m.sent_at) if m.sent_at else "",
        "received": instant(m.read_at) if m.read_at else "",
        "sender": sender,
        "recipient": [recipient],
        "payload": payload,
    }
    return resource, binaries


def _rows_by_id(
    session: Session, model: type[Patient] | type[Provider], ids: set[int]
) -> list[Any]:
    """The rows of `model` for `ids`, by id, a chunk of ids a query (not one query each)."""
    rows: list[Any] = []
    for chunk in chunks(sorted(ids)):
        rows += session.execute(
            select(model).where(model.id.in_(chunk)).order_by(model.id)
        ).scalars()
    return rows


def _messages(
    session: Session, patient_id: int | None, since: datetime | None
) -> Iterable[WebMailMessage]:
    query = select(WebMailMessage).order_by(WebMailMessage.id)
    if patient_id is not None:
        query = query.where(
            or_(
                WebMailMessage.regarding_patient_id == patient_id,
                WebMailMessage.patient_id == patient_id,
            )
        )
    if since is not None:
        query = query.where(
            func.coalesce(WebMailMessage.sent_at, WebMailMessage.created_at) >= since
        )
    return session.execute(query).scalars()


def export_bundle(
    session: Session,
    actor: Actor,
    *,
    patient_id: int | None = None,
    since: datetime | None = None,
    with_data: bool = True,
    base_url: str | None = None,
) -> Resource:
    """The Bundle of the practice's WebMail (or of one patient's: the messages regarding them
    and those of their portal account; `since`: sent, or for drafts written, at or after this
    naive-UTC time). Audited (`fhir.export`, counts only) and committed."""
    values = preferences.get_all(session)
    portal = str(values[preferences.PORTAL_URL.name]).strip().rstrip("/")
    base = (base_url or (portal + "/fhir" if portal else FALLBACK_BASE)).rstrip("/")
    communications: list[Resource] = []
    binaries: list[Resource] = []
    patient_ids: set[int] = set()
    provider_ids: set[int] = set()
    for m in _messages(session, patient_id, since):
        resource, files = communication(session, m, with_data)
        communications.append(resource)
        binaries.extend(files)
        patient_ids.update((m.patient_id, m.regarding_patient_id))
        provider_ids.add(m.provider_id)
    if patient_id is not None:
        patient_ids.add(patient_id)
    people: list[Patient] = _rows_by_id(session, Patient, patient_ids)
    provider_ids.update(p.primary_provider_id for p in people)
    providers: list[Provider] = _rows_by_id(session, Provider, provider_ids)
    resources: list[Resource] = [organization(values)]
    resources += [practitioner(p) for p in providers]
    resources += [patient(p) for p in people]
    resources += communications + binaries
    bundle = {
        "resourceType": "Bundle",
        "identifier": {"system": f"{SYSTEM}:export", "value": str(uuid.uuid4())},
        "type": "collection",
        "timestamp": instant(utcnow()),
        "entry": [
            {"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": _pruned(r)}
            for r in resources
        ],
    }
    audit.record(
        session,
        actor,
        "fhir.export",
        patient_id=patient_id,
        detail=f"communications={len(communications)} patients={len(people)} "
        f"binaries={len(binaries)}",
    )
    session.commit()
    return bundle
