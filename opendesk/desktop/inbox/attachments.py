"""Open and Save for a message's attachments, shared by the preview pane and the message
window. Both fetch the bytes through `core.services.webmail.attachment_content` (audited as a
download) on a worker.

Open writes the file into a private temporary folder of this session (mode 0700, removed when
the client exits) and hands it to the system's viewer; Save asks where to write it.
"""

import atexit
import errno
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core.file_names import format_size
from opendesk.core.services import webmail
from opendesk.core.services.webmail import AttachmentInfo
from opendesk.desktop.context import AppContext
from opendesk.desktop.message_channel import error
from opendesk.desktop.operations import WriteOp

# The system viewer; tests replace it to see what would be opened.
open_url: Callable[[QUrl], object] = QDesktopServices.openUrl

_temp_dir: Path | None = None

size_text = format_size  # one size format everywhere (core.file_names)


def temp_dir() -> Path:
    global _temp_dir
    if _temp_dir is None:
        _temp_dir = Path(tempfile.mkdtemp(prefix="opendesk-attachments-"))
        _temp_dir.chmod(0o700)
        atexit.register(shutil.rmtree, _temp_dir, True)
    return _temp_dir


NOT_SCANNED_TIP = (
    "Not scanned for malware: the scanner did not answer when this file was stored (or it was "
    "stored before scanning existed). Open it only if you trust where it came from."
)


def attachment_text(att: AttachmentInfo, gap: str = " ") -> str:
    """A list row's text: name and size, and "— not scanned" when the malware scanner did
    not check the file (the row's tool tip is then NOT_SCANNED_TIP)."""
    text = f"{att.name}{gap}({size_text(att.size)})"
    return text + " — not scanned" if att.not_scanned else text


def attachment_tip(att: AttachmentInfo) -> str:
    return NOT_SCANNED_TIP if att.not_scanned else ""


def fetch(
    ctx: AppContext,
    parent: QWidget | None,
    attachment_id: int,
    then: Callable[[AttachmentInfo, bytes], None],
) -> None:
    def read(session: Session) -> tuple[AttachmentInfo, bytes]:
        return webmail.attachment_content(session, ctx.actor, attachment_id)

    WriteOp(ctx, read, parent=parent, success=lambda r: then(*r)).with_progress(
        "Loading the attachment…"
    ).run_in_background()


def _write_failed(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            "The attachment could not be opened: the disk holding the temporary folder is "
            "full. Free some space (or use Save to put it elsewhere) and try again."
        )
    return (
        "The attachment could not be written to a temporary file "
        f"({exc.strerror or 'write error'}). Use Save to put it elsewhere."
    )


def open_attachment(ctx: AppContext, parent: QWidget | None, attachment_id: int) -> None:
    def show(info: AttachmentInfo, data: bytes) -> None:
        path: Path | None = None
        try:  # every step can fail on a full or missing temporary folder
            folder = temp_dir() / str(info.id)
            folder.mkdir(exist_ok=True)
            path = folder / Path(info.name).name
            path.write_bytes(data)
        except OSError as exc:
            if path is not None:
                path.unlink(missing_ok=True)  # never leave a truncated copy to be opened
            error(parent, _write_failed(exc))
            return
        open_url(QUrl.fromLocalFile(str(path)))

    fetch(ctx, parent, attachment_id, show)


def save_attachment(
    ctx: AppContext, parent: QWidget | None, info: AttachmentInfo, path: str | None = None
) -> None:
    """Save to `path`, or to where the user chooses (asked first: cancelling reads nothing)."""
    target = path
    if target is None:
        target, _ = QFileDialog.getSaveFileName(parent, "Save attachment", info.name)
    if not target:
        return
    chosen = Path(target)

    def write(_info: AttachmentInfo, data: bytes) -> None:
        try:
            chosen.write_bytes(data)
        except OSError:
            error(parent, "The attachment could not be saved there. Choose another folder.")

    fetch(ctx, parent, info.id, write)
