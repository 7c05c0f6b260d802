"""The lazy item models of the Email Inbox and the Chart's WebMail list.

`MailboxModel` shows the first page of a mailbox (100 rows, keyset-paged date order from
`core.services.mailbox.mailbox_page`) as soon as it is read, then loads the rest of the ids -
ids only, from the covering index - on a worker, so the scroll bar is right and jumping to row
40,000 fetches just the 50 rows painted there. The rest is started once the view has painted
the first page (its first `data()` call queues it; 50 ms later when no view paints), not
during that paint: a worker reading 50,000 ids competes with it for the interpreter and, on a
busy two-core machine, for the cores. `restLoaded` says every id is in. A subclass's other
kinds of list answer False to `loads_rest(query)` and page as the view scrolls instead
(`canFetchMore`), with their own `columns_of(query)` (loop_model's closed-loop views). Rows are
`MessageRow` dataclasses; unread rows are bold (Qt.FontRole).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle
from sqlalchemy.orm import Session

from opendesk.core.actors import StaffActor
from opendesk.core.enums import MessageStatus, OutboxStatus
from opendesk.core.services import mailbox
from opendesk.core.services.mailbox import Mailbox, MailboxFilter, MessageRow, SortKey
from opendesk.desktop.inbox.text import direction, read_state, read_tooltip, when_text
from opendesk.desktop.models.base import AnyIndex, Column, LazyIdTableModel, LoadedPage
from opendesk.desktop.operations import OpContext, ReadOp
from opendesk.desktop.text import DATE_SAMPLE
from opendesk.mail import status as notice_status
from opendesk.mail.status import NoticeRow

FIRST_PAGE = 100
# When no view paints a first page (a hidden list), the rest of its ids is loaded after this.
REST_DELAY_MS = 50
NAME_SAMPLE = "Brighton, Harold"


@dataclass(frozen=True)
class MailboxQuery:
    actor: StaffActor
    provider_id: int | None
    box: Mailbox
    flt: MailboxFilter = field(default_factory=MailboxFilter)
    sort: SortKey = SortKey.DATE
    descending: bool = True


def _bold() -> QFont:
    font = QFont(QApplication.font())
    font.setBold(True)
    return font


def _unread_received(row: MessageRow) -> bool:
    """Bold in the practice's lists: a patient's message nobody here has read yet (a sent
    message the patient has not read is not bold)."""
    return row.status == MessageStatus.WEBMAIL_RECEIVED


def _correspondent(row: MessageRow) -> str:
    return row.patient_name


def _correspondent_all(row: MessageRow) -> str:
    return f"{'From' if row.status.is_from_patient else 'To'}: {row.patient_name}"


class MailboxModel(LazyIdTableModel[MailboxQuery, MessageRow]):
    """A provider's WebMail Inbox / Sent / All / Drafts."""

    restLoaded = Signal()  # every id of the query is in the model (`loads_rest` queries only)

    ATTACH_COLUMN = 4
    # A sample text per column that the column must fit (None: the column that stretches).
    WIDTHS: tuple[str | None, ...] = (
        DATE_SAMPLE,
        NAME_SAMPLE,
        NAME_SAMPLE,
        None,
        "",
        "Patient read",
    )
    TOOLTIP_COLUMNS = (1, 2, 3)
    READ_COLUMN = 5
    SORT_KEYS = {0: SortKey.DATE, 1: SortKey.CORRESPONDENT, 2: SortKey.PATIENT, 3: SortKey.SUBJECT}

    def __init__(self, ctx: OpContext, parent: QObject | None = None) -> None:
        super().__init__(ctx.db, parent)
        self.ctx = ctx
        self._bold = _bold()
        self._clip = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self._rest_generation = 0
        # The rest of the ids to load once the first page is painted: (query, cursor, generation).
        self._rest_waiting: tuple[MailboxQuery, Any, int] | None = None
        self._rest_queued = False
        self.columns = self.columns_for(Mailbox.INBOX)

    @staticmethod
    def columns_for(box: Mailbox) -> tuple[Column[MessageRow], ...]:
        who = {
            Mailbox.INBOX: Column("From", _correspondent),
            Mailbox.SENT: Column("To", _correspondent),
            Mailbox.DRAFTS: Column("To", _correspondent),
            Mailbox.SCHEDULED: Column("To", _correspondent),
            Mailbox.ALL: Column("From / To", _correspondent_all),
        }[box]
        return (
            Column("Date", lambda r: when_text(r.when)),
            who,
            Column("Regarding", lambda r: r.regarding_name),
            Column("Subject", lambda r: r.subject),
            Column("", lambda r: "", tooltip="Attachments"),
            Column("Read", read_state),
        )

    # -- loading ------------------------------------------------------------------------------
    def fetch_ids(
        self, session: Session, query: MailboxQuery, cursor: Any
    ) -> tuple[Sequence[int], Any]:
        page = mailbox.mailbox_page(
            session,
            query.actor,
            query.provider_id,
            query.box,
            query.flt,
            query.sort,
            query.descending,
            after=cursor,
            limit=FIRST_PAGE,
        )
        return page.ids, page.cursor

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> dict[int, MessageRow]:
        return {r.id: r for r in mailbox.message_rows(session, list(ids))}

    def loads_rest(self, query: Any) -> bool:
        """Whether the rest of `query`'s ids is loaded on a worker once its first page has been
        painted (a mailbox: the scroll bar is right and a jump fetches only the rows shown), or
        paged as the view scrolls (`canFetchMore`; a subclass's other kinds of list)."""
        return isinstance(query, MailboxQuery)

    def columns_of(self, query: Any) -> Sequence[Column[Any]]:
        """The columns `query` is shown with."""
        return self.columns_for(query.box)

    def show_page(self, query: MailboxQuery, page: LoadedPage[MessageRow]) -> None:
        columns = self.columns_of(query)
        if columns != self.columns:
            self.beginResetModel()
            self.columns = columns
            self.endResetModel()
        super().show_page(query, page)
        self._rest_generation += 1
        self._rest_waiting = None
        self._rest_queued = False
        if not self.loads_rest(query):
            return
        if page.cursor is None:
            self.restLoaded.emit()
            return
        # Not now: the worker reading the rest would share the interpreter (and a loaded
        # machine's cores) with the first paint. It starts right after the view's first
        # paint of this page (`data`), or after REST_DELAY_MS when no view paints.
        generation = self._rest_generation
        self._rest_waiting = (query, page.cursor, generation)
        QTimer.singleShot(REST_DELAY_MS, self, lambda: self._start_rest(generation))

    def _start_rest(self, generation: int) -> None:
        waiting = self._rest_waiting
        if waiting is None or waiting[2] != generation:
            return  # started already, or a newer query replaced this one
        self._rest_waiting = None
        self._load_rest(*waiting)

    def _load_rest(self, query: MailboxQuery, cursor: Any, generation: int) -> None:
        def read(session: Session) -> list[int]:
            return mailbox.mailbox_page(
                session,
                query.actor,
                query.provider_id,
                query.box,
                query.flt,
                query.sort,
                query.descending,
                after=cursor,
                limit=None,
            ).ids

        def done(ids: list[int]) -> None:
            if generation != self._rest_generation or self.query != query:
                return  # a newer query replaced this one
            self._cursor = None
            known = set(self._ids)
            new = [i for i in ids if i not in known]
            if new:
                start = len(self._ids)
                self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
                self._ids.extend(new)
                self.endInsertRows()
            self.restLoaded.emit()

        ReadOp(self.ctx, read, success=done).run_in_background()

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if self.query is not None and not self.loads_rest(self.query):
            return super().canFetchMore(parent)
        return False  # the rest of the ids come from the worker started after the first paint

    @property
    def complete(self) -> bool:
        return self.query is not None and self._cursor is None and not self.is_loading

    # -- sorting --------------------------------------------------------------------------------
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        query = self.query
        if query is None:
            return 0, Qt.SortOrder.DescendingOrder
        column = next((c for c, k in self.SORT_KEYS.items() if k == query.sort), 0)
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        return column, order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS.get(column)
        if key is None or self.query is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.query.sort, self.query.descending):
            return
        self.load_async(self.ctx, replace(self.query, sort=key, descending=descending))

    # -- display --------------------------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self._rest_waiting is not None and not self._rest_queued:
            self._rest_queued = True  # a view is painting the first page: the rest right after
            generation = self._rest_waiting[2]
            QTimer.singleShot(0, self, lambda: self._start_rest(generation))
        if role == Qt.ItemDataRole.FontRole:
            row = self.row_at(index.row())
            return self._bold if row is not None and _unread_received(row) else None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.ATTACH_COLUMN:
            row = self.row_at(index.row())
            return self._clip if row is not None and row.has_attachments else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.ATTACH_COLUMN:
            row = self.row_at(index.row())
            return "Has attachments" if row is not None and row.has_attachments else None
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.row_at(index.row())
            if row is not None and row.is_hidden:
                return QBrush(QColor("#777777"))
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == self.ATTACH_COLUMN:
            row = self.row_at(index.row())
            return "attachments" if row is not None and row.has_attachments else ""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in self.TOOLTIP_COLUMNS:
            return super().data(index, Qt.ItemDataRole.DisplayRole) or None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.READ_COLUMN:
            row = self.row_at(index.row())
            return read_tooltip(row) if row is not None else None
        return super().data(index, role)


