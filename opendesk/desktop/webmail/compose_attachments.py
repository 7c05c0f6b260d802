"""The compose window's attachments (a part of `ComposeWindow`): Attach from the patient's A
to Z folder or Dropbox (the manual's step 6), Select Local File, and a reopened draft's stored
files. One list is on screen at a time when a draft is reopened: its stored files, until a new
file is added."""

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from opendesk.attachments.rules import CheckedAttachment, Limits, human_size
from opendesk.core.services.compose import Opening, PatientName
from opendesk.desktop import message_channel
from opendesk.desktop.attach import AtoZFileDialog, AttachmentListWidget, DropboxSelectFilesDialog
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_compose import Ui_ComposeWindow
from opendesk.desktop.webmail.scanner_note import ScannerNote


def make_attachment_list(limits: Limits, parent: QWidget) -> AttachmentListWidget:
    widget = AttachmentListWidget(limits, parent)
    widget.setObjectName("attachment_list")
    return widget


class ComposeAttachments:
    """Mixed into ComposeWindow (a QDialog holding `ui` and `opening`)."""

    ui: Ui_ComposeWindow
    ctx: AppContext
    opening: Opening
    attachment_list: AttachmentListWidget
    attach_dialog: QDialog

    @property
    def regarding_id(self) -> int:
        raise NotImplementedError

    def _update_state(self) -> None:
        raise NotImplementedError

    def _parent_widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def checked_attachments(self) -> list[CheckedAttachment]:
        return list(self.attachment_list.attachments())

    def _setup_attachments(self) -> None:
        """The draft's stored attachments (kept unless removed), then new ones."""
        ui, draft = self.ui, self.opening.draft
        self.kept: dict[int, tuple[str, int]] = {
            a.id: (a.name, a.size) for a in (draft.attachments if draft else ())
        }
        self.kept_list = QListWidget()
        self.kept_list.setObjectName("kept_attachments")
        self.kept_list.setMaximumHeight(52)
        self.kept_remove = QPushButton("Remove")
        self.kept_remove.clicked.connect(self.remove_kept)
        kept_row = QHBoxLayout()
        kept_row.addWidget(self.kept_list, 1)
        kept_row.addWidget(self.kept_remove, 0, Qt.AlignmentFlag.AlignTop)
        self.kept_box = QWidget()
        self.kept_box.setLayout(kept_row)
        kept_row.setContentsMargins(0, 0, 0, 0)
        ui.attachmentsLayout.insertWidget(0, self.kept_box)
        limits = Limits(self.opening.max_file_bytes, self.opening.max_message_bytes)
        self.attachment_list = make_attachment_list(limits, self._parent_widget())
        self.attachment_list.setMaximumHeight(150)  # the message keeps the room
        ui.attachmentsLayout.insertWidget(1, self.attachment_list)
        self.attachment_list.changed.connect(self._update_state)
        self.attachment_list.changed.connect(self._show_attachment_lists)
        self.scanner_note = ScannerNote(self.ctx, self.attachment_list, self._parent_widget())
        ui.attachmentsLayout.insertWidget(2, self.scanner_note)
        self._fill_kept()
        ui.attach_button.clicked.connect(self.attach)
        ui.local_file_button.clicked.connect(self.attach_local_file)
        where = "Dropbox" if self.opening.storage_kind == "dropbox" else "A to Z folder"
        ui.attach_button.setToolTip(
            f"Attach a file from the patient's {where}; Select Local File for any other file"
        )

    # -- attachments -----------------------------------------------------------------------
    def _fill_kept(self) -> None:
        self.kept_list.clear()
        for att_id, (name, size) in self.kept.items():
            item = QListWidgetItem(f"{name}  ({human_size(size)}, saved with the draft)")
            item.setData(Qt.ItemDataRole.UserRole, att_id)
            self.kept_list.addItem(item)
        self._show_attachment_lists()

    def _show_attachment_lists(self) -> None:
        """One attachment list on screen: a reopened draft shows its stored files; the list
        of new files (and its "No attachments.") appears only once there is no stored file
        left or a new one is added."""
        new = bool(self.checked_attachments()) or self.attachment_list.is_busy()
        self.kept_box.setVisible(bool(self.kept))
        self.attachment_list.setVisible(new or not self.kept)

    def remove_kept(self) -> None:
        item = self.kept_list.currentItem()
        if item is None:
            return
        self.kept.pop(int(item.data(Qt.ItemDataRole.UserRole)), None)
        self._fill_kept()
        self._update_state()

    def _regarding_name(self) -> PatientName | None:
        return next((n for n in self.opening.names if n.id == self.regarding_id), None)

    def attach(self) -> None:
        """The manual's Attach: the patient's A-to-Z folder (or Dropbox's Select Files)."""
        name = self._regarding_name()
        if name is None:
            return
        if self.opening.storage_kind == "dropbox":
            self._attach_from_dropbox(name)
        else:
            self._attach_from_folder(name)

    def _attach_from_folder(self, name: PatientName) -> None:
        from opendesk.attachments.atoz import ensure_patient_folder
        from opendesk.core.errors import OpenDeskError

        try:
            folder = ensure_patient_folder(
                self.opening.atoz_root, name.last_name, name.first_name, name.id
            )
        except OpenDeskError as exc:
            message_channel.warning(
                self._parent_widget(), f"{exc}\n\nUse Select Local File to attach a file instead."
            )
            return
        dialog = AtoZFileDialog(folder, parent=self._parent_widget())
        self.attach_dialog: QDialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.selected_paths() if accepted else []
        if shiboken6.isValid(self):
            for path in chosen:
                self.attachment_list.add_path(path)
            self._update_state()

    def _attach_from_dropbox(self, name: PatientName) -> None:
        from opendesk.attachments.dropbox_source import DropboxSource, dropbox_patient_path
        from opendesk.core.errors import OpenDeskError

        try:
            source = DropboxSource()
        except OpenDeskError as exc:
            message_channel.warning(
                self._parent_widget(), f"{exc}\n\nUse Select Local File to attach a file instead."
            )
            return
        folder = dropbox_patient_path(
            self.opening.dropbox_root, name.last_name, name.first_name, name.id
        )
        dialog = DropboxSelectFilesDialog(
            source, folder, limits=self.attachment_list.limits, parent=self._parent_widget()
        )
        self.attach_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted and shiboken6.isValid(self):
            picked, data = dialog.selected_name(), dialog.selected_data()
            if picked is not None and data is not None:
                self.attachment_list.add_bytes(picked, data)
            for path in dialog.local_paths():
                self.attachment_list.add_path(path)
            self._update_state()

    def attach_local_file(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self._parent_widget(), "Select Local File")
        for path in paths:
            self.attachment_list.add_path(Path(path))
        self._update_state()


__all__ = ["ComposeAttachments", "make_attachment_list"]
