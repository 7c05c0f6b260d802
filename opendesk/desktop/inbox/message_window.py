"""The message window: one WebMail message with its thread, attachments, notification state,
and - opened from the inbox - Reply, Mark Unread and Hide/Restore. Laid out in
forms/message_window.ui: the message and the reply on the left, the earlier messages of the
conversation at full height on the right (readable, not three lines - issue 16).

    MessageWindow.open_window(ctx, message_id, parent=None, from_chart=False) -> MessageWindow

Opened from the inbox, a received message becomes read (`core.services.webmail.open_message`)
and the window publishes OpChanges(messages, alerts) so the inbox and the alert count update
(other workstations see it on their next alert poll). Opened from the Chart module it is
read-only and is not marked read. Every text is shown literally (plain-text widgets and labels).

Reply starts with the original quoted under "-----Original Message-----" (Regarding, From,
Sent, To, Subject: Open Dental's way) and sends through `webmail.send_flow.run_send`, the same
rules as compose; files can be attached (`AttachmentListWidget`). After the send the window
closes and says that the reply was sent. Esc or closing with a typed reply asks Save Draft /
Discard / Cancel. Print opens a print preview of the message or of the whole conversation;
Copy puts the message on the clipboard as text. File to Chart files the whole conversation as
a PDF in the patient's A-to-Z folder (`inbox.file_to_chart`).

A patient message in the closed loop shows its owner and due time with Take, Assign to…, Done
and Reopen (inbox/loop.py, the inbox's shortcuts) and its ownership history; "Keep open" under
the reply leaves it open (a reply closes it otherwise: `webmail.reply(keep_open=)`).
"""

import uuid
from pathlib import Path
from typing import cast

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QListWidgetItem, QMenu, QMessageBox, QWidget
from sqlalchemy.orm import Session

