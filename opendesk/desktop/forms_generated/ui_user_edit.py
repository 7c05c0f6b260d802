"""Generated from forms/user_edit.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_UserEditDialog(object):
    def setupUi(self, UserEditDialog: Any) -> None:
        if not UserEditDialog.objectName():
            UserEditDialog.setObjectName(u"UserEditDialog")
        UserEditDialog.resize(440, 420)
        self.mainLayout = QVBoxLayout(UserEditDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.usernameLabel = QLabel(UserEditDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.username = QLineEdit(UserEditDialog)
        self.username.setObjectName(u"username")
        self.username.setMaxLength(100)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username)

        self.username_error = QLabel(UserEditDialog)
        self.username_error.setObjectName(u"username_error")
        self.username_error.setTextFormat(Qt.TextFormat.PlainText)
        self.username_error.setWordWrap(True)
        self.username_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.username_error)

        self.providerLabel = QLabel(UserEditDialog)
        self.providerLabel.setObjectName(u"providerLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.providerLabel)

        self.provider = QComboBox(UserEditDialog)
        self.provider.setObjectName(u"provider")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.provider)

        self.provider_error = QLabel(UserEditDialog)
        self.provider_error.setObjectName(u"provider_error")
        self.provider_error.setTextFormat(Qt.TextFormat.PlainText)
        self.provider_error.setWordWrap(True)
        self.provider_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.provider_error)

        self.groupsLabel = QLabel(UserEditDialog)
        self.groupsLabel.setObjectName(u"groupsLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.groupsLabel)

        self.groups = QListWidget(UserEditDialog)
        self.groups.setObjectName(u"groups")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.groups)

        self.groups_error = QLabel(UserEditDialog)
        self.groups_error.setObjectName(u"groups_error")
        self.groups_error.setTextFormat(Qt.TextFormat.PlainText)
        self.groups_error.setWordWrap(True)
        self.groups_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.groups_error)

        self.notice_emailLabel = QLabel(UserEditDialog)
        self.notice_emailLabel.setObjectName(u"notice_emailLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.notice_emailLabel)

        self.notice_email = QLineEdit(UserEditDialog)
        self.notice_email.setObjectName(u"notice_email")
        self.notice_email.setMaxLength(254)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.notice_email)

        self.notice_email_error = QLabel(UserEditDialog)
        self.notice_email_error.setObjectName(u"notice_email_error")
        self.notice_email_error.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_email_error.setWordWrap(True)
        self.notice_email_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.notice_email_error)


        self.mainLayout.addLayout(self.formLayout)

        self.passwordNote = QLabel(UserEditDialog)
        self.passwordNote.setObjectName(u"passwordNote")
        self.passwordNote.setTextFormat(Qt.TextFormat.PlainText)
        self.passwordNote.setWordWrap(True)

        self.mainLayout.addWidget(self.passwordNote)

        self.messageLabel = QLabel(UserEditDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(UserEditDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.username)
        self.providerLabel.setBuddy(self.provider)
        self.groupsLabel.setBuddy(self.groups)
        self.notice_emailLabel.setBuddy(self.notice_email)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UserEditDialog)
    # setupUi

    def retranslateUi(self, UserEditDialog: Any) -> None:
        UserEditDialog.setWindowTitle(QCoreApplication.translate("UserEditDialog", u"Edit User", None))
        self.usernameLabel.setText(QCoreApplication.translate("UserEditDialog", u"&User name", None))
        self.username_error.setText("")
        self.providerLabel.setText(QCoreApplication.translate("UserEditDialog", u"&Provider", None))
        self.provider_error.setText("")
        self.groupsLabel.setText(QCoreApplication.translate("UserEditDialog", u"&Groups", None))
        self.groups_error.setText("")
        self.notice_emailLabel.setText(QCoreApplication.translate("UserEditDialog", u"&Notice e-mail", None))
        self.notice_email.setPlaceholderText(QCoreApplication.translate("UserEditDialog", u"Empty: desktop alert only", None))
#if QT_CONFIG(tooltip)
        self.notice_email.setToolTip(QCoreApplication.translate("UserEditDialog", u"Where this user is told, without any patient details, that a patient message is past its response time.", None))
#endif // QT_CONFIG(tooltip)
        self.notice_email_error.setText("")
        self.passwordNote.setText("")
        self.messageLabel.setText("")
    # retranslateUi

