"""Generated from forms/message_window.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QVBoxLayout, QWidget)

class Ui_MessageWindow(object):
    def setupUi(self, MessageWindow: Any) -> None:
        if not MessageWindow.objectName():
            MessageWindow.setObjectName(u"MessageWindow")
        MessageWindow.resize(920, 660)
        self.mainLayout = QVBoxLayout(MessageWindow)
        self.mainLayout.setObjectName(u"mainLayout")
        self.subject = QLabel(MessageWindow)
        self.subject.setObjectName(u"subject")
        self.subject.setTextFormat(Qt.TextFormat.PlainText)
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.subject)

        self.mode = QLabel(MessageWindow)
        self.mode.setObjectName(u"mode")
        self.mode.setTextFormat(Qt.TextFormat.PlainText)
        self.mode.setWordWrap(True)
        self.mode.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mode.setStyleSheet(u"color: #555;")

        self.mainLayout.addWidget(self.mode)

        self.header = QFormLayout()
        self.header.setObjectName(u"header")
        self.header.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.regarding_caption = QLabel(MessageWindow)
        self.regarding_caption.setObjectName(u"regarding_caption")

        self.header.setWidget(0, QFormLayout.ItemRole.LabelRole, self.regarding_caption)

        self.regarding = QLabel(MessageWindow)
        self.regarding.setObjectName(u"regarding")
        self.regarding.setTextFormat(Qt.TextFormat.PlainText)
        self.regarding.setWordWrap(True)
        self.regarding.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header.setWidget(0, QFormLayout.ItemRole.FieldRole, self.regarding)

        self.from_caption = QLabel(MessageWindow)
        self.from_caption.setObjectName(u"from_caption")

        self.header.setWidget(1, QFormLayout.ItemRole.LabelRole, self.from_caption)

        self.from_ = QLabel(MessageWindow)
        self.from_.setObjectName(u"from_")
        self.from_.setTextFormat(Qt.TextFormat.PlainText)
        self.from_.setWordWrap(True)
        self.from_.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header.setWidget(1, QFormLayout.ItemRole.FieldRole, self.from_)

        self.to_caption = QLabel(MessageWindow)
        self.to_caption.setObjectName(u"to_caption")

        self.header.setWidget(2, QFormLayout.ItemRole.LabelRole, self.to_caption)

        self.to = QLabel(MessageWindow)
        self.to.setObjectName(u"to")
        self.to.setTextFormat(Qt.TextFormat.PlainText)
        self.to.setWordWrap(True)
        self.to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header.setWidget(2, QFormLayout.ItemRole.FieldRole, self.to)

        self.sent_caption = QLabel(MessageWindow)
        self.sent_caption.setObjectName(u"sent_caption")

        self.header.setWidget(3, QFormLayout.ItemRole.LabelRole, self.sent_caption)

        self.sent = QLabel(MessageWindow)
        self.sent.setObjectName(u"sent")
        self.sent.setTextFormat(Qt.TextFormat.PlainText)
        self.sent.setWordWrap(True)
        self.sent.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header.setWidget(3, QFormLayout.ItemRole.FieldRole, self.sent)

        self.read_caption = QLabel(MessageWindow)
        self.read_caption.setObjectName(u"read_caption")

        self.header.setWidget(4, QFormLayout.ItemRole.LabelRole, self.read_caption)

        self.read_at = QLabel(MessageWindow)
        self.read_at.setObjectName(u"read_at")
        self.read_at.setTextFormat(Qt.TextFormat.PlainText)
        self.read_at.setWordWrap(True)
        self.read_at.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header.setWidget(4, QFormLayout.ItemRole.FieldRole, self.read_at)

        self.notice_caption = QLabel(MessageWindow)
        self.notice_caption.setObjectName(u"notice_caption")

        self.header.setWidget(5, QFormLayout.ItemRole.LabelRole, self.notice_caption)

        self.notice_box = QWidget(MessageWindow)
        self.notice_box.setObjectName(u"notice_box")
        self.noticeLayout = QHBoxLayout(self.notice_box)
        self.noticeLayout.setObjectName(u"noticeLayout")
        self.noticeLayout.setContentsMargins(0, 0, 0, 0)
        self.notice = QLabel(self.notice_box)
        self.notice.setObjectName(u"notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.noticeLayout.addWidget(self.notice)

        self.retry = QPushButton(self.notice_box)
        self.retry.setObjectName(u"retry")
        self.retry.setAutoDefault(False)

        self.noticeLayout.addWidget(self.retry)

        self.noticeLayout.setStretch(0, 1)

        self.header.setWidget(5, QFormLayout.ItemRole.FieldRole, self.notice_box)


        self.mainLayout.addLayout(self.header)

        self.loop_host = QWidget(MessageWindow)
        self.loop_host.setObjectName(u"loop_host")
        self.loopHostLayout = QVBoxLayout(self.loop_host)
        self.loopHostLayout.setObjectName(u"loopHostLayout")
        self.loopHostLayout.setContentsMargins(0, 0, 0, 0)

        self.mainLayout.addWidget(self.loop_host)

        self.main_split = QSplitter(MessageWindow)
        self.main_split.setObjectName(u"main_split")
        self.main_split.setOrientation(Qt.Orientation.Horizontal)
        self.main_split.setChildrenCollapsible(False)
        self.left_split = QSplitter(self.main_split)
        self.left_split.setObjectName(u"left_split")
        self.left_split.setOrientation(Qt.Orientation.Vertical)
        self.left_split.setChildrenCollapsible(False)
        self.body = QPlainTextEdit(self.left_split)
        self.body.setObjectName(u"body")
        self.body.setReadOnly(True)
        self.left_split.addWidget(self.body)
        self.attach_box = QGroupBox(self.left_split)
        self.attach_box.setObjectName(u"attach_box")
        self.attachLayout = QHBoxLayout(self.attach_box)
        self.attachLayout.setObjectName(u"attachLayout")
        self.attachments = QListWidget(self.attach_box)
        self.attachments.setObjectName(u"attachments")

        self.attachLayout.addWidget(self.attachments)

        self.attachButtons = QVBoxLayout()
        self.attachButtons.setObjectName(u"attachButtons")
        self.open_attachment = QPushButton(self.attach_box)
        self.open_attachment.setObjectName(u"open_attachment")
        self.open_attachment.setAutoDefault(False)

        self.attachButtons.addWidget(self.open_attachment)

        self.save_attachment = QPushButton(self.attach_box)
        self.save_attachment.setObjectName(u"save_attachment")
        self.save_attachment.setAutoDefault(False)

        self.attachButtons.addWidget(self.save_attachment)

        self.attachSpacer = QSpacerItem(10, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.attachButtons.addItem(self.attachSpacer)


        self.attachLayout.addLayout(self.attachButtons)

        self.attachLayout.setStretch(0, 1)
        self.left_split.addWidget(self.attach_box)
        self.reply_box = QGroupBox(self.left_split)
        self.reply_box.setObjectName(u"reply_box")
        self.replyLayout = QVBoxLayout(self.reply_box)
        self.replyLayout.setObjectName(u"replyLayout")
        self.reply = QPlainTextEdit(self.reply_box)
        self.reply.setObjectName(u"reply")

        self.replyLayout.addWidget(self.reply)

        self.reply_attach_host = QWidget(self.reply_box)
        self.reply_attach_host.setObjectName(u"reply_attach_host")
        self.replyAttachLayout = QVBoxLayout(self.reply_attach_host)
        self.replyAttachLayout.setObjectName(u"replyAttachLayout")
        self.replyAttachLayout.setContentsMargins(0, 0, 0, 0)

        self.replyLayout.addWidget(self.reply_attach_host)

        self.replyButtons = QHBoxLayout()
        self.replyButtons.setObjectName(u"replyButtons")
        self.attach = QPushButton(self.reply_box)
        self.attach.setObjectName(u"attach")
        self.attach.setAutoDefault(False)

        self.replyButtons.addWidget(self.attach)

        self.local_file = QPushButton(self.reply_box)
        self.local_file.setObjectName(u"local_file")
        self.local_file.setAutoDefault(False)

        self.replyButtons.addWidget(self.local_file)

        self.replySpacer = QSpacerItem(0, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.replyButtons.addItem(self.replySpacer)

        self.keep_open = QCheckBox(self.reply_box)
        self.keep_open.setObjectName(u"keep_open")

        self.replyButtons.addWidget(self.keep_open)


        self.replyLayout.addLayout(self.replyButtons)

        self.replyLayout.setStretch(0, 1)
        self.left_split.addWidget(self.reply_box)
        self.main_split.addWidget(self.left_split)
        self.right_split = QSplitter(self.main_split)
        self.right_split.setObjectName(u"right_split")
        self.right_split.setOrientation(Qt.Orientation.Vertical)
        self.right_split.setChildrenCollapsible(False)
        self.thread_box = QGroupBox(self.right_split)
        self.thread_box.setObjectName(u"thread_box")
        self.threadLayout = QVBoxLayout(self.thread_box)
        self.threadLayout.setObjectName(u"threadLayout")
        self.thread = QPlainTextEdit(self.thread_box)
        self.thread.setObjectName(u"thread")
        self.thread.setReadOnly(True)

        self.threadLayout.addWidget(self.thread)

        self.right_split.addWidget(self.thread_box)
        self.history_box = QGroupBox(self.right_split)
        self.history_box.setObjectName(u"history_box")
        self.historyLayout = QVBoxLayout(self.history_box)
        self.historyLayout.setObjectName(u"historyLayout")
        self.history = QPlainTextEdit(self.history_box)
        self.history.setObjectName(u"history")
        self.history.setReadOnly(True)

        self.historyLayout.addWidget(self.history)

        self.right_split.addWidget(self.history_box)
        self.main_split.addWidget(self.right_split)

        self.mainLayout.addWidget(self.main_split)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.mark_unread = QPushButton(MessageWindow)
        self.mark_unread.setObjectName(u"mark_unread")
        self.mark_unread.setAutoDefault(False)

        self.buttonRow.addWidget(self.mark_unread)

        self.hide = QPushButton(MessageWindow)
        self.hide.setObjectName(u"hide")
        self.hide.setAutoDefault(False)

        self.buttonRow.addWidget(self.hide)

        self.print = QPushButton(MessageWindow)
        self.print.setObjectName(u"print")
        self.print.setAutoDefault(False)

        self.buttonRow.addWidget(self.print)

        self.copy = QPushButton(MessageWindow)
        self.copy.setObjectName(u"copy")
        self.copy.setAutoDefault(False)

        self.buttonRow.addWidget(self.copy)

        self.file_to_chart = QPushButton(MessageWindow)
        self.file_to_chart.setObjectName(u"file_to_chart")
        self.file_to_chart.setAutoDefault(False)

        self.buttonRow.addWidget(self.file_to_chart)

        self.buttonSpacer = QSpacerItem(0, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.send = QPushButton(MessageWindow)
        self.send.setObjectName(u"send")
        self.send.setAutoDefault(False)

        self.buttonRow.addWidget(self.send)

        self.cancel = QPushButton(MessageWindow)
        self.cancel.setObjectName(u"cancel")
        self.cancel.setAutoDefault(False)

        self.buttonRow.addWidget(self.cancel)


        self.mainLayout.addLayout(self.buttonRow)

        self.mainLayout.setStretch(4, 1)

        self.retranslateUi(MessageWindow)
    # setupUi

    def retranslateUi(self, MessageWindow: Any) -> None:
        MessageWindow.setWindowTitle(QCoreApplication.translate("MessageWindow", u"WebMail message", None))
        self.regarding_caption.setText(QCoreApplication.translate("MessageWindow", u"Regarding:", None))
        self.from_caption.setText(QCoreApplication.translate("MessageWindow", u"From:", None))
        self.to_caption.setText(QCoreApplication.translate("MessageWindow", u"To:", None))
        self.sent_caption.setText(QCoreApplication.translate("MessageWindow", u"Sent:", None))
        self.read_caption.setText(QCoreApplication.translate("MessageWindow", u"Read by patient:", None))
        self.notice_caption.setText(QCoreApplication.translate("MessageWindow", u"Notification:", None))
        self.retry.setText(QCoreApplication.translate("MessageWindow", u"Retry", None))
#if QT_CONFIG(tooltip)
        self.retry.setToolTip(QCoreApplication.translate("MessageWindow", u"Queue the notification e-mail again", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.body.setAccessibleName(QCoreApplication.translate("MessageWindow", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.attach_box.setTitle(QCoreApplication.translate("MessageWindow", u"Attachments", None))
#if QT_CONFIG(accessibility)
        self.attachments.setAccessibleName(QCoreApplication.translate("MessageWindow", u"Attachments", None))
#endif // QT_CONFIG(accessibility)
        self.open_attachment.setText(QCoreApplication.translate("MessageWindow", u"Open", None))
        self.save_attachment.setText(QCoreApplication.translate("MessageWindow", u"Save\u2026", None))
        self.reply_box.setTitle(QCoreApplication.translate("MessageWindow", u"Reply", None))
#if QT_CONFIG(accessibility)
        self.reply.setAccessibleName(QCoreApplication.translate("MessageWindow", u"Reply", None))
#endif // QT_CONFIG(accessibility)
        self.reply.setPlaceholderText(QCoreApplication.translate("MessageWindow", u"Type your reply to the patient here.", None))
        self.attach.setText(QCoreApplication.translate("MessageWindow", u"Attach\u2026", None))
#if QT_CONFIG(tooltip)
        self.attach.setToolTip(QCoreApplication.translate("MessageWindow", u"Attach a file to the reply", None))
#endif // QT_CONFIG(tooltip)
        self.local_file.setText(QCoreApplication.translate("MessageWindow", u"Select Local File\u2026", None))
#if QT_CONFIG(tooltip)
        self.local_file.setToolTip(QCoreApplication.translate("MessageWindow", u"Attach any file from this computer", None))
#endif // QT_CONFIG(tooltip)
        self.keep_open.setText(QCoreApplication.translate("MessageWindow", u"&Keep open", None))
#if QT_CONFIG(tooltip)
        self.keep_open.setToolTip(QCoreApplication.translate("MessageWindow", u"Leave the patient's message open after this reply (a reply closes it otherwise)", None))
#endif // QT_CONFIG(tooltip)
        self.thread_box.setTitle(QCoreApplication.translate("MessageWindow", u"Earlier messages in this conversation", None))
#if QT_CONFIG(accessibility)
        self.thread.setAccessibleName(QCoreApplication.translate("MessageWindow", u"Earlier messages", None))
#endif // QT_CONFIG(accessibility)
        self.history_box.setTitle(QCoreApplication.translate("MessageWindow", u"History", None))
#if QT_CONFIG(accessibility)
        self.history.setAccessibleName(QCoreApplication.translate("MessageWindow", u"Ownership history", None))
#endif // QT_CONFIG(accessibility)
        self.mark_unread.setText(QCoreApplication.translate("MessageWindow", u"Mark Unread", None))
        self.hide.setText(QCoreApplication.translate("MessageWindow", u"Hide", None))
        self.print.setText(QCoreApplication.translate("MessageWindow", u"Print\u2026", None))
#if QT_CONFIG(tooltip)
        self.print.setToolTip(QCoreApplication.translate("MessageWindow", u"Print preview of this message or of the whole conversation", None))
#endif // QT_CONFIG(tooltip)
        self.copy.setText(QCoreApplication.translate("MessageWindow", u"Copy", None))
#if QT_CONFIG(tooltip)
        self.copy.setToolTip(QCoreApplication.translate("MessageWindow", u"Copy the message as text", None))
#endif // QT_CONFIG(tooltip)
        self.file_to_chart.setText(QCoreApplication.translate("MessageWindow", u"File to Chart", None))
#if QT_CONFIG(tooltip)
        self.file_to_chart.setToolTip(QCoreApplication.translate("MessageWindow", u"Save the whole conversation as a PDF in the patient's A-to-Z folder (WebMail)", None))
#endif // QT_CONFIG(tooltip)
        self.send.setText(QCoreApplication.translate("MessageWindow", u"Send", None))
#if QT_CONFIG(tooltip)
        self.send.setToolTip(QCoreApplication.translate("MessageWindow", u"Send the reply (Ctrl+Enter)", None))
#endif // QT_CONFIG(tooltip)
        self.cancel.setText(QCoreApplication.translate("MessageWindow", u"Cancel", None))
    # retranslateUi

