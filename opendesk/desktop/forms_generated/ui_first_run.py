"""Generated from forms/first_run.ui by opendesk.desktop.forms_build: do not edit."""
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
    QFormLayout, QGroupBox, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunDialog: Any) -> None:
        if not FirstRunDialog.objectName():
            FirstRunDialog.setObjectName(u"FirstRunDialog")
        FirstRunDialog.resize(520, 560)
        self.mainLayout = QVBoxLayout(FirstRunDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(FirstRunDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.practiceBox = QGroupBox(FirstRunDialog)
        self.practiceBox.setObjectName(u"practiceBox")
        self.practiceForm = QFormLayout(self.practiceBox)
        self.practiceForm.setObjectName(u"practiceForm")
        self.practice_nameLabel = QLabel(self.practiceBox)
        self.practice_nameLabel.setObjectName(u"practice_nameLabel")

        self.practiceForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.practice_nameLabel)

        self.practice_name = QLineEdit(self.practiceBox)
        self.practice_name.setObjectName(u"practice_name")
        self.practice_name.setMaxLength(200)

        self.practiceForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.practice_name)

        self.practice_name_error = QLabel(self.practiceBox)
        self.practice_name_error.setObjectName(u"practice_name_error")
        self.practice_name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_name_error.setWordWrap(True)
        self.practice_name_error.setStyleSheet(u"color: #b00020;")

        self.practiceForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.practice_name_error)

        self.practice_phoneLabel = QLabel(self.practiceBox)
        self.practice_phoneLabel.setObjectName(u"practice_phoneLabel")

        self.practiceForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.practice_phoneLabel)

        self.practice_phone = QLineEdit(self.practiceBox)
        self.practice_phone.setObjectName(u"practice_phone")
        self.practice_phone.setMaxLength(30)

        self.practiceForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.practice_phone)

        self.practice_phone_error = QLabel(self.practiceBox)
        self.practice_phone_error.setObjectName(u"practice_phone_error")
        self.practice_phone_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_phone_error.setWordWrap(True)
        self.practice_phone_error.setStyleSheet(u"color: #b00020;")

        self.practiceForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.practice_phone_error)

        self.practice_addressLabel = QLabel(self.practiceBox)
        self.practice_addressLabel.setObjectName(u"practice_addressLabel")

        self.practiceForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.practice_addressLabel)

        self.practice_address = QPlainTextEdit(self.practiceBox)
        self.practice_address.setObjectName(u"practice_address")
        self.practice_address.setTabChangesFocus(True)
        self.practice_address.setMaximumSize(QSize(16777215, 70))

        self.practiceForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.practice_address)

        self.practice_address_error = QLabel(self.practiceBox)
        self.practice_address_error.setObjectName(u"practice_address_error")
        self.practice_address_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_address_error.setWordWrap(True)
        self.practice_address_error.setStyleSheet(u"color: #b00020;")

        self.practiceForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.practice_address_error)


        self.mainLayout.addWidget(self.practiceBox)

        self.adminBox = QGroupBox(FirstRunDialog)
        self.adminBox.setObjectName(u"adminBox")
        self.adminLayout = QVBoxLayout(self.adminBox)
        self.adminLayout.setObjectName(u"adminLayout")
        self.adminForm = QFormLayout()
        self.adminForm.setObjectName(u"adminForm")
        self.usernameLabel = QLabel(self.adminBox)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.adminForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.username = QLineEdit(self.adminBox)
        self.username.setObjectName(u"username")
        self.username.setMaxLength(100)

        self.adminForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username)

        self.username_error = QLabel(self.adminBox)
        self.username_error.setObjectName(u"username_error")
        self.username_error.setTextFormat(Qt.TextFormat.PlainText)
        self.username_error.setWordWrap(True)
        self.username_error.setStyleSheet(u"color: #b00020;")

        self.adminForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.username_error)

        self.passwordLabel = QLabel(self.adminBox)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.adminForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.password = QLineEdit(self.adminBox)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.adminForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.password)

        self.password_error = QLabel(self.adminBox)
        self.password_error.setObjectName(u"password_error")
        self.password_error.setTextFormat(Qt.TextFormat.PlainText)
        self.password_error.setWordWrap(True)
        self.password_error.setStyleSheet(u"color: #b00020;")

        self.adminForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.password_error)

        self.password_repeatLabel = QLabel(self.adminBox)
        self.password_repeatLabel.setObjectName(u"password_repeatLabel")

        self.adminForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.password_repeatLabel)

        self.password_repeat = QLineEdit(self.adminBox)
        self.password_repeat.setObjectName(u"password_repeat")
        self.password_repeat.setEchoMode(QLineEdit.EchoMode.Password)

        self.adminForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.password_repeat)

        self.password_repeat_error = QLabel(self.adminBox)
        self.password_repeat_error.setObjectName(u"password_repeat_error")
        self.password_repeat_error.setTextFormat(Qt.TextFormat.PlainText)
        self.password_repeat_error.setWordWrap(True)
        self.password_repeat_error.setStyleSheet(u"color: #b00020;")

        self.adminForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.password_repeat_error)


        self.adminLayout.addLayout(self.adminForm)

        self.rulesLabel = QLabel(self.adminBox)
        self.rulesLabel.setObjectName(u"rulesLabel")
        self.rulesLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.rulesLabel.setWordWrap(True)

        self.adminLayout.addWidget(self.rulesLabel)


        self.mainLayout.addWidget(self.adminBox)

        self.messageLabel = QLabel(FirstRunDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(FirstRunDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.practice_nameLabel.setBuddy(self.practice_name)
        self.practice_phoneLabel.setBuddy(self.practice_phone)
        self.practice_addressLabel.setBuddy(self.practice_address)
        self.usernameLabel.setBuddy(self.username)
        self.passwordLabel.setBuddy(self.password)
        self.password_repeatLabel.setBuddy(self.password_repeat)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FirstRunDialog)
    # setupUi

    def retranslateUi(self, FirstRunDialog: Any) -> None:
        FirstRunDialog.setWindowTitle(QCoreApplication.translate("FirstRunDialog", u"OpenDesk - First Run", None))
        self.introLabel.setText(QCoreApplication.translate("FirstRunDialog", u"This practice database is empty. Enter the practice's details and create the first administrator; you will then log in with that user name and password.", None))
        self.practiceBox.setTitle(QCoreApplication.translate("FirstRunDialog", u"Practice", None))
        self.practice_nameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Practice &name", None))
        self.practice_name_error.setText("")
        self.practice_phoneLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Phone", None))
        self.practice_phone_error.setText("")
        self.practice_addressLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Address", None))
        self.practice_address_error.setText("")
        self.adminBox.setTitle(QCoreApplication.translate("FirstRunDialog", u"First administrator", None))
        self.usernameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Administrator &user name", None))
        self.username_error.setText("")
        self.passwordLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Pass&word", None))
        self.password_error.setText("")
        self.password_repeatLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Repeat password", None))
        self.password_repeat_error.setText("")
        self.rulesLabel.setText("")
        self.messageLabel.setText("")
    # retranslateUi

