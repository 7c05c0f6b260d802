"""Generated from forms/compose.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFrame,
    QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_ComposeWindow(object):
    def setupUi(self, ComposeWindow: Any) -> None:
        if not ComposeWindow.objectName():
            ComposeWindow.setObjectName(u"ComposeWindow")
        ComposeWindow.resize(760, 680)
        self.mainLayout = QVBoxLayout(ComposeWindow)
        self.mainLayout.setObjectName(u"mainLayout")
        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setHorizontalSpacing(10)
        self.regarding_label = QLabel(ComposeWindow)
        self.regarding_label.setObjectName(u"regarding_label")

        self.fieldsLayout.addWidget(self.regarding_label, 0, 0, 1, 1)

        self.regarding = QComboBox(ComposeWindow)
        self.regarding.setObjectName(u"regarding")
        self.regarding.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.fieldsLayout.addWidget(self.regarding, 0, 1, 1, 1)

        self.recipient_label = QLabel(ComposeWindow)
        self.recipient_label.setObjectName(u"recipient_label")

        self.fieldsLayout.addWidget(self.recipient_label, 1, 0, 1, 1)

        self.recipient = QLabel(ComposeWindow)
        self.recipient.setObjectName(u"recipient")
        self.recipient.setTextFormat(Qt.TextFormat.PlainText)
        self.recipient.setWordWrap(True)
        self.recipient.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.fieldsLayout.addWidget(self.recipient, 1, 1, 1, 1)

        self.provider_label = QLabel(ComposeWindow)
        self.provider_label.setObjectName(u"provider_label")

        self.fieldsLayout.addWidget(self.provider_label, 2, 0, 1, 1)

        self.providerLayout = QHBoxLayout()
        self.providerLayout.setObjectName(u"providerLayout")
        self.provider = QLineEdit(ComposeWindow)
        self.provider.setObjectName(u"provider")
        self.provider.setReadOnly(True)
        self.provider.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.providerLayout.addWidget(self.provider)

        self.provider_button = QPushButton(ComposeWindow)
        self.provider_button.setObjectName(u"provider_button")
        self.provider_button.setMaximumSize(QSize(40, 16777215))

        self.providerLayout.addWidget(self.provider_button)


        self.fieldsLayout.addLayout(self.providerLayout, 2, 1, 1, 1)

        self.subject_label = QLabel(ComposeWindow)
        self.subject_label.setObjectName(u"subject_label")

        self.fieldsLayout.addWidget(self.subject_label, 3, 0, 1, 1)

        self.subject = QLineEdit(ComposeWindow)
        self.subject.setObjectName(u"subject")
        self.subject.setMaxLength(200)

        self.fieldsLayout.addWidget(self.subject, 3, 1, 1, 1)

        self.subject_error = QLabel(ComposeWindow)
        self.subject_error.setObjectName(u"subject_error")
        self.subject_error.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.subject_error, 4, 1, 1, 1)

        self.fieldsLayout.setColumnStretch(1, 1)

        self.mainLayout.addLayout(self.fieldsLayout)

        self.bodyHeaderLayout = QHBoxLayout()
        self.bodyHeaderLayout.setObjectName(u"bodyHeaderLayout")
        self.body_label = QLabel(ComposeWindow)
        self.body_label.setObjectName(u"body_label")

        self.bodyHeaderLayout.addWidget(self.body_label)

        self.body_error = QLabel(ComposeWindow)
        self.body_error.setObjectName(u"body_error")
        self.body_error.setTextFormat(Qt.TextFormat.PlainText)
        self.body_error.setStyleSheet(u"color: #b00020;")

        self.bodyHeaderLayout.addWidget(self.body_error)

        self.bodyHeaderSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bodyHeaderLayout.addItem(self.bodyHeaderSpacer)

        self.body_counter = QLabel(ComposeWindow)
        self.body_counter.setObjectName(u"body_counter")
        self.body_counter.setTextFormat(Qt.TextFormat.PlainText)

        self.bodyHeaderLayout.addWidget(self.body_counter)


        self.mainLayout.addLayout(self.bodyHeaderLayout)

        self.body = QPlainTextEdit(ComposeWindow)
        self.body.setObjectName(u"body")
        self.body.setTabChangesFocus(True)

        self.mainLayout.addWidget(self.body)

        self.attachments_group = QGroupBox(ComposeWindow)
        self.attachments_group.setObjectName(u"attachments_group")
        self.attachmentsLayout = QVBoxLayout(self.attachments_group)
        self.attachmentsLayout.setObjectName(u"attachmentsLayout")
        self.attachmentsLayout.setContentsMargins(6, 6, 6, 6)
        self.attachButtonsLayout = QHBoxLayout()
        self.attachButtonsLayout.setObjectName(u"attachButtonsLayout")
        self.attach_button = QPushButton(self.attachments_group)
        self.attach_button.setObjectName(u"attach_button")

        self.attachButtonsLayout.addWidget(self.attach_button)

        self.local_file_button = QPushButton(self.attachments_group)
        self.local_file_button.setObjectName(u"local_file_button")

        self.attachButtonsLayout.addWidget(self.local_file_button)

        self.attachSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.attachButtonsLayout.addItem(self.attachSpacer)


        self.attachmentsLayout.addLayout(self.attachButtonsLayout)


        self.mainLayout.addWidget(self.attachments_group)

        self.notify_line = QLabel(ComposeWindow)
        self.notify_line.setObjectName(u"notify_line")
        self.notify_line.setTextFormat(Qt.TextFormat.PlainText)
        self.notify_line.setWordWrap(True)

        self.mainLayout.addWidget(self.notify_line)

        self.problems_box = QFrame(ComposeWindow)
        self.problems_box.setObjectName(u"problems_box")
        self.problems_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.problems_box.setStyleSheet(u"QFrame#problems_box { background: #fdecee; border: 1px solid #e8a5ae; border-radius: 4px; }")
        self.problemsOuterLayout = QHBoxLayout(self.problems_box)
        self.problemsOuterLayout.setObjectName(u"problemsOuterLayout")
        self.problems_layout = QVBoxLayout()
        self.problems_layout.setSpacing(4)
        self.problems_layout.setObjectName(u"problems_layout")

        self.problemsOuterLayout.addLayout(self.problems_layout)

        self.recheck_button = QPushButton(self.problems_box)
        self.recheck_button.setObjectName(u"recheck_button")

        self.problemsOuterLayout.addWidget(self.recheck_button, 0, Qt.AlignmentFlag.AlignTop)

        self.problemsOuterLayout.setStretch(0, 1)

        self.mainLayout.addWidget(self.problems_box)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.save_draft_button = QPushButton(ComposeWindow)
        self.save_draft_button.setObjectName(u"save_draft_button")
        self.save_draft_button.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.save_draft_button)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.preview_button = QPushButton(ComposeWindow)
        self.preview_button.setObjectName(u"preview_button")
        self.preview_button.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.preview_button)

        self.send_button = QPushButton(ComposeWindow)
        self.send_button.setObjectName(u"send_button")
        self.send_button.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.send_button)

        self.cancel_button = QPushButton(ComposeWindow)
        self.cancel_button.setObjectName(u"cancel_button")
        self.cancel_button.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.cancel_button)


        self.mainLayout.addLayout(self.buttonsLayout)

        self.mainLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.regarding_label.setBuddy(self.regarding)
        self.provider_label.setBuddy(self.provider_button)
        self.subject_label.setBuddy(self.subject)
        self.body_label.setBuddy(self.body)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.regarding, self.provider_button)
        QWidget.setTabOrder(self.provider_button, self.subject)
        QWidget.setTabOrder(self.subject, self.body)
        QWidget.setTabOrder(self.body, self.attach_button)
        QWidget.setTabOrder(self.attach_button, self.local_file_button)
        QWidget.setTabOrder(self.local_file_button, self.save_draft_button)
        QWidget.setTabOrder(self.save_draft_button, self.preview_button)
        QWidget.setTabOrder(self.preview_button, self.send_button)
        QWidget.setTabOrder(self.send_button, self.cancel_button)

        self.retranslateUi(ComposeWindow)
    # setupUi

    def retranslateUi(self, ComposeWindow: Any) -> None:
        ComposeWindow.setWindowTitle(QCoreApplication.translate("ComposeWindow", u"Secure WebMail", None))
        self.regarding_label.setText(QCoreApplication.translate("ComposeWindow", u"&Regarding", None))
#if QT_CONFIG(tooltip)
        self.regarding.setToolTip(QCoreApplication.translate("ComposeWindow", u"The family member this message is about", None))
#endif // QT_CONFIG(tooltip)
        self.recipient_label.setText(QCoreApplication.translate("ComposeWindow", u"To", None))
        self.recipient.setText("")
        self.provider_label.setText(QCoreApplication.translate("ComposeWindow", u"&From provider", None))
        self.provider_button.setText(QCoreApplication.translate("ComposeWindow", u"...", None))
#if QT_CONFIG(tooltip)
        self.provider_button.setToolTip(QCoreApplication.translate("ComposeWindow", u"Choose another provider (only providers a user is linked to)", None))
#endif // QT_CONFIG(tooltip)
        self.subject_label.setText(QCoreApplication.translate("ComposeWindow", u"&Subject", None))
        self.subject_error.setText("")
        self.body_label.setText(QCoreApplication.translate("ComposeWindow", u"&Message", None))
        self.body_error.setText("")
        self.body_counter.setText(QCoreApplication.translate("ComposeWindow", u"0 / 10,000", None))
#if QT_CONFIG(tooltip)
        self.body_counter.setToolTip(QCoreApplication.translate("ComposeWindow", u"Characters used / allowed", None))
#endif // QT_CONFIG(tooltip)
        self.body.setPlaceholderText(QCoreApplication.translate("ComposeWindow", u"Type the message. It is plain text: the patient sees exactly what you type.", None))
        self.attachments_group.setTitle(QCoreApplication.translate("ComposeWindow", u"Attachments", None))
        self.attach_button.setText(QCoreApplication.translate("ComposeWindow", u"&Attach...", None))
#if QT_CONFIG(tooltip)
        self.attach_button.setToolTip(QCoreApplication.translate("ComposeWindow", u"Attach a file from the patient's A to Z folder (or Dropbox), or a local file", None))
#endif // QT_CONFIG(tooltip)
        self.local_file_button.setText(QCoreApplication.translate("ComposeWindow", u"Select &Local File...", None))
        self.notify_line.setText("")
        self.recheck_button.setText(QCoreApplication.translate("ComposeWindow", u"Check &again", None))
#if QT_CONFIG(tooltip)
        self.recheck_button.setToolTip(QCoreApplication.translate("ComposeWindow", u"Check the setup again after fixing it", None))
#endif // QT_CONFIG(tooltip)
        self.save_draft_button.setText(QCoreApplication.translate("ComposeWindow", u"Save &Draft", None))
        self.preview_button.setText(QCoreApplication.translate("ComposeWindow", u"Pre&view", None))
        self.send_button.setText(QCoreApplication.translate("ComposeWindow", u"Se&nd", None))
        self.cancel_button.setText(QCoreApplication.translate("ComposeWindow", u"Cancel", None))
    # retranslateUi

