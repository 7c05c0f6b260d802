"""Run work off the GUI thread and get the outcome back on it (Anki's TaskManager, Picard's
thread helper).

`TaskManager.run_in_background(task, on_done)` runs `task()` on a QThreadPool worker and calls
`on_done(result)` on the GUI thread, where `result.value()` returns the value or raises the
task's exception. With `synchronous=True` (tests, benchmarks that want determinism) the task runs
inline and `on_done` is called before `run_in_background` returns.
"""

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("opendesk.desktop.tasks")

T = TypeVar("T")


class TaskResult(Generic[T]):
    """The outcome of a background task: a value or an exception."""

    def __init__(self, value: T | None = None, error: BaseException | None = None) -> None:
        self._value = value
        self.error = error

    def value(self) -> T:
        if self.error is not None:
            raise self.error
        return self._value  # type: ignore[return-value]

    @property
    def ok(self) -> bool:
        return self.error is None


class _Relay(QObject):
    """Lives on the GUI thread; a signal emitted from a worker is delivered there (queued)."""

    done = Signal(object, object)  # (callback, TaskResult)

    @Slot(object, object)
    def deliver(self, callback: Callable[[TaskResult[Any]], None], result: TaskResult[Any]) -> None:
        callback(result)


class _Runnable(QRunnable):
    def __init__(
        self, relay: _Relay, task: Callable[[], Any], on_done: Callable[[TaskResult[Any]], None]
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay = relay
        self._task = task
        self._on_done = on_done

    def run(self) -> None:
        try:
            result: TaskResult[Any] = TaskResult(self._task())
        except BaseException as exc:  # delivered to on_done, which decides
            result = TaskResult(error=exc)
        self._relay.done.emit(self._on_done, result)


class TaskManager(QObject):
    def __init__(self, *, synchronous: bool = False, max_threads: int = 4) -> None:
        super().__init__()
        self.synchronous = synchronous
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay()
        self._relay.done.connect(self._relay.deliver)
        self._running = 0
        self._lock = threading.Lock()

    def run_in_background(
        self, task: Callable[[], T], on_done: Callable[[TaskResult[T]], None] | None = None
    ) -> None:
        callback = on_done or _log_failure
        if self.synchronous:
            try:
                result: TaskResult[T] = TaskResult(task())
            except Exception as exc:
                result = TaskResult(error=exc)
            callback(result)
            return
        with self._lock:
            self._running += 1

        def finished(result: TaskResult[T]) -> None:
            with self._lock:
                self._running -= 1
            callback(result)

        self._pool.start(_Runnable(self._relay, task, finished))

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._running > 0

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until the pool is idle (shutdown, tests); queued callbacks still need the
        event loop to run."""
        return self._pool.waitForDone(msecs)


def _log_failure(result: TaskResult[Any]) -> None:
    if result.error is not None:
        log.error("background task failed: %s", type(result.error).__name__)
