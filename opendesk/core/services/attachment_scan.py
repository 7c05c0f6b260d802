"""Malware scanning of every attachment before it is stored (staff sends and drafts, patient
replies and new messages), with the practice's policy for a scanner that does not answer.

Setup > Attachments keeps the clamd address (SCAN_ADDRESS) and the policy (SCAN_POLICY:
"refuse", the default, or "accept" — store the file marked "not scanned"). When the practice
leaves the address empty, the machine's `OPENDESK_CLAMD` environment variable is used (IT can
set it on the portal server and the workstations); with neither, no scanner is set up and the
policy decides.

`scan_new(session, actor, files, patient_id=...)` runs before any row is written: a detection
is refused (ValidationError naming the file and the detection; audited, nothing stored), and a
scanner that does not answer refuses or marks the files "not scanned" by the policy. It returns
the files with their `scan_status` set by the scan, never by the caller. Logs and audit rows
hold the detection name, size and SHA-256 — never the file name, which can hold PHI.
"""

import hashlib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from opendesk.core import audit, preferences
from opendesk.core.actors import Actor
from opendesk.core.errors import ValidationError
from opendesk.core.models import Attachment
from opendesk.core.scanner import (
    DEFAULT_TIMEOUT,
    ClamdClient,
    ScannerAddress,
    ScannerUnavailable,
)

log = logging.getLogger("opendesk.scanner")

ENV_ADDRESS = "OPENDESK_CLAMD"
POLICY_REFUSE = "refuse"
POLICY_ACCEPT = "accept"
POLICIES = (POLICY_REFUSE, POLICY_ACCEPT)

CLEAN = "clean"
NOT_SCANNED = "not_scanned"
"""Values of `Attachment.scan_status` ("not_scanned" also for files stored before scanning)."""

NOT_SET_UP = "No malware scanner is set up (Setup > Attachments)."


@dataclass(frozen=True)
class NewAttachment:
    """A file to store with a message, which already passed `opendesk.attachments.rules` (type,
    content, name). `scan_status` is set by `scan_new`; whatever a caller puts there is
    overwritten."""

    name: str
    content_type: str
    data: bytes
    flags: str = ""
    scan_status: str = NOT_SCANNED


class MalwareFound(ValidationError):
    """The scanner matched a file; `detection` is the signature's name (no PHI)."""

    def __init__(self, message: str, detection: str) -> None:
        super().__init__(message, "file")
        self.detection = detection


class ScannerRefused(ValidationError):
    """The scanner did not answer and the policy is to refuse."""


@dataclass(frozen=True)
class ScannerConfig:
    address: str  # empty: no scanner set up
    policy: str
    from_machine: bool = False  # the address came from OPENDESK_CLAMD

    @property
    def accepts_unscanned(self) -> bool:
        return self.policy == POLICY_ACCEPT


@dataclass(frozen=True)
class ScannerState:
    """What the setup warnings and /health show."""

    configured: bool
    answering: bool
    policy: str
    version: str = ""
    problem: str = ""

    @property
    def word(self) -> str:
        """ "answering", "not answering" or "not set up"."""
        if self.answering:
            return "answering"
        return "not answering" if self.configured else "not set up"

    @property
    def text(self) -> str:
        """For a status bar: "scanner: answering"."""
        return f"scanner: {self.word}"


def config(session: Session) -> ScannerConfig:
    address = preferences.get(session, preferences.SCAN_ADDRESS).strip()
    policy = preferences.get(session, preferences.SCAN_POLICY).strip().lower()
    policy = policy if policy in POLICIES else POLICY_REFUSE
    if address:
        return ScannerConfig(address, policy)
    machine = os.environ.get(ENV_ADDRESS, "").strip()
    return ScannerConfig(machine, policy, from_machine=bool(machine))


