"""Generated from forms/attachment_settings.ui by opendesk.desktop.forms_build: do not edit."""
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
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QRadioButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_AttachmentSettingsDialog(object):
    def setupUi(self, AttachmentSettingsDialog: Any) -> None:
        if not AttachmentSettingsDialog.objectName():
            AttachmentSettingsDialog.setObjectName(u"AttachmentSettingsDialog")
        AttachmentSettingsDialog.resize(580, 420)
        self.mainLayout = QVBoxLayout(AttachmentSettingsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(AttachmentSettingsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.scannerForm = QFormLayout()
        self.scannerForm.setObjectName(u"scannerForm")
        self.scan_addressLabel = QLabel(AttachmentSettingsDialog)
        self.scan_addressLabel.setObjectName(u"scan_addressLabel")

        self.scannerForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.scan_addressLabel)

        self.addressLayout = QHBoxLayout()
        self.addressLayout.setObjectName(u"addressLayout")
        self.scan_address = QLineEdit(AttachmentSettingsDialog)
        self.scan_address.setObjectName(u"scan_address")

        self.addressLayout.addWidget(self.scan_address)

        self.testButton = QPushButton(AttachmentSettingsDialog)
        self.testButton.setObjectName(u"testButton")

        self.addressLayout.addWidget(self.testButton)


        self.scannerForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.addressLayout)

        self.scan_address_error = QLabel(AttachmentSettingsDialog)
        self.scan_address_error.setObjectName(u"scan_address_error")
        self.scan_address_error.setTextFormat(Qt.TextFormat.PlainText)
        self.scan_address_error.setWordWrap(True)
        self.scan_address_error.setStyleSheet(u"color: #b00020;")

        self.scannerForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.scan_address_error)

        self.addressHelpLabel = QLabel(AttachmentSettingsDialog)
        self.addressHelpLabel.setObjectName(u"addressHelpLabel")
        self.addressHelpLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.addressHelpLabel.setWordWrap(True)

        self.scannerForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.addressHelpLabel)

        self.statusLabel = QLabel(AttachmentSettingsDialog)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.statusLabel.setWordWrap(True)

        self.scannerForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.statusLabel)


        self.mainLayout.addLayout(self.scannerForm)

        self.policyBox = QGroupBox(AttachmentSettingsDialog)
        self.policyBox.setObjectName(u"policyBox")
        self.policyLayout = QVBoxLayout(self.policyBox)
        self.policyLayout.setObjectName(u"policyLayout")
        self.policy_refuse = QRadioButton(self.policyBox)
        self.policy_refuse.setObjectName(u"policy_refuse")
        self.policy_refuse.setChecked(True)

        self.policyLayout.addWidget(self.policy_refuse)

        self.policy_accept = QRadioButton(self.policyBox)
        self.policy_accept.setObjectName(u"policy_accept")

        self.policyLayout.addWidget(self.policy_accept)


        self.mainLayout.addWidget(self.policyBox)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.messageLabel = QLabel(AttachmentSettingsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(AttachmentSettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.scan_addressLabel.setBuddy(self.scan_address)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AttachmentSettingsDialog)
    # setupUi

    def retranslateUi(self, AttachmentSettingsDialog: Any) -> None:
        AttachmentSettingsDialog.setWindowTitle(QCoreApplication.translate("AttachmentSettingsDialog", u"Attachments", None))
        self.introLabel.setText(QCoreApplication.translate("AttachmentSettingsDialog", u"Every attachment, from staff and from patients, is scanned for malware by ClamAV (clamd) before it is stored. A file the scanner matches is refused.", None))
        self.scan_addressLabel.setText(QCoreApplication.translate("AttachmentSettingsDialog", u"Scanner &address", None))
        self.scan_address.setPlaceholderText(QCoreApplication.translate("AttachmentSettingsDialog", u"127.0.0.1:3310 or /var/run/clamav/clamd.ctl", None))
        self.testButton.setText(QCoreApplication.translate("AttachmentSettingsDialog", u"&Test", None))
        self.scan_address_error.setText("")
        self.addressHelpLabel.setText(QCoreApplication.translate("AttachmentSettingsDialog", u"host:port for clamd's TCP socket, or the path of its unix socket. Every workstation and the portal server must reach it. Left empty, each computer uses its OPENDESK_CLAMD setting, if IT set one.", None))
        self.statusLabel.setText(QCoreApplication.translate("AttachmentSettingsDialog", u"Checking the scanner\u2026", None))
        self.policyBox.setTitle(QCoreApplication.translate("AttachmentSettingsDialog", u"When the scanner does not answer", None))
        self.policy_refuse.setText(QCoreApplication.translate("AttachmentSettingsDialog", u"&Refuse attachments until it answers (recommended)", None))
        self.policy_accept.setText(QCoreApplication.translate("AttachmentSettingsDialog", u"A&ccept them, marked \u201cnot scanned\u201d (shown and audited)", None))
        self.messageLabel.setText("")
    # retranslateUi

