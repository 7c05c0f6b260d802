"""The message window: one WebMail message with its thread, attachments, notification state,
and - opened from the inbox - Reply, Mark Unread and Hide/Restore.

    MessageWindow.open_window(ctx, message_id, parent=None, from_chart=False) -> MessageWindow

Opened from the inbox, a received message becomes read (`core.services.webmail.open_message`)
and the window publishes OpChanges(messages, alerts) so the inbox and the alert count update
(other workstations see it on their next alert poll). Opened from the Chart module it is
read-only and is not marked read. Every text is shown literally (plain-text widgets and labels).

Reply sends through `webmail.send_flow.run_send`, the same rules as compose: only a provider
sends, a user not linked to the thread's provider is asked for that provider's password, and the
core service gives the reply the subject "RE: ..." in the same thread and queues its notice.
Cancel closes the window without sending anything.
"""

import uuid
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.services import mailbox, notifications, webmail
from opendesk.core.services.webmail import MessageView, SendResult
from opendesk.desktop.changes import NOTHING, OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.attachments import open_attachment, save_attachment, size_text
from opendesk.desktop.inbox.text import when_text
from opendesk.desktop.message_channel import info
from opendesk.desktop.operations import WriteOp
from opendesk.desktop.webmail.send_flow import run_send
from opendesk.mail import status as notice_status
from opendesk.mail.status import NoticeState

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Loaded:
    view: MessageView
    thread: tuple[MessageView, ...]
    notice: NoticeState | None
    marked_read: bool


def load_message(session: Session, ctx: AppContext, message_id: int, from_chart: bool) -> Loaded:
    before = mailbox.message_rows(session, [message_id])
    view = webmail.open_message(session, ctx.actor, message_id, from_chart=from_chart)
    thread = tuple(webmail.thread_of(session, ctx.actor, message_id))
    notice = notice_status.notice_state(session, message_id)
    was_unread = bool(before) and before[0].status == MessageStatus.WEBMAIL_RECEIVED
    marked = was_unread and view.status == MessageStatus.WEBMAIL_RECD_READ
    return Loaded(view, thread, notice, marked)


