"""Does the malware scanner answer this workstation? Every send with attachments scans them from
here, so the main window's status bar shows "scanner: answering / not answering / not set up"
(with the reason and the policy as its tool tip). Asked on a worker thread, every few minutes
and after the preferences change; never on the GUI thread."""

import logging
from collections.abc import Callable

from opendesk.core.services import attachment_scan
from opendesk.core.services.attachment_scan import ScannerState
from opendesk.desktop.context import AppContext
from opendesk.desktop.periodic_check import PeriodicCheck

log = logging.getLogger("opendesk.desktop.scanner")


def check_scanner(ctx: AppContext) -> ScannerState:
    with ctx.db.readonly_session() as session:
        cfg = attachment_scan.config(session)
    return attachment_scan.check(cfg)


class ScannerStatusChecker(PeriodicCheck):
    """`checked` carries a ScannerState; a failed check reports nothing."""

    def __init__(self, ctx: AppContext, interval_seconds: int = 300) -> None:
        super().__init__(ctx, interval_seconds)

    @property
    def state(self) -> ScannerState | None:
        return self.last  # type: ignore[no-any-return]

    def job(self) -> Callable[[], object]:
        ctx = self.ctx
        return lambda: check_scanner(ctx)

    def on_failure(self, error: BaseException) -> object | None:
        log.info("scanner check failed: %s", type(error).__name__)
        return None


def tooltip(state: ScannerState) -> str:
    if state.answering:
        return f"Attachments are scanned for malware by {state.version}."
    return attachment_scan.problem_text(state)
