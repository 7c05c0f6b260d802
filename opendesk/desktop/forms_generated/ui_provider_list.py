"""Generated from forms/provider_list.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_ProviderListDialog(object):
    def setupUi(self, ProviderListDialog: Any) -> None:
        if not ProviderListDialog.objectName():
            ProviderListDialog.setObjectName(u"ProviderListDialog")
        ProviderListDialog.resize(640, 420)
        self.mainLayout = QVBoxLayout(ProviderListDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.listLayout = QVBoxLayout()
        self.listLayout.setObjectName(u"listLayout")
        self.providersView = QTableView(ProviderListDialog)
        self.providersView.setObjectName(u"providersView")
        self.providersView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.providersView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.providersView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.providersView.setAlternatingRowColors(True)

        self.listLayout.addWidget(self.providersView)

        self.showHiddenCheck = QCheckBox(ProviderListDialog)
        self.showHiddenCheck.setObjectName(u"showHiddenCheck")

        self.listLayout.addWidget(self.showHiddenCheck)


        self.bodyLayout.addLayout(self.listLayout)

        self.buttonLayout = QVBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.addButton = QPushButton(ProviderListDialog)
        self.addButton.setObjectName(u"addButton")

        self.buttonLayout.addWidget(self.addButton)

        self.editButton = QPushButton(ProviderListDialog)
        self.editButton.setObjectName(u"editButton")

        self.buttonLayout.addWidget(self.editButton)

        self.hideButton = QPushButton(ProviderListDialog)
        self.hideButton.setObjectName(u"hideButton")

        self.buttonLayout.addWidget(self.hideButton)

        self.deleteButton = QPushButton(ProviderListDialog)
        self.deleteButton.setObjectName(u"deleteButton")

        self.buttonLayout.addWidget(self.deleteButton)

        self.signatureButton = QPushButton(ProviderListDialog)
        self.signatureButton.setObjectName(u"signatureButton")

        self.buttonLayout.addWidget(self.signatureButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.buttonLayout.addItem(self.buttonSpacer)


        self.bodyLayout.addLayout(self.buttonLayout)


        self.mainLayout.addLayout(self.bodyLayout)

        self.messageLabel = QLabel(ProviderListDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(ProviderListDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(ProviderListDialog)
    # setupUi

    def retranslateUi(self, ProviderListDialog: Any) -> None:
        ProviderListDialog.setWindowTitle(QCoreApplication.translate("ProviderListDialog", u"Providers", None))
        self.showHiddenCheck.setText(QCoreApplication.translate("ProviderListDialog", u"Show &hidden providers", None))
        self.addButton.setText(QCoreApplication.translate("ProviderListDialog", u"&Add\u2026", None))
        self.editButton.setText(QCoreApplication.translate("ProviderListDialog", u"&Edit\u2026", None))
        self.hideButton.setText(QCoreApplication.translate("ProviderListDialog", u"&Hide", None))
        self.deleteButton.setText(QCoreApplication.translate("ProviderListDialog", u"&Delete", None))
        self.signatureButton.setText(QCoreApplication.translate("ProviderListDialog", u"&Signature...", None))
#if QT_CONFIG(tooltip)
        self.signatureButton.setToolTip(QCoreApplication.translate("ProviderListDialog", u"The provider's signature under new messages and replies", None))
#endif // QT_CONFIG(tooltip)
        self.messageLabel.setText("")
    # retranslateUi

