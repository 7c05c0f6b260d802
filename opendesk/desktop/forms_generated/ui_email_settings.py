"""Generated from forms/email_settings.ui by opendesk.desktop.forms_build: do not edit."""
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
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

class Ui_EmailSettingsDialog(object):
    def setupUi(self, EmailSettingsDialog: Any) -> None:
        if not EmailSettingsDialog.objectName():
            EmailSettingsDialog.setObjectName(u"EmailSettingsDialog")
        EmailSettingsDialog.resize(520, 480)
        self.mainLayout = QVBoxLayout(EmailSettingsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(EmailSettingsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.notify_fromLabel = QLabel(EmailSettingsDialog)
        self.notify_fromLabel.setObjectName(u"notify_fromLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.notify_fromLabel)

        self.notify_from = QLineEdit(EmailSettingsDialog)
        self.notify_from.setObjectName(u"notify_from")
        self.notify_from.setMaxLength(254)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.notify_from)

        self.notify_from_error = QLabel(EmailSettingsDialog)
        self.notify_from_error.setObjectName(u"notify_from_error")
        self.notify_from_error.setTextFormat(Qt.TextFormat.PlainText)
        self.notify_from_error.setWordWrap(True)
        self.notify_from_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.notify_from_error)

        self.smtp_hostLabel = QLabel(EmailSettingsDialog)
        self.smtp_hostLabel.setObjectName(u"smtp_hostLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.smtp_hostLabel)

        self.smtp_host = QLineEdit(EmailSettingsDialog)
        self.smtp_host.setObjectName(u"smtp_host")
        self.smtp_host.setMaxLength(255)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.smtp_host)

        self.smtp_host_error = QLabel(EmailSettingsDialog)
        self.smtp_host_error.setObjectName(u"smtp_host_error")
        self.smtp_host_error.setTextFormat(Qt.TextFormat.PlainText)
        self.smtp_host_error.setWordWrap(True)
        self.smtp_host_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.smtp_host_error)

        self.smtp_portLabel = QLabel(EmailSettingsDialog)
        self.smtp_portLabel.setObjectName(u"smtp_portLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.smtp_portLabel)

        self.smtp_port = QSpinBox(EmailSettingsDialog)
        self.smtp_port.setObjectName(u"smtp_port")
        self.smtp_port.setMinimum(1)
        self.smtp_port.setMaximum(65535)
        self.smtp_port.setValue(587)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.smtp_port)

        self.smtp_port_error = QLabel(EmailSettingsDialog)
        self.smtp_port_error.setObjectName(u"smtp_port_error")
        self.smtp_port_error.setTextFormat(Qt.TextFormat.PlainText)
        self.smtp_port_error.setWordWrap(True)
        self.smtp_port_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.smtp_port_error)

        self.smtp_securityLabel = QLabel(EmailSettingsDialog)
        self.smtp_securityLabel.setObjectName(u"smtp_securityLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.smtp_securityLabel)

        self.smtp_security = QComboBox(EmailSettingsDialog)
        self.smtp_security.setObjectName(u"smtp_security")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.smtp_security)

        self.smtp_security_error = QLabel(EmailSettingsDialog)
        self.smtp_security_error.setObjectName(u"smtp_security_error")
        self.smtp_security_error.setTextFormat(Qt.TextFormat.PlainText)
        self.smtp_security_error.setWordWrap(True)
        self.smtp_security_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.smtp_security_error)

        self.smtp_userLabel = QLabel(EmailSettingsDialog)
        self.smtp_userLabel.setObjectName(u"smtp_userLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.smtp_userLabel)

        self.smtp_user = QLineEdit(EmailSettingsDialog)
        self.smtp_user.setObjectName(u"smtp_user")
        self.smtp_user.setMaxLength(254)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.smtp_user)

        self.smtp_user_error = QLabel(EmailSettingsDialog)
        self.smtp_user_error.setObjectName(u"smtp_user_error")
        self.smtp_user_error.setTextFormat(Qt.TextFormat.PlainText)
        self.smtp_user_error.setWordWrap(True)
        self.smtp_user_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.smtp_user_error)

        self.smtp_passwordLabel = QLabel(EmailSettingsDialog)
        self.smtp_passwordLabel.setObjectName(u"smtp_passwordLabel")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.smtp_passwordLabel)

        self.smtp_password = QLineEdit(EmailSettingsDialog)
        self.smtp_password.setObjectName(u"smtp_password")
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.smtp_password)

        self.smtp_password_error = QLabel(EmailSettingsDialog)
        self.smtp_password_error.setObjectName(u"smtp_password_error")
        self.smtp_password_error.setTextFormat(Qt.TextFormat.PlainText)
        self.smtp_password_error.setWordWrap(True)
        self.smtp_password_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.smtp_password_error)


        self.mainLayout.addLayout(self.formLayout)

        self.passwordStatusLabel = QLabel(EmailSettingsDialog)
        self.passwordStatusLabel.setObjectName(u"passwordStatusLabel")
        self.passwordStatusLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.passwordStatusLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.passwordStatusLabel)

        self.messageLabel = QLabel(EmailSettingsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(EmailSettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.notify_fromLabel.setBuddy(self.notify_from)
        self.smtp_hostLabel.setBuddy(self.smtp_host)
        self.smtp_portLabel.setBuddy(self.smtp_port)
        self.smtp_securityLabel.setBuddy(self.smtp_security)
        self.smtp_userLabel.setBuddy(self.smtp_user)
        self.smtp_passwordLabel.setBuddy(self.smtp_password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EmailSettingsDialog)
    # setupUi

    def retranslateUi(self, EmailSettingsDialog: Any) -> None:
        EmailSettingsDialog.setWindowTitle(QCoreApplication.translate("EmailSettingsDialog", u"General Email Settings", None))
        self.introLabel.setText(QCoreApplication.translate("EmailSettingsDialog", u"Only a PHI-free \"you have a secure message\" notice is sent by e-mail. The password is kept in this computer's keyring, never in the database.", None))
        self.notify_fromLabel.setText(QCoreApplication.translate("EmailSettingsDialog", u"Notification &From address", None))
        self.notify_from.setPlaceholderText(QCoreApplication.translate("EmailSettingsDialog", u"noreply@practice.example", None))
        self.notify_from_error.setText("")
        self.smtp_hostLabel.setText(QCoreApplication.translate("EmailSettingsDialog", u"SMTP &server", None))
        self.smtp_host_error.setText("")
        self.smtp_portLabel.setText(QCoreApplication.translate("EmailSettingsDialog", u"P&ort", None))
        self.smtp_port_error.setText("")
        self.smtp_securityLabel.setText(QCoreApplication.translate("EmailSettingsDialog", u"Se&curity", None))
        self.smtp_security_error.setText("")
        self.smtp_userLabel.setText(QCoreApplication.translate("EmailSettingsDialog", u"SMTP &user name", None))
        self.smtp_user_error.setText("")
        self.smtp_passwordLabel.setText(QCoreApplication.translate("EmailSettingsDialog", u"SMTP pass&word", None))
        self.smtp_password_error.setText("")
        self.passwordStatusLabel.setText("")
        self.messageLabel.setText("")
    # retranslateUi

