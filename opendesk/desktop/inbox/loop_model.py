"""The Email Inbox's list model with the closed-loop views (docs/CLOSED_LOOP.md).

`InboxModel` is the page's one model: a `MailboxQuery` lists a provider's mailbox as before
(`MailboxModel`), a `LoopQuery` one of the views Unassigned, Mine, Overdue, Closed
(`loop_views.loop_page`) or a "Team: <name>" folder (`loop_lists.team_page`). Both are lazy:
the first page of ids and rows on a worker; a mailbox's other ids on a worker after the first
paint, a loop view's further pages as the view scrolls (one keyset query each:
`loads_rest` answers False for a `LoopQuery`). Every row is a `LoopRow`, so an overdue
message shows red and with how late in every list, and an urgent one red and bold with a
warning sign.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle
from sqlalchemy.orm import Session

from opendesk.core.actors import StaffActor
from opendesk.core.services import loop_lists
from opendesk.core.services.loop_lists import LoopRow
from opendesk.core.services.loop_views import LoopView, loop_page
from opendesk.desktop.inbox.loop import due_text, due_tooltip
from opendesk.desktop.inbox.models import NAME_SAMPLE, MailboxModel, MailboxQuery
from opendesk.desktop.models.base import AnyIndex, Column, LazyIdTableModel
from opendesk.desktop.operations import OpContext
from opendesk.desktop.text import DATE_SAMPLE, RED

LOOP_PAGE = 100


@dataclass(frozen=True)
class LoopQuery:
    """A closed-loop view (`view`) or a team's folder (`team_id`)."""

    actor: StaffActor
    view: LoopView | None = None
    team_id: int | None = None


LOOP_COLUMNS: tuple[Column[LoopRow], ...] = (
    Column("Due", due_text, tooltip="When it is due, or how late (business hours)"),
    Column("From", lambda r: r.patient_name),
    Column("Regarding", lambda r: r.regarding_name),
    Column("Subject", lambda r: r.subject),
    Column("Reason", lambda r: r.reason_name),
    Column("Owner", lambda r: r.owner_name, tooltip="Who took it or was assigned it"),
)
SIGN_ROOM = "MMM"  # the urgent sign before the first column's text, in the samples' terms
# Sample texts the columns must fit (None: Subject stretches). The Due column has room for
# the urgent sign; a longer reason or user name is cut and shown whole when hovered.
LOOP_WIDTHS: tuple[str | None, ...] = (
    DATE_SAMPLE + SIGN_ROOM,
    NAME_SAMPLE,
    NAME_SAMPLE,
    None,
    "Appointment",
    "kalbright",
)


class InboxModel(MailboxModel):
    """A provider's mailbox or a closed-loop view; rows are LoopRows."""

    def __init__(self, ctx: OpContext, parent: QObject | None = None) -> None:
        super().__init__(ctx, parent)
        self._red = QBrush(QColor(RED))
        self._urgent_font = QFont(QApplication.font())
        self._urgent_font.setBold(True)
        self._warning = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning
        )

    @property
    def is_loop(self) -> bool:
        return isinstance(self.query, LoopQuery)

    @property
    def widths(self) -> tuple[str | None, ...]:
        if self.is_loop:
            return LOOP_WIDTHS
        # the mailboxes show the urgent sign before the date too
        return (DATE_SAMPLE + SIGN_ROOM, *self.WIDTHS[1:])

    # -- loading --------------------------------------------------------------------------------
    def fetch_ids(self, session: Session, query: Any, cursor: Any) -> tuple[Sequence[int], Any]:
        if not isinstance(query, LoopQuery):
            return super().fetch_ids(session, query, cursor)
        if query.team_id is not None:
            page = loop_lists.team_page(session, query.actor, query.team_id, cursor, LOOP_PAGE)
            return page.ids, page.cursor
        assert query.view is not None
        view_page = loop_page(session, query.actor, query.view, cursor, LOOP_PAGE)
        return view_page.ids, view_page.cursor

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> dict[int, LoopRow]:  # type: ignore[override]
        return {r.id: r for r in loop_lists.loop_rows(session, list(ids))}

    def loads_rest(self, query: Any) -> bool:
        return not isinstance(query, LoopQuery)  # a loop view pages as the list scrolls

    def columns_of(self, query: Any) -> Sequence[Column[Any]]:
        return LOOP_COLUMNS if isinstance(query, LoopQuery) else super().columns_of(query)

    def load_async(self, ctx: OpContext, query: MailboxQuery | LoopQuery) -> None:
        """Load a mailbox or a loop view (the base class is typed for mailboxes)."""
        super().load_async(ctx, query)  # type: ignore[arg-type]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.is_loop:
            super().sort(column, order)  # the loop views keep their order: urgent, then due

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        if self.is_loop:
            return 0, Qt.SortOrder.AscendingOrder
        return super().sort_state()

    def loop_row(self, row: int) -> LoopRow | None:
        value = self.row_at(row)
        return value if isinstance(value, LoopRow) else None

    # -- display --------------------------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        loop = self.is_loop
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            row = self.loop_row(index.row())
            urgent = row is not None and row.is_open and row.is_urgent
            if role == Qt.ItemDataRole.ForegroundRole and (
                urgent or (row is not None and row.late is not None)
            ):
                return self._red
            if role == Qt.ItemDataRole.FontRole and urgent:
                return self._urgent_font
        if index.column() == 0 and role == Qt.ItemDataRole.DecorationRole:
            row = self.loop_row(index.row())
            return self._warning if row is not None and row.is_open and row.is_urgent else None
        if index.column() == 0 and role == Qt.ItemDataRole.ToolTipRole:
            row = self.loop_row(index.row())
            tip = due_tooltip(row) if row is not None else None
            if tip or loop:
                return tip
        if loop and role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 2, 3, 4, 5):
            return LazyIdTableModel.data(self, index, Qt.ItemDataRole.DisplayRole) or None
        if loop and role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if loop and role == Qt.ItemDataRole.AccessibleTextRole:
            return None
        return super().data(index, role)


def box_view(key: str) -> LoopView | None:
    """The loop view of a folder key ("loop:overdue"), or None."""
    prefix = "loop:"
    return LoopView(key[len(prefix) :]) if key.startswith(prefix) else None


LOOP_BOXES: tuple[tuple[str, str], ...] = (
    ("loop:unassigned", "Unassigned"),
    ("loop:mine", "Mine"),
    ("loop:overdue", "Overdue"),
    ("loop:closed", "Closed"),
)
TEAM_PREFIX = "team:"
