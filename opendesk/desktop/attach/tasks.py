"""Blocking work (listing, downloading, checking files) on a worker thread, with progress,
cancel, and the result or the exception delivered back to the GUI thread by signals."""

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("opendesk.desktop.attach")


class TaskSignals(QObject):
    """Made on the GUI thread, so its signals reach GUI slots through the event loop."""

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Task(QRunnable):
    """Runs `work(task)` on a pool thread. `work` may call `task.report(done, total)` and
    should check `task.cancelled()` between steps."""

    def __init__(self, work: Callable[["Task"], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps the Python object until it finishes
        self.work = work
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def run(self) -> None:
        try:
            result = self.work(self)
        except Exception as exc:  # delivered to the GUI thread, which decides what to show
            self.done.set()
            self.signals.failed.emit(exc)
        else:
            self.done.set()
            self.signals.succeeded.emit(result)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)


def start(
    work: Callable[[Task], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Start `work` on `pool` (the global pool by default); keep the returned task."""
    task = Task(work)
    task.signals.succeeded.connect(on_success)
    task.signals.failed.connect(on_failure)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def describe_failure(exc: BaseException) -> str:
    """The message to show for a failed task: an expected error's own (PHI-free) message, or
    a generic one for a bug (logged with its type only)."""
    from opendesk.core.errors import OpenDeskError

    if isinstance(exc, OpenDeskError):
        return str(exc)
    log.error("unexpected error in an attachment task: %s", type(exc).__name__)
    return "Something went wrong; the error was logged. Please try again."
