"""The compose window's Preview (the manual: "view, copy, or print the email notification
(insecure) and the contents of the secure message").

`build_preview(session, draft)` makes the notification exactly as the patient will get it with
`core.notices.render_notice` (the same function the send uses, so the tags are filled the same
way) and the secure message as the portal shows it. `SendPreviewDialog` shows both, every text as
plain text; Copy puts `PreviewData.text()` on the clipboard; Print shows a QPrintPreviewDialog
of a plain-text document with the same text.
"""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.attachments.rules import human_size
from opendesk.core.models import Patient
from opendesk.core.notices import render_notice
from opendesk.core.services import providers
from opendesk.core.services.compose import recipient_for
from opendesk.desktop.forms_generated.ui_preview import Ui_PreviewDialog


@dataclass(frozen=True)
class PreviewRequest:
    """What the compose window holds, as plain data for the worker thread."""

    regarding_patient_id: int
    provider_id: int
    subject: str
    body: str
    attachments: tuple[tuple[str, int], ...] = ()  # (name, size)


@dataclass(frozen=True)
class PreviewData:
    notice_to: str
    notice_from: str
    notice_subject: str
    notice_body: str
    recipient_name: str
    regarding_name: str
    provider_name: str
    subject: str
    body: str
    attachments: tuple[tuple[str, int], ...]

    @property
    def attachments_text(self) -> str:
        if not self.attachments:
            return "(none)"
        return "\n".join(f"{name} ({human_size(size)})" for name, size in self.attachments)

    def text(self) -> str:
        """Both parts as plain text (what Copy and Print give)."""
        rule = "-" * 60
        return "\n".join(
            [
                "NOTIFICATION E-MAIL (not secure)",
                rule,
                f"To: {self.notice_to}",
                f"From: {self.notice_from}",
                f"Subject: {self.notice_subject}",
                "",
                self.notice_body,
                "",
                "",
                "SECURE MESSAGE (read in the patient portal)",
                rule,
                f"Portal account: {self.recipient_name}",
                f"Regarding: {self.regarding_name}",
                f"From provider: {self.provider_name}",
                f"Subject: {self.subject}",
                "Attachments: " + self.attachments_text.replace("\n", "; "),
                "",
                self.body,
                "",
            ]
        )


def _name(p: Patient | None) -> str:
    return p.display_name if p else ""


def build_preview(session: Session, request: PreviewRequest) -> PreviewData:
    """The notification and the secure message as the patient will get them."""
    regarding = session.get(Patient, request.regarding_patient_id)
    if regarding is None:
        raise LookupError("patient not found")
    recipient = recipient_for(session, regarding)
    if recipient is None:
        raise LookupError("no portal account receives this message")
    notice = render_notice(session, recipient)
    provider = providers.provider_row(session, request.provider_id)
    return PreviewData(
        notice_to=notice.to_address,
        notice_from=notice.from_address,
        notice_subject=notice.subject,
        notice_body=notice.body_text,
        recipient_name=_name(recipient),
        regarding_name=_name(regarding),
        provider_name=provider.name if provider else "",
        subject=request.subject,
        body=request.body,
        attachments=request.attachments,
    )


class SendPreviewDialog(QDialog):
    """Shows a PreviewData; Copy and Print. Every text is plain text."""

    def __init__(self, data: PreviewData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.ui = Ui_PreviewDialog()
        self.ui.setupUi(self)
        self.setObjectName("webmail_preview")
        ui = self.ui
        ui.notice_to.setText(data.notice_to)
        ui.notice_from.setText(data.notice_from)
        ui.notice_subject.setText(data.notice_subject)
        ui.notice_body.setPlainText(data.notice_body)
        ui.message_to.setText(data.recipient_name)
        ui.message_regarding.setText(data.regarding_name)
        ui.message_provider.setText(data.provider_name)
        ui.message_subject.setText(data.subject)
        ui.message_attachments.setText(data.attachments_text)
        ui.message_body.setPlainText(data.body)
        for label in (ui.notice_to_label, ui.notice_from_label, ui.notice_subject_label):
            label.setStyleSheet("color: #555;")
        bold = QFont(ui.message_subject.font())
        bold.setBold(True)
        ui.message_subject.setFont(bold)
        ui.notice_subject.setFont(bold)
        ui.notice_group.setStyleSheet("QGroupBox#notice_group { color: #8a5a00; }")
        ui.copy_button.clicked.connect(self.copy)
        ui.print_button.clicked.connect(self.print_preview)
        ui.close_button.clicked.connect(self.accept)
        self.printer: QPrinter | None = None
        self.print_dialog: QPrintPreviewDialog | None = None

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.data.text())

    def document(self) -> QTextDocument:
        """The document Print prints: the plain text of both parts (never markup)."""
        doc = QTextDocument(self)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(10)
        doc.setDefaultFont(font)
        doc.setPlainText(self.data.text())
        return doc

    def make_print_dialog(self) -> QPrintPreviewDialog:
        """The print preview (kept, with its printer, in attributes while it is used: a
        temporary QPrinter would be deleted under the dialog)."""
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        doc = self.document()
        dialog = QPrintPreviewDialog(self.printer, self)
        dialog.setWindowTitle("Print Preview - Secure WebMail")
        dialog.paintRequested.connect(doc.print_)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._print_doc = doc
        self.print_dialog = dialog
        return dialog

    def print_preview(self) -> None:
        self.make_print_dialog().exec()
