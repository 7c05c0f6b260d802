"""The lazy table model that patient search, the inbox and the chart's message list share
(Anki's browser table model, qutebrowser's SQL completion).

A model holds only the ids of the rows found so far and a cache of plain frozen dataclasses
for rows that were shown. Loading the first page of a query runs on a worker (`load_async`,
coalescing: while a load is running only the newest query waits, so fast typing never queues
work); further pages come when the view scrolls (`canFetchMore`/`fetchMore`, one indexed keyset
query on the GUI thread); rows whose cache entry was dropped (`invalidate`) are fetched again a
block at a time when painted.

A subclass supplies the columns and two functions that run on any thread:

    class InboxModel(LazyIdTableModel[InboxQuery, InboxRow]):
        columns = (Column("Date", lambda r: r.sent_at_text), Column("Subject", lambda r: r.subject))

        def fetch_ids(self, session, query, cursor):      # -> (ids, next cursor or None)
            page = messages.inbox_page(session, query, after=cursor)
            return page.ids, page.cursor

        def fetch_rows(self, session, ids):               # -> {id: row}
            return messages.inbox_rows(session, ids)

then `model.load_async(ctx, query)` and, after a change, `model.reload(ctx)` or
`model.invalidate(ids)`. `loaded` is emitted after each first page is shown.

The fetches on the GUI thread (`fetchMore`, a dropped row being painted) are guarded: a
database error never escapes from `data()` or `fetchMore()` into Qt. The rows stay blank, the
error goes to the message channel once (after the paint, through the event loop), and no
further fetch is tried until the next load, reload or invalidate.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from opendesk.core.db import Database
from opendesk.desktop.operations import OpContext, ReadOp

QueryT = TypeVar("QueryT")
RowT = TypeVar("RowT")

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[RowT]):
    title: str
    text: Callable[[RowT], str]
    align_right: bool = False
    tooltip: str = ""


@dataclass(frozen=True)
class LoadedPage(Generic[RowT]):
    ids: tuple[int, ...]
    rows: dict[int, RowT]
    cursor: Any  # give back for the next page; None when there are no more


class LazyIdTableModel(QAbstractTableModel, Generic[QueryT, RowT]):
    loaded = Signal()

    columns: Sequence[Column[Any]] = ()
    ROW_BLOCK = 50  # rows fetched at once when a dropped row is painted

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.query: QueryT | None = None
        self._ids: list[int] = []
        self._rows: dict[int, RowT] = {}
        self._cursor: Any = None
        self._generation = 0
        self._busy = False
        self._pending: tuple[QueryT, OpContext] | None = None
        self._fetch_failed = False  # a GUI-thread fetch failed: none again until a (re)load

    # -- to implement (any thread; no access to self's state besides configuration) ---------
    def fetch_ids(self, session: Session, query: QueryT, cursor: Any) -> tuple[Sequence[int], Any]:
        raise NotImplementedError

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> dict[int, RowT]:
        raise NotImplementedError

    # -- loading ------------------------------------------------------------------------------
    def load_page(self, session: Session, query: QueryT, cursor: Any = None) -> LoadedPage[RowT]:
        ids, next_cursor = self.fetch_ids(session, query, cursor)
        return LoadedPage(tuple(ids), self.fetch_rows(session, ids), next_cursor)

    def show_page(self, query: QueryT, page: LoadedPage[RowT]) -> None:
        """Replace the contents with the first page of `query` (GUI thread)."""
        self.beginResetModel()
        self.query = query
        self._ids = list(page.ids)
        self._rows = dict(page.rows)
        self._cursor = page.cursor
        self._fetch_failed = False
        self.endResetModel()
        self.loaded.emit()

    def load_async(self, ctx: OpContext, query: QueryT) -> None:
        """Load the first page of `query` on a worker, then show it. While a load runs, only
        the newest query waits for its turn."""
        if self._busy:
            self._pending = (query, ctx)
            return
        self._busy = True
        self._generation += 1
        generation = self._generation

        def done(page: LoadedPage[RowT]) -> None:
            self._busy = False
            pending, self._pending = self._pending, None
            if pending is not None:
                self.load_async(pending[1], pending[0])
            elif generation == self._generation:
                self.show_page(query, page)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._pending = None
            from opendesk.desktop.message_channel import show_error

            show_error(None, exc)

        ReadOp(ctx, lambda s: self.load_page(s, query), success=done).failure(
            failed
        ).run_in_background()

    def reload(self, ctx: OpContext) -> None:
        if self.query is not None:
            self.load_async(ctx, self.query)

    def invalidate(self, ids: Sequence[int] | None = None) -> None:
        """Forget cached rows (all, or these ids); they are fetched again when painted."""
        self._fetch_failed = False
        if ids is None:
            self._rows.clear()
        else:
            for i in ids:
                self._rows.pop(i, None)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1)
            )

    @property
    def is_loading(self) -> bool:
        return self._busy

    # -- access ---------------------------------------------------------------------------------
    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_at(self, row: int) -> RowT | None:
        rid = self.id_at(row)
        if rid is None:
            return None
        if rid not in self._rows:
            self._fetch_block(row)
        return self._rows.get(rid)

    def row_of_id(self, rid: int) -> int | None:
        try:
            return self._ids.index(rid)
        except ValueError:
            return None

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(self._ids)

    def _fetch_block(self, row: int) -> None:
        if self._fetch_failed:
            return
        start = max(0, row - self.ROW_BLOCK // 2)
        wanted = [i for i in self._ids[start : start + self.ROW_BLOCK] if i not in self._rows]
        try:
            with self.db.readonly_session() as session:
                self._rows.update(self.fetch_rows(session, wanted))
        except SQLAlchemyError as exc:
            self._fetch_error(exc)

    def _fetch_error(self, exc: SQLAlchemyError) -> None:
        """Stop fetching on the GUI thread and report the error once, outside the paint."""
        self._fetch_failed = True
        from opendesk.desktop.message_channel import show_error

        QTimer.singleShot(0, lambda: show_error(None, exc))

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        more = self._cursor is not None and self.query is not None
        return not parent.isValid() and more and not self._fetch_failed

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent) or self.query is None:
            return
        try:
            with self.db.readonly_session() as session:
                page = self.load_page(session, self.query, self._cursor)
        except SQLAlchemyError as exc:
            self._fetch_error(exc)
            return
        new = [i for i in page.ids if i not in set(self._ids)]
        self._cursor = page.cursor
        if not new:
            return
        self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(new) - 1)
        self._ids.extend(new)
        self._rows.update(page.rows)
        self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.row_at(index.row())
            return "" if row is None else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
                return self.columns[section].title
            if role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(self.columns):
                return self.columns[section].tooltip or None
        return None
