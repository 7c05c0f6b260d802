"""The compose window's scanner warning: once the message has attachments, ask (on the task
manager) whether the malware scanner answers this workstation, and when it does not, say in red
under the attachments what will happen — refused until it answers, or stored marked "not
scanned" — and where to fix it. A message without attachments never asks."""

import time

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from opendesk.core.services import attachment_scan
from opendesk.core.services.attachment_scan import ScannerState
from opendesk.desktop.attach.attachment_list import AttachmentListWidget
from opendesk.desktop.context import AppContext
from opendesk.desktop.scanner_status import check_scanner
from opendesk.desktop.taskman import TaskResult

RECHECK_SECONDS = 60.0


class ScannerNote(QLabel):
    def __init__(
        self, ctx: AppContext, attachments: AttachmentListWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.attachments = attachments
        self.state: ScannerState | None = None
        self._checked_at = 0.0
        self._in_flight = False
        self.setObjectName("scanner_note")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()
        attachments.changed.connect(self.update_note)

    def update_note(self) -> None:
        if not self.attachments.attachments():
            self.hide()
            return
        if time.monotonic() - self._checked_at < RECHECK_SECONDS:
            self._show()
            return
        if self._in_flight:
            return
        self._in_flight = True
        ctx = self.ctx
        ctx.taskman.run_in_background(lambda: check_scanner(ctx), self._checked)

    def _checked(self, result: TaskResult[ScannerState]) -> None:
        if not shiboken6.isValid(self):
            return
        self._in_flight = False
        self._checked_at = time.monotonic()
        self.state = result.value() if result.ok else None
        self._show()

    def _show(self) -> None:
        state = self.state
        if state is None or state.answering or not self.attachments.attachments():
            self.hide()
            return
        self.setText(attachment_scan.problem_text(state))
        self.show()
