"""Generated from forms/provider_edit.ui by opendesk.desktop.forms_build: do not edit."""
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_ProviderEditDialog(object):
    def setupUi(self, ProviderEditDialog: Any) -> None:
        if not ProviderEditDialog.objectName():
            ProviderEditDialog.setObjectName(u"ProviderEditDialog")
        ProviderEditDialog.resize(420, 320)
        self.mainLayout = QVBoxLayout(ProviderEditDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.abbrLabel = QLabel(ProviderEditDialog)
        self.abbrLabel.setObjectName(u"abbrLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.abbrLabel)

        self.abbr = QLineEdit(ProviderEditDialog)
        self.abbr.setObjectName(u"abbr")
        self.abbr.setMaxLength(20)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.abbr)

        self.abbr_error = QLabel(ProviderEditDialog)
        self.abbr_error.setObjectName(u"abbr_error")
        self.abbr_error.setTextFormat(Qt.TextFormat.PlainText)
        self.abbr_error.setWordWrap(True)
        self.abbr_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.abbr_error)

        self.first_nameLabel = QLabel(ProviderEditDialog)
        self.first_nameLabel.setObjectName(u"first_nameLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.first_nameLabel)

        self.first_name = QLineEdit(ProviderEditDialog)
        self.first_name.setObjectName(u"first_name")
        self.first_name.setMaxLength(100)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.first_name)

        self.first_name_error = QLabel(ProviderEditDialog)
        self.first_name_error.setObjectName(u"first_name_error")
        self.first_name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.first_name_error.setWordWrap(True)
        self.first_name_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.first_name_error)

        self.last_nameLabel = QLabel(ProviderEditDialog)
        self.last_nameLabel.setObjectName(u"last_nameLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.last_nameLabel)

        self.last_name = QLineEdit(ProviderEditDialog)
        self.last_name.setObjectName(u"last_name")
        self.last_name.setMaxLength(100)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.last_name)

        self.last_name_error = QLabel(ProviderEditDialog)
        self.last_name_error.setObjectName(u"last_name_error")
        self.last_name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.last_name_error.setWordWrap(True)
        self.last_name_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.last_name_error)

        self.suffixLabel = QLabel(ProviderEditDialog)
        self.suffixLabel.setObjectName(u"suffixLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.suffixLabel)

        self.suffix = QLineEdit(ProviderEditDialog)
        self.suffix.setObjectName(u"suffix")
        self.suffix.setMaxLength(20)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.suffix)

        self.suffix_error = QLabel(ProviderEditDialog)
        self.suffix_error.setObjectName(u"suffix_error")
        self.suffix_error.setTextFormat(Qt.TextFormat.PlainText)
        self.suffix_error.setWordWrap(True)
        self.suffix_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.suffix_error)

        self.specialtyLabel = QLabel(ProviderEditDialog)
        self.specialtyLabel.setObjectName(u"specialtyLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.specialtyLabel)

        self.specialty = QLineEdit(ProviderEditDialog)
        self.specialty.setObjectName(u"specialty")
        self.specialty.setMaxLength(100)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.specialty)

        self.specialty_error = QLabel(ProviderEditDialog)
        self.specialty_error.setObjectName(u"specialty_error")
        self.specialty_error.setTextFormat(Qt.TextFormat.PlainText)
        self.specialty_error.setWordWrap(True)
        self.specialty_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.specialty_error)


        self.mainLayout.addLayout(self.formLayout)

        self.messageLabel = QLabel(ProviderEditDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(ProviderEditDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.abbrLabel.setBuddy(self.abbr)
        self.first_nameLabel.setBuddy(self.first_name)
        self.last_nameLabel.setBuddy(self.last_name)
        self.suffixLabel.setBuddy(self.suffix)
        self.specialtyLabel.setBuddy(self.specialty)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ProviderEditDialog)
    # setupUi

    def retranslateUi(self, ProviderEditDialog: Any) -> None:
        ProviderEditDialog.setWindowTitle(QCoreApplication.translate("ProviderEditDialog", u"Edit Provider", None))
        self.abbrLabel.setText(QCoreApplication.translate("ProviderEditDialog", u"&Abbreviation", None))
        self.abbr_error.setText("")
        self.first_nameLabel.setText(QCoreApplication.translate("ProviderEditDialog", u"&First name", None))
        self.first_name_error.setText("")
        self.last_nameLabel.setText(QCoreApplication.translate("ProviderEditDialog", u"&Last name", None))
        self.last_name_error.setText("")
        self.suffixLabel.setText(QCoreApplication.translate("ProviderEditDialog", u"&Suffix", None))
        self.suffix.setPlaceholderText(QCoreApplication.translate("ProviderEditDialog", u"DDS, DMD, RDH\u2026", None))
        self.suffix_error.setText("")
        self.specialtyLabel.setText(QCoreApplication.translate("ProviderEditDialog", u"S&pecialty", None))
        self.specialty_error.setText("")
        self.messageLabel.setText("")
    # retranslateUi

