"""Generated from forms/practice_hours.ui by opendesk.desktop.forms_build: do not edit."""
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
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_PracticeHoursDialog(object):
    def setupUi(self, PracticeHoursDialog: Any) -> None:
        if not PracticeHoursDialog.objectName():
            PracticeHoursDialog.setObjectName(u"PracticeHoursDialog")
        PracticeHoursDialog.resize(520, 520)
        self.mainLayout = QVBoxLayout(PracticeHoursDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(PracticeHoursDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.hours_monLabel = QLabel(PracticeHoursDialog)
        self.hours_monLabel.setObjectName(u"hours_monLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.hours_monLabel)

        self.hours_mon = QLineEdit(PracticeHoursDialog)
        self.hours_mon.setObjectName(u"hours_mon")
        self.hours_mon.setMaxLength(100)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.hours_mon)

        self.hours_tueLabel = QLabel(PracticeHoursDialog)
        self.hours_tueLabel.setObjectName(u"hours_tueLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.hours_tueLabel)

        self.hours_tue = QLineEdit(PracticeHoursDialog)
        self.hours_tue.setObjectName(u"hours_tue")
        self.hours_tue.setMaxLength(100)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.hours_tue)

        self.hours_wedLabel = QLabel(PracticeHoursDialog)
        self.hours_wedLabel.setObjectName(u"hours_wedLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.hours_wedLabel)

        self.hours_wed = QLineEdit(PracticeHoursDialog)
        self.hours_wed.setObjectName(u"hours_wed")
        self.hours_wed.setMaxLength(100)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.hours_wed)

        self.hours_thuLabel = QLabel(PracticeHoursDialog)
        self.hours_thuLabel.setObjectName(u"hours_thuLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.hours_thuLabel)

        self.hours_thu = QLineEdit(PracticeHoursDialog)
        self.hours_thu.setObjectName(u"hours_thu")
        self.hours_thu.setMaxLength(100)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.hours_thu)

        self.hours_friLabel = QLabel(PracticeHoursDialog)
        self.hours_friLabel.setObjectName(u"hours_friLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.hours_friLabel)

        self.hours_fri = QLineEdit(PracticeHoursDialog)
        self.hours_fri.setObjectName(u"hours_fri")
        self.hours_fri.setMaxLength(100)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.hours_fri)

        self.hours_satLabel = QLabel(PracticeHoursDialog)
        self.hours_satLabel.setObjectName(u"hours_satLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.hours_satLabel)

        self.hours_sat = QLineEdit(PracticeHoursDialog)
        self.hours_sat.setObjectName(u"hours_sat")
        self.hours_sat.setMaxLength(100)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.hours_sat)

        self.hours_sunLabel = QLabel(PracticeHoursDialog)
        self.hours_sunLabel.setObjectName(u"hours_sunLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.hours_sunLabel)

        self.hours_sun = QLineEdit(PracticeHoursDialog)
        self.hours_sun.setObjectName(u"hours_sun")
        self.hours_sun.setMaxLength(100)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.hours_sun)

        self.practice_hours_error = QLabel(PracticeHoursDialog)
        self.practice_hours_error.setObjectName(u"practice_hours_error")
        self.practice_hours_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_hours_error.setWordWrap(True)
        self.practice_hours_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.practice_hours_error)

        self.practice_closed_datesLabel = QLabel(PracticeHoursDialog)
        self.practice_closed_datesLabel.setObjectName(u"practice_closed_datesLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.practice_closed_datesLabel)

        self.practice_closed_dates = QPlainTextEdit(PracticeHoursDialog)
        self.practice_closed_dates.setObjectName(u"practice_closed_dates")
        self.practice_closed_dates.setTabChangesFocus(True)
        self.practice_closed_dates.setMaximumSize(QSize(16777215, 80))

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.practice_closed_dates)

        self.practice_closed_dates_error = QLabel(PracticeHoursDialog)
        self.practice_closed_dates_error.setObjectName(u"practice_closed_dates_error")
        self.practice_closed_dates_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_closed_dates_error.setWordWrap(True)
        self.practice_closed_dates_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.practice_closed_dates_error)

        self.practice_time_zoneLabel = QLabel(PracticeHoursDialog)
        self.practice_time_zoneLabel.setObjectName(u"practice_time_zoneLabel")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.practice_time_zoneLabel)

        self.practice_time_zone = QComboBox(PracticeHoursDialog)
        self.practice_time_zone.setObjectName(u"practice_time_zone")
        self.practice_time_zone.setEditable(True)
        self.practice_time_zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.practice_time_zone)

        self.practice_time_zone_error = QLabel(PracticeHoursDialog)
        self.practice_time_zone_error.setObjectName(u"practice_time_zone_error")
        self.practice_time_zone_error.setTextFormat(Qt.TextFormat.PlainText)
        self.practice_time_zone_error.setWordWrap(True)
        self.practice_time_zone_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.practice_time_zone_error)


        self.mainLayout.addLayout(self.formLayout)

        self.messageLabel = QLabel(PracticeHoursDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(PracticeHoursDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.hours_monLabel.setBuddy(self.hours_mon)
        self.hours_tueLabel.setBuddy(self.hours_tue)
        self.hours_wedLabel.setBuddy(self.hours_wed)
        self.hours_thuLabel.setBuddy(self.hours_thu)
        self.hours_friLabel.setBuddy(self.hours_fri)
        self.hours_satLabel.setBuddy(self.hours_sat)
        self.hours_sunLabel.setBuddy(self.hours_sun)
        self.practice_closed_datesLabel.setBuddy(self.practice_closed_dates)
        self.practice_time_zoneLabel.setBuddy(self.practice_time_zone)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PracticeHoursDialog)
    # setupUi

    def retranslateUi(self, PracticeHoursDialog: Any) -> None:
        PracticeHoursDialog.setWindowTitle(QCoreApplication.translate("PracticeHoursDialog", u"Practice Hours", None))
        self.introLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"Response times count only the hours the office is open. Leave a day empty when the office is closed that day.", None))
        self.hours_monLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"&Monday", None))
        self.hours_mon.setPlaceholderText(QCoreApplication.translate("PracticeHoursDialog", u"Closed", None))
