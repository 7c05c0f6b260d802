"""What goes into the PDF of a conversation (`core.chart_pdf.ThreadDocument`), read from the
database: the thread's sent and received messages (drafts and hidden messages left out), the
practice, the patient the thread is about, each notice's delivery state, the attachments (the
bytes of images and PDFs, to append them) and the audit chain's position.

Used by `core.services.chart_filing` for every caller (desktop, portal, CLI, scheduled filing);
the callers check access first. Names are shown as staff see them ("Last, First"): a chart
document reads the same whoever asks for it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opendesk.core import preferences, timefmt
from opendesk.core.blobs import read_attachment
from opendesk.core.chart_pdf import IMAGE_TYPES, PdfAttachment, PdfMessage, ThreadDocument
from opendesk.core.enums import MessageStatus, OutboxStatus
from opendesk.core.models import (
    AuditEntry,
    AuditHead,
    OutboxNotice,
    Patient,
    Provider,
    WebMailMessage,
)

APPENDED_TYPES = (*IMAGE_TYPES, "application/pdf")


@dataclass(frozen=True)
class ChainPosition:
    """The audit chain's last row: its id, sequence number and hash (all zero when empty)."""

    row_id: int | None
    seq: int
    hash: str


def chain_position(session: Session) -> ChainPosition:
    head = session.execute(select(AuditHead.last_seq, AuditHead.last_hash)).one()
    row_id = session.execute(
        select(AuditEntry.id).where(AuditEntry.seq == head.last_seq)
    ).scalar_one_or_none()
    return ChainPosition(row_id, int(head.last_seq), str(head.last_hash))


def thread_messages(
    session: Session, root_id: int, allowed_patients: set[int] | None = None
) -> list[WebMailMessage]:
    """The sent and received messages of thread `root_id`, oldest first, not hidden; with
    `allowed_patients`, only those regarding one of them (a portal holder's scope)."""
    query = (
        select(WebMailMessage)
        .where(
            WebMailMessage.thread_id == root_id,
            WebMailMessage.status != int(MessageStatus.UNSENT),
            WebMailMessage.is_hidden.is_(False),
        )
        .order_by(WebMailMessage.sent_at, WebMailMessage.id)
    )
    if allowed_patients is not None:
        query = query.where(WebMailMessage.regarding_patient_id.in_(allowed_patients))
    return list(session.execute(query).scalars())


def notice_states(session: Session, message_ids: Sequence[int], zone: tzinfo) -> dict[int, str]:
    """Each message's notification e-mail as one line (the newest notice of the message)."""
    newest = (
        select(func.max(OutboxNotice.id))
        .where(OutboxNotice.message_id.in_(message_ids))
        .group_by(OutboxNotice.message_id)
    )
    rows = session.execute(select(OutboxNotice).where(OutboxNotice.id.in_(newest))).scalars()
    states = {}
    for n in rows:
        assert n.message_id is not None
        if n.status == OutboxStatus.SENT.value:
            text = f"e-mailed {timefmt.format_datetime(n.sent_at, zone)}"
        elif n.status == OutboxStatus.FAILED.value:
            text = f"failed after {n.attempts} attempts"
        else:
            text = f"{n.status} ({n.attempts} attempts so far)"
        states[n.message_id] = f"notification {text}"
    return states


def _patient_name(p: Patient | None) -> str:
    return p.display_name if p is not None else "(unknown patient)"


def _parties(
    session: Session,
    m: WebMailMessage,
    patients: dict[int, Patient | None],
    named: set[int] | None,
) -> tuple[str, str]:
    provider = session.get(Provider, m.provider_id)
    practice_side = provider.display_name if provider is not None else "(unknown provider)"
    if m.patient_id not in patients:
        patients[m.patient_id] = session.get(Patient, m.patient_id)
    if named is None or m.patient_id in named:
        holder = f"{_patient_name(patients[m.patient_id])} (patient portal)"
    else:  # a portal holder's copy never names an account outside their scope
        holder = "another patient portal account"
    if MessageStatus(m.status).is_from_practice:
        return practice_side, holder
    return holder, practice_side


def _attachments(session: Session, m: WebMailMessage) -> tuple[PdfAttachment, ...]:
    return tuple(
        PdfAttachment(
            name=a.display_name,
            content_type=a.content_type,
            size=a.size,
            sha256=a.sha256,
            flags=a.flags,
            data=read_attachment(session, a.id) if a.content_type in APPENDED_TYPES else None,
        )
        for a in m.attachments
    )


def build(
    session: Session,
    messages: Sequence[WebMailMessage],
    *,
    now: datetime,
    version: int = 1,
    named: set[int] | None = None,
) -> ThreadDocument:
    """The document of `messages` (one thread, oldest first, at least one), made at `now`
    (naive UTC). `named`: the patients whose names may appear (a portal holder's scope); None
    names everyone (the chart's copy)."""
    values = preferences.get_all(session)
    zone = timefmt.practice_zone(values)
    first, last = messages[0], messages[-1]
    regarding = session.get(Patient, last.regarding_patient_id)
    notices = notice_states(session, [m.id for m in messages], zone)
    patients: dict[int, Patient | None] = {}
    pdf_messages = []
    for m in messages:
        sender, recipient = _parties(session, m, patients, named)
        pdf_messages.append(
            PdfMessage(
                id=m.id,
                sender=sender,
                recipient=recipient,
                sent=timefmt.format_datetime(m.sent_at, zone),
                read=timefmt.format_datetime(m.read_at, zone),
                subject=m.subject,
                body=m.body,
                notice=notices.get(m.id, "no notification e-mail"),
                attachments=_attachments(session, m),
            )
        )
    chain = chain_position(session)
    lines = (
        str(values[preferences.PRACTICE_ADDRESS.name]),
        f"Phone {values[preferences.PRACTICE_PHONE.name]}"
        if values[preferences.PRACTICE_PHONE.name]
        else "",
    )
    return ThreadDocument(
        practice_name=str(values[preferences.PRACTICE_NAME.name]),
        practice_lines=lines,
        patient_name=_patient_name(regarding),
        patient_birthdate=timefmt.format_date(regarding.birthdate) if regarding else "",
        patient_number=last.regarding_patient_id,
        regarding=_patient_name(regarding),
        subject=first.subject,
        thread_id=first.thread_id or first.id,
        created=timefmt.format_datetime(now, zone, seconds=True),
        created_at=now,
        audit_row_id=chain.row_id,
        audit_seq=chain.seq,
        audit_hash=chain.hash,
        messages=tuple(pdf_messages),
        version=version,
    )
