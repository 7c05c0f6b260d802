"""Close and file (issue 23): a WebMail conversation becomes a PDF in the patient's chart.

`file_thread` writes the PDF of a thread (`core.chart_pdf`, `services.thread_document`) into
the Regarding patient's A-to-Z folder, under `WebMail/`, with a name a person can read
("2026-11-30 RE Robert's X-rays.pdf"), records it in `chart_filing` and audits it in the same
transaction. Filing the thread again makes a new version (" (2)") and keeps the old file.

Nothing half-written is left: the PDF goes to a hidden temporary file in the same folder, is
flushed to disk, and only then takes its name (`os.replace`) — inside the transaction that
records it, so a failed commit removes it again. A missing A-to-Z folder, a full disk or a
folder that cannot be written is refused with a clear message and nothing is left behind.

`portal_thread_pdf` gives a portal account holder the same PDF of a conversation in their
scope (audited, nothing written to the chart); `file_due_threads` is the practice preference
"file every thread N days after its last message" (run by `opendesk-admin file-due`).
"""

import errno
import hashlib
import logging
import os
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from opendesk.core import audit, chart_pdf, file_names, preferences, timefmt
from opendesk.core.actors import PortalActor, StaffActor, SystemActor
from opendesk.core.atoz_folders import ensure_patient_folder
from opendesk.core.clock import utcnow
from opendesk.core.db import begin_readonly
from opendesk.core.enums import MessageStatus
from opendesk.core.errors import ConfigurationError, NotFound, OpenDeskError, ValidationError
from opendesk.core.models import ChartFiling, Patient, User, WebMailMessage
from opendesk.core.services import portal_messages, thread_document, webmail_reading
from opendesk.core.services.portal_messages import possible_id

log = logging.getLogger("opendesk.filing")

SUBFOLDER = "WebMail"
_TEMP_PREFIX = ".~opendesk-filing-"
_REPLY_COLON = re.compile(r"^\s*(re|fw|fwd)\s*:\s*", re.IGNORECASE)
_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
TITLE_CHARS = 100  # of the subject in a file name: room for the date and " (12).pdf"


class DiskFull(OpenDeskError):
    """The A-to-Z folder's disk (or the user's quota on it) has no room for the PDF."""


@dataclass(frozen=True)
class Filed:
    """A conversation filed to the chart."""

    filing_id: int
    thread_id: int
    patient_id: int
    version: int
    path: str
    file_name: str
    sha256: str
    size: int
    message_count: int


def file_base_name(subject: str, when: datetime, zone: tzinfo) -> str:
    """ "2026-11-30 RE Robert's X-rays" for "RE: Robert's X-rays" filed on 11/30/2026 (the
    practice's day), cleaned by the file-name rules (`core.file_names`)."""
    local = timefmt.localise(when, zone)
    prefix = _REPLY_COLON.match(subject)
    title = subject
    if prefix:
        title = f"{prefix.group(1).upper()} {subject[prefix.end() :]}"
    title = title.replace(":", " ").replace("/", " ").replace("\\", " ")[:TITLE_CHARS]
    name = f"{local:%Y-%m-%d} {title}".strip()
    try:
        return file_names.clean_file_name(name + ".pdf")[: -len(".pdf")]
    except ValidationError:
        return f"{local:%Y-%m-%d} WebMail"


def _free_name(folder: Path, base: str, version: int) -> str:
    """`base`.pdf for a first version, `base (n).pdf` after (n = the version, or the next
    number that is free: an existing file is never replaced)."""
    n = version
    while True:
        name = f"{base}.pdf" if n <= 1 else f"{base} ({n}).pdf"
        name = file_names.clean_file_name(name)
        if not (folder / name).exists():
            return name
        n = max(n, 1) + 1


def _actor_label(session: Session, actor: StaffActor | SystemActor) -> tuple[int | None, str]:
    if isinstance(actor, StaffActor):
        user = session.get(User, actor.user_id)
        return actor.user_id, f"user {user.username if user else actor.user_id}"[:100]
    return None, f"system ({actor.name})"[:100]


def _visible_root(session: Session, actor: StaffActor | SystemActor, message_id: int) -> int:
    if isinstance(actor, StaffActor):
        msg = webmail_reading.visible_message(session, actor, message_id, webmail_reading.Need.READ)
        return msg.thread_id or msg.id
    found = session.get(WebMailMessage, message_id) if possible_id(message_id) else None
    if found is None:
        raise NotFound("That message no longer exists.")
    return found.thread_id or found.id