#if QT_CONFIG(tooltip)
        self.hours_mon.setToolTip(QCoreApplication.translate("PracticeHoursDialog", u"Opening hours, e.g. 08:00-17:00, or 08:00-12:00, 13:00-17:00 with a lunch break. Empty: closed.", None))
#endif // QT_CONFIG(tooltip)
        self.hours_tueLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"&Tuesday", None))
        self.hours_tue.setPlaceholderText(QCoreApplication.translate("PracticeHoursDialog", u"Closed", None))
#if QT_CONFIG(tooltip)
        self.hours_tue.setToolTip(QCoreApplication.translate("PracticeHoursDialog", u"Opening hours, e.g. 08:00-17:00, or 08:00-12:00, 13:00-17:00 with a lunch break. Empty: closed.", None))
#endif // QT_CONFIG(tooltip)
        self.hours_wedLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"&Wednesday", None))
        self.hours_wed.setPlaceholderText(QCoreApplication.translate("PracticeHoursDialog", u"Closed", None))
#if QT_CONFIG(tooltip)
        self.hours_wed.setToolTip(QCoreApplication.translate("PracticeHoursDialog", u"Opening hours, e.g. 08:00-17:00, or 08:00-12:00, 13:00-17:00 with a lunch break. Empty: closed.", None))
#endif // QT_CONFIG(tooltip)
        self.hours_thuLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"T&hursday", None))
        self.hours_thu.setPlaceholderText(QCoreApplication.translate("PracticeHoursDialog", u"Closed", None))
#if QT_CONFIG(tooltip)
        self.hours_thu.setToolTip(QCoreApplication.translate("PracticeHoursDialog", u"Opening hours, e.g. 08:00-17:00, or 08:00-12:00, 13:00-17:00 with a lunch break. Empty: closed.", None))
#endif // QT_CONFIG(tooltip)
        self.hours_friLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"&Friday", None))
        self.hours_fri.setPlaceholderText(QCoreApplication.translate("PracticeHoursDialog", u"Closed", None))
#if QT_CONFIG(tooltip)
        self.hours_fri.setToolTip(QCoreApplication.translate("PracticeHoursDialog", u"Opening hours, e.g. 08:00-17:00, or 08:00-12:00, 13:00-17:00 with a lunch break. Empty: closed.", None))
#endif // QT_CONFIG(tooltip)
        self.hours_satLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"&Saturday", None))
        self.hours_sat.setPlaceholderText(QCoreApplication.translate("PracticeHoursDialog", u"Closed", None))
#if QT_CONFIG(tooltip)
        self.hours_sat.setToolTip(QCoreApplication.translate("PracticeHoursDialog", u"Opening hours, e.g. 08:00-17:00, or 08:00-12:00, 13:00-17:00 with a lunch break. Empty: closed.", None))
#endif // QT_CONFIG(tooltip)
        self.hours_sunLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"S&unday", None))
        self.hours_sun.setPlaceholderText(QCoreApplication.translate("PracticeHoursDialog", u"Closed", None))
#if QT_CONFIG(tooltip)
        self.hours_sun.setToolTip(QCoreApplication.translate("PracticeHoursDialog", u"Opening hours, e.g. 08:00-17:00, or 08:00-12:00, 13:00-17:00 with a lunch break. Empty: closed.", None))
#endif // QT_CONFIG(tooltip)
        self.practice_hours_error.setText("")
        self.practice_closed_datesLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"&Closed dates", None))
        self.practice_closed_dates.setPlaceholderText(QCoreApplication.translate("PracticeHoursDialog", u"Holidays, one date per line: 2026-12-25", None))
        self.practice_closed_dates_error.setText("")
        self.practice_time_zoneLabel.setText(QCoreApplication.translate("PracticeHoursDialog", u"Time &zone", None))
        self.practice_time_zone_error.setText("")
        self.messageLabel.setText("")
    # retranslateUi

