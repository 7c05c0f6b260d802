"""The preview shows images upright (EXIF), PDFs with their page count, others by name/size."""

from pytestqt.qtbot import QtBot

from opendesk.attachments.rules import check_attachment
from opendesk.desktop.attach import FilePreviewDialog, FilePreviewWidget
from tests.attachments import samples
from tests.conftest import ARTIFACTS


def test_image_is_shown_upright(qtbot: QtBot) -> None:
    widget = FilePreviewWidget()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    widget.show_bytes("smile.jpg", samples.jpeg(320, 200, orientation=6))
    assert widget.mode() == "image"
    image = widget.image_view.image
    assert (image.width(), image.height()) == (200, 320)
    top = image.pixelColor(100, 10)
    assert top.red() > 200 and top.blue() < 60  # the left (red) half is now on top
    assert widget.details.text().startswith("200 x 320 · ")


def test_pdf_is_rendered_with_its_page_count(qtbot: QtBot) -> None:
    dialog = FilePreviewDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preview.show_attachment(check_attachment("plan.pdf", samples.pdf(3)))
    assert dialog.preview.mode() == "pdf"
    assert dialog.preview.page_count() == 3
    assert dialog.preview.details.text().startswith("3 pages · ")
    qtbot.wait(50)
    dialog.grab().save(str(ARTIFACTS / "attach_preview_pdf.png"))


def test_other_types_show_icon_name_and_size(qtbot: QtBot) -> None:
    widget = FilePreviewWidget()
    qtbot.addWidget(widget)
    widget.show_bytes("<b>notes</b>.txt", b"hello there")
    assert widget.mode() == "other" and widget.page_count() == 0
    assert widget.other_text.text().startswith("<b>notes</b>.txt\n11 bytes")
    assert widget.title.text() == "<b>notes</b>.txt"  # plain text, never markup
    # content that claims to be an image but is not falls back to the same view
    widget.show_bytes("broken.png", b"\x89PNG\r\n\x1a\nnope", "image/png")
    assert widget.mode() == "other"
