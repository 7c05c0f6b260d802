"""Generated from forms/user_list.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_UserListDialog(object):
    def setupUi(self, UserListDialog: Any) -> None:
        if not UserListDialog.objectName():
            UserListDialog.setObjectName(u"UserListDialog")
        UserListDialog.resize(720, 440)
        self.mainLayout = QVBoxLayout(UserListDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.usersView = QTableView(UserListDialog)
        self.usersView.setObjectName(u"usersView")
        self.usersView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.usersView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.usersView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.usersView.setAlternatingRowColors(True)

        self.bodyLayout.addWidget(self.usersView)

        self.buttonLayout = QVBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.addButton = QPushButton(UserListDialog)
        self.addButton.setObjectName(u"addButton")

        self.buttonLayout.addWidget(self.addButton)

        self.editButton = QPushButton(UserListDialog)
        self.editButton.setObjectName(u"editButton")

        self.buttonLayout.addWidget(self.editButton)

        self.resetButton = QPushButton(UserListDialog)
        self.resetButton.setObjectName(u"resetButton")

        self.buttonLayout.addWidget(self.resetButton)

        self.unlockButton = QPushButton(UserListDialog)
        self.unlockButton.setObjectName(u"unlockButton")

        self.buttonLayout.addWidget(self.unlockButton)

        self.disableButton = QPushButton(UserListDialog)
        self.disableButton.setObjectName(u"disableButton")

        self.buttonLayout.addWidget(self.disableButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.buttonLayout.addItem(self.buttonSpacer)


        self.bodyLayout.addLayout(self.buttonLayout)


        self.mainLayout.addLayout(self.bodyLayout)

        self.messageLabel = QLabel(UserListDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(UserListDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(UserListDialog)
    # setupUi

    def retranslateUi(self, UserListDialog: Any) -> None:
        UserListDialog.setWindowTitle(QCoreApplication.translate("UserListDialog", u"Users", None))
        self.addButton.setText(QCoreApplication.translate("UserListDialog", u"&Add\u2026", None))
        self.editButton.setText(QCoreApplication.translate("UserListDialog", u"&Edit\u2026", None))
        self.resetButton.setText(QCoreApplication.translate("UserListDialog", u"&Reset Password\u2026", None))
        self.unlockButton.setText(QCoreApplication.translate("UserListDialog", u"&Unlock", None))
        self.disableButton.setText(QCoreApplication.translate("UserListDialog", u"&Disable", None))
        self.messageLabel.setText("")
    # retranslateUi