def _plain_label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _reader(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setReadOnly(True)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    return edit


def thread_text(views: tuple[MessageView, ...], current_id: int) -> str:
    """The messages of the thread before this one (oldest first in `views`), newest first,
    as plain text."""
    parts = []
    position = next((i for i, v in enumerate(views) if v.id == current_id), len(views))
    for v in reversed(views[:position]):
        who = v.provider_name if v.from_practice else v.patient_name
        parts.append(f"On {when_text(v.sent_at)}, {who} wrote:\n{v.subject}\n\n{v.body.strip()}")
    return ("\n\n" + "-" * 60 + "\n\n").join(parts)


class MessageWindow(QDialog):
    """Emits `replied(SendResult)` after a reply was sent."""

    replied = Signal(object)
    opened = Signal(object)  # Loaded, after the message was read from the database

    def __init__(
        self,
        ctx: AppContext,
        message_id: int,
        parent: QWidget | None = None,
        *,
        from_chart: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message_id = message_id
        self.from_chart = from_chart
        self.view: MessageView | None = None
        self.notice: NoticeState | None = None
        self._request_id: str | None = None
        self.setObjectName("message_window")
        self.setWindowTitle("WebMail message")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(820, 760)
        self._build()
        QShortcut(QKeySequence("Ctrl+Return"), self, self.send_reply)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.subject_label = _plain_label(name="subject")
        font = QFont(self.subject_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.subject_label.setFont(font)
        layout.addWidget(self.subject_label)
        self.mode_label = _plain_label(name="mode")
        self.mode_label.setStyleSheet("color: #555;")
        layout.addWidget(self.mode_label)

        header = QFormLayout()
        header.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.regarding_label = _plain_label(name="regarding")
        self.from_label = _plain_label(name="from_")
        self.to_label = _plain_label(name="to")
        self.sent_label = _plain_label(name="sent")
        self.read_label = _plain_label(name="read_at")
        self.notice_label = _plain_label(name="notice")
        self.retry_button = QPushButton("Retry")
        self.retry_button.setObjectName("retry")
        self.retry_button.setToolTip("Queue the notification e-mail again")
        self.retry_button.clicked.connect(self.retry_notice)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice_label, 1)
        notice_row.addWidget(self.retry_button)
        self.notice_box = QWidget()
        self.notice_box.setLayout(notice_row)
        notice_row.setContentsMargins(0, 0, 0, 0)
        header.addRow("Regarding:", self.regarding_label)
        header.addRow("From:", self.from_label)
        header.addRow("To:", self.to_label)
        header.addRow("Sent:", self.sent_label)
        header.addRow("Read by patient:", self.read_label)
        header.addRow("Notification:", self.notice_box)
        self.header = header
        layout.addLayout(header)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.body = _reader("body")
        splitter.addWidget(self.body)

        self.attach_box = QGroupBox("Attachments")
        attach_layout = QHBoxLayout(self.attach_box)
        self.attachments = QListWidget()
        self.attachments.setObjectName("attachments")
        self.attachments.setMaximumHeight(70)
        self.attach_box.setMaximumHeight(110)
        self.attachments.itemDoubleClicked.connect(lambda _item: self.open_selected_attachment())
        buttons = QVBoxLayout()
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open_selected_attachment)
        self.save_button = QPushButton("Save…")
        self.save_button.clicked.connect(lambda: self.save_selected_attachment())
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        attach_layout.addWidget(self.attachments, 1)
        attach_layout.addLayout(buttons)
        splitter.addWidget(self.attach_box)

        self.thread_box = QGroupBox("Earlier messages in this conversation")
        thread_layout = QVBoxLayout(self.thread_box)
        self.thread_view = _reader("thread")
        thread_layout.addWidget(self.thread_view)
        splitter.addWidget(self.thread_box)

        self.reply_box = QGroupBox("Reply")
        reply_layout = QVBoxLayout(self.reply_box)
        reply_layout.addWidget(QLabel("Message"))
        self.reply_edit = QPlainTextEdit()
        self.reply_edit.setObjectName("reply")
        self.reply_edit.setPlaceholderText("Type your reply to the patient here.")
        reply_layout.addWidget(self.reply_edit)
        splitter.addWidget(self.reply_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(2, 1)
        splitter.setStretchFactor(3, 2)
        layout.addWidget(splitter, 1)

        row = QHBoxLayout()
        self.unread_button = QPushButton("Mark Unread")
        self.unread_button.setObjectName("mark_unread")
        self.unread_button.clicked.connect(self.mark_unread)
        self.hide_button = QPushButton("Hide")
        self.hide_button.setObjectName("hide")
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.send_button = QPushButton("Send")
        self.send_button.setObjectName("send")
        self.send_button.setDefault(False)
        self.send_button.setAutoDefault(False)
        self.send_button.setToolTip("Send the reply (Ctrl+Enter)")
        self.send_button.clicked.connect(self.send_reply)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.unread_button)
        row.addWidget(self.hide_button)
        row.addStretch(1)
        row.addWidget(self.send_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        for widget in (self.unread_button, self.hide_button, self.send_button):
            widget.setEnabled(False)

    # -- loading --------------------------------------------------------------------------------
    @classmethod
    def open_window(
        cls,
        ctx: AppContext,
        message_id: int,
        parent: QWidget | None = None,
        *,
        from_chart: bool = False,
    ) -> "MessageWindow":
        window = cls(ctx, message_id, parent, from_chart=from_chart)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.load()
        window.show()
        return window

    def load(self) -> None:
        def changes(loaded: Loaded) -> OpChanges:
            if not loaded.marked_read:
                return NOTHING
            return OpChanges(
                messages=True,
                alerts=True,
                patient_ids=frozenset({loaded.view.regarding_patient_id}),
            )

        WriteOp(
            self.ctx,
            lambda s: load_message(s, self.ctx, self.message_id, self.from_chart),
            changes=changes,
            parent=self,
            success=self.show_loaded,
        ).failure(self._load_failed).run_in_background()

    def _load_failed(self, exc: BaseException) -> None:
        from opendesk.desktop.message_channel import show_error

        show_error(self.parentWidget(), exc)
        self.close()

    def show_loaded(self, loaded: Loaded) -> None:
        v = loaded.view
        self.view = v
        self.notice = loaded.notice
        self.setWindowTitle(f"WebMail - {v.subject}")
        self.subject_label.setText(v.subject)
        self.mode_label.setText(
            "Opened from the Chart module: read-only; it stays unread in the inbox."
            if self.from_chart
            else ("Hidden message (restore it with Restore)." if v.is_hidden else "")
        )
        self.mode_label.setVisible(bool(self.mode_label.text()))
        self.regarding_label.setText(v.regarding_name)
        practice_side = v.provider_name + (
            f" (sent by {v.sender_username})" if v.sender_username else ""
        )
        if v.from_practice:
            self.from_label.setText(practice_side)
            self.to_label.setText(f"{v.patient_name} (patient portal)")
        else:
            self.from_label.setText(f"{v.patient_name} (patient portal)")
            self.to_label.setText(v.provider_name)
        self.sent_label.setText(when_text(v.sent_at) or "not sent (draft)")
        sent = v.status.is_from_practice
        self.header.setRowVisible(self.read_label, sent)
        self.read_label.setText(when_text(v.read_at) if v.read_at else "not read yet")
        self._show_notice()
        self.body.setPlainText(v.body)
        self.attachments.clear()
        for att in v.attachments:
            item = QListWidgetItem(f"{att.name}    ({size_text(att.size)})")
            item.setData(ATTACHMENT_ROLE, att)
            self.attachments.addItem(item)
        self.attach_box.setVisible(bool(v.attachments))
        if v.attachments:
            self.attachments.setCurrentRow(0)
        earlier = thread_text(loaded.thread, v.id)
        self.thread_view.setPlainText(earlier)
        self.thread_box.setVisible(bool(earlier))
        can_reply = not self.from_chart and v.status != MessageStatus.UNSENT and not v.is_hidden
        may_send = self.ctx.user is not None and self.ctx.user.may(Permission.WEBMAIL_SEND.value)
        self.reply_box.setVisible(can_reply)
        self.reply_edit.setEnabled(may_send)
        if can_reply and not may_send:
            self.reply_edit.setPlaceholderText("Only a provider can send WebMail.")
        self.send_button.setVisible(can_reply)
        self.send_button.setEnabled(can_reply and may_send)
        self.unread_button.setVisible(not self.from_chart)
        self.unread_button.setEnabled(v.status == MessageStatus.WEBMAIL_RECD_READ)
        self.hide_button.setVisible(not self.from_chart)
        self.hide_button.setText("Restore" if v.is_hidden else "Hide")
        self.hide_button.setEnabled(v.status != MessageStatus.UNSENT)
        self.cancel_button.setText("Cancel" if can_reply else "Close")
        if can_reply and may_send:
            self.reply_edit.setFocus()
        self.opened.emit(loaded)

    def _show_notice(self) -> None:
        state = self.notice
        visible = state is not None
        self.header.setRowVisible(self.notice_box, visible)
        if state is None:
            return
        failed = state.status.value == "failed"
        self.notice_label.setText(state.describe(when_text))
        self.notice_label.setStyleSheet("color: #a4262c; font-weight: bold;" if failed else "")
        self.retry_button.setVisible(state.can_retry and not self.from_chart)

    # -- attachments ----------------------------------------------------------------------------
    def _selected_attachment(self) -> webmail.AttachmentInfo | None:
        item = self.attachments.currentItem()
        return None if item is None else cast(webmail.AttachmentInfo, item.data(ATTACHMENT_ROLE))

    def open_selected_attachment(self) -> None:
        att = self._selected_attachment()
        if att is not None:
            open_attachment(self.ctx, self, att.id)

    def save_selected_attachment(self, path: str | None = None) -> None:
        att = self._selected_attachment()
        if att is not None:
            save_attachment(self.ctx, self, att, path)

    # -- actions --------------------------------------------------------------------------------
    def _changes(self) -> OpChanges:
        pid = self.view.regarding_patient_id if self.view else 0
        return OpChanges(messages=True, alerts=True, patient_ids=frozenset({pid}))

    def send_reply(self) -> None:
        if self.view is None or not self.send_button.isEnabled() or self.from_chart:
            return
        body = self.reply_edit.toPlainText()
        if not body.strip():
            info(self, "Type your reply in the Message field first.")
            self.reply_edit.setFocus()
            return
        if self._request_id is None:
            self._request_id = str(uuid.uuid4())  # kept: a retried send never sends twice
        request_id = self._request_id
        parent_id = self.view.id
        actor = self.ctx.actor
        self.send_button.setEnabled(False)

        def call(session: Session, password: str | None) -> SendResult:
            return webmail.reply(
                session, actor, parent_id, body, request_id, provider_password=password
            )

        def sent(result: SendResult) -> None:
            self.replied.emit(result)
            self.accept()

        def not_sent(exc: BaseException | None = None) -> None:
            self.send_button.setEnabled(True)
            if exc is not None:
                from opendesk.desktop.message_channel import show_error

                show_error(self, exc)

        run_send(self.ctx, self, call, sent, on_cancel=not_sent, on_error=not_sent)

    def mark_unread(self) -> None:
        if self.view is None:
            return
        mid = self.view.id

        def done(_none: None) -> None:
            self.close()

        WriteOp(
            self.ctx,
            lambda s: webmail.mark_unread(s, self.ctx.actor, mid),
            changes=self._changes(),
            parent=self,
            success=done,
        ).run_in_background()

    def toggle_hidden(self) -> None:
        if self.view is None:
            return
        mid, hide = self.view.id, not self.view.is_hidden

        WriteOp(
            self.ctx,
            lambda s: webmail.set_hidden(s, self.ctx.actor, mid, hide),
            changes=self._changes(),
            parent=self,
            success=lambda _none: self._closed(),
        ).run_in_background()

    def _closed(self) -> None:
        self.close()

    def retry_notice(self) -> None:
        if self.notice is None:
            return
        notice_id = self.notice.notice_id
        mid = self.message_id

        def read_again(session: Session) -> NoticeState | None:
            notifications.retry(session, self.ctx.actor, notice_id)
            return notice_status.notice_state(session, mid)

        def done(state: NoticeState | None) -> None:
            self.notice = state
            self._show_notice()

        WriteOp(
            self.ctx, read_again, changes=OpChanges(messages=True), parent=self, success=done
        ).run_in_background()
