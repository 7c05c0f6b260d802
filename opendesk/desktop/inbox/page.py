"""The Email Inbox page of the Manage module.

Left: the provider chooser (only for users with the InboxDelegate permission: the providers
they may work for) and the mailboxes WebMail Inbox, WebMail Sent, All WebMail, Drafts,
Scheduled (messages waiting for their delivery time: open one to edit it in the compose
window; Cancel Delivery returns it to Drafts) and Notifications, then the closed-loop views
Unassigned, Mine, Overdue, Closed and a "Team: <name>" folder per team of the user
(inbox/loop_model.py; they span every provider the user works for, so the provider chooser
does not apply to them). Above the list, the loop bar (inbox/loop.py): the selected message's
owner and due time, Take, Assign to…, Done, Reopen. Right: filters (text - debounced, run on a
worker -, date range, unread only, show hidden), the message list (a lazy model, sortable by
clicking the headers; unread in bold) and the preview pane. Double-click opens the message
window; a draft opens in the compose window (`ctx.draftRequested`). Notifications lists the
outbox notices of the provider's sent messages, failed ones highlighted, with Retry.
"""

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, QModelIndex, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QListWidgetItem,
    QStyle,
    QWidget,
)

from opendesk.core.enums import Permission
from opendesk.core.services import loop_lists, mailbox, notifications, scheduled, webmail
from opendesk.core.services.loop_lists import TeamRow
from opendesk.core.services.mailbox import Mailbox, MailboxFilter, MessageRow
from opendesk.core.services.providers import ProviderRow
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_email_inbox import Ui_EmailInboxPage
from opendesk.desktop.inbox.loop import LoopBar
from opendesk.desktop.inbox.loop_model import (
    LOOP_BOXES,
    TEAM_PREFIX,
    InboxModel,
    LoopQuery,
    box_view,
)
from opendesk.desktop.inbox.message_window import MessageWindow
from opendesk.desktop.inbox.models import MailboxModel, MailboxQuery, NoticeQuery, NotificationModel
from opendesk.desktop.inbox.preview_pane import PreviewPane
from opendesk.desktop.inbox.text import day_start_utc
from opendesk.desktop.modules.base import ModulePage
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.setup.common import confirm
from opendesk.desktop.tables import setup_table, size_columns

NOTIFICATIONS = "notifications"
BOXES: tuple[tuple[str, str], ...] = (
    (Mailbox.INBOX.value, "WebMail Inbox"),
    (Mailbox.SENT.value, "WebMail Sent"),
    (Mailbox.ALL.value, "All WebMail"),
    (Mailbox.DRAFTS.value, "Drafts"),
    (Mailbox.SCHEDULED.value, "Scheduled"),
    (NOTIFICATIONS, "Notifications"),
)
FILTER_DELAY_MS = 300
KEY_ROLE = Qt.ItemDataRole.UserRole

