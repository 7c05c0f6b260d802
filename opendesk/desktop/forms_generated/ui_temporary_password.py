"""Generated from forms/temporary_password.ui by opendesk.desktop.forms_build: do not edit."""
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
    QLabel, QLineEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_TemporaryPasswordDialog(object):
    def setupUi(self, TemporaryPasswordDialog: Any) -> None:
        if not TemporaryPasswordDialog.objectName():
            TemporaryPasswordDialog.setObjectName(u"TemporaryPasswordDialog")
        TemporaryPasswordDialog.resize(420, 200)
        self.mainLayout = QVBoxLayout(TemporaryPasswordDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.explanationLabel = QLabel(TemporaryPasswordDialog)
        self.explanationLabel.setObjectName(u"explanationLabel")
        self.explanationLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.explanationLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.explanationLabel)

        self.passwordEdit = QLineEdit(TemporaryPasswordDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setReadOnly(True)

        self.mainLayout.addWidget(self.passwordEdit)

        self.onceLabel = QLabel(TemporaryPasswordDialog)
        self.onceLabel.setObjectName(u"onceLabel")
        self.onceLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.onceLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.onceLabel)

        self.buttonBox = QDialogButtonBox(TemporaryPasswordDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(TemporaryPasswordDialog)
    # setupUi

    def retranslateUi(self, TemporaryPasswordDialog: Any) -> None:
        TemporaryPasswordDialog.setWindowTitle(QCoreApplication.translate("TemporaryPasswordDialog", u"Temporary Password", None))
        self.explanationLabel.setText("")
        self.onceLabel.setText(QCoreApplication.translate("TemporaryPasswordDialog", u"This password is shown once. Give it to the user; they must choose their own at their next login.", None))
    # retranslateUi

