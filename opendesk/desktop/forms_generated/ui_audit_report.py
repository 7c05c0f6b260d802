"""Generated from forms/audit_report.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDateEdit, QGridLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_AuditReportWindow(object):
    def setupUi(self, AuditReportWindow: Any) -> None:
        if not AuditReportWindow.objectName():
            AuditReportWindow.setObjectName(u"AuditReportWindow")
        AuditReportWindow.resize(1000, 640)
        self.mainLayout = QVBoxLayout(AuditReportWindow)
        self.mainLayout.setObjectName(u"mainLayout")
        self.chainLabel = QLabel(AuditReportWindow)
        self.chainLabel.setObjectName(u"chainLabel")
        self.chainLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.mainLayout.addWidget(self.chainLabel)

        self.filterLayout = QGridLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.date_from_enabled = QCheckBox(AuditReportWindow)
        self.date_from_enabled.setObjectName(u"date_from_enabled")

        self.filterLayout.addWidget(self.date_from_enabled, 0, 0, 1, 1)

        self.date_from = QDateEdit(AuditReportWindow)
        self.date_from.setObjectName(u"date_from")
        self.date_from.setCalendarPopup(True)

        self.filterLayout.addWidget(self.date_from, 0, 1, 1, 1)

        self.date_to_enabled = QCheckBox(AuditReportWindow)
        self.date_to_enabled.setObjectName(u"date_to_enabled")

        self.filterLayout.addWidget(self.date_to_enabled, 0, 2, 1, 1)

        self.date_to = QDateEdit(AuditReportWindow)
        self.date_to.setObjectName(u"date_to")
        self.date_to.setCalendarPopup(True)

        self.filterLayout.addWidget(self.date_to, 0, 3, 1, 1)

        self.userLabel = QLabel(AuditReportWindow)
        self.userLabel.setObjectName(u"userLabel")

        self.filterLayout.addWidget(self.userLabel, 0, 4, 1, 1)

        self.user = QComboBox(AuditReportWindow)
        self.user.setObjectName(u"user")

        self.filterLayout.addWidget(self.user, 0, 5, 1, 1)

        self.patientLabel = QLabel(AuditReportWindow)
        self.patientLabel.setObjectName(u"patientLabel")

        self.filterLayout.addWidget(self.patientLabel, 1, 0, 1, 1)

        self.patient = QLineEdit(AuditReportWindow)
        self.patient.setObjectName(u"patient")
        self.patient.setReadOnly(True)

        self.filterLayout.addWidget(self.patient, 1, 1, 1, 2)

        self.patientButtons = QHBoxLayout()
        self.patientButtons.setObjectName(u"patientButtons")
        self.patientButton = QPushButton(AuditReportWindow)
        self.patientButton.setObjectName(u"patientButton")

        self.patientButtons.addWidget(self.patientButton)

        self.patientClear = QPushButton(AuditReportWindow)
        self.patientClear.setObjectName(u"patientClear")

        self.patientButtons.addWidget(self.patientClear)


        self.filterLayout.addLayout(self.patientButtons, 1, 3, 1, 1)

        self.actionLabel = QLabel(AuditReportWindow)
        self.actionLabel.setObjectName(u"actionLabel")

        self.filterLayout.addWidget(self.actionLabel, 1, 4, 1, 1)

        self.action = QComboBox(AuditReportWindow)
        self.action.setObjectName(u"action")
        self.action.setEditable(True)

        self.filterLayout.addWidget(self.action, 1, 5, 1, 1)

        self.applyButton = QPushButton(AuditReportWindow)
        self.applyButton.setObjectName(u"applyButton")

        self.filterLayout.addWidget(self.applyButton, 0, 6, 1, 1)

        self.exportButton = QPushButton(AuditReportWindow)
        self.exportButton.setObjectName(u"exportButton")

        self.filterLayout.addWidget(self.exportButton, 1, 6, 1, 1)


        self.mainLayout.addLayout(self.filterLayout)

        self.date_error = QLabel(AuditReportWindow)
        self.date_error.setObjectName(u"date_error")
        self.date_error.setTextFormat(Qt.TextFormat.PlainText)
        self.date_error.setWordWrap(True)
        self.date_error.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.date_error)

        self.entriesView = QTableView(AuditReportWindow)
        self.entriesView.setObjectName(u"entriesView")
        self.entriesView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entriesView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entriesView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entriesView.setAlternatingRowColors(True)

        self.mainLayout.addWidget(self.entriesView)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.countLabel = QLabel(AuditReportWindow)
        self.countLabel.setObjectName(u"countLabel")

        self.bottomLayout.addWidget(self.countLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottomLayout.addItem(self.bottomSpacer)

        self.exportProgress = QProgressBar(AuditReportWindow)
        self.exportProgress.setObjectName(u"exportProgress")
        self.exportProgress.setMaximum(0)
        self.exportProgress.setTextVisible(False)
        self.exportProgress.setVisible(False)

        self.bottomLayout.addWidget(self.exportProgress)

        self.closeButton = QPushButton(AuditReportWindow)
        self.closeButton.setObjectName(u"closeButton")

        self.bottomLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.bottomLayout)

#if QT_CONFIG(shortcut)
        self.userLabel.setBuddy(self.user)
        self.patientLabel.setBuddy(self.patientButton)
        self.actionLabel.setBuddy(self.action)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AuditReportWindow)
    # setupUi

    def retranslateUi(self, AuditReportWindow: Any) -> None:
        AuditReportWindow.setWindowTitle(QCoreApplication.translate("AuditReportWindow", u"Audit Report", None))
        self.chainLabel.setText(QCoreApplication.translate("AuditReportWindow", u"Checking the audit chain\u2026", None))
        self.date_from_enabled.setText(QCoreApplication.translate("AuditReportWindow", u"&From", None))
        self.date_from.setDisplayFormat(QCoreApplication.translate("AuditReportWindow", u"yyyy-MM-dd", None))
        self.date_to_enabled.setText(QCoreApplication.translate("AuditReportWindow", u"&To", None))
        self.date_to.setDisplayFormat(QCoreApplication.translate("AuditReportWindow", u"yyyy-MM-dd", None))
        self.userLabel.setText(QCoreApplication.translate("AuditReportWindow", u"&User", None))
        self.patientLabel.setText(QCoreApplication.translate("AuditReportWindow", u"Patient", None))
        self.patient.setPlaceholderText(QCoreApplication.translate("AuditReportWindow", u"all patients", None))
        self.patientButton.setText(QCoreApplication.translate("AuditReportWindow", u"&Patient\u2026", None))
        self.patientClear.setText(QCoreApplication.translate("AuditReportWindow", u"C&lear", None))
        self.actionLabel.setText(QCoreApplication.translate("AuditReportWindow", u"&Action", None))
        self.applyButton.setText(QCoreApplication.translate("AuditReportWindow", u"&Refresh", None))
        self.exportButton.setText(QCoreApplication.translate("AuditReportWindow", u"&Export CSV\u2026", None))
        self.date_error.setText("")
        self.countLabel.setText("")
        self.closeButton.setText(QCoreApplication.translate("AuditReportWindow", u"Close", None))
    # retranslateUi