# -- the Notifications mailbox -------------------------------------------------------------------
@dataclass(frozen=True)
class NoticeQuery:
    actor: StaffActor
    provider_id: int
    failed_only: bool = False


@dataclass(frozen=True)
class NotificationLine:
    notice: NoticeRow
    message: MessageRow | None

    @property
    def failed(self) -> bool:
        return self.notice.state.status is OutboxStatus.FAILED


def _state_text(line: NotificationLine) -> str:
    return line.notice.state.describe(when_text)


class NotificationModel(LazyIdTableModel[NoticeQuery, NotificationLine]):
    """The notices of a provider's sent messages (the outbox): failed ones highlighted."""

    PAGE = 200
    WIDTHS: tuple[str | None, ...] = (
        DATE_SAMPLE,
        "Sending",
        "0",
        NAME_SAMPLE,
        NAME_SAMPLE,
        None,
        None,
    )
    TOOLTIP_COLUMNS = (3, 4, 5, 6)
    columns = (
        Column("Queued", lambda ln: when_text(ln.notice.state.created_at)),
        Column("State", lambda ln: ln.notice.state.status.value.capitalize()),
        Column("Tries", lambda ln: str(ln.notice.state.attempts), align_right=True),
        Column("To", lambda ln: ln.message.patient_name if ln.message else ""),
        Column("Regarding", lambda ln: ln.message.regarding_name if ln.message else ""),
        Column("Message subject", lambda ln: ln.message.subject if ln.message else ""),
        Column("Status / last error", _state_text),
    )

    def fetch_ids(
        self, session: Session, query: NoticeQuery, cursor: Any
    ) -> tuple[Sequence[int], Any]:
        offset = int(cursor or 0)
        ids = mailbox.notification_ids(
            session,
            query.actor,
            query.provider_id,
            failed_only=query.failed_only,
            offset=offset,
            limit=self.PAGE,
        )
        return ids, (offset + len(ids) if len(ids) == self.PAGE else None)

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> dict[int, NotificationLine]:
        notices = notice_status.notice_rows(session, list(ids))
        message_ids = [n.state.message_id for n in notices if n.state.message_id is not None]
        msgs = {r.id: r for r in mailbox.message_rows(session, message_ids)}
        return {
            n.state.notice_id: NotificationLine(
                n, msgs.get(n.state.message_id) if n.state.message_id is not None else None
            )
            for n in notices
        }

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            line = self.row_at(index.row())
            if line is not None and line.failed:
                if role == Qt.ItemDataRole.BackgroundRole:
                    return QBrush(QColor("#fde7e9"))
                return QBrush(QColor("#a4262c"))
            return None
        tooltip = role == Qt.ItemDataRole.ToolTipRole
        if index.isValid() and tooltip and index.column() in self.TOOLTIP_COLUMNS:
            return super().data(index, Qt.ItemDataRole.DisplayRole) or None
        return super().data(index, role)


