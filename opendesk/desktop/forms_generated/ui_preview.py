"""Generated from forms/preview.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_PreviewDialog(object):
    def setupUi(self, PreviewDialog: Any) -> None:
        if not PreviewDialog.objectName():
            PreviewDialog.setObjectName(u"PreviewDialog")
        PreviewDialog.resize(700, 720)
        self.mainLayout = QVBoxLayout(PreviewDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.intro = QLabel(PreviewDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)

        self.mainLayout.addWidget(self.intro)

        self.notice_group = QGroupBox(PreviewDialog)
        self.notice_group.setObjectName(u"notice_group")
        self.noticeLayout = QVBoxLayout(self.notice_group)
        self.noticeLayout.setObjectName(u"noticeLayout")
        self.noticeForm = QFormLayout()
        self.noticeForm.setObjectName(u"noticeForm")
        self.notice_to_label = QLabel(self.notice_group)
        self.notice_to_label.setObjectName(u"notice_to_label")

        self.noticeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.notice_to_label)

        self.notice_to = QLabel(self.notice_group)
        self.notice_to.setObjectName(u"notice_to")
        self.notice_to.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.noticeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.notice_to)

        self.notice_from_label = QLabel(self.notice_group)
        self.notice_from_label.setObjectName(u"notice_from_label")

        self.noticeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.notice_from_label)

        self.notice_from = QLabel(self.notice_group)
        self.notice_from.setObjectName(u"notice_from")
        self.notice_from.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_from.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.noticeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.notice_from)

        self.notice_subject_label = QLabel(self.notice_group)
        self.notice_subject_label.setObjectName(u"notice_subject_label")

        self.noticeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.notice_subject_label)

        self.notice_subject = QLabel(self.notice_group)
        self.notice_subject.setObjectName(u"notice_subject")
        self.notice_subject.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_subject.setWordWrap(True)
        self.notice_subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.noticeForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.notice_subject)


        self.noticeLayout.addLayout(self.noticeForm)

        self.notice_body = QPlainTextEdit(self.notice_group)
        self.notice_body.setObjectName(u"notice_body")
        self.notice_body.setReadOnly(True)
        self.notice_body.setMaximumSize(QSize(16777215, 90))

        self.noticeLayout.addWidget(self.notice_body)


        self.mainLayout.addWidget(self.notice_group)

        self.message_group = QGroupBox(PreviewDialog)
        self.message_group.setObjectName(u"message_group")
        self.messageLayout = QVBoxLayout(self.message_group)
        self.messageLayout.setObjectName(u"messageLayout")
        self.messageForm = QFormLayout()
        self.messageForm.setObjectName(u"messageForm")
        self.message_to_label = QLabel(self.message_group)
        self.message_to_label.setObjectName(u"message_to_label")

        self.messageForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.message_to_label)

        self.message_to = QLabel(self.message_group)
        self.message_to.setObjectName(u"message_to")
        self.message_to.setTextFormat(Qt.TextFormat.PlainText)

        self.messageForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.message_to)

        self.message_regarding_label = QLabel(self.message_group)
        self.message_regarding_label.setObjectName(u"message_regarding_label")

        self.messageForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.message_regarding_label)

        self.message_regarding = QLabel(self.message_group)
        self.message_regarding.setObjectName(u"message_regarding")
        self.message_regarding.setTextFormat(Qt.TextFormat.PlainText)

        self.messageForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.message_regarding)

        self.message_provider_label = QLabel(self.message_group)
        self.message_provider_label.setObjectName(u"message_provider_label")

        self.messageForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.message_provider_label)

        self.message_provider = QLabel(self.message_group)
        self.message_provider.setObjectName(u"message_provider")
        self.message_provider.setTextFormat(Qt.TextFormat.PlainText)

        self.messageForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.message_provider)

        self.message_subject_label = QLabel(self.message_group)
        self.message_subject_label.setObjectName(u"message_subject_label")

        self.messageForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.message_subject_label)

        self.message_subject = QLabel(self.message_group)
        self.message_subject.setObjectName(u"message_subject")
        self.message_subject.setTextFormat(Qt.TextFormat.PlainText)
        self.message_subject.setWordWrap(True)
        self.message_subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.messageForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.message_subject)

        self.message_attachments_label = QLabel(self.message_group)
        self.message_attachments_label.setObjectName(u"message_attachments_label")

        self.messageForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.message_attachments_label)

        self.message_attachments = QLabel(self.message_group)
        self.message_attachments.setObjectName(u"message_attachments")
        self.message_attachments.setTextFormat(Qt.TextFormat.PlainText)
        self.message_attachments.setWordWrap(True)

        self.messageForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.message_attachments)


        self.messageLayout.addLayout(self.messageForm)

        self.message_body = QPlainTextEdit(self.message_group)
        self.message_body.setObjectName(u"message_body")
        self.message_body.setReadOnly(True)

        self.messageLayout.addWidget(self.message_body)


        self.mainLayout.addWidget(self.message_group)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.copy_button = QPushButton(PreviewDialog)
        self.copy_button.setObjectName(u"copy_button")
        self.copy_button.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.copy_button)

        self.print_button = QPushButton(PreviewDialog)
        self.print_button.setObjectName(u"print_button")
        self.print_button.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.print_button)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.close_button = QPushButton(PreviewDialog)
        self.close_button.setObjectName(u"close_button")

        self.buttonsLayout.addWidget(self.close_button)


        self.mainLayout.addLayout(self.buttonsLayout)

        self.mainLayout.setStretch(2, 1)

        self.retranslateUi(PreviewDialog)

        self.close_button.setDefault(True)

    # setupUi

    def retranslateUi(self, PreviewDialog: Any) -> None:
        PreviewDialog.setWindowTitle(QCoreApplication.translate("PreviewDialog", u"Preview - Secure WebMail", None))
        self.intro.setText(QCoreApplication.translate("PreviewDialog", u"The patient gets two things: an ordinary e-mail that only says a message is waiting (it is not secure, so it holds no patient information), and the secure message itself in the patient portal.", None))
        self.notice_group.setTitle(QCoreApplication.translate("PreviewDialog", u"1. Notification e-mail (not secure)", None))
        self.notice_to_label.setText(QCoreApplication.translate("PreviewDialog", u"To:", None))
        self.notice_from_label.setText(QCoreApplication.translate("PreviewDialog", u"From:", None))
        self.notice_subject_label.setText(QCoreApplication.translate("PreviewDialog", u"Subject:", None))
        self.message_group.setTitle(QCoreApplication.translate("PreviewDialog", u"2. Secure message (read in the patient portal)", None))
        self.message_to_label.setText(QCoreApplication.translate("PreviewDialog", u"Portal account:", None))
        self.message_regarding_label.setText(QCoreApplication.translate("PreviewDialog", u"Regarding:", None))
        self.message_provider_label.setText(QCoreApplication.translate("PreviewDialog", u"From provider:", None))
        self.message_subject_label.setText(QCoreApplication.translate("PreviewDialog", u"Subject:", None))
        self.message_attachments_label.setText(QCoreApplication.translate("PreviewDialog", u"Attachments:", None))
        self.copy_button.setText(QCoreApplication.translate("PreviewDialog", u"&Copy", None))
#if QT_CONFIG(tooltip)
        self.copy_button.setToolTip(QCoreApplication.translate("PreviewDialog", u"Copy both parts to the clipboard as plain text", None))
#endif // QT_CONFIG(tooltip)
        self.print_button.setText(QCoreApplication.translate("PreviewDialog", u"&Print...", None))
        self.close_button.setText(QCoreApplication.translate("PreviewDialog", u"Close", None))
    # retranslateUi

