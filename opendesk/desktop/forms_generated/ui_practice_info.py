"""Generated from forms/practice_info.ui by opendesk.desktop.forms_build: do not edit."""
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
    QPlainTextEdit, QSizePolicy, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_PracticeInfoDialog(object):
    def setupUi(self, PracticeInfoDialog: Any) -> None:
        if not PracticeInfoDialog.objectName():
            PracticeInfoDialog.setObjectName(u"PracticeInfoDialog")
        PracticeInfoDialog.resize(480, 380)
        self.mainLayout = QVBoxLayout(PracticeInfoDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.practice_nameLabel = QLabel(PracticeInfoDialog)
        self.practice_nameLabel.setObjectName(u"practice_nameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.practice_nameLabel)

        self.practice_name = QLineEdit(PracticeInfoDialog)
        self.practice_name.setObjectName(u"practice_name")
        self.practice_name.setMaxLength(200)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.practice_name)

        self.practice_name_error = QLabel(PracticeInfoDialog)
        self.practice_name_error.setObjectName(u"practice_name_error")
        self.practice_name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_name_error.setWordWrap(True)
        self.practice_name_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.practice_name_error)

        self.practice_phoneLabel = QLabel(PracticeInfoDialog)
        self.practice_phoneLabel.setObjectName(u"practice_phoneLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.practice_phoneLabel)

        self.practice_phone = QLineEdit(PracticeInfoDialog)
        self.practice_phone.setObjectName(u"practice_phone")
        self.practice_phone.setMaxLength(30)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.practice_phone)

        self.practice_phone_error = QLabel(PracticeInfoDialog)
        self.practice_phone_error.setObjectName(u"practice_phone_error")
        self.practice_phone_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_phone_error.setWordWrap(True)
        self.practice_phone_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.practice_phone_error)

        self.practice_addressLabel = QLabel(PracticeInfoDialog)
        self.practice_addressLabel.setObjectName(u"practice_addressLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.practice_addressLabel)

        self.practice_address = QPlainTextEdit(PracticeInfoDialog)
        self.practice_address.setObjectName(u"practice_address")
        self.practice_address.setTabChangesFocus(True)
        self.practice_address.setMaximumSize(QSize(16777215, 70))

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.practice_address)

        self.practice_address_error = QLabel(PracticeInfoDialog)
        self.practice_address_error.setObjectName(u"practice_address_error")
        self.practice_address_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_address_error.setWordWrap(True)
        self.practice_address_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.practice_address_error)

        self.practice_time_zoneLabel = QLabel(PracticeInfoDialog)
        self.practice_time_zoneLabel.setObjectName(u"practice_time_zoneLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.practice_time_zoneLabel)

        self.practice_time_zone = QComboBox(PracticeInfoDialog)
        self.practice_time_zone.setObjectName(u"practice_time_zone")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.practice_time_zone)

        self.practice_time_zone_error = QLabel(PracticeInfoDialog)
        self.practice_time_zone_error.setObjectName(u"practice_time_zone_error")
        self.practice_time_zone_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_time_zone_error.setWordWrap(True)
        self.practice_time_zone_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.practice_time_zone_error)

        self.idle_logoff_minutesLabel = QLabel(PracticeInfoDialog)
        self.idle_logoff_minutesLabel.setObjectName(u"idle_logoff_minutesLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.idle_logoff_minutesLabel)

        self.idle_logoff_minutes = QSpinBox(PracticeInfoDialog)
        self.idle_logoff_minutes.setObjectName(u"idle_logoff_minutes")
        self.idle_logoff_minutes.setMaximum(1440)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.idle_logoff_minutes)

        self.idle_logoff_minutes_error = QLabel(PracticeInfoDialog)
        self.idle_logoff_minutes_error.setObjectName(u"idle_logoff_minutes_error")
        self.idle_logoff_minutes_error.setTextFormat(Qt.TextFormat.PlainText)
        self.idle_logoff_minutes_error.setWordWrap(True)
        self.idle_logoff_minutes_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.idle_logoff_minutes_error)

        self.file_threads_after_daysLabel = QLabel(PracticeInfoDialog)
        self.file_threads_after_daysLabel.setObjectName(u"file_threads_after_daysLabel")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.file_threads_after_daysLabel)

        self.file_threads_after_days = QSpinBox(PracticeInfoDialog)
        self.file_threads_after_days.setObjectName(u"file_threads_after_days")
        self.file_threads_after_days.setMaximum(3650)

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.file_threads_after_days)

        self.file_threads_after_days_error = QLabel(PracticeInfoDialog)
        self.file_threads_after_days_error.setObjectName(u"file_threads_after_days_error")
        self.file_threads_after_days_error.setTextFormat(Qt.TextFormat.PlainText)
        self.file_threads_after_days_error.setWordWrap(True)
        self.file_threads_after_days_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.file_threads_after_days_error)


        self.mainLayout.addLayout(self.formLayout)

        self.usageLabel = QLabel(PracticeInfoDialog)
        self.usageLabel.setObjectName(u"usageLabel")
        self.usageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.usageLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.usageLabel)

        self.messageLabel = QLabel(PracticeInfoDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(PracticeInfoDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.practice_nameLabel.setBuddy(self.practice_name)
        self.practice_phoneLabel.setBuddy(self.practice_phone)
        self.practice_addressLabel.setBuddy(self.practice_address)
        self.practice_time_zoneLabel.setBuddy(self.practice_time_zone)
        self.idle_logoff_minutesLabel.setBuddy(self.idle_logoff_minutes)
        self.file_threads_after_daysLabel.setBuddy(self.file_threads_after_days)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PracticeInfoDialog)
    # setupUi

    def retranslateUi(self, PracticeInfoDialog: Any) -> None:
        PracticeInfoDialog.setWindowTitle(QCoreApplication.translate("PracticeInfoDialog", u"Practice", None))
        self.practice_nameLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"Practice &name", None))
        self.practice_name_error.setText("")
        self.practice_phoneLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"&Phone", None))
        self.practice_phone_error.setText("")
        self.practice_addressLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"&Address", None))
        self.practice_address_error.setText("")
        self.practice_time_zoneLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"&Time zone", None))