# -- the Chart module's list ---------------------------------------------------------------------
@dataclass(frozen=True)
class ChartQuery:
    actor: StaffActor
    patient_id: int


class ChartMessagesModel(LazyIdTableModel[ChartQuery, mailbox.ChartRow]):
    """A patient's sent and received web mails, newest first: their account's and those
    regarding them ("Patient is" says which). A message the user may not read shows
    "(secure message)" instead of its subject."""

    PAGE = 100
    WIDTHS: tuple[str | None, ...] = (
        DATE_SAMPLE,
        "Received",
        "WWW",
        None,
        "Patient read",
        "Holder, regarding",
    )
    columns = (
        Column("Date", lambda r: when_text(r.when)),
        Column("Direction", direction),
        Column("Prov", lambda r: r.provider_abbr, tooltip="Provider"),
        Column("Subject", lambda r: r.subject),
        Column("Read", read_state),
        Column(
            "Patient is",
            lambda r: r.relation,
            tooltip="Account holder: sent to or received from this patient's portal account; "
            "Regarding: the message is about this patient",
        ),
    )

    def __init__(self, ctx: OpContext, parent: QObject | None = None) -> None:
        super().__init__(ctx.db, parent)
        self._bold = _bold()

    def fetch_ids(
        self, session: Session, query: ChartQuery, cursor: Any
    ) -> tuple[Sequence[int], Any]:
        offset = int(cursor or 0)
        ids = mailbox.chart_ids(session, query.actor, query.patient_id, offset, self.PAGE)
        return ids, (offset + len(ids) if len(ids) == self.PAGE else None)

    @staticmethod
    def _rows_for(
        session: Session, query: ChartQuery, ids: Sequence[int]
    ) -> dict[int, mailbox.ChartRow]:
        rows = mailbox.chart_rows(session, query.actor, query.patient_id, list(ids))
        return {r.id: r for r in rows}

    def load_page(
        self, session: Session, query: ChartQuery, cursor: Any = None
    ) -> LoadedPage[mailbox.ChartRow]:
        ids, next_cursor = self.fetch_ids(session, query, cursor)
        return LoadedPage(tuple(ids), self._rows_for(session, query, ids), next_cursor)

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> dict[int, mailbox.ChartRow]:
        """Rows painted after the first page (GUI thread), for the query on screen."""
        return {} if self.query is None else self._rows_for(session, self.query, ids)

    def clear(self) -> None:
        self.beginResetModel()
        self.query = None
        self._ids = []
        self._rows = {}
        self._cursor = None
        self._generation += 1
        self.endResetModel()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.FontRole:
            row = self.row_at(index.row())
            return self._bold if row is not None and _unread_received(row) else None
        return super().data(index, role)