def _folder(session: Session, patient: Patient) -> Path:
    if preferences.get(session, preferences.STORAGE_KIND) == "dropbox":
        raise ConfigurationError(
            "Filing to the chart needs the A-to-Z images folder; this practice keeps its "
            "images in Dropbox (Setup, Data Paths)."
        )
    root = preferences.get(session, preferences.ATOZ_PATH)
    patient_dir = ensure_patient_folder(root, patient.last_name, patient.first_name, patient.id)
    folder = patient_dir / SUBFOLDER
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            "The WebMail folder could not be created in the patient's A-to-Z folder "
            f"({exc.strerror or 'write error'}); nothing was filed."
        ) from exc
    return folder


def write_temp(folder: Path, data: bytes) -> Path:
    """`data` in a hidden temporary file in `folder`, on disk when this returns; removed again
    and refused (DiskFull, ConfigurationError) when it cannot be written whole."""
    temp = folder / f"{_TEMP_PREFIX}{uuid.uuid4().hex}.tmp"
    try:
        with open(temp, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        temp.unlink(missing_ok=True)
        if exc.errno in _FULL:
            raise DiskFull(
                "The disk of the A-to-Z images folder is full; the conversation was not filed "
                "and nothing was left behind. Free some space and file it again."
            ) from exc
        raise ConfigurationError(
            f"The PDF could not be written to the A-to-Z images folder "
            f"({exc.strerror or 'write error'}); nothing was filed."
        ) from exc
    return temp


def file_thread(session: Session, actor: StaffActor | SystemActor, message_id: int) -> Filed:
    """File the conversation of `message_id` (any message of the thread) to the chart of the
    patient it is about. Staff need to be allowed to read the thread (`webmail_reading`);
    `opendesk-admin` and the scheduled filing act as the system."""
    begin_readonly(session)
    root = _visible_root(session, actor, message_id)
    messages = thread_document.thread_messages(session, root)
    if not messages:
        raise ValidationError("This conversation has no sent or received message to file.")
    patient = session.get(Patient, messages[-1].regarding_patient_id)
    assert patient is not None
    folder = _folder(session, patient)
    previous = session.execute(
        select(func.max(ChartFiling.version)).where(ChartFiling.thread_id == root)
    ).scalar_one()
    version = int(previous or 0) + 1
    now = utcnow()
    doc = thread_document.build(session, messages, now=now, version=version)
    zone = timefmt.practice_zone(preferences.get_all(session))
    name = _free_name(folder, file_base_name(messages[-1].subject, now, zone), version)
    user_id, label = _actor_label(session, actor)
    session.commit()  # the reads end here: no lock is held while the PDF is made

    data = chart_pdf.render(doc)
    digest = hashlib.sha256(data).hexdigest()
    temp = write_temp(folder, data)
    final = folder / name
    ids = [m.id for m in messages]
    try:
        filing = ChartFiling(
            thread_id=root,
            patient_id=patient.id,
            version=version,
            filed_at=now,
            filed_by_user_id=user_id,
            filed_by=label,
            message_ids=",".join(str(i) for i in ids),
            last_message_id=max(ids),
            sha256=digest,
            size=len(data),
            path=str(final),
            file_name=name,
            audit_seq=doc.audit_seq,
        )
        session.add(filing)
        session.flush()
        audit.record(
            session,
            actor,
            "chart.file",
            patient_id=patient.id,
            object_type="webmail",
            object_id=root,
            detail=f"filing={filing.id} version={version} messages={len(ids)} sha256={digest}",
        )
        os.replace(temp, final)
    except IntegrityError as exc:
        session.rollback()
        temp.unlink(missing_ok=True)
        raise ValidationError(
            "This conversation was being filed on another workstation at the same time; "
            "file it again to make the next version."
        ) from exc
    except BaseException:
        session.rollback()
        temp.unlink(missing_ok=True)
        raise
    try:
        session.commit()
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    return Filed(
        filing.id, root, patient.id, version, str(final), name, digest, len(data), len(ids)
    )


@dataclass(frozen=True)
class FilingRow:
    """A filing as the desktop and the CLI list it."""

    id: int
    thread_id: int
    version: int
    filed_at: datetime
    filed_by: str
    file_name: str
    path: str
    sha256: str
    message_count: int


def filings_of_thread(session: Session, root_id: int) -> list[FilingRow]:
    """The filings of a thread, newest version first (not audited: names and hashes only)."""
    rows = session.execute(
        select(ChartFiling)
        .where(ChartFiling.thread_id == root_id)
        .order_by(ChartFiling.version.desc())
    ).scalars()
    return [
        FilingRow(
            r.id,
            r.thread_id,
            r.version,
            r.filed_at,
            r.filed_by,
            r.file_name,
            r.path,
            r.sha256,
            len(r.message_ids.split(",")),
        )
        for r in rows
    ]


def portal_thread_pdf(session: Session, actor: PortalActor, message_id: int) -> tuple[str, bytes]:
    """The PDF of the conversation of `message_id` as the holder may see it (their scope; a
    message outside it answers NotFound, audited), with the download's file name. Audited as
    `portal.thread.pdf`; nothing is written to the chart."""
    begin_readonly(session)
    allowed = portal_messages.holder_scope(session, actor)
    msg = portal_messages.visible_to_holder(session, actor, message_id, allowed)
    root = msg.thread_id or msg.id
    messages = thread_document.thread_messages(session, root, allowed)
    now = utcnow()
    doc = thread_document.build(session, messages, now=now, named=allowed)
    zone = timefmt.practice_zone(preferences.get_all(session))
    name = file_base_name(messages[-1].subject, now, zone) + ".pdf"
    patient_id = msg.regarding_patient_id
    session.commit()
    data = chart_pdf.render(doc)
    audit.record_read(
        session,
        actor,
        "portal.thread.pdf",
        patient_id=patient_id,
        object_type="webmail",
        object_id=root,
        detail=f"messages={len(messages)} sha256={hashlib.sha256(data).hexdigest()}",
    )
    return name, data


@dataclass(frozen=True)
class DueResult:
    filed: list[Filed]
    failed: list[tuple[int, str]]  # (thread id, reason without PHI)


def due_threads(session: Session, now: datetime, days: int, limit: int | None = None) -> list[int]:
    """Threads whose last sent or received message is at least `days` old and that have no
    filing covering their newest message, oldest first."""
    last = (
        select(
            WebMailMessage.thread_id.label("thread_id"),
            func.max(WebMailMessage.sent_at).label("last_at"),
            func.max(WebMailMessage.id).label("last_id"),
        )
        .where(
            WebMailMessage.thread_id.is_not(None),
            WebMailMessage.status != int(MessageStatus.UNSENT),
            WebMailMessage.is_hidden.is_(False),
        )
        .group_by(WebMailMessage.thread_id)
        .subquery()
    )
    filed = (
        select(
            ChartFiling.thread_id.label("thread_id"),
            func.max(ChartFiling.last_message_id).label("upto"),
        )
        .group_by(ChartFiling.thread_id)
        .subquery()
    )
    rows = session.execute(
        select(last.c.thread_id)
        .outerjoin(filed, filed.c.thread_id == last.c.thread_id)
        .where(
            last.c.last_at <= now - timedelta(days=days),
            or_(filed.c.upto.is_(None), filed.c.upto < last.c.last_id),
        )
        .order_by(last.c.last_at, last.c.thread_id)
        .limit(limit)
    ).scalars()
    return [int(r) for r in rows]


def file_due_threads(session: Session, actor: SystemActor, limit: int = 500) -> DueResult:
    """The preference FILE_THREADS_AFTER_DAYS: file (again) every thread whose last message is
    that many days old and not filed yet. Each thread is its own transaction; a thread that
    cannot be filed is reported and the others go on. 0 days: nothing is filed."""
    days = preferences.get(session, preferences.FILE_THREADS_AFTER_DAYS)
    if days <= 0:
        session.rollback()
        return DueResult([], [])
    threads = due_threads(session, utcnow(), days, limit)
    session.rollback()
    result = DueResult([], [])
    for thread in threads:
        try:
            result.filed.append(file_thread(session, actor, thread))
        except OpenDeskError as exc:
            session.rollback()
            result.failed.append((thread, str(exc)))
            log.warning("filing thread %d failed: %s", thread, type(exc).__name__)
    return result
