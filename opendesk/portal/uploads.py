"""Files a patient attaches in the portal (reply and Write forms): read from the multipart form,
checked by the same rules as staff attachments (`opendesk.attachments.rules`: type by content,
decompression bombs, PDF scripts, cleaned names, the practice's size limits), and handed to the
core services, which check sizes again and scan them for malware before storing anything.

`UploadLimit` cuts off a multipart request whose body is far beyond what a message may carry
(413) before it is parsed; a file just over the limit still reaches the form, which explains the
refusal and keeps the typed text.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from opendesk.attachments.rules import Limits, check_attachment, human_size
from opendesk.core.db import Database
from opendesk.core.errors import ValidationError
from opendesk.core.services import attachment_scan
from opendesk.core.services.attachment_scan import NewAttachment, ScannerConfig
from opendesk.portal.i18n import gettext
from opendesk.portal.security import ASGIApp, Receive, Scope, Send

log = logging.getLogger("opendesk.portal.uploads")

FORM_SLACK = 2 * 1024 * 1024
"""Room for the text fields and multipart framing on top of the attachments."""

MAX_FILES = 10

HEALTH_SCANNER_TIMEOUT = 0.5
"""Seconds /health waits for the scanner: a hung scanner must not make the portal itself look
down to the desktop's health check (2-3 s)."""


@dataclass(frozen=True)
class Uploads:
    files: tuple[NewAttachment, ...]
    limits: Limits


async def _chosen_files(request: Request) -> list[UploadFile]:
    """The form's `files` parts that are files. A file input with nothing chosen arrives as an
    empty part, which Starlette may give as a string: that is no file."""
    if request.method != "POST":
        return []
    form = await request.form()  # parsed once, already by the CSRF check
    return [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]


Files = Annotated[list[UploadFile], Depends(_chosen_files)]
"""A route parameter: the files the patient chose in the form."""


def limits_of(db: Database) -> Limits:
    with db.readonly_session() as session:
        return Limits.from_preferences(session)


def _read(upload: UploadFile, cap: int) -> bytes:
    upload.file.seek(0)
    return upload.file.read(cap + 1)


def check_uploads(uploads: Sequence[UploadFile] | None, limits: Limits) -> Uploads:
    """The chosen files as checked attachments, or ValidationError naming every refused file.
    An empty file input (no file chosen) is not a file. Runs in the thread pool (Pillow and
    pypdf decode the content)."""
    chosen = [u for u in uploads or () if u.filename]
    if len(chosen) > MAX_FILES:
        raise ValidationError(f"Attach at most {MAX_FILES} files to one message.", "files")
    checked: list[NewAttachment] = []
    problems: list[str] = []
    total = 0
    for upload in chosen:
        data = _read(upload, limits.max_file_bytes)
        try:
            ok = check_attachment(
                upload.filename or "", data, limits=limits, already_attached_bytes=total
            )
        except ValidationError as exc:
            problems.append(str(exc))
            continue
        total += ok.size
        checked.append(NewAttachment(ok.name, ok.content_type, ok.data, ok.flags_text))
    if problems:
        log.info(
            "portal upload refused by the attachment rules (%d of %d files)",
            len(problems),
            len(chosen),
        )
        raise ValidationError(
            " ".join(problems) + " Nothing was sent: choose the files again.", "files"
        )
    return Uploads(tuple(checked), limits)


def allowance_text(limits: Limits) -> str:
    """The hint under the file input."""
    return gettext(
        "Photos, PDF, Word, Excel, CSV or text files; up to %(each)s each and %(total)s in "
        "all. Every file is checked for malware."
    ) % {"each": human_size(limits.max_file_bytes), "total": human_size(limits.max_message_bytes)}


class UploadLimit:
    """Refuses (413) a multipart POST whose declared body exceeds twice the practice's
    per-message limit plus the form, and one without a Content-Length (browsers send it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        if not headers.get(b"content-type", b"").lower().startswith(b"multipart/"):
            await self.app(scope, receive, send)
            return
        length = headers.get(b"content-length", b"")
        if not length.isdigit():
            await _refuse(send, 411, "Length Required")
            return
        limits = await run_in_threadpool(limits_of, scope["app"].state.db)
        if int(length) > 2 * limits.max_message_bytes + FORM_SLACK:
            log.info("portal upload of %s refused before reading", human_size(int(length)))
            await _refuse(send, 413, "The files are too large")
            return
        await self.app(scope, receive, send)


async def _refuse(send: Send, status: int, title: str) -> None:
    body = (
        f"<!doctype html><title>{title}</title><h1>{title}</h1><p>The attachments are larger "
        "than a message may carry. Go back, remove the large files and send again.</p>"
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def scanner_health(cfg: ScannerConfig) -> dict[str, object]:
    """/health's view of the malware scanner: "answering", "not answering" or "not set up",
    the policy, and the reason when it is not answering (an address and an error, no PHI)."""
    state = attachment_scan.check(cfg, timeout=HEALTH_SCANNER_TIMEOUT)
    health: dict[str, object] = {
        "scanner": state.word,
        "scanner_policy": state.policy,
        "scanner_version": state.version,
    }
    if not state.answering:
        health["scanner_problem"] = state.problem
    return health
