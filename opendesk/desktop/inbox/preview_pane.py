"""The inbox's preview pane: the selected message as plain text with its attachments.

Loading it calls `core.services.webmail.preview_message`, which is audited as a view
("webmail.preview") and never marks the message read: arrowing through the list is not reading
it; the double-click that opens the message window is.
"""

from typing import cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opendesk.core.services import webmail
from opendesk.core.services.webmail import AttachmentInfo, MessageView
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.attachments import (
    attachment_text,
    attachment_tip,
    open_attachment,
    save_attachment,
)
from opendesk.desktop.inbox.text import when_text
from opendesk.desktop.operations import WriteOp

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole
DELAY_MS = 150  # arrowing through the list loads only the row the user stops on


class PreviewPane(QWidget):
    shown = Signal(object)  # MessageView

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("preview")
        self.view: MessageView | None = None
        self._wanted: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._load)

        self.stack = QStackedWidget()
        self.empty = QLabel("Select a message to read it here. Double-click opens it.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666;")
        self.stack.addWidget(self.empty)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        self.subject = QLabel()
        self.subject.setObjectName("preview_subject")
        font = QFont(self.subject.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.subject.setFont(font)
        self.meta = QLabel()
        self.meta.setObjectName("preview_meta")
        self.meta.setStyleSheet("color: #444;")
        for label in (self.subject, self.meta):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        self.body = QPlainTextEdit()
        self.body.setObjectName("preview_body")
        self.body.setReadOnly(True)
        layout.addWidget(self.subject)
        layout.addWidget(self.meta)
        layout.addWidget(self.body, 1)
        self.attach_row = QWidget()
        attach = QHBoxLayout(self.attach_row)
        attach.setContentsMargins(0, 0, 0, 0)
        self.attachments = QListWidget()
        self.attachments.setObjectName("preview_attachments")
        self.attachments.setFlow(QListWidget.Flow.LeftToRight)
        self.attachments.setMaximumHeight(34)
        self.attachments.itemDoubleClicked.connect(lambda _i: self.open_attachment())
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open_attachment)
        self.save_button = QPushButton("Save…")
        self.save_button.clicked.connect(lambda: self.save_attachment())
        attach.addWidget(QLabel("Attachments:"))
        attach.addWidget(self.attachments, 1)
        attach.addWidget(self.open_button)
        attach.addWidget(self.save_button)
        layout.addWidget(self.attach_row)
        self.stack.addWidget(page)
        self.page = page

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def show_message(self, message_id: int | None) -> None:
        """Preview this message (after a short pause), or nothing."""
        if message_id is None:
            self._wanted = None
            self._timer.stop()
            self.clear()
            return
        if self.view is not None and self.view.id == message_id:
            return
        self._wanted = message_id
        self._timer.start()

    def clear(self) -> None:
        self.view = None
        self.stack.setCurrentWidget(self.empty)

    def _load(self) -> None:
        wanted = self._wanted
        if wanted is None:
            return

        def done(view: MessageView) -> None:
            if self._wanted == view.id:
                self._show(view)

        WriteOp(
            self.ctx,
            lambda s: webmail.preview_message(s, self.ctx.actor, wanted),
            parent=self,
            success=done,
        ).failure(lambda _exc: self.clear()).run_in_background()

    def _show(self, v: MessageView) -> None:
        self.view = v
        self.subject.setText(v.subject)
        if v.from_practice:
            who = f"From {v.provider_name} to {v.patient_name}"
        else:
            who = f"From {v.patient_name} to {v.provider_name}"
        when = when_text(v.sent_at) or "draft, not sent"
        self.meta.setText(f"{who}    Regarding {v.regarding_name}    {when}")
        self.body.setPlainText(v.body)
        self.attachments.clear()
        for att in v.attachments:
            item = QListWidgetItem(attachment_text(att))
            item.setToolTip(attachment_tip(att))
            item.setData(ATTACHMENT_ROLE, att)
            self.attachments.addItem(item)
        if v.attachments:
            self.attachments.setCurrentRow(0)
        self.attach_row.setVisible(bool(v.attachments))
        self.stack.setCurrentWidget(self.page)
        self.shown.emit(v)

    def _selected(self) -> AttachmentInfo | None:
        item = self.attachments.currentItem()
        return None if item is None else cast(AttachmentInfo, item.data(ATTACHMENT_ROLE))

    def open_attachment(self) -> None:
        att = self._selected()
        if att is not None:
            open_attachment(self.ctx, self, att.id)

    def save_attachment(self, path: str | None = None) -> None:
        att = self._selected()
        if att is not None:
            save_attachment(self.ctx, self, att, path)
