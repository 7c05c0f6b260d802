"""Thumbnails loaded lazily on worker threads: a view asks for the rows it shows, the loader
makes them (newest request first) and hands back QImages to the GUI thread."""

import threading
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from opendesk.attachments.thumbnails import ThumbnailCache


class ThumbnailLoader(QObject):
    """`request(path)` once per path; `ready(path, image)` arrives on the GUI thread (a null
    QImage when the file is not a readable image)."""

    ready = Signal(str, QImage)

    def __init__(
        self, cache: ThumbnailCache | None = None, threads: int = 2, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.cache = cache or ThumbnailCache()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._lock = threading.Lock()
        self._pending: deque[str] = deque()
        self._requested: set[str] = set()
        self._workers = 0
        self._stopped = False
        self.processed = 0

    @property
    def requested_count(self) -> int:
        return len(self._requested)

    def request(self, path: str) -> None:
        with self._lock:
            if path in self._requested or self._stopped:
                return
            self._requested.add(path)
            self._pending.append(path)
            if self._workers >= self.pool.maxThreadCount():
                return
            self._workers += 1
        self.pool.start(_Worker(self))

    def stop(self) -> None:
        """Drop the pending requests and wait for the running ones (call before closing)."""
        with self._lock:
            self._stopped = True
            self._pending.clear()
        self.pool.waitForDone()

    def _next(self) -> str | None:
        with self._lock:
            if self._pending and not self._stopped:
                return self._pending.pop()  # LIFO: what the user scrolled to last comes first
            self._workers -= 1
            return None

    def _make(self, path: str) -> None:
        made = self.cache.for_path(Path(path))
        image = QImage(str(made)) if made is not None else QImage()
        with self._lock:
            self.processed += 1
            if self._stopped:
                return
        self.ready.emit(path, image)


class _Worker(QRunnable):
    def __init__(self, loader: ThumbnailLoader) -> None:
        super().__init__()
        self.loader = loader

    def run(self) -> None:
        while (path := self.loader._next()) is not None:
            self.loader._make(path)
