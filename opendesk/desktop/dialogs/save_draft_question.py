"""The question a window with unsent text asks before it closes: Save Draft / Discard / Cancel,
window-modal and non-blocking (the compose window and the message window's reply box)."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_save_draft(
    parent: QWidget,
    text: str,
    object_name: str,
    *,
    on_save: Callable[[], None],
    on_discard: Callable[[], None],
) -> QMessageBox:
    """Opens the question and returns it; Cancel (or Esc) does nothing."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Secure WebMail",
        text,
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName(object_name)
    box.button(QMessageBox.StandardButton.Save).setText("Save Draft")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button: int) -> None:
        if button == QMessageBox.StandardButton.Discard:
            on_discard()
        elif button == QMessageBox.StandardButton.Save:
            on_save()

    box.finished.connect(answered)
    box.open()
    return box
