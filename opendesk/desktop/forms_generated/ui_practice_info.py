"""Generated from forms/practice_info.ui by opendesk.desktop.forms_build: do not edit."""
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

class Ui_PracticeInfoDialog(object):
    def setupUi(self, PracticeInfoDialog: Any) -> None:
        if not PracticeInfoDialog.objectName():
            PracticeInfoDialog.setObjectName(u"PracticeInfoDialog")
        PracticeInfoDialog.resize(480, 300)
        self.mainLayout = QVBoxLayout(PracticeInfoDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.practice_nameLabel = QLabel(PracticeInfoDialog)
        self.practice_nameLabel.setObjectName(u"practice_nameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.practice_nameLabel)

        self.practice_name = QLineEdit(PracticeInfoDialog)
        self.practice_name.setObjectName(u"practice_name")
        self.practice_name.setMaxLength(200)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.practice_name)

        self.practice_name_error = QLabel(PracticeInfoDialog)
        self.practice_name_error.setObjectName(u"practice_name_error")
        self.practice_name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_name_error.setWordWrap(True)
        self.practice_name_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.practice_name_error)

        self.practice_phoneLabel = QLabel(PracticeInfoDialog)
        self.practice_phoneLabel.setObjectName(u"practice_phoneLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.practice_phoneLabel)

        self.practice_phone = QLineEdit(PracticeInfoDialog)
        self.practice_phone.setObjectName(u"practice_phone")
        self.practice_phone.setMaxLength(30)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.practice_phone)

        self.practice_phone_error = QLabel(PracticeInfoDialog)
        self.practice_phone_error.setObjectName(u"practice_phone_error")
        self.practice_phone_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_phone_error.setWordWrap(True)
        self.practice_phone_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.practice_phone_error)

        self.practice_addressLabel = QLabel(PracticeInfoDialog)
        self.practice_addressLabel.setObjectName(u"practice_addressLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.practice_addressLabel)

        self.practice_address = QPlainTextEdit(PracticeInfoDialog)
        self.practice_address.setObjectName(u"practice_address")
        self.practice_address.setTabChangesFocus(True)
        self.practice_address.setMaximumSize(QSize(16777215, 70))

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.practice_address)

        self.practice_address_error = QLabel(PracticeInfoDialog)
        self.practice_address_error.setObjectName(u"practice_address_error")
        self.practice_address_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_address_error.setWordWrap(True)
        self.practice_address_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.practice_address_error)


        self.mainLayout.addLayout(self.formLayout)

        self.usageLabel = QLabel(PracticeInfoDialog)
        self.usageLabel.setObjectName(u"usageLabel")
        self.usageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.usageLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.usageLabel)

        self.messageLabel = QLabel(PracticeInfoDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(PracticeInfoDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.practice_nameLabel.setBuddy(self.practice_name)
        self.practice_phoneLabel.setBuddy(self.practice_phone)
        self.practice_addressLabel.setBuddy(self.practice_address)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PracticeInfoDialog)
    # setupUi

    def retranslateUi(self, PracticeInfoDialog: Any) -> None:
        PracticeInfoDialog.setWindowTitle(QCoreApplication.translate("PracticeInfoDialog", u"Practice", None))
        self.practice_nameLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"Practice &name", None))
        self.practice_name_error.setText("")
        self.practice_phoneLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"&Phone", None))
        self.practice_phone_error.setText("")
        self.practice_addressLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"&Address", None))
        self.practice_address_error.setText("")
        self.usageLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"The name, phone and address can appear in the notification e-mail through the tags [OfficeName], [OfficePhone] and [OfficeAddress].", None))
        self.messageLabel.setText("")
    # retranslateUi

