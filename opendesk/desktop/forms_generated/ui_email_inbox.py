"""Generated from forms/email_inbox.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QStackedWidget,
    QTableView, QVBoxLayout, QWidget)

class Ui_EmailInboxPage(object):
    def setupUi(self, EmailInboxPage: Any) -> None:
        if not EmailInboxPage.objectName():
            EmailInboxPage.setObjectName(u"EmailInboxPage")
        EmailInboxPage.resize(1000, 600)
        self.pageLayout = QHBoxLayout(EmailInboxPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(0, 0, 0, 0)
        self.left_panel = QWidget(EmailInboxPage)
        self.left_panel.setObjectName(u"left_panel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.left_panel.sizePolicy().hasHeightForWidth())
        self.left_panel.setSizePolicy(sizePolicy)
        self.leftLayout = QVBoxLayout(self.left_panel)
        self.leftLayout.setObjectName(u"leftLayout")
        self.leftLayout.setContentsMargins(0, 0, 0, 0)
        self.provider_label = QLabel(self.left_panel)
        self.provider_label.setObjectName(u"provider_label")
        self.provider_label.setTextFormat(Qt.TextFormat.PlainText)
        self.provider_label.setWordWrap(True)

        self.leftLayout.addWidget(self.provider_label)

        self.provider = QComboBox(self.left_panel)
        self.provider.setObjectName(u"provider")
        self.provider.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.provider.setMinimumContentsLength(12)

        self.leftLayout.addWidget(self.provider)

        self.own_provider = QLabel(self.left_panel)
        self.own_provider.setObjectName(u"own_provider")
        self.own_provider.setStyleSheet(u"font-weight: bold;")
        self.own_provider.setTextFormat(Qt.TextFormat.PlainText)
        self.own_provider.setWordWrap(True)

        self.leftLayout.addWidget(self.own_provider)

        self.mailboxes = QListWidget(self.left_panel)
        self.mailboxes.setObjectName(u"mailboxes")
        self.mailboxes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.leftLayout.addWidget(self.mailboxes)


        self.pageLayout.addWidget(self.left_panel)

        self.rightLayout = QVBoxLayout()
        self.rightLayout.setObjectName(u"rightLayout")
        self.topLayout = QHBoxLayout()
        self.topLayout.setObjectName(u"topLayout")
        self.filter_stack = QStackedWidget(EmailInboxPage)
        self.filter_stack.setObjectName(u"filter_stack")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.filter_stack.sizePolicy().hasHeightForWidth())
        self.filter_stack.setSizePolicy(sizePolicy1)
        self.filters = QWidget()
        self.filters.setObjectName(u"filters")
        self.filterLayout = QGridLayout(self.filters)
        self.filterLayout.setObjectName(u"filterLayout")
        self.filterLayout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self.filters)
        self.search.setObjectName(u"search")
        self.search.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.search, 0, 0, 1, 8)

        self.use_from = QCheckBox(self.filters)
        self.use_from.setObjectName(u"use_from")

        self.filterLayout.addWidget(self.use_from, 1, 0, 1, 1)

        self.date_from = QDateEdit(self.filters)
        self.date_from.setObjectName(u"date_from")
        self.date_from.setEnabled(False)
        self.date_from.setCalendarPopup(True)

        self.filterLayout.addWidget(self.date_from, 1, 1, 1, 1)

        self.use_to = QCheckBox(self.filters)
        self.use_to.setObjectName(u"use_to")

        self.filterLayout.addWidget(self.use_to, 1, 2, 1, 1)

        self.date_to = QDateEdit(self.filters)
        self.date_to.setObjectName(u"date_to")
        self.date_to.setEnabled(False)
        self.date_to.setCalendarPopup(True)

        self.filterLayout.addWidget(self.date_to, 1, 3, 1, 1)

        self.filterSpacer = QSpacerItem(12, 10, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.filterLayout.addItem(self.filterSpacer, 1, 4, 1, 1)

        self.unread_only = QCheckBox(self.filters)
        self.unread_only.setObjectName(u"unread_only")

        self.filterLayout.addWidget(self.unread_only, 1, 5, 1, 1)

        self.show_hidden = QCheckBox(self.filters)
        self.show_hidden.setObjectName(u"show_hidden")

        self.filterLayout.addWidget(self.show_hidden, 1, 6, 1, 1)

        self.filterEndSpacer = QSpacerItem(0, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterLayout.addItem(self.filterEndSpacer, 1, 7, 1, 1)

        self.filter_stack.addWidget(self.filters)
        self.notice_filters = QWidget()
        self.notice_filters.setObjectName(u"notice_filters")
        self.noticeLayout = QGridLayout(self.notice_filters)
        self.noticeLayout.setObjectName(u"noticeLayout")
        self.noticeLayout.setContentsMargins(0, 0, 0, 0)
        self.notice_title = QLabel(self.notice_filters)
        self.notice_title.setObjectName(u"notice_title")
        self.notice_title.setTextFormat(Qt.TextFormat.PlainText)

        self.noticeLayout.addWidget(self.notice_title, 0, 0, 1, 3)

        self.failed_only = QCheckBox(self.notice_filters)
        self.failed_only.setObjectName(u"failed_only")

        self.noticeLayout.addWidget(self.failed_only, 1, 0, 1, 1)

        self.retry = QPushButton(self.notice_filters)
        self.retry.setObjectName(u"retry")
        self.retry.setEnabled(False)

        self.noticeLayout.addWidget(self.retry, 1, 1, 1, 1)

        self.noticeSpacer = QSpacerItem(0, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.noticeLayout.addItem(self.noticeSpacer, 1, 2, 1, 1)

        self.filter_stack.addWidget(self.notice_filters)

        self.topLayout.addWidget(self.filter_stack)

        self.cancel_scheduled = QPushButton(EmailInboxPage)
        self.cancel_scheduled.setObjectName(u"cancel_scheduled")

        self.topLayout.addWidget(self.cancel_scheduled, 0, Qt.AlignmentFlag.AlignTop)

        self.delete_draft = QPushButton(EmailInboxPage)
        self.delete_draft.setObjectName(u"delete_draft")

        self.topLayout.addWidget(self.delete_draft, 0, Qt.AlignmentFlag.AlignTop)

        self.refresh = QPushButton(EmailInboxPage)
        self.refresh.setObjectName(u"refresh")

        self.topLayout.addWidget(self.refresh, 0, Qt.AlignmentFlag.AlignTop)

        self.topLayout.setStretch(0, 1)

        self.rightLayout.addLayout(self.topLayout)

        self.loop_host = QWidget(EmailInboxPage)
        self.loop_host.setObjectName(u"loop_host")
        self.loopHostLayout = QVBoxLayout(self.loop_host)
        self.loopHostLayout.setObjectName(u"loopHostLayout")
        self.loopHostLayout.setContentsMargins(0, 0, 0, 0)

        self.rightLayout.addWidget(self.loop_host)

        self.stack = QStackedWidget(EmailInboxPage)
        self.stack.setObjectName(u"stack")
        self.split = QSplitter()
        self.split.setObjectName(u"split")
        self.split.setOrientation(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.messages = QTableView(self.split)
        self.messages.setObjectName(u"messages")
        self.split.addWidget(self.messages)
        self.preview_host = QWidget(self.split)
        self.preview_host.setObjectName(u"preview_host")
        self.previewLayout = QVBoxLayout(self.preview_host)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewLayout.setContentsMargins(0, 0, 0, 0)
        self.split.addWidget(self.preview_host)
        self.stack.addWidget(self.split)
        self.notifications = QTableView()
        self.notifications.setObjectName(u"notifications")
        self.stack.addWidget(self.notifications)
        self.explanation = QLabel()
        self.explanation.setObjectName(u"explanation")
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setWordWrap(True)
        self.explanation.setMargin(40)
        self.stack.addWidget(self.explanation)

        self.rightLayout.addWidget(self.stack)

        self.inbox_status = QLabel(EmailInboxPage)
        self.inbox_status.setObjectName(u"inbox_status")
        self.inbox_status.setStyleSheet(u"color: #555;")
        self.inbox_status.setTextFormat(Qt.TextFormat.PlainText)

        self.rightLayout.addWidget(self.inbox_status)

        self.rightLayout.setStretch(2, 1)

        self.pageLayout.addLayout(self.rightLayout)

#if QT_CONFIG(shortcut)
        self.provider_label.setBuddy(self.provider)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EmailInboxPage)
    # setupUi

    def retranslateUi(self, EmailInboxPage: Any) -> None:
        self.provider_label.setText(QCoreApplication.translate("EmailInboxPage", u"Working in the inbox of", None))
#if QT_CONFIG(tooltip)
        self.provider.setToolTip(QCoreApplication.translate("EmailInboxPage", u"InboxDelegate: choose the provider whose mail you triage", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.mailboxes.setAccessibleName(QCoreApplication.translate("EmailInboxPage", u"Mailboxes", None))
#endif // QT_CONFIG(accessibility)
        self.search.setPlaceholderText(QCoreApplication.translate("EmailInboxPage", u"Search subject, message or patient name", None))
#if QT_CONFIG(accessibility)
        self.search.setAccessibleName(QCoreApplication.translate("EmailInboxPage", u"Search", None))
#endif // QT_CONFIG(accessibility)
        self.use_from.setText(QCoreApplication.translate("EmailInboxPage", u"From", None))
        self.date_from.setDisplayFormat(QCoreApplication.translate("EmailInboxPage", u"MM/dd/yyyy", None))
        self.use_to.setText(QCoreApplication.translate("EmailInboxPage", u"to", None))
        self.date_to.setDisplayFormat(QCoreApplication.translate("EmailInboxPage", u"MM/dd/yyyy", None))
        self.unread_only.setText(QCoreApplication.translate("EmailInboxPage", u"Unread only", None))
#if QT_CONFIG(tooltip)
        self.show_hidden.setToolTip(QCoreApplication.translate("EmailInboxPage", u"List the hidden messages instead (to restore one)", None))
#endif // QT_CONFIG(tooltip)
        self.show_hidden.setText(QCoreApplication.translate("EmailInboxPage", u"Show hidden", None))
        self.notice_title.setText(QCoreApplication.translate("EmailInboxPage", u"Notification e-mails of this provider's sent messages", None))
        self.failed_only.setText(QCoreApplication.translate("EmailInboxPage", u"Failed only", None))
#if QT_CONFIG(tooltip)
        self.retry.setToolTip(QCoreApplication.translate("EmailInboxPage", u"Queue the selected notification e-mail again", None))
#endif // QT_CONFIG(tooltip)
        self.retry.setText(QCoreApplication.translate("EmailInboxPage", u"Retry", None))
#if QT_CONFIG(tooltip)
        self.cancel_scheduled.setToolTip(QCoreApplication.translate("EmailInboxPage", u"Cancel the delivery of the selected message: it goes back to Drafts, nothing lost", None))
#endif // QT_CONFIG(tooltip)
        self.cancel_scheduled.setText(QCoreApplication.translate("EmailInboxPage", u"Cancel Delivery", None))
#if QT_CONFIG(tooltip)
        self.delete_draft.setToolTip(QCoreApplication.translate("EmailInboxPage", u"Delete the selected draft (Del)", None))
#endif // QT_CONFIG(tooltip)
        self.delete_draft.setText(QCoreApplication.translate("EmailInboxPage", u"Delete Draft", None))
#if QT_CONFIG(tooltip)
        self.refresh.setToolTip(QCoreApplication.translate("EmailInboxPage", u"Look for new messages (F5)", None))
#endif // QT_CONFIG(tooltip)
        self.refresh.setText(QCoreApplication.translate("EmailInboxPage", u"Refresh", None))
#if QT_CONFIG(shortcut)
        self.refresh.setShortcut(QCoreApplication.translate("EmailInboxPage", u"F5", None))
#endif // QT_CONFIG(shortcut)
#if QT_CONFIG(accessibility)
        self.messages.setAccessibleName(QCoreApplication.translate("EmailInboxPage", u"Messages", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.notifications.setAccessibleName(QCoreApplication.translate("EmailInboxPage", u"Notification e-mails", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

