"""A check the main window repeats on a timer (portal reachability, the malware scanner): it
runs on the task manager's worker, never twice at once, and reports on the GUI thread through
`checked`."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from opendesk.desktop.context import AppContext
from opendesk.desktop.taskman import TaskResult


class PeriodicCheck(QObject):
    checked = Signal(object)  # what `job` returned (or `on_failure` made of an error)

    def __init__(self, ctx: AppContext, interval_seconds: int) -> None:
        super().__init__()
        self.ctx = ctx
        self.last: Any = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_seconds * 1000)
        self.timer.timeout.connect(self.check)
        self._in_flight = False

    def job(self) -> Callable[[], object]:
        """What to run on the worker (built on the GUI thread)."""
        raise NotImplementedError

    def on_failure(self, error: BaseException) -> object | None:
        """What to report when the job raised; None reports nothing."""
        return None

    def start(self) -> None:
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        if self._in_flight:
            return
        self._in_flight = True
        self.ctx.taskman.run_in_background(self.job(), self._done)

    def _done(self, result: TaskResult[object]) -> None:
        self._in_flight = False
        value = result.value() if result.ok else self.on_failure(result.error)  # type: ignore[arg-type]
        if value is None:
            return
        self.last = value
        self.checked.emit(value)
