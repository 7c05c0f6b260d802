"""Generated from forms/provider_picker.ui by opendesk.desktop.forms_build: do not edit."""
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
    QLabel, QLineEdit, QSizePolicy, QTableView,
    QVBoxLayout, QWidget)

class Ui_ProviderPickerDialog(object):
    def setupUi(self, ProviderPickerDialog: Any) -> None:
        if not ProviderPickerDialog.objectName():
            ProviderPickerDialog.setObjectName(u"ProviderPickerDialog")
        ProviderPickerDialog.resize(520, 400)
        self.mainLayout = QVBoxLayout(ProviderPickerDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.filterLabel = QLabel(ProviderPickerDialog)
        self.filterLabel.setObjectName(u"filterLabel")

        self.filterLayout.addWidget(self.filterLabel)

        self.filterEdit = QLineEdit(ProviderPickerDialog)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.filterEdit)

        self.onlyLinkedCheck = QCheckBox(ProviderPickerDialog)
        self.onlyLinkedCheck.setObjectName(u"onlyLinkedCheck")

        self.filterLayout.addWidget(self.onlyLinkedCheck)


        self.mainLayout.addLayout(self.filterLayout)

        self.providersView = QTableView(ProviderPickerDialog)
        self.providersView.setObjectName(u"providersView")
        self.providersView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.providersView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.providersView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.providersView.setAlternatingRowColors(True)

        self.mainLayout.addWidget(self.providersView)

        self.buttonBox = QDialogButtonBox(ProviderPickerDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.filterLabel.setBuddy(self.filterEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.filterEdit, self.providersView)
        QWidget.setTabOrder(self.providersView, self.onlyLinkedCheck)

        self.retranslateUi(ProviderPickerDialog)
    # setupUi

    def retranslateUi(self, ProviderPickerDialog: Any) -> None:
        ProviderPickerDialog.setWindowTitle(QCoreApplication.translate("ProviderPickerDialog", u"Select Provider", None))
        self.filterLabel.setText(QCoreApplication.translate("ProviderPickerDialog", u"&Filter", None))
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("ProviderPickerDialog", u"Abbreviation or name", None))
        self.onlyLinkedCheck.setText(QCoreApplication.translate("ProviderPickerDialog", u"&Only providers with a user", None))
    # retranslateUi