from opendesk.core.enums import MessageStatus, OutboxStatus, Permission
from opendesk.core.services import notifications, webmail
from opendesk.core.services.webmail import MessageView, NewAttachment, Outgoing, SendResult
from opendesk.desktop.attach import AttachmentListWidget
from opendesk.desktop.attach.local_files import open_local_file_dialog
from opendesk.desktop.attach.patient_files import attach_patient_files
from opendesk.desktop.changes import NOTHING, OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.save_draft_question import ask_save_draft
from opendesk.desktop.forms_generated.ui_message_window import Ui_MessageWindow
from opendesk.desktop.inbox.attachments import (
    attachment_text,
    attachment_tip,
    open_attachment,
    save_attachment,
)
from opendesk.desktop.inbox.file_to_chart import file_to_chart
from opendesk.desktop.inbox.loop import MessageLoopControls
from opendesk.desktop.inbox.message_load import Loaded, load_message
from opendesk.desktop.inbox.message_text import (
    conversation_text,
    message_text,
    original_quote,
    thread_text,
    typed_part,
)
from opendesk.desktop.inbox.text import when_text
from opendesk.desktop.message_channel import info, show_error
from opendesk.desktop.operations import WriteOp
from opendesk.desktop.webmail.scanner_note import ScannerNote
from opendesk.desktop.webmail.send_flow import run_send
from opendesk.mail import status as notice_status
from opendesk.mail.status import NoticeState

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole
__all__ = ["Loaded", "MessageWindow", "load_message", "thread_text"]


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
        self.loaded: Loaded | None = None
        self.conversation: tuple[MessageView, ...] = ()
        self.notice: NoticeState | None = None
        self._request_id: str | None = None
        self._quote = ""
        self._finished = False
        self.printer: QPrinter | None = None
        self.setObjectName("message_window")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._build()
        self.resize(920, 660)  # fits a 1280x720 laptop screen
        QShortcut(QKeySequence("Ctrl+Return"), self, self.send_reply)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.ui = ui = Ui_MessageWindow()
        ui.setupUi(self)
        self.subject_label, self.mode_label = ui.subject, ui.mode
        font = QFont(self.subject_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.subject_label.setFont(font)
        self.header = ui.header
        self.regarding_label, self.from_label, self.to_label = ui.regarding, ui.from_, ui.to
        self.sent_label, self.read_label = ui.sent, ui.read_at
        self.notice_label, self.notice_box = ui.notice, ui.notice_box
        self.retry_button = ui.retry
        self.retry_button.clicked.connect(self.retry_notice)
        self.body, self.thread_view, self.thread_box = ui.body, ui.thread, ui.thread_box
        self.attach_box, self.attachments = ui.attach_box, ui.attachments
        self.attachments.setMaximumHeight(70)
        self.attachments.itemDoubleClicked.connect(lambda _item: self.open_selected_attachment())
        self.open_button, self.save_button = ui.open_attachment, ui.save_attachment
        self.open_button.clicked.connect(self.open_selected_attachment)
        self.save_button.clicked.connect(lambda: self.save_selected_attachment())
        self.reply_box, self.reply_edit = ui.reply_box, ui.reply
        self.attachment_list = AttachmentListWidget(parent=ui.reply_attach_host)
        self.attachment_list.setObjectName("reply_attachments")
        self.attachment_list.setMaximumHeight(110)
        ui.replyAttachLayout.addWidget(self.attachment_list)
        self.scanner_note = ScannerNote(self.ctx, self.attachment_list, ui.reply_attach_host)
        ui.replyAttachLayout.addWidget(self.scanner_note)
        self.attachment_list.changed.connect(self._show_reply_attachments)
        self._show_reply_attachments()
        self.attach_button, self.local_button = ui.attach, ui.local_file
        self.attach_button.clicked.connect(self.attach)
        self.local_button.clicked.connect(self.attach_file)
        self.attach_task: object | None = None
        ui.left_split.setStretchFactor(0, 3)
        ui.left_split.setStretchFactor(2, 2)
        ui.main_split.setStretchFactor(0, 3)
        ui.main_split.setStretchFactor(1, 2)
        self.loop = MessageLoopControls(self.ctx, self, ui, self.message_id)
        self.loop_bar, self.history, self.keep_open = self.loop.bar, ui.history, ui.keep_open
        self.unread_button, self.hide_button = ui.mark_unread, ui.hide
        self.unread_button.clicked.connect(self.mark_unread)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.print_button, self.copy_button = ui.print, ui.copy
        self.print_menu = QMenu(self)
        self.print_menu.addAction("This message…", lambda: self.print_preview(False))
        self.print_menu.addAction("Whole conversation…", lambda: self.print_preview(True))
        self.print_button.setMenu(self.print_menu)
        self.copy_button.clicked.connect(self.copy)
        self.file_button = ui.file_to_chart
        self.file_button.clicked.connect(self.file_to_chart)
        self.send_button, self.cancel_button = ui.send, ui.cancel
        self.send_button.clicked.connect(self.send_reply)
        self.cancel_button.clicked.connect(self.reject)
        for widget in (self.unread_button, self.hide_button, self.send_button):
            widget.setEnabled(False)
        for widget in (self.print_button, self.copy_button, self.attach_button, self.local_button):
            widget.setEnabled(False)
        self.file_button.setEnabled(False)

    def _show_reply_attachments(self) -> None:
        self.attachment_list.setVisible(bool(self.attachment_list.attachments()))

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
        show_error(self.parentWidget(), exc)
        self._finished = True
        self.close()

    def show_loaded(self, loaded: Loaded) -> None:
        v = loaded.view
        self.view, self.conversation, self.notice = v, loaded.thread, loaded.notice
        self.loaded = loaded
        self.setWindowTitle(f"WebMail - {v.subject}")
        self.subject_label.setText(v.subject)
        self.mode_label.setText(
            "Opened from the Chart module: read-only; it stays unread in the inbox."
            if self.from_chart
            else ("Hidden message (restore it with Restore)." if v.is_hidden else "")
        )
        self.mode_label.setVisible(bool(self.mode_label.text()))
        self._show_header(v)
        self._show_notice()
        self.body.setPlainText(v.body)
        self._show_attachments(v)
        earlier = thread_text(loaded.thread, v.id)
        self.thread_view.setPlainText(earlier)
        self.thread_box.setVisible(bool(earlier))
        self._show_actions(v)
        self.loop.show(loaded.loop)
        self.opened.emit(loaded)

    def _show_header(self, v: MessageView) -> None:
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
        self.header.setRowVisible(self.read_label, v.status.is_from_practice)
        self.read_label.setText(when_text(v.read_at) if v.read_at else "not read yet")

    def _show_attachments(self, v: MessageView) -> None:
        self.attachments.clear()
        for att in v.attachments:
            item = QListWidgetItem(attachment_text(att, "    "))
            item.setToolTip(attachment_tip(att))
            item.setData(ATTACHMENT_ROLE, att)
            self.attachments.addItem(item)
        self.attach_box.setVisible(bool(v.attachments))
        if v.attachments:
            self.attachments.setCurrentRow(0)

    def _show_actions(self, v: MessageView) -> None:
        can_reply = not self.from_chart and v.status != MessageStatus.UNSENT and not v.is_hidden
        may_send = self.ctx.user is not None and self.ctx.user.may(Permission.WEBMAIL_SEND.value)
        self.reply_box.setVisible(can_reply)
        self.reply_edit.setEnabled(may_send)
        if can_reply and not may_send:
            self.reply_edit.setPlaceholderText("Only a provider can send WebMail.")
        elif can_reply:
            self._quote = original_quote(v, self.signature)
            self.reply_edit.setPlainText(self._quote)
        where = self.loaded.attach_source if self.loaded is not None else None
        has_folder = self.loaded is not None and self.loaded.folder is not None
        self.attach_button.setEnabled(can_reply and may_send and has_folder)
        self.local_button.setEnabled(can_reply and may_send)
        if where is not None:
            self.attachment_list.set_limits(where.limits)
            self.attach_button.setToolTip(
                f"Attach a file from the patient's {where.place}; Select Local File for any "
                "other file"
            )
        self.send_button.setVisible(can_reply)
        self.send_button.setEnabled(can_reply and may_send)
        self.unread_button.setVisible(not self.from_chart)
        self.unread_button.setEnabled(v.status == MessageStatus.WEBMAIL_RECD_READ)
        self.hide_button.setVisible(not self.from_chart)
        self.hide_button.setText("Restore" if v.is_hidden else "Hide")
        self.hide_button.setEnabled(v.status != MessageStatus.UNSENT)
        self.print_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self.file_button.setEnabled(v.status != MessageStatus.UNSENT)
        self.cancel_button.setText("Cancel" if can_reply else "Close")
        if can_reply and may_send:
            self.reply_edit.setFocus()
            cursor = self.reply_edit.textCursor()
            cursor.setPosition(0)
            self.reply_edit.setTextCursor(cursor)

    def _show_notice(self) -> None:
        state = self.notice
        self.header.setRowVisible(self.notice_box, state is not None)
        if state is None:
            return
        failed = state.status is OutboxStatus.FAILED
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

    def attach(self) -> None:
        """The manual's Attach: the Regarding patient's A-to-Z folder (or Dropbox)."""
        if self.loaded is None:
            return
        where, folder = self.loaded.attach_source, self.loaded.folder
        if where is None or folder is None:
            return

        def opened(dialog: QDialog) -> None:
            self.attach_dialog = dialog

        self.attach_task = attach_patient_files(self, where, folder, self.attachment_list, opened)

    def attach_file(self) -> None:
        """Select Local File: a file dialog; the file is checked by the attachment rules."""

        def chosen(paths: list[str]) -> None:
            if shiboken6.isValid(self):
                for path in paths:
                    self.attachment_list.add_path(Path(path))

        self.file_dialog = open_local_file_dialog(self, chosen)

    # -- print and copy -------------------------------------------------------------------------
    def text(self, whole_thread: bool = False) -> str:
        if self.view is None:
            return ""
        if whole_thread and self.conversation:
            return conversation_text(self.conversation)
        return message_text(self.view)

    def document(self, whole_thread: bool = False) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setPlainText(self.text(whole_thread))
        return doc

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def print_preview(self, whole_thread: bool = False) -> QPrintPreviewDialog:
        # The printer must outlive the preview dialog (a temporary one crashes Qt).
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = QPrintPreviewDialog(self.printer, self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        doc = self.document(whole_thread)
        preview.paintRequested.connect(doc.print_)
        self.print_dialog = preview
        preview.open()
        return preview

    # -- actions --------------------------------------------------------------------------------
    def file_to_chart(self) -> None:
        """File to Chart: the whole conversation as a PDF in the patient's A-to-Z folder."""
        if self.view is None or not self.file_button.isEnabled():
            return
        self.file_button.setEnabled(False)
        file_to_chart(self.ctx, self, self.view.id, lambda _f: self.file_button.setEnabled(True))

    def _changes(self) -> OpChanges:
        pid = self.view.regarding_patient_id if self.view else 0
        return OpChanges(messages=True, alerts=True, patient_ids=frozenset({pid}))

    def _new_attachments(self) -> tuple[NewAttachment, ...]:
        return tuple(
            NewAttachment(a.name, a.content_type, a.data, a.flags_text)
            for a in self.attachment_list.attachments()
        )

    def send_reply(self) -> None:
        if self.view is None or not self.send_button.isEnabled() or self.from_chart:
            return
        body = self.reply_edit.toPlainText()
        if not typed_part(body, self.signature):
            info(self, "Type your reply in the Message field first.")
            self.reply_edit.setFocus()
            return
        if self.attachment_list.is_busy():
            info(self, "The attachments are still being checked. Send again in a moment.")
            return
        if self._request_id is None:
            self._request_id = str(uuid.uuid4())  # kept: a retried send never sends twice
        request_id, parent_id, actor = self._request_id, self.view.id, self.ctx.actor
        files = self._new_attachments()
        keep_open = self.loop.keep_open
        self.send_button.setEnabled(False)

        def call(session: Session, password: str | None) -> SendResult:
            return webmail.reply(
                session,
                actor,
                parent_id,
                body,
                request_id,
                files,
                provider_password=password,
                keep_open=keep_open,
            )

        def not_sent(exc: BaseException | None = None) -> None:
            self.send_button.setEnabled(True)
            if exc is not None:
                show_error(self, exc)

        run_send(self.ctx, self, call, self._sent, on_cancel=not_sent, on_error=not_sent)

    def _sent(self, result: SendResult) -> None:
        self._finished = True
        self.replied.emit(result)
        to = f" to {self.view.patient_name}" if self.view is not None else ""
        info(
            self.parentWidget(),
            f"Reply sent{to}. The notification e-mail is on its way.",
            "Secure WebMail",
        )
        self.accept()

    def _reply_outgoing(self, v: MessageView) -> Outgoing:
        return Outgoing(
            regarding_patient_id=v.regarding_patient_id,
            provider_id=v.provider_id,
            subject=webmail.reply_subject(v.subject),
            body=self.reply_edit.toPlainText(),
            client_request_id=str(uuid.uuid4()),
            attachments=self._new_attachments(),
            thread_id=v.thread_id or v.id,
            parent_id=v.id,
        )

    def save_before_log_off(self) -> None:
        """The idle log off: a typed reply becomes a draft now (on the GUI thread: nobody is
        waiting for it), so nothing typed is lost."""
        if not self.dirty or self.view is None:
            return
        with self.ctx.db.session() as session:
            webmail.save_draft(session, self.ctx.actor, self._reply_outgoing(self.view))
        self._finished = True

    def save_reply_draft(self) -> None:
        """Save Draft (asked on closing): the typed reply goes to Drafts, in this thread."""
        v = self.view
        if v is None:
            return
        out = self._reply_outgoing(v)

        def saved(_draft_id: int) -> None:
            info(self.parentWidget(), "Reply saved under Drafts.", "Secure WebMail")
            self.discard()

        WriteOp(
            self.ctx,
            lambda s: webmail.save_draft(s, self.ctx.actor, out),
            changes=OpChanges(messages=True),
            parent=self,
            success=saved,
        ).run_in_background()

    def mark_unread(self) -> None:
        if self.view is None:
            return
        mid = self.view.id
        WriteOp(
            self.ctx,
            lambda s: webmail.mark_unread(s, self.ctx.actor, mid),
            changes=self._changes(),
            parent=self,
            success=self._closed,
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
            success=self._closed,
        ).run_in_background()

    def _closed(self, _none: None) -> None:
        self.close()

    def retry_notice(self) -> None:
        if self.notice is None:
            return
        notice_id, mid = self.notice.notice_id, self.message_id

        def read_again(session: Session) -> NoticeState | None:
            notifications.retry(session, self.ctx.actor, notice_id)
            return notice_status.notice_state(session, mid)

        def done(state: NoticeState | None) -> None:
            self.notice = state
            self._show_notice()

        WriteOp(
            self.ctx, read_again, changes=OpChanges(messages=True), parent=self, success=done
        ).run_in_background()

    @property
    def signature(self) -> str:
        return self.loaded.signature if self.loaded is not None else ""

    # -- closing --------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """A reply was typed (beyond the quoted original) or a file attached."""
        if self._finished or not self.reply_box.isVisible() or not self.reply_edit.isEnabled():
            return False
        typed = self.reply_edit.toPlainText() != self._quote
        typed = typed and bool(typed_part(self.reply_edit.toPlainText(), self.signature))
        return typed or bool(self.attachment_list.attachments())

    def discard(self) -> None:
        """Close without asking (what the Discard answer does)."""
        self._finished = True
        self.close()

    def reject(self) -> None:  # Esc and Cancel
        if self.dirty:
            self.ask_before_closing()
            return
        self._finished = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty:
            event.ignore()
            self.ask_before_closing()
            return
        self._finished = True
        super().closeEvent(event)

    def ask_before_closing(self) -> QMessageBox:
        """Save Draft / Discard / Cancel, window-modal and non-blocking."""
        self.close_question = ask_save_draft(
            self,
            "This reply has not been sent. Save it as a draft?",
            "reply_close_question",
            on_save=self.save_reply_draft,
            on_discard=self.discard,
        )
        return self.close_question
