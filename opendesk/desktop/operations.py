"""Operations: small objects that run database work off the GUI thread (Anki's operations).

    ReadOp(ctx, lambda s: patient_search.search_patients(s, text), parent=self,
           success=self.show_results).run_in_background()

    WriteOp(ctx, lambda s: patients.update_patient(s, ctx.actor, pid, edit),
            changes=OpChanges(patients=True, patient_ids=frozenset({pid})),
            parent=self, success=lambda _: self.accept()).failure(self.show_problem)
            .run_in_background()

Each operation opens ONE session on the worker thread (read-only for ReadOp, a write session
for WriteOp), passes it to `op`, and closes it (rolling back anything not committed: services
commit their own work). `success(value)` or `failure(exc)` runs on the GUI thread; without a
failure callback the error goes to the message channel (`desktop.message_channel.show_error`):
expected errors as a clear dialog, bugs to the crash dialog and the log. A WriteOp emits its
OpChanges on `ctx.changes` after success. `with_progress(label)` shows a busy dialog when the
work takes longer than half a second. If the parent widget is gone by the time the work ends,
the callbacks are dropped.
"""

from collections.abc import Callable
from typing import Generic, Protocol, Self, TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core.db import Database
from opendesk.desktop.changes import ChangeHub, OpChanges
from opendesk.desktop.taskman import TaskManager, TaskResult

T = TypeVar("T")


class OpContext(Protocol):
    """What an operation needs of the session context (`desktop.context.AppContext` has it):
    the database, the task manager that runs the work, the hub that announces changes.
    Typing operations and lazy models with it keeps them free of the context module."""

    @property
    def db(self) -> Database: ...

    @property
    def taskman(self) -> TaskManager: ...

    @property
    def changes(self) -> ChangeHub: ...


PROGRESS_DELAY_MS = 500


class ReadOp(Generic[T]):
    """Read-only work on a read-only session (no write lock on SQLite)."""

    readonly = True

    def __init__(
        self,
        ctx: OpContext,
        op: Callable[[Session], T],
        *,
        parent: QWidget | None = None,
        success: Callable[[T], None] | None = None,
    ) -> None:
        self.ctx = ctx
        self._op = op
        self.parent = parent
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._progress_label: str | None = None

    def success(self, fn: Callable[[T], None]) -> Self:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Self:
        self._failure = fn
        return self

    def with_progress(self, label: str = "Working…") -> Self:
        self._progress_label = label
        return self

    def _work(self) -> T:
        db = self.ctx.db
        with db.readonly_session() if self.readonly else db.session() as session:
            return self._op(session)

    def _changes(self, value: T) -> OpChanges | None:
        return None

    def run_in_background(self) -> None:
        progress = self._start_progress()
        self.ctx.taskman.run_in_background(self._work, lambda r: self._done(r, progress))

    def _start_progress(self) -> QProgressDialog | None:
        if self._progress_label is None or self.ctx.taskman.synchronous:
            return None
        dialog = QProgressDialog(self._progress_label, "", 0, 0, self.parent)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(True)
        return dialog

    def _done(self, result: TaskResult[T], progress: QProgressDialog | None) -> None:
        if progress is not None and shiboken6.isValid(progress):
            progress.close()
            progress.deleteLater()
        if self.parent is not None and not shiboken6.isValid(self.parent):
            return
        if result.error is not None:
            if self._failure is not None:
                self._failure(result.error)
            else:
                from opendesk.desktop.message_channel import show_error

                show_error(self.parent, result.error)
            return
        value = result.value()
        changes = self._changes(value)
        if changes is not None:
            self.ctx.changes.publish(changes, self.parent)
        if self._success is not None:
            self._success(value)


class WriteOp(ReadOp[T]):
    """Work that writes through a service (which audits and commits). After success the
    declared changes are emitted on `ctx.changes` (before the success callback runs)."""

    readonly = False

    def __init__(
        self,
        ctx: OpContext,
        op: Callable[[Session], T],
        *,
        changes: OpChanges | Callable[[T], OpChanges] | None = None,
        parent: QWidget | None = None,
        success: Callable[[T], None] | None = None,
    ) -> None:
        super().__init__(ctx, op, parent=parent, success=success)
        self._declared = changes

    def _changes(self, value: T) -> OpChanges | None:
        if callable(self._declared):
            return self._declared(value)
        return self._declared
