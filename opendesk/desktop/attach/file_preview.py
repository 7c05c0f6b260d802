"""Preview of a file before it is attached: images through Pillow (EXIF orientation honoured),
PDFs rendered by Qt's PDF module with their page count, anything else as icon, name and size."""

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from opendesk.attachments.rules import CheckedAttachment, sniff
from opendesk.attachments.thumbnails import open_oriented
from opendesk.core.file_names import format_size
from opendesk.desktop.forms_generated.ui_file_preview import Ui_FilePreviewDialog

PREVIEW_MAX_SIDE = 2400
"""Images are scaled to at most this many pixels a side for the screen."""


def pil_to_qimage(image: Image.Image) -> QImage:
    """A QImage copy of a Pillow image (safe to make on a worker thread)."""
    rgba = image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    qimage = QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888)
    return qimage.copy()


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _ImageView(QScrollArea):
    """An image scaled to fit the area, keeping its aspect ratio."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = QImage()

    def set_image(self, image: QImage) -> None:
        self.image = image
        self._rescale()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self.image.isNull():
            self.label.clear()
            return
        room = self.viewport().size() - QSize(4, 4)
        scaled = self.image
        if self.image.width() > room.width() or self.image.height() > room.height():
            scaled = self.image.scaled(
                room,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.label.setPixmap(QPixmap.fromImage(scaled))


class FilePreviewWidget(QWidget):
    """Shows one file. `show_bytes`, `show_path` or `show_attachment`; `mode()` is "image",
    "pdf", "other" or "" (nothing shown); `page_count()` for a PDF."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _plain_label()
        self.title.setObjectName("previewTitle")
        self.details = _plain_label()
        self.stack = QStackedWidget()
        self.image_view = _ImageView()
        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.other = QWidget()
        self.other_icon = QLabel()
        self.other_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.other_text = _plain_label()
        self.other_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        other_layout = QVBoxLayout(self.other)
        other_layout.addStretch(1)
        other_layout.addWidget(self.other_icon)
        other_layout.addWidget(self.other_text)
        other_layout.addStretch(1)
        for page in (self.image_view, self.pdf_view, self.other):
            self.stack.addWidget(page)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.details)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._buffer: QBuffer | None = None
        self._mode = ""

    def mode(self) -> str:
        return self._mode

    def page_count(self) -> int:
        return self.pdf_document.pageCount() if self._mode == "pdf" else 0

    def show_attachment(self, attachment: CheckedAttachment) -> None:
        self.show_bytes(attachment.name, attachment.data, attachment.content_type)

    def show_path(self, path: Path) -> None:
        self.show_bytes(path.name, path.read_bytes())

    def show_bytes(self, name: str, data: bytes, content_type: str | None = None) -> None:
        if content_type is None:
            kind = sniff(data)
            content_type = kind.content_type if kind else "application/octet-stream"
        self.title.setText(name)
        size = format_size(len(data))
        if content_type.startswith("image/") and self._show_image(data):
            image = self.image_view.image
            self.details.setText(f"{image.width()} x {image.height()} · {size}")
            return
        if content_type == "application/pdf" and self._show_pdf(data):
            pages = self.pdf_document.pageCount()
            self.details.setText(f"{pages} page{'s' if pages != 1 else ''} · {size}")
            return
        self._show_other(name, size)

    def _show_image(self, data: bytes) -> bool:
        try:
            image = open_oriented(data, fit=PREVIEW_MAX_SIDE)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
            return False
        self.image_view.set_image(pil_to_qimage(image))
        self.stack.setCurrentWidget(self.image_view)
        self._mode = "image"
        return True

    def _show_pdf(self, data: bytes) -> bool:
        self.pdf_document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # the document reads from it while shown
        if self.pdf_document.status() != QPdfDocument.Status.Ready:
            return False
        self.stack.setCurrentWidget(self.pdf_view)
        self._mode = "pdf"
        return True

    def _show_other(self, name: str, size: str) -> None:
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self.other_icon.setPixmap(icon.pixmap(64, 64))
        self.other_text.setText(f"{name}\n{size}\nNo preview for this kind of file.")
        self.details.setText(size)
        self.stack.setCurrentWidget(self.other)
        self._mode = "other"


class FilePreviewDialog(QDialog):
    """A window around a FilePreviewWidget (`dialog.preview`), with a Close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_FilePreviewDialog()
        self.ui.setupUi(self)  # forms/file_preview.ui
        self.preview = FilePreviewWidget(self.ui.preview_host)
        self.ui.previewLayout.addWidget(self.preview)
        self.ui.buttons.rejected.connect(self.reject)
