"""The Email Inbox page of the Manage module.

Left: the provider chooser (only for users with the InboxDelegate permission: the providers
they may work for) and the mailboxes WebMail Inbox, WebMail Sent, All WebMail, Drafts and
Notifications. Right: filters (text - debounced, run on a worker -, date range, unread only,
show hidden), the message list (a lazy model, sortable by clicking the headers; unread in
bold) and the preview pane. Double-click opens the message window; a draft opens in the compose
window (`ctx.draftRequested`). Notifications lists the outbox notices of the provider's sent
messages, failed ones highlighted, with Retry.
"""

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, QModelIndex, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opendesk.core.enums import Permission
from opendesk.core.services import mailbox, notifications
from opendesk.core.services.mailbox import Mailbox, MailboxFilter
from opendesk.core.services.providers import ProviderRow
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.message_window import MessageWindow
from opendesk.desktop.inbox.models import (
    MailboxModel,
    MailboxQuery,
    NoticeQuery,
    NotificationModel,
)
from opendesk.desktop.inbox.preview_pane import PreviewPane
from opendesk.desktop.inbox.text import day_start_utc
from opendesk.desktop.modules.base import ModulePage
from opendesk.desktop.operations import ReadOp, WriteOp

NOTIFICATIONS = "notifications"
BOXES: tuple[tuple[str, str], ...] = (
    (Mailbox.INBOX.value, "WebMail Inbox"),
    (Mailbox.SENT.value, "WebMail Sent"),
    (Mailbox.ALL.value, "All WebMail"),
    (Mailbox.DRAFTS.value, "Drafts"),
    (NOTIFICATIONS, "Notifications"),
)
FILTER_DELAY_MS = 300
KEY_ROLE = Qt.ItemDataRole.UserRole

NO_PROVIDER = (
    "Your user is not linked to a provider, so there is no WebMail inbox for you.\n\n"
    "Ask your administrator to link your user to a provider, or to give your group the "
    "InboxDelegate permission for the providers whose inbox you work in.\n\n"
    "Drafts you wrote are under Drafts."
)


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(False)
    return view


