"""Attach from the patient's files: the A-to-Z folder or, when the practice stores images in
Dropbox, Dropbox's Select Files window - the manual's Attach, for any window that has an
`AttachmentListWidget` (the message window's reply box; the compose window has its own copy).

    where = AttachSource.read(session)              # on a worker, with the other reads
    self.task = attach_patient_files(parent, where, PatientFolder(id, last, first), widget)

The patient's folder is found (and created when missing) off the GUI thread: it may be on a
network share. Chosen files go to `widget.add_path` / `add_bytes`, which check the rules.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs
from opendesk.core.file_names import Limits
from opendesk.desktop.attach import tasks
from opendesk.desktop.attach.atoz_dialog import AtoZFileDialog
from opendesk.desktop.attach.attachment_list import AttachmentListWidget
from opendesk.desktop.attach.dropbox_dialog import DropboxSelectFilesDialog
from opendesk.desktop.message_channel import user_message, warning

USE_LOCAL = "\n\nUse Select Local File to attach a file instead."


@dataclass(frozen=True)
class AttachSource:
    """Where the practice keeps patient files (practice preferences) and the size limits."""

    limits: Limits
    storage_kind: str
    atoz_root: str
    dropbox_root: str

    @classmethod
    def read(cls, session: Session) -> "AttachSource":
        return cls(
            limits=Limits.from_preferences(session),
            storage_kind=prefs.get(session, prefs.STORAGE_KIND),
            atoz_root=prefs.get(session, prefs.ATOZ_PATH),
            dropbox_root=prefs.get(session, prefs.DROPBOX_ROOT),
        )

    @property
    def place(self) -> str:
        return "Dropbox" if self.storage_kind == "dropbox" else "A to Z folder"


@dataclass(frozen=True)
class PatientFolder:
    patient_id: int
    last_name: str
    first_name: str


def attach_patient_files(
    parent: QWidget,
    where: AttachSource,
    patient: PatientFolder,
    widget: AttachmentListWidget,
    opened: Callable[[QDialog], None] | None = None,
) -> tasks.Task | None:
    """Open the patient's A-to-Z folder (or Dropbox folder) window-modal; the files chosen
    join `widget`. `opened(dialog)` receives the dialog (tests drive it). Keep the returned
    task (the folder look-up) until it ends."""

    def failed(exc: BaseException) -> None:
        if shiboken6.isValid(parent):
            warning(parent, user_message(exc) + USE_LOCAL)

    if where.storage_kind == "dropbox":
        _open_dropbox(parent, where, patient, widget, opened, failed)
        return None

    def found(folder: Path) -> None:
        if not shiboken6.isValid(parent):
            return
        dialog = AtoZFileDialog(folder, parent=parent)

        def chosen() -> None:
            for path in dialog.selected_paths():
                widget.add_path(path)

        dialog.accepted.connect(chosen)
        dialog.open()
        if opened is not None:
            opened(dialog)

    def work(_task: tasks.Task) -> Path:
        from opendesk.attachments.atoz import ensure_patient_folder

        return ensure_patient_folder(
            where.atoz_root, patient.last_name, patient.first_name, patient.patient_id
        )

    return tasks.start(work, found, failed)


def _open_dropbox(
    parent: QWidget,
    where: AttachSource,
    patient: PatientFolder,
    widget: AttachmentListWidget,
    opened: Callable[[QDialog], None] | None,
    failed: Callable[[BaseException], None],
) -> None:
    from opendesk.attachments.dropbox_source import DropboxSource, dropbox_patient_path
    from opendesk.core.errors import OpenDeskError

    try:
        source = DropboxSource()
    except OpenDeskError as exc:
        failed(exc)
        return
    folder = dropbox_patient_path(
        where.dropbox_root, patient.last_name, patient.first_name, patient.patient_id
    )
    dialog = DropboxSelectFilesDialog(source, folder, limits=where.limits, parent=parent)

    def chosen() -> None:
        name, data = dialog.selected_name(), dialog.selected_data()
        if name is not None and data is not None:
            widget.add_bytes(name, data)
        for path in dialog.local_paths():
            widget.add_path(path)

    dialog.accepted.connect(chosen)
    dialog.open()
    if opened is not None:
        opened(dialog)
