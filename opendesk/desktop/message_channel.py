"""One channel for what the user is told, and the two kinds of error (qutebrowser's message
module and crash handler).

- `info`, `warning`, `error` show a non-blocking message box and emit `channel().shown(level,
  text)` (tests listen to it; nothing blocks the event loop).
- `show_error(parent, exc)` sorts an exception: an expected one (`OpenDeskError` — permission
  denied, not found, bad input, configuration — or a database error whose driver code
  `core.db_errors` knows: no answer, disk full, busy, refused) becomes a clear message and the
  application carries on; anything else (a missing column or table, an unknown code) is a bug
  and goes to `report_crash`.
- `report_crash` writes the traceback to the log and shows the crash dialog. Neither contains
  the exception's message or any local value: only exception types, file names, line numbers,
  function names and source lines, so no PHI (a database driver's message can quote the values
  of the failing statement) reaches a screen or the log.
- `install_excepthook()` sends uncaught exceptions (including those in Qt slots and threads) to
  `report_crash`.
"""

import logging
import sys
import threading
import traceback
from enum import StrEnum
from types import TracebackType

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from opendesk.core import db_errors
from opendesk.core.db_errors import DbProblem
from opendesk.core.errors import OpenDeskError
from opendesk.core.paths import log_dir

log = logging.getLogger("opendesk.desktop.errors")

DATABASE_UNREACHABLE = db_errors.MESSAGES[DbProblem.UNREACHABLE]


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    CRASH = "crash"


class MessageChannel(QObject):
    """`shown(level: str, text: str)` for every message the user is shown."""

    shown = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.open_boxes: list[QWidget] = []

    def _keep(self, widget: QWidget) -> None:
        self.open_boxes = [w for w in self.open_boxes if shiboken6.isValid(w) and w.isVisible()]
        self.open_boxes.append(widget)


_channel: MessageChannel | None = None


def channel() -> MessageChannel:
    global _channel
    if _channel is None:
        _channel = MessageChannel()
    return _channel


def _box(parent: QWidget | None, level: Level, text: str, title: str) -> QMessageBox:
    icon = {
        Level.INFO: QMessageBox.Icon.Information,
        Level.WARNING: QMessageBox.Icon.Warning,
        Level.ERROR: QMessageBox.Icon.Critical,
    }.get(level, QMessageBox.Icon.Critical)
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName(f"message_{level.value}")
    box.open()
    channel()._keep(box)
    return box


def _say(parent: QWidget | None, level: Level, text: str, title: str) -> None:
    channel().shown.emit(level.value, text)
    if QApplication.instance() is not None:
        _box(parent, level, text, title)


def info(parent: QWidget | None, text: str, title: str = "OpenDesk") -> None:
    _say(parent, Level.INFO, text, title)


def warning(parent: QWidget | None, text: str, title: str = "OpenDesk") -> None:
    _say(parent, Level.WARNING, text, title)


def error(parent: QWidget | None, text: str, title: str = "OpenDesk") -> None:
    _say(parent, Level.ERROR, text, title)


def is_expected(exc: BaseException) -> bool:
    return isinstance(exc, OpenDeskError) or db_errors.is_expected(exc)


def user_message(exc: BaseException) -> str:
    """The text to show for an expected error."""
    if isinstance(exc, OpenDeskError):
        return str(exc)
    problem = db_errors.classify(exc)
    if problem is None or problem is DbProblem.BUG:  # not expected: never its text (PHI)
        return "OpenDesk ran into a problem it did not expect; it is in the log."
    return db_errors.MESSAGES[problem]


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user about a failed operation: a clear message, or the crash dialog."""
    problem = db_errors.classify(exc)
    if problem is not None and problem is not DbProblem.BUG:
        log.warning(
            "database %s (%s, code %s)",
            problem.value,
            type(exc).__name__,
            db_errors.error_code(exc),
        )
        error(parent, db_errors.MESSAGES[problem], "Database")
    elif isinstance(exc, OpenDeskError):
        log.info("refused: %s", type(exc).__name__)
        warning(parent, str(exc))
    else:
        report_crash(type(exc), exc, exc.__traceback__, parent)


def safe_traceback(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """The traceback without exception messages or values: types and code locations only."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    chain: list[tuple[type[BaseException], TracebackType | None]] = [(exc_type, tb)]
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        following = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
        if following is not None:
            chain.append((type(following), following.__traceback__))
        current = following
    for index, (etype, etb) in enumerate(reversed(chain)):
        if index:
            parts.append("\nwhich led to:\n")
        parts.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(etb):
            parts.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                parts.append(f"    {frame.line.strip()}")
        parts.append(f"{etype.__module__}.{etype.__qualname__} (message withheld: may hold PHI)")
    return "\n".join(parts)


class CrashDialog(QDialog):
    """Shown for a bug: what happened in general, the PHI-free traceback, where the log is."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle("OpenDesk - unexpected problem")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            "OpenDesk ran into a problem it did not expect. What you were doing may not have "
            "been saved; please check it. You can keep working.\n\n"
            f"The details below were written to the log in {log_dir()}. They contain no "
            "patient information; send them to your OpenDesk support."
        )
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setMinimumSize(560, 220)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def text(self) -> str:
        return self.summary.text() + "\n" + self.details.toPlainText()


def report_crash(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> CrashDialog | None:
    """Log a bug and show the crash dialog (when there is a GUI). Never raises."""
    try:
        details = safe_traceback(exc_type, exc, tb)
        log.error("unexpected error\n%s", details)
        channel().shown.emit(Level.CRASH.value, details)
        if QApplication.instance() is None:
            return None
        if threading.current_thread() is not threading.main_thread():
            return None  # the log has it; widgets only on the GUI thread
        dialog = CrashDialog(details, parent)
        dialog.open()
        channel()._keep(dialog)
        return dialog
    except Exception:  # the crash handler must not crash
        sys.__stderr__.write("OpenDesk: the crash handler failed\n") if sys.__stderr__ else None
        return None


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report_crash(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    report_crash(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthook() -> None:
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