class EmailInboxPage(ModulePage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("email_inbox")
        self.providers: list[ProviderRow] = []
        self.provider_id: int | None = None
        self.box = Mailbox.INBOX.value
        self._keep_id: int | None = None
        self.windows: list[MessageWindow] = []
        self._build()
        ctx.userChanged.connect(lambda _user: self.load_providers())
        self.load_providers()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.provider_label = QLabel("Working in the inbox of")
        self.provider_combo = QComboBox()
        self.provider_combo.setObjectName("provider")
        self.provider_combo.setToolTip("InboxDelegate: choose the provider whose mail you triage")
        self.provider_combo.currentIndexChanged.connect(self._provider_chosen)
        self.own_label = QLabel()
        self.own_label.setObjectName("own_provider")
        self.own_label.setTextFormat(Qt.TextFormat.PlainText)
        self.own_label.setWordWrap(True)
        self.own_label.setStyleSheet("font-weight: bold;")
        left.addWidget(self.provider_label)
        left.addWidget(self.provider_combo)
        left.addWidget(self.own_label)
        self.boxes = QListWidget()
        self.boxes.setObjectName("mailboxes")
        style = self.style()
        icons = {
            Mailbox.INBOX.value: QStyle.StandardPixmap.SP_DirHomeIcon,
            Mailbox.SENT.value: QStyle.StandardPixmap.SP_ArrowForward,
            Mailbox.ALL.value: QStyle.StandardPixmap.SP_DirIcon,
            Mailbox.DRAFTS.value: QStyle.StandardPixmap.SP_FileDialogDetailedView,
            NOTIFICATIONS: QStyle.StandardPixmap.SP_MessageBoxInformation,
        }
        for key, title in BOXES:
            item = QListWidgetItem(style.standardIcon(icons[key]), title)
            item.setData(KEY_ROLE, key)
            self.boxes.addItem(item)
        self.boxes.setCurrentRow(0)
        self.boxes.currentItemChanged.connect(self._box_chosen)
        left.addWidget(self.boxes, 1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setFixedWidth(210)
        left.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(left_widget)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        # filters of the message mailboxes
        self.filters = QWidget()
        row = QHBoxLayout(self.filters)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search subject, message or patient name")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(FILTER_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.use_from = QCheckBox("From")
        self.date_from = QDateEdit()
        self.use_to = QCheckBox("to")
        self.date_to = QDateEdit()
        today = QDate.currentDate()
        self.date_from.setDate(today.addMonths(-1))
        self.date_to.setDate(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("MM/dd/yyyy")
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        for check, edit in ((self.use_from, self.date_from), (self.use_to, self.date_to)):
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _c: self.apply_filter())
        self.unread_only = QCheckBox("Unread only")
        self.unread_only.setObjectName("unread_only")
        self.unread_only.toggled.connect(lambda _c: self.apply_filter())
        self.show_hidden = QCheckBox("Show hidden")
        self.show_hidden.setObjectName("show_hidden")
        self.show_hidden.setToolTip("List the hidden messages instead (to restore one)")
        self.show_hidden.toggled.connect(lambda _c: self.apply_filter())
        row.addWidget(self.search, 3)
        for w in (self.use_from, self.date_from, self.use_to, self.date_to):
            row.addWidget(w)
        row.addSpacing(8)
        row.addWidget(self.unread_only)
        row.addWidget(self.show_hidden)
        # filters of the Notifications mailbox
        self.notice_filters = QWidget()
        nrow = QHBoxLayout(self.notice_filters)
        nrow.setContentsMargins(0, 0, 0, 0)
        self.failed_only = QCheckBox("Failed only")
        self.failed_only.setObjectName("failed_only")
        self.failed_only.toggled.connect(lambda _c: self.reload())
        self.retry_button = QPushButton("Retry")
        self.retry_button.setObjectName("retry")
        self.retry_button.setToolTip("Queue the selected notification e-mail again")
        self.retry_button.clicked.connect(self.retry_selected)
        self.retry_button.setEnabled(False)
        nrow.addWidget(QLabel("Notification e-mails of this provider's sent messages"))
        nrow.addStretch(1)
        nrow.addWidget(self.failed_only)
        nrow.addWidget(self.retry_button)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.setToolTip("Look for new messages (F5)")
        self.refresh_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addWidget(self.notice_filters, 1)
        top.addWidget(self.refresh_button)
        right.addLayout(top)

        self.model = MailboxModel(self.ctx, self)
        self.table = _table("messages")
        self.table.setModel(self.model)
        self.table.doubleClicked.connect(self._activated)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_current)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.loaded.connect(self._loaded)
        self.model.restLoaded.connect(self._rest_loaded)
        self.model.modelReset.connect(self._size_columns)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_clicked)

        self.notices = NotificationModel(self.ctx.db, self)
        self.notice_table = _table("notifications")
        self.notice_table.setModel(self.notices)
        self.notice_table.doubleClicked.connect(self._notice_activated)
        self.notice_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._notice_selected()
        )
        self.notices.loaded.connect(self._notices_loaded)

        self.explain = QLabel(NO_PROVIDER)
        self.explain.setObjectName("explanation")
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain.setMargin(40)

        self.preview = PreviewPane(self.ctx, self)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.table)
        self.split.addWidget(self.preview)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.split)
        self.stack.addWidget(self.notice_table)
        self.stack.addWidget(self.explain)
        right.addWidget(self.stack, 1)
        self.status = QLabel()
        self.status.setObjectName("inbox_status")
        self.status.setStyleSheet("color: #555;")
        right.addWidget(self.status)
        right_widget = QWidget()
        right_widget.setLayout(right)
        layout.addWidget(right_widget, 1)
        self._show_box_widgets()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        widths = (160, 170, 170, 0, 30, 110)
        for column, width in enumerate(widths):
            if column >= self.model.columnCount():
                break
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    # -- providers ------------------------------------------------------------------------------
    def load_providers(self) -> None:
        if self.ctx.user is None:
            return
        actor = self.ctx.actor
        ReadOp(
            self.ctx,
            lambda s: mailbox.inbox_providers(s, actor),
            parent=self,
            success=self._providers_loaded,
        ).run_in_background()

    @property
    def is_delegate(self) -> bool:
        user = self.ctx.user
        return user is not None and user.may(Permission.INBOX_DELEGATE.value)

    def _providers_loaded(self, rows: list[ProviderRow]) -> None:
        self.providers = rows
        with QSignalBlocker(self.provider_combo):
            self.provider_combo.clear()
            for r in rows:
                self.provider_combo.addItem(r.label, r.id)
        delegate = self.is_delegate and bool(rows)
        self.provider_label.setVisible(delegate)
        self.provider_combo.setVisible(delegate)
        own = (
            rows[0] if rows and self.ctx.user and rows[0].id == self.ctx.user.provider_id else None
        )
        self.own_label.setVisible(not delegate and own is not None)
        self.own_label.setText(own.label if own else "")
        self.provider_id = rows[0].id if rows else None
        self.reload()

    def choose_provider(self, provider_id: int) -> None:
        index = self.provider_combo.findData(provider_id)
        if index >= 0:
            self.provider_combo.setCurrentIndex(index)

    def _provider_chosen(self, index: int) -> None:
        if index >= 0:
            self.provider_id = int(self.provider_combo.itemData(index))
            self.preview.show_message(None)
            self.reload()

    # -- mailboxes ------------------------------------------------------------------------------
    def choose_box(self, key: str) -> None:
        for row in range(self.boxes.count()):
            if self.boxes.item(row).data(KEY_ROLE) == key:
                self.boxes.setCurrentRow(row)

    def _box_chosen(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.box = str(item.data(KEY_ROLE))
        self.preview.show_message(None)
        self._show_box_widgets()
        self.reload()

    def _show_box_widgets(self) -> None:
        notices = self.box == NOTIFICATIONS
        self.filters.setVisible(not notices)
        self.notice_filters.setVisible(notices)

    def current_filter(self) -> MailboxFilter:
        """The filter fields as a MailboxFilter; the dates are local days (From and To both
        included), turned into UTC instants like the stored times."""
        start = day_start_utc(self._date(self.date_from)) if self.use_from.isChecked() else None
        end = None
        if self.use_to.isChecked():
            end = day_start_utc(self._date(self.date_to) + timedelta(days=1))
        return MailboxFilter(
            text=self.search.text().strip(),
            unread_only=self.unread_only.isChecked(),
            hidden=self.show_hidden.isChecked(),
            start=start,
            end=end,
        )

    @staticmethod
    def _date(edit: QDateEdit) -> date:
        d = edit.date()
        return date(d.year(), d.month(), d.day())

    def current_query(self) -> MailboxQuery | None:
        if self.ctx.user is None or self.box == NOTIFICATIONS:
            return None
        box = Mailbox(self.box)
        if self.provider_id is None and box != Mailbox.DRAFTS:
            return None
        previous = self.model.query
        query = MailboxQuery(self.ctx.actor, self.provider_id, box, self.current_filter())
        if previous is not None:
            query = replace(query, sort=previous.sort, descending=previous.descending)
        return query

    def apply_filter(self) -> None:
        self.search_timer.stop()
        self.reload()

    def reload(self) -> None:
        """Read the current mailbox again (keeping the selected message selected)."""
        if self.ctx.user is None:
            return
        if self.box == NOTIFICATIONS:
            if self.provider_id is None:
                self.stack.setCurrentWidget(self.explain)
                return
            self.stack.setCurrentWidget(self.notice_table)
            self.status.setText("Loading…")
            self.notices.load_async(
                self.ctx,
                NoticeQuery(self.ctx.actor, self.provider_id, self.failed_only.isChecked()),
            )
            return
        query = self.current_query()
        if query is None:
            self.stack.setCurrentWidget(self.explain)
            self.status.setText("")
            return
        self.stack.setCurrentWidget(self.split)
        self._keep_id = self.current_id()
        self.status.setText("Loading…")
        self.model.load_async(self.ctx, query)

    # -- list -----------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _loaded(self) -> None:
        column, order = self.model.sort_state()
        header = self.table.horizontalHeader()
        with QSignalBlocker(header):
            header.setSortIndicator(column, order)
        self._reselect()
        self._update_status()

    def _rest_loaded(self) -> None:
        self._reselect()
        self._update_status()

    def _reselect(self) -> None:
        if self._keep_id is None:
            if self.current_id() is None:
                self.preview.show_message(None)
            return
        row = self.model.row_of_id(self._keep_id)
        if row is not None:
            self.table.selectRow(row)
            self._keep_id = None
        elif self.model.complete:
            self._keep_id = None
            self.preview.show_message(None)

    def _update_status(self) -> None:
        count = self.model.rowCount()
        noun = "draft" if self.box == Mailbox.DRAFTS.value else "message"
        more = "" if self.model.complete else " so far…"
        self.status.setText(f"{count:,} {noun}{'' if count == 1 else 's'}{more}")

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        if column not in MailboxModel.SORT_KEYS:
            current, current_order = self.model.sort_state()
            with QSignalBlocker(self.table.horizontalHeader()):
                self.table.horizontalHeader().setSortIndicator(current, current_order)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.preview.show_message(self.model.id_at(current.row()) if current.isValid() else None)

    def _activated(self, index: QModelIndex) -> None:
        self.open_row(index.row())

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int) -> MessageWindow | None:
        """Double-click: a draft goes to the compose window, anything else to the message
        window (which marks a received message read)."""
        message = self.model.row_at(row)
        if message is None:
            return None
        if message.is_draft:
            self.ctx.draftRequested.emit(message.id)
            return None
        return self.open_message(message.id)

    def open_message(self, message_id: int) -> MessageWindow:
        window = MessageWindow.open_window(self.ctx, message_id, self.window())
        self.windows = [w for w in self.windows if _alive(w)] + [window]
        return window

    # -- notifications --------------------------------------------------------------------------
    def _notices_loaded(self) -> None:
        count = self.notices.rowCount()
        self.status.setText(f"{count:,} notification{'' if count == 1 else 's'}")
        self._notice_selected()

    def _selected_notice(self) -> int | None:
        index = self.notice_table.currentIndex()
        return self.notices.id_at(index.row()) if index.isValid() else None

    def _notice_selected(self) -> None:
        index = self.notice_table.currentIndex()
        line = self.notices.row_at(index.row()) if index.isValid() else None
        self.retry_button.setEnabled(line is not None and line.notice.state.can_retry)

    def _notice_activated(self, index: QModelIndex) -> None:
        line = self.notices.row_at(index.row())
        if line is not None and line.notice.state.message_id is not None:
            self.open_message(line.notice.state.message_id)

    def retry_selected(self) -> None:
        notice_id = self._selected_notice()
        if notice_id is None:
            return
        WriteOp(
            self.ctx,
            lambda s: notifications.retry(s, self.ctx.actor, notice_id),
            changes=OpChanges(messages=True),
            parent=self,
        ).run_in_background()

    # -- hooks ----------------------------------------------------------------------------------
    def changes(self, changes: OpChanges, initiator: object | None) -> None:
        if changes.messages:
            self.reload()

    def activated(self) -> None:
        if self.model.query is not None or self.box == NOTIFICATIONS:
            self.reload()


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget) and widget.isVisible()
