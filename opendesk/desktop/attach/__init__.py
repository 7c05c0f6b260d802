"""Attachment widgets for the compose window: the A-to-Z file dialog, Dropbox's Select Files
window, the preview and the attachment list. Self-contained: none of them needs the main
window. See docs/ATTACHMENTS.md for how the compose window uses them."""

from opendesk.desktop.attach.atoz_dialog import AtoZFileDialog
from opendesk.desktop.attach.attachment_list import AttachmentListWidget
from opendesk.desktop.attach.dropbox_dialog import DropboxSelectFilesDialog
from opendesk.desktop.attach.file_preview import FilePreviewDialog, FilePreviewWidget

__all__ = [
    "AtoZFileDialog",
    "AttachmentListWidget",
    "DropboxSelectFilesDialog",
    "FilePreviewDialog",
    "FilePreviewWidget",
]
