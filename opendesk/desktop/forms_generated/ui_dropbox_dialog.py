"""Generated from forms/dropbox_dialog.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QHeaderView,
    QLabel, QProgressBar, QPushButton, QSizePolicy,
    QSpacerItem, QTableView, QToolButton, QVBoxLayout,
    QWidget)

class Ui_DropboxSelectFilesDialog(object):
    def setupUi(self, DropboxSelectFilesDialog: Any) -> None:
        if not DropboxSelectFilesDialog.objectName():
            DropboxSelectFilesDialog.setObjectName(u"DropboxSelectFilesDialog")
        DropboxSelectFilesDialog.resize(640, 460)
        self.mainLayout = QVBoxLayout(DropboxSelectFilesDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.topLayout = QHBoxLayout()
        self.topLayout.setObjectName(u"topLayout")
        self.place = QLabel(DropboxSelectFilesDialog)
        self.place.setObjectName(u"place")
        self.place.setTextFormat(Qt.TextFormat.PlainText)

        self.topLayout.addWidget(self.place)

        self.refresh_button = QToolButton(DropboxSelectFilesDialog)
        self.refresh_button.setObjectName(u"refresh_button")
        self.refresh_button.setArrowType(Qt.ArrowType.RightArrow)

        self.topLayout.addWidget(self.refresh_button)

        self.topLayout.setStretch(0, 1)

        self.mainLayout.addLayout(self.topLayout)

        self.view = QTableView(DropboxSelectFilesDialog)
        self.view.setObjectName(u"view")

        self.mainLayout.addWidget(self.view)

        self.status = QLabel(DropboxSelectFilesDialog)
        self.status.setObjectName(u"status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self.mainLayout.addWidget(self.status)

        self.busyLayout = QHBoxLayout()
        self.busyLayout.setObjectName(u"busyLayout")
        self.progress = QProgressBar(DropboxSelectFilesDialog)
        self.progress.setObjectName(u"progress")
        self.progress.setTextVisible(True)

        self.busyLayout.addWidget(self.progress)

        self.stop_button = QPushButton(DropboxSelectFilesDialog)
        self.stop_button.setObjectName(u"stop_button")

        self.busyLayout.addWidget(self.stop_button)

        self.busyLayout.setStretch(0, 1)

        self.mainLayout.addLayout(self.busyLayout)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.preview_button = QPushButton(DropboxSelectFilesDialog)
        self.preview_button.setObjectName(u"preview_button")

        self.buttonLayout.addWidget(self.preview_button)

        self.local_button = QPushButton(DropboxSelectFilesDialog)
        self.local_button.setObjectName(u"local_button")

        self.buttonLayout.addWidget(self.local_button)

        self.buttonSpacer = QSpacerItem(0, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.ok_button = QPushButton(DropboxSelectFilesDialog)
        self.ok_button.setObjectName(u"ok_button")

        self.buttonLayout.addWidget(self.ok_button)

        self.close_button = QPushButton(DropboxSelectFilesDialog)
        self.close_button.setObjectName(u"close_button")

        self.buttonLayout.addWidget(self.close_button)


        self.mainLayout.addLayout(self.buttonLayout)

        self.mainLayout.setStretch(1, 1)

        self.retranslateUi(DropboxSelectFilesDialog)

        self.ok_button.setDefault(True)

    # setupUi

    def retranslateUi(self, DropboxSelectFilesDialog: Any) -> None:
        DropboxSelectFilesDialog.setWindowTitle(QCoreApplication.translate("DropboxSelectFilesDialog", u"Select Files", None))
#if QT_CONFIG(tooltip)
        self.refresh_button.setToolTip(QCoreApplication.translate("DropboxSelectFilesDialog", u"Refresh the list", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.refresh_button.setAccessibleName(QCoreApplication.translate("DropboxSelectFilesDialog", u"Refresh", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.view.setAccessibleName(QCoreApplication.translate("DropboxSelectFilesDialog", u"Dropbox files", None))
#endif // QT_CONFIG(accessibility)
        self.stop_button.setText(QCoreApplication.translate("DropboxSelectFilesDialog", u"Cancel", None))
#if QT_CONFIG(tooltip)
        self.stop_button.setToolTip(QCoreApplication.translate("DropboxSelectFilesDialog", u"Stop the listing or download", None))
#endif // QT_CONFIG(tooltip)
        self.preview_button.setText(QCoreApplication.translate("DropboxSelectFilesDialog", u"&Preview", None))
        self.local_button.setText(QCoreApplication.translate("DropboxSelectFilesDialog", u"Select &Local File\u2026", None))
        self.ok_button.setText(QCoreApplication.translate("DropboxSelectFilesDialog", u"OK", None))
        self.close_button.setText(QCoreApplication.translate("DropboxSelectFilesDialog", u"Cancel", None))
    # retranslateUi

