"""Does the malware scanner answer this workstation? Every send with attachments scans them from
here, so the main window's status bar shows "scanner: answering / not answering / not set up"
(with the reason and the policy as its tool tip). Asked on a worker thread, every few minutes
and after the preferences change; never on the GUI thread."""

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from opendesk.core.services import attachment_scan
from opendesk.core.services.attachment_scan import ScannerState
from opendesk.desktop.context import AppContext
from opendesk.desktop.taskman import TaskResult

log = logging.getLogger("opendesk.desktop.scanner")


def check_scanner(ctx: AppContext) -> ScannerState:
    with ctx.db.readonly_session() as session:
        cfg = attachment_scan.config(session)
    return attachment_scan.check(cfg)


class ScannerStatusChecker(QObject):
    checked = Signal(object)  # ScannerState

    def __init__(self, ctx: AppContext, interval_seconds: int = 300) -> None:
        super().__init__()
        self.ctx = ctx
        self.state: ScannerState | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_seconds * 1000)
        self.timer.timeout.connect(self.check)
        self._in_flight = False

    def start(self) -> None:
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        if self._in_flight:
            return
        self._in_flight = True
        ctx = self.ctx
        self.ctx.taskman.run_in_background(lambda: check_scanner(ctx), self._done)

    def _done(self, result: TaskResult[ScannerState]) -> None:
        self._in_flight = False
        if not result.ok:
            log.info("scanner check failed: %s", type(result.error).__name__)
            return
        self.state = result.value()
        self.checked.emit(self.state)


def tooltip(state: ScannerState) -> str:
    if state.answering:
        return f"Attachments are scanned for malware by {state.version}."
    return attachment_scan.problem_text(state)