def _client(cfg: ScannerConfig, timeout: float = DEFAULT_TIMEOUT) -> ClamdClient:
    if not cfg.address:
        raise ScannerUnavailable(NOT_SET_UP)
    try:
        return ClamdClient(ScannerAddress.parse(cfg.address), timeout)
    except ValueError as exc:
        raise ScannerUnavailable(f"The malware scanner address is not valid: {exc}") from exc


def check(cfg: ScannerConfig, timeout: float = 3.0) -> ScannerState:
    """Ask the scanner for its version, waiting at most `timeout` seconds to connect and again
    for the answer (a network call: run it off the GUI thread)."""
    try:
        version = _client(cfg, timeout).version()
    except ScannerUnavailable as exc:
        return ScannerState(bool(cfg.address), False, cfg.policy, problem=str(exc))
    return ScannerState(True, True, cfg.policy, version=version.split("/")[0])


def problem_text(state: ScannerState) -> str:
    """The red setup warning for a scanner that is not answering ("" when it answers)."""
    if state.answering:
        return ""
    what = (
        "stored marked “not scanned”"
        if state.policy == POLICY_ACCEPT
        else "refused until it answers"
    )
    return f"{state.problem} Attachments are {what}. Fix it in Setup > Attachments."


def scan_new(
    session: Session,
    actor: Actor,
    files: Sequence[NewAttachment],
    *,
    patient_id: int | None,
) -> list[NewAttachment]:
    """Scan each file; return them with `scan_status` set (see the module's docstring). The
    caller must not have written anything yet: a refusal rolls back and commits its audit row."""
    if not files:
        return []
    cfg = config(session)
    out: list[NewAttachment] = []
    try:
        client = _client(cfg)
        for f in files:
            result = client.scan(f.data)
            if result.detection is not None:
                _refuse_malware(session, actor, f, result.detection, patient_id)
            log.info("attachment scanned clean in %.2f s (%d bytes)", result.seconds, len(f.data))
            out.append(replace(f, scan_status=CLEAN))
    except ScannerUnavailable as exc:
        log.warning("malware scanner unavailable: %s", exc)
        if not cfg.accepts_unscanned:
            session.rollback()
            audit.record(
                session,
                actor,
                "attachment.scan_unavailable",
                patient_id=patient_id,
                object_type="attachment",
                outcome="refused",
                detail=f"files={len(files)} {exc}"[:500],
            )
            session.commit()
            raise ScannerRefused(
                "The malware scanner is not answering, so attachments cannot be accepted now; "
                "nothing was sent or saved. Try again in a few minutes, or send the message "
                "without the attachment. If it lasts, the practice's IT should check "
                "Setup > Attachments.",
                "file",
            ) from None
        return [replace(f, scan_status=NOT_SCANNED) for f in files]
    return out


def _refuse_malware(
    session: Session, actor: Actor, f: NewAttachment, detection: str, patient_id: int | None
) -> None:
    sha = hashlib.sha256(f.data).hexdigest()
    log.warning("attachment refused: malware %s (%d bytes, sha256 %s)", detection, len(f.data), sha)
    session.rollback()
    audit.record(
        session,
        actor,
        "attachment.malware",
        patient_id=patient_id,
        object_type="attachment",
        outcome="refused",
        detail=f"detection={detection[:200]} size={len(f.data)} sha256={sha}",
    )
    session.commit()
    raise MalwareFound(
        f"“{f.name}” was refused: the malware scanner found {detection} in it. Nothing was "
        "sent or saved. Do not open the file; remove it and try again.",
        detection,
    )


def audit_not_scanned(
    session: Session, actor: Actor, stored: Sequence[Attachment], patient_id: int | None
) -> None:
    """One audit row per attachment stored unscanned, in the caller's transaction."""
    for att in stored:
        if att.scan_status == NOT_SCANNED:
            audit.record(
                session,
                actor,
                "attachment.not_scanned",
                patient_id=patient_id,
                object_type="attachment",
                object_id=att.id,
                outcome="warning",
                detail=f"size={att.size} sha256={att.sha256} policy=accept",
            )
