"""The unread-WebMail alert: polls `core.services.alerts.webmail_alert` on a worker thread
every `alert_poll_seconds` (workstation setting) and right after any operation that changed
messages; emits `alertChanged(WebMailAlert)` only when the change marker moved. Never blocks
the GUI thread; a database that stops answering is logged once and retried quietly.

The poll also reads the user's closed-loop figures (`loop_lists.loop_alert`): patient messages
unassigned or overdue that the user may work on, and those past their response time that the
user was told about (escalations); `loop_alert_text` words the main window's second alert
button ("To answer (5) · 1 past due time").

When the lists' marker (`WebMailAlert.lists_marker`) moves because of something another
workstation did, the poller publishes OpChanges(messages=True) with itself as the initiator,
so the Email Inbox and the Chart list reload by themselves (a draft the provider sent
elsewhere leaves the front desk's Drafts)."""

import logging
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from opendesk.core import settings
from opendesk.core.errors import PermissionDenied
from opendesk.core.services import alerts, loop_lists
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
        self._own_change = False
        ctx.changes.changed.connect(self._on_changes)
        ctx.userChanged.connect(self._on_user)  # a method: dropped with the poller

    def _on_user(self, _user: object) -> None:
        self.poll()

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
        user_id = self.ctx.user.user_id if self.ctx.user else None
        actor = self.ctx.actor if self.ctx.user else None
        self._in_flight = True

        def read(session: Session) -> WebMailAlert:
            alert = alerts.webmail_alert(session, provider_id, user_id)
            if actor is None:
                return alert
            try:
                loop = loop_lists.loop_alert(session, actor)
            except PermissionDenied:
                return alert  # a user disabled or locked meanwhile: the log on ends it

            return replace(
                alert, waiting=loop.waiting, overdue=loop.overdue, escalated=loop.escalated
            )

        ReadOp(self.ctx, read, success=self._done).failure(self._failed).run_in_background()

    def _done(self, alert: WebMailAlert) -> None:
        self._in_flight = False
        if self.failing:
            log.info("alert polling works again")
            self.failing = False
        previous, own = self.current, self._own_change
        self._own_change = False
        self.current = alert
        if previous is None or (alert.shown, alert.loop_marker) != (
            previous.shown,
            previous.loop_marker,
        ):
            self.alertChanged.emit(alert)
        moved = previous is not None and alert.lists_marker != previous.lists_marker
        if moved and not own and previous is not None and previous.provider_id == alert.provider_id:
            self.ctx.changes.publish(OpChanges(messages=True), self)
        self.polled.emit()

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        if not self.failing:
            log.warning("alert polling failed (%s); will keep trying", type(exc).__name__)
            self.failing = True
        self.polled.emit()

    def _on_changes(self, changes: OpChanges, initiator: object) -> None:
        if initiator is self:
            return
        if changes.messages or changes.alerts:
            self._own_change = True  # this workstation's lists already know
            self.poll()


def loop_alert_text(alert: WebMailAlert) -> tuple[str, str]:
    """(button text, tooltip) of the closed-loop alert: "To answer (5)" for patient messages
    unassigned or overdue that the user may work on, "· 1 past due time" for those past their
    response time that the user was told about (escalations); "" when there is nothing."""
    parts = [f"To answer ({alert.waiting})"] if alert.waiting else []
    if alert.escalated:
        parts.append(f"{alert.escalated} past due time")
    tips = []
    if alert.waiting:
        plural = "s" if alert.waiting != 1 else ""
        tips.append(
            f"{alert.waiting} patient message{plural} unassigned or overdue that you may work "
            f"on ({alert.overdue} overdue)"
        )
    if alert.escalated:
        tips.append(f"{alert.escalated} past the response time: you were told (escalation)")
    tips.append("Click to open the Overdue or Unassigned view")
    return " · ".join(parts), "\n".join(tips)
