"""The compose window's Preview (the manual: "view, copy, or print the email notification
(insecure) and the contents of the secure message").

`core.services.compose.build_preview` makes the notification exactly as the patient will get it
with `core.notices.render_notice` (the same function the send uses, so the tags are filled the
same way) and the secure message as the portal shows it. `SendPreviewDialog` shows both, every
text as plain text; Copy puts `PreviewData.text()` on the clipboard; Print shows a
QPrintPreviewDialog of a plain-text document with the same text.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core.services.compose import PreviewData, PreviewRequest, build_preview
from opendesk.desktop.forms_generated.ui_preview import Ui_PreviewDialog


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


__all__ = ["PreviewData", "PreviewRequest", "SendPreviewDialog", "build_preview"]
