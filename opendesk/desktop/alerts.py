"""The unread-WebMail alert: polls `core.services.alerts.webmail_alert` on a worker thread
every `alert_poll_seconds` (workstation setting) and right after any operation that changed
messages; emits `alertChanged(WebMailAlert)` only when the change marker moved. Never blocks
the GUI thread; a database that stops answering is logged once and retried quietly."""

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from opendesk.core import settings
from opendesk.core.services import alerts
from opendesk.core.services.alerts import WebMailAlert
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.operations import ReadOp

log = logging.getLogger("opendesk.desktop.alerts")


class AlertPoller(QObject):
    alertChanged = Signal(object)  # WebMailAlert
    polled = Signal()  # after every poll (tests, benchmarks)

    def __init__(self, ctx: AppContext, interval_seconds: float | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        seconds = interval_seconds or ctx.settings.get(settings.ALERT_POLL_SECONDS)
        self.timer = QTimer(self)
        self.timer.setInterval(max(50, int(seconds * 1000)))
        self.timer.timeout.connect(self.poll)
        self.current: WebMailAlert | None = None
        self.failing = False
        self._in_flight = False
        ctx.changes.changed.connect(self._on_changes)
        ctx.userChanged.connect(lambda _user: self.poll())

    def start(self) -> None:
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def unread(self) -> int:
        return self.current.unread if self.current else 0

    def poll(self) -> None:
        if self._in_flight:
            return
        provider_id = self.ctx.user.provider_id if self.ctx.user else None
        self._in_flight = True
        ReadOp(
            self.ctx, lambda s: alerts.webmail_alert(s, provider_id), success=self._done
        ).failure(self._failed).run_in_background()

    def _done(self, alert: WebMailAlert) -> None:
        self._in_flight = False
        if self.failing:
            log.info("alert polling works again")
            self.failing = False
        if self.current is None or alert.marker != self.current.marker:
            self.current = alert
            self.alertChanged.emit(alert)
        self.polled.emit()

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        if not self.failing:
            log.warning("alert polling failed (%s); will keep trying", type(exc).__name__)
            self.failing = True
        self.polled.emit()

    def _on_changes(self, changes: OpChanges, _initiator: object) -> None:
        if changes.messages or changes.alerts:
            self.poll()