#if QT_CONFIG(tooltip)
        self.practice_time_zone.setToolTip(QCoreApplication.translate("PracticeInfoDialog", u"Times in OpenDesk and in the patient portal are shown in this zone.", None))
#endif // QT_CONFIG(tooltip)
        self.practice_time_zone_error.setText("")
        self.idle_logoff_minutesLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"&Log off after", None))
#if QT_CONFIG(tooltip)
        self.idle_logoff_minutes.setToolTip(QCoreApplication.translate("PracticeInfoDialog", u"A workstation without keyboard or mouse use for this many minutes logs off (0 = never).", None))
#endif // QT_CONFIG(tooltip)
        self.idle_logoff_minutes.setSpecialValueText(QCoreApplication.translate("PracticeInfoDialog", u"never", None))
        self.idle_logoff_minutes.setSuffix(QCoreApplication.translate("PracticeInfoDialog", u" minutes without use", None))
        self.idle_logoff_minutes_error.setText("")
        self.file_threads_after_daysLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"&File to chart", None))
#if QT_CONFIG(tooltip)
        self.file_threads_after_days.setToolTip(QCoreApplication.translate("PracticeInfoDialog", u"opendesk-admin file-due (a daily scheduled task) files every conversation this many days after its last message as a PDF in the patient's A-to-Z folder (0 = never).", None))
#endif // QT_CONFIG(tooltip)
        self.file_threads_after_days.setSpecialValueText(QCoreApplication.translate("PracticeInfoDialog", u"never by age", None))
        self.file_threads_after_days.setSuffix(QCoreApplication.translate("PracticeInfoDialog", u" days after the last message", None))
        self.file_threads_after_days_error.setText("")
        self.usageLabel.setText(QCoreApplication.translate("PracticeInfoDialog", u"The name, phone and address can appear in the notification e-mail through the tags [OfficeName], [OfficePhone] and [OfficeAddress].", None))
        self.messageLabel.setText("")
    # retranslateUi

