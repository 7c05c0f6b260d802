"""Generated from forms/urgent_words.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_UrgentWordsDialog(object):
    def setupUi(self, UrgentWordsDialog: Any) -> None:
        if not UrgentWordsDialog.objectName():
            UrgentWordsDialog.setObjectName(u"UrgentWordsDialog")
        UrgentWordsDialog.resize(640, 600)
        self.mainLayout = QVBoxLayout(UrgentWordsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.introLabel = QLabel(UrgentWordsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.introLabel.setWordWrap(True)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.introLabel)

        self.urgent_wordsLabel = QLabel(UrgentWordsDialog)
        self.urgent_wordsLabel.setObjectName(u"urgent_wordsLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.urgent_wordsLabel)

        self.urgent_words = QPlainTextEdit(UrgentWordsDialog)
        self.urgent_words.setObjectName(u"urgent_words")
        self.urgent_words.setTabChangesFocus(True)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.urgent_words)

        self.urgent_words_error = QLabel(UrgentWordsDialog)
        self.urgent_words_error.setObjectName(u"urgent_words_error")
        self.urgent_words_error.setTextFormat(Qt.TextFormat.PlainText)
        self.urgent_words_error.setWordWrap(True)
        self.urgent_words_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.urgent_words_error)

        self.emergency_phoneLabel = QLabel(UrgentWordsDialog)
        self.emergency_phoneLabel.setObjectName(u"emergency_phoneLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.emergency_phoneLabel)

        self.emergency_phone = QLineEdit(UrgentWordsDialog)
        self.emergency_phone.setObjectName(u"emergency_phone")
        self.emergency_phone.setMaxLength(60)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.emergency_phone)

        self.emergency_phone_error = QLabel(UrgentWordsDialog)
        self.emergency_phone_error.setObjectName(u"emergency_phone_error")
        self.emergency_phone_error.setTextFormat(Qt.TextFormat.PlainText)
        self.emergency_phone_error.setWordWrap(True)
        self.emergency_phone_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.emergency_phone_error)

        self.emergency_instructionsLabel = QLabel(UrgentWordsDialog)
        self.emergency_instructionsLabel.setObjectName(u"emergency_instructionsLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.emergency_instructionsLabel)

        self.emergency_instructions = QPlainTextEdit(UrgentWordsDialog)
        self.emergency_instructions.setObjectName(u"emergency_instructions")
        self.emergency_instructions.setTabChangesFocus(True)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.emergency_instructions)

        self.emergency_instructions_error = QLabel(UrgentWordsDialog)
        self.emergency_instructions_error.setObjectName(u"emergency_instructions_error")
        self.emergency_instructions_error.setTextFormat(Qt.TextFormat.PlainText)
        self.emergency_instructions_error.setWordWrap(True)
        self.emergency_instructions_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.emergency_instructions_error)

        self.after_hours_replyLabel = QLabel(UrgentWordsDialog)
        self.after_hours_replyLabel.setObjectName(u"after_hours_replyLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.after_hours_replyLabel)

        self.after_hours_reply = QPlainTextEdit(UrgentWordsDialog)
        self.after_hours_reply.setObjectName(u"after_hours_reply")
        self.after_hours_reply.setTabChangesFocus(True)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.after_hours_reply)

        self.after_hours_reply_error = QLabel(UrgentWordsDialog)
        self.after_hours_reply_error.setObjectName(u"after_hours_reply_error")
        self.after_hours_reply_error.setTextFormat(Qt.TextFormat.PlainText)
        self.after_hours_reply_error.setWordWrap(True)
        self.after_hours_reply_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.after_hours_reply_error)

        self.placeholdersLabel = QLabel(UrgentWordsDialog)
        self.placeholdersLabel.setObjectName(u"placeholdersLabel")
        self.placeholdersLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholdersLabel.setWordWrap(True)

        self.formLayout.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.placeholdersLabel)


        self.mainLayout.addLayout(self.formLayout)

        self.messageLabel = QLabel(UrgentWordsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(UrgentWordsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.urgent_wordsLabel.setBuddy(self.urgent_words)
        self.emergency_phoneLabel.setBuddy(self.emergency_phone)
        self.emergency_instructionsLabel.setBuddy(self.emergency_instructions)
        self.after_hours_replyLabel.setBuddy(self.after_hours_reply)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UrgentWordsDialog)
    # setupUi

    def retranslateUi(self, UrgentWordsDialog: Any) -> None:
        UrgentWordsDialog.setWindowTitle(QCoreApplication.translate("UrgentWordsDialog", u"Urgent Words and After-Hours Reply", None))
        self.introLabel.setText(QCoreApplication.translate("UrgentWordsDialog", u"Before a patient's message is sent, the portal looks for these words. When one is found, the patient sees the emergency instructions and chooses \"Call the office\" or \"Send anyway\" (then the message is marked Urgent for the staff).", None))
        self.urgent_wordsLabel.setText(QCoreApplication.translate("UrgentWordsDialog", u"&Urgent words", None))
#if QT_CONFIG(tooltip)
        self.urgent_words.setToolTip(QCoreApplication.translate("UrgentWordsDialog", u"One word or phrase per line (or separated by commas). Whole words only; capitals and accents do not matter.", None))
#endif // QT_CONFIG(tooltip)
        self.urgent_words_error.setText("")
        self.emergency_phoneLabel.setText(QCoreApplication.translate("UrgentWordsDialog", u"Emergency &phone", None))
        self.emergency_phone.setPlaceholderText(QCoreApplication.translate("UrgentWordsDialog", u"The practice phone", None))
        self.emergency_phone_error.setText("")
        self.emergency_instructionsLabel.setText(QCoreApplication.translate("UrgentWordsDialog", u"Emergency &instructions", None))
#if QT_CONFIG(tooltip)
        self.emergency_instructions.setToolTip(QCoreApplication.translate("UrgentWordsDialog", u"Shown when an urgent word is found. [PHONE] becomes the emergency phone.", None))
#endif // QT_CONFIG(tooltip)
        self.emergency_instructions_error.setText("")
        self.after_hours_replyLabel.setText(QCoreApplication.translate("UrgentWordsDialog", u"&After-hours reply", None))
#if QT_CONFIG(tooltip)
        self.after_hours_reply.setToolTip(QCoreApplication.translate("UrgentWordsDialog", u"Sent into the thread when a patient writes while the office is closed, at most once per conversation in 12 hours. [OPENS] becomes when the office opens, [PHONE] the emergency phone. Empty: no automatic reply.", None))
#endif // QT_CONFIG(tooltip)
        self.after_hours_reply_error.setText("")
        self.placeholdersLabel.setText(QCoreApplication.translate("UrgentWordsDialog", u"[PHONE] is replaced by the emergency phone (or the practice phone), [OPENS] by when the office next opens, e.g. \"Tue 8:00 AM\". Leave the after-hours reply empty to send none.", None))
        self.messageLabel.setText("")
    # retranslateUi

