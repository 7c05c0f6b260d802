"""Attach in the message window's Reply (issue 15 point 7): an attachment list under the reply
text with Attach Local File…, checked by the attachment rules on a worker with the practice's
limits, and the compose window's scanner note. The reply service scans the files for malware
before anything is stored, like a send from the compose window."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from opendesk.attachments.rules import Limits
from opendesk.core.services.webmail import NewAttachment
from opendesk.desktop.attach import AttachmentListWidget
from opendesk.desktop.context import AppContext
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.webmail.scanner_note import ScannerNote


class ReplyAttachments(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reply_attachments")
        self.list = AttachmentListWidget(Limits(), self)
        self.list.setObjectName("reply_attachment_list")
        self.list.setMaximumHeight(120)
        self.list.hide()  # shown once a file is attached: the reply keeps its room
        self.note = ScannerNote(ctx, self.list, self)
        self.attach_button = QPushButton("Attach &Local File…")
        self.attach_button.setObjectName("reply_attach")
        self.attach_button.setToolTip("Attach a file to the reply; it is checked for malware")
        self.attach_button.clicked.connect(self.choose_files)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.list.changed.connect(lambda: self.list.setVisible(bool(self.list.attachments())))
        ReadOp(ctx, _limits, parent=self, success=self.list.set_limits).run_in_background()

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, "Select Local File")
        for path in paths:
            self.add_path(Path(path))

    def add_path(self, path: Path) -> None:
        self.list.show()
        self.list.add_path(path)

    def is_busy(self) -> bool:
        return self.list.is_busy()

    def new_attachments(self) -> tuple[NewAttachment, ...]:
        return tuple(
            NewAttachment(a.name, a.content_type, a.data, a.flags_text)
            for a in self.list.attachments()
        )


def _limits(session: Session) -> Limits:
    return Limits.from_preferences(session)
