"""Generated from forms/response_report.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QDateEdit, QDialog, QHBoxLayout,
    QHeaderView, QLabel, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTableView,
    QVBoxLayout, QWidget)

class Ui_ResponseReportDialog(object):
    def setupUi(self, ResponseReportDialog: Any) -> None:
        if not ResponseReportDialog.objectName():
            ResponseReportDialog.setObjectName(u"ResponseReportDialog")
        ResponseReportDialog.resize(1000, 620)
        self.mainLayout = QVBoxLayout(ResponseReportDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.rangeLayout = QHBoxLayout()
        self.rangeLayout.setObjectName(u"rangeLayout")
        self.from_label = QLabel(ResponseReportDialog)
        self.from_label.setObjectName(u"from_label")

        self.rangeLayout.addWidget(self.from_label)

        self.date_from = QDateEdit(ResponseReportDialog)
        self.date_from.setObjectName(u"date_from")
        self.date_from.setCalendarPopup(True)

        self.rangeLayout.addWidget(self.date_from)

        self.to_label = QLabel(ResponseReportDialog)
        self.to_label.setObjectName(u"to_label")

        self.rangeLayout.addWidget(self.to_label)

        self.date_to = QDateEdit(ResponseReportDialog)
        self.date_to.setObjectName(u"date_to")
        self.date_to.setCalendarPopup(True)

        self.rangeLayout.addWidget(self.date_to)

        self.run = QPushButton(ResponseReportDialog)
        self.run.setObjectName(u"run")

        self.rangeLayout.addWidget(self.run)

        self.progress = QProgressBar(ResponseReportDialog)
        self.progress.setObjectName(u"progress")

        self.rangeLayout.addWidget(self.progress)

        self.rangeSpacer = QSpacerItem(0, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.rangeLayout.addItem(self.rangeSpacer)


        self.mainLayout.addLayout(self.rangeLayout)

        self.split = QSplitter(ResponseReportDialog)
        self.split.setObjectName(u"split")
        self.split.setOrientation(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.table = QTableView(self.split)
        self.table.setObjectName(u"table")
        self.split.addWidget(self.table)
        self.chart_host = QWidget(self.split)
        self.chart_host.setObjectName(u"chart_host")
        self.chartLayout = QVBoxLayout(self.chart_host)
        self.chartLayout.setObjectName(u"chartLayout")
        self.chartLayout.setContentsMargins(0, 0, 0, 0)
        self.split.addWidget(self.chart_host)

        self.mainLayout.addWidget(self.split)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.summary = QLabel(ResponseReportDialog)
        self.summary.setObjectName(u"summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)

        self.buttonRow.addWidget(self.summary)

        self.export_csv = QPushButton(ResponseReportDialog)
        self.export_csv.setObjectName(u"export_csv")
        self.export_csv.setAutoDefault(False)

        self.buttonRow.addWidget(self.export_csv)

        self.close = QPushButton(ResponseReportDialog)
        self.close.setObjectName(u"close")
        self.close.setAutoDefault(False)

        self.buttonRow.addWidget(self.close)

        self.buttonRow.setStretch(0, 1)

        self.mainLayout.addLayout(self.buttonRow)

        self.mainLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.from_label.setBuddy(self.date_from)
        self.to_label.setBuddy(self.date_to)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ResponseReportDialog)
    # setupUi

    def retranslateUi(self, ResponseReportDialog: Any) -> None:
        ResponseReportDialog.setWindowTitle(QCoreApplication.translate("ResponseReportDialog", u"Response Report", None))
        self.from_label.setText(QCoreApplication.translate("ResponseReportDialog", u"&From", None))
        self.date_from.setDisplayFormat(QCoreApplication.translate("ResponseReportDialog", u"MM/dd/yyyy", None))
        self.to_label.setText(QCoreApplication.translate("ResponseReportDialog", u"&To", None))
        self.date_to.setDisplayFormat(QCoreApplication.translate("ResponseReportDialog", u"MM/dd/yyyy", None))
        self.run.setText(QCoreApplication.translate("ResponseReportDialog", u"&Run", None))
#if QT_CONFIG(tooltip)
        self.run.setToolTip(QCoreApplication.translate("ResponseReportDialog", u"Count the patient messages received in these days (both included)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.progress.setAccessibleName(QCoreApplication.translate("ResponseReportDialog", u"Progress", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("ResponseReportDialog", u"Response times", None))
#endif // QT_CONFIG(accessibility)
        self.export_csv.setText(QCoreApplication.translate("ResponseReportDialog", u"&Export CSV\u2026", None))
        self.close.setText(QCoreApplication.translate("ResponseReportDialog", u"Close", None))
    # retranslateUi

