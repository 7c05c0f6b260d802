""" "Select Local File", shared by the A-to-Z dialog and Dropbox's Select Files window."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def open_local_file_dialog(parent: QWidget, chosen: Callable[[list[str]], None]) -> QFileDialog:
    """An ordinary file dialog, opened window-modal (no nested event loop); `chosen` receives
    the selected paths. The caller keeps the returned dialog (tests drive it)."""
    dialog = QFileDialog(parent, "Select Local File", str(Path.home()))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.filesSelected.connect(chosen)
    dialog.open()
    return dialog