NO_PROVIDER = (
    "Your user is not linked to a provider, so there is no WebMail inbox for you.\n\n"
    "Ask your administrator to link your user to a provider, or to give your group the "
    "InboxDelegate permission for the providers whose inbox you work in.\n\n"
    "Drafts you wrote are under Drafts; patient messages of your teams are under Team and "
    "Unassigned."
)


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
        ctx.userChanged.connect(self._on_user)  # a method: dropped when the page goes (Log Off)
        self.load_providers()

    def _on_user(self, _user: object) -> None:
        self.load_providers()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        """Set up the Designer form (forms/email_inbox.ui) and connect it."""
        self.ui = Ui_EmailInboxPage()
        self.ui.setupUi(self)
        ui = self.ui
        self.provider_label, self.provider_combo, self.own_label = (
            ui.provider_label,
            ui.provider,
            ui.own_provider,
        )
        self.provider_combo.currentIndexChanged.connect(self._provider_chosen)
        self.boxes = ui.mailboxes
        self._fill_boxes()
        self._build_filters()
        self.refresh_button = ui.refresh
        self.refresh_button.clicked.connect(self.reload)
        self.delete_button = ui.delete_draft
        self.delete_button.clicked.connect(self.delete_current)
        self.cancel_button = ui.cancel_scheduled
        self.cancel_button.clicked.connect(self.cancel_current)

        self.model = InboxModel(self.ctx, self)
        self.table = setup_table(ui.messages)
        self.table.setModel(self.model)
        self.table.doubleClicked.connect(self._activated)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_current)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_current)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.loaded.connect(self._loaded)
        self.model.restLoaded.connect(self._rest_loaded)
        self.model.modelReset.connect(self._size_columns)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_clicked)
        self._size_columns()
        self.loop_bar = LoopBar(self.ctx, ui.loop_host)
        ui.loopHostLayout.addWidget(self.loop_bar)
        self.loop_bar.add_shortcuts(self)

        self.notices = NotificationModel(self.ctx.db, self)
        self.notice_table = setup_table(ui.notifications)
        self.notice_table.setModel(self.notices)
        self.notice_table.doubleClicked.connect(self._notice_activated)
        self.notice_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._notice_selected()
        )
        self.notices.loaded.connect(self._notices_loaded)
        size_columns(self.notice_table, NotificationModel.WIDTHS)

        self.explain = ui.explanation
        self.explain.setText(NO_PROVIDER)
        self.preview = PreviewPane(self.ctx, ui.preview_host)
        ui.previewLayout.addWidget(self.preview)
        self.split = ui.split
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.stack = ui.stack
        self.status = ui.inbox_status
        self._show_box_widgets()

    def _fill_boxes(self) -> None:
        style = self.style()
        icons = {
            Mailbox.INBOX.value: QStyle.StandardPixmap.SP_DirHomeIcon,
            Mailbox.SENT.value: QStyle.StandardPixmap.SP_ArrowForward,
            Mailbox.ALL.value: QStyle.StandardPixmap.SP_DirIcon,
            Mailbox.DRAFTS.value: QStyle.StandardPixmap.SP_FileDialogDetailedView,
            Mailbox.SCHEDULED.value: QStyle.StandardPixmap.SP_FileDialogContentsView,
            NOTIFICATIONS: QStyle.StandardPixmap.SP_MessageBoxInformation,
        }
        for key, title in BOXES:
            item = QListWidgetItem(style.standardIcon(icons[key]), title)
            item.setData(KEY_ROLE, key)
            self.boxes.addItem(item)
        loop_icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        for key, title in LOOP_BOXES:
            item = QListWidgetItem(loop_icon, title)
            item.setData(KEY_ROLE, key)
            self.boxes.addItem(item)
        self.boxes.setCurrentRow(0)
        self.boxes.currentItemChanged.connect(self._box_chosen)
        # The folder list is as wide as its longest name, no wider (issue 16).
        width = self.boxes.sizeHintForColumn(0) + 2 * self.boxes.frameWidth() + 8
        self.ui.left_panel.setFixedWidth(max(width, self.provider_combo.minimumSizeHint().width()))

    def _build_filters(self) -> None:
        ui = self.ui
        self.search = ui.search
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(FILTER_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        placeholder = self.search.fontMetrics().horizontalAdvance(self.search.placeholderText())
        self.search.setMinimumWidth(placeholder + 48)  # never "Se…" (issue 16)
        self.use_from, self.date_from, self.use_to, self.date_to = (
            ui.use_from,
            ui.date_from,
            ui.use_to,
            ui.date_to,
        )
        today = QDate.currentDate()
        self.date_from.setDate(today.addMonths(-1))
        self.date_to.setDate(today)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        for check, edit in ((self.use_from, self.date_from), (self.use_to, self.date_to)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _c: self.apply_filter())
        self.unread_only, self.show_hidden = ui.unread_only, ui.show_hidden
        self.unread_only.toggled.connect(lambda _c: self.apply_filter())
        self.show_hidden.toggled.connect(lambda _c: self.apply_filter())
        self.filters, self.notice_filters = ui.filters, ui.notice_filters
        self.failed_only = ui.failed_only
        self.failed_only.toggled.connect(lambda _c: self.reload())
        self.retry_button = ui.retry
        self.retry_button.clicked.connect(self.retry_selected)

    def _size_columns(self) -> None:
        size_columns(self.table, self.model.widths)

    # -- team folders ---------------------------------------------------------------------------
    def load_teams(self) -> None:
        actor = self.ctx.actor
        ReadOp(
            self.ctx, lambda s: loop_lists.my_teams(s, actor), parent=self, success=self._teams
        ).run_in_background()

    def _teams(self, teams: list[TeamRow]) -> None:
        """One "Team: <name>" folder per team of the user, after the loop views."""
        for row in reversed(range(self.boxes.count())):
            if str(self.boxes.item(row).data(KEY_ROLE)).startswith(TEAM_PREFIX):
                if self.boxes.currentRow() == row:
                    self.boxes.setCurrentRow(0)
                self.boxes.takeItem(row)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DirLinkIcon)
        for team in teams:
            item = QListWidgetItem(icon, f"Team: {team.name}")
            item.setData(KEY_ROLE, f"{TEAM_PREFIX}{team.id}")
            self.boxes.addItem(item)
        width = self.boxes.sizeHintForColumn(0) + 2 * self.boxes.frameWidth() + 8
        if width > self.ui.left_panel.width():
            self.ui.left_panel.setFixedWidth(width)

    # -- providers ------------------------------------------------------------------------------
    def load_providers(self) -> None:
        if self.ctx.user is None:
            return
        actor = self.ctx.actor
        self.load_teams()
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
        """One stacked filter bar: switching boxes never changes the page's minimum size (it
        used to show the mailbox filters before hiding the notices' ones, and for that moment
        the window grew past the screen edge - issue 16)."""
        notices = self.box == NOTIFICATIONS
        self.ui.filter_stack.setCurrentWidget(self.notice_filters if notices else self.filters)
        loop = self.is_loop_box
        self.filters.setEnabled(not loop)  # the loop views have their own order and no filter
        self.table.setSortingEnabled(not loop)
        self.table.horizontalHeader().setSortIndicatorShown(not loop)
        self.delete_button.setVisible(self.box == Mailbox.DRAFTS.value)
        self.cancel_button.setVisible(self.box == Mailbox.SCHEDULED.value)
        self._update_delete()

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

    @property
    def is_loop_box(self) -> bool:
        return self.box.startswith(TEAM_PREFIX) or box_view(self.box) is not None

    def current_query(self) -> MailboxQuery | LoopQuery | None:
        if self.ctx.user is None or self.box == NOTIFICATIONS:
            return None
        if self.box.startswith(TEAM_PREFIX):
            return LoopQuery(self.ctx.actor, team_id=int(self.box[len(TEAM_PREFIX) :]))
        view = box_view(self.box)
        if view is not None:
            return LoopQuery(self.ctx.actor, view=view)
        box = Mailbox(self.box)
        if self.provider_id is None and box != Mailbox.DRAFTS:
            return None
        previous = self.model.query
        query = MailboxQuery(self.ctx.actor, self.provider_id, box, self.current_filter())
        if isinstance(previous, MailboxQuery):
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
        self._update_loop_bar()
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
        noun = {Mailbox.DRAFTS.value: "draft", Mailbox.SCHEDULED.value: "scheduled message"}.get(
            self.box, "message"
        )
        more = "" if self.model.complete else " so far…"
        if self.is_loop_box and not self.model.complete:
            more = " shown (more as you scroll)"
        self.status.setText(f"{count:,} {noun}{'' if count == 1 else 's'}{more}")

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        if column not in MailboxModel.SORT_KEYS:
            current, current_order = self.model.sort_state()
            with QSignalBlocker(self.table.horizontalHeader()):
                self.table.horizontalHeader().setSortIndicator(current, current_order)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.preview.show_message(self.model.id_at(current.row()) if current.isValid() else None)
        self._update_delete()
        self._update_loop_bar()

    def _update_loop_bar(self) -> None:
        index = self.table.currentIndex()
        self.loop_bar.show_row(self.model.loop_row(index.row()) if index.isValid() else None)

    def _current_row(self) -> MessageRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _current_draft(self) -> int | None:
        row = self._current_row()
        return row.id if row is not None and row.is_draft else None

    def _current_scheduled(self) -> int | None:
        row = self._current_row()
        return row.id if row is not None and row.is_scheduled else None

    def _update_delete(self) -> None:
        self.delete_button.setEnabled(self._current_draft() is not None)
        self.cancel_button.setEnabled(self._current_scheduled() is not None)

    def cancel_current(self, *, confirmed: bool = False) -> None:
        """Scheduled: Cancel Delivery asks, then `scheduled.cancel` (audited): the message
        becomes a draft again, text, attachments and settings kept."""
        message_id = self._current_scheduled()
        if message_id is None:
            return
        if not confirmed:
            self.confirm_box = confirm(
                self,
                "Cancel the delivery of this message? It goes back to Drafts; nothing is lost.",
                lambda: self.cancel_current(confirmed=True),
            )
            return
        actor = self.ctx.actor  # read on the GUI thread, not in the worker
        WriteOp(
            self.ctx,
            lambda s: scheduled.cancel(s, actor, message_id),
            changes=OpChanges(messages=True),
            parent=self,
        ).run_in_background()

    def delete_current(self, *, confirmed: bool = False) -> None:
        """Drafts: Delete (button or Del) asks, then `webmail.delete_draft` (audited)."""
        draft_id = self._current_draft()
        if draft_id is None or self.box != Mailbox.DRAFTS.value:
            return
        if not confirmed:
            self.confirm_box = confirm(
                self, "Delete this draft? It cannot be restored.", self._delete_confirmed
            )
            return
        actor = self.ctx.actor
        WriteOp(
            self.ctx,
            lambda s: webmail.delete_draft(s, actor, draft_id),
            changes=OpChanges(messages=True),
            parent=self,
        ).run_in_background()

    def _delete_confirmed(self) -> None:
        self.delete_current(confirmed=True)

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
        if message.is_draft or message.is_scheduled:  # edited in the compose window
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

    def show_start(self) -> None:
        """The alert's click: WebMail Inbox, whatever folder was used last."""
        self.choose_box(Mailbox.INBOX.value)

    def activated(self) -> None:
        if self.model.query is not None or self.box == NOTIFICATIONS:
            self.reload()


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget) and widget.isVisible()
