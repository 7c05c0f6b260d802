"""Generated from forms/signature.ui by opendesk.desktop.forms_build: do not edit."""
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
    QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_SignatureDialog(object):
    def setupUi(self, SignatureDialog: Any) -> None:
        if not SignatureDialog.objectName():
            SignatureDialog.setObjectName(u"SignatureDialog")
        SignatureDialog.resize(460, 300)
        self.mainLayout = QVBoxLayout(SignatureDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.provider_name = QLabel(SignatureDialog)
        self.provider_name.setObjectName(u"provider_name")
        self.provider_name.setTextFormat(Qt.TextFormat.PlainText)
        self.provider_name.setWordWrap(True)

        self.mainLayout.addWidget(self.provider_name)

        self.signature = QPlainTextEdit(SignatureDialog)
        self.signature.setObjectName(u"signature")
        self.signature.setTabChangesFocus(True)

        self.mainLayout.addWidget(self.signature)

        self.signature_error = QLabel(SignatureDialog)
        self.signature_error.setObjectName(u"signature_error")
        self.signature_error.setTextFormat(Qt.TextFormat.PlainText)
        self.signature_error.setWordWrap(True)
        self.signature_error.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.signature_error)

        self.messageLabel = QLabel(SignatureDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(SignatureDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(1, 1)

        self.retranslateUi(SignatureDialog)
    # setupUi

    def retranslateUi(self, SignatureDialog: Any) -> None:
        SignatureDialog.setWindowTitle(QCoreApplication.translate("SignatureDialog", u"Signature", None))
        self.provider_name.setText("")
        self.signature.setPlaceholderText(QCoreApplication.translate("SignatureDialog", u"Plain text added after a blank line to new messages and replies, e.g. your name and title.", None))
        self.signature_error.setText("")
        self.messageLabel.setText("")
    # retranslateUi

