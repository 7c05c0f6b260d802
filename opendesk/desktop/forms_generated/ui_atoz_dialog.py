"""Generated from forms/atoz_dialog.ui by opendesk.desktop.forms_build: do not edit."""
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
    QSpacerItem, QTableView, QVBoxLayout, QWidget)

class Ui_AtoZFileDialog(object):
    def setupUi(self, AtoZFileDialog: Any) -> None:
        if not AtoZFileDialog.objectName():
            AtoZFileDialog.setObjectName(u"AtoZFileDialog")
        AtoZFileDialog.resize(760, 520)
        self.mainLayout = QVBoxLayout(AtoZFileDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.place = QLabel(AtoZFileDialog)
        self.place.setObjectName(u"place")
        self.place.setTextFormat(Qt.TextFormat.PlainText)

        self.mainLayout.addWidget(self.place)

        self.view = QTableView(AtoZFileDialog)
        self.view.setObjectName(u"view")

        self.mainLayout.addWidget(self.view)

        self.statusLayout = QHBoxLayout()
        self.statusLayout.setObjectName(u"statusLayout")
        self.status = QLabel(AtoZFileDialog)
        self.status.setObjectName(u"status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.statusLayout.addWidget(self.status)

        self.busy = QProgressBar(AtoZFileDialog)
        self.busy.setObjectName(u"busy")
        self.busy.setMaximumSize(QSize(160, 16777215))
        self.busy.setMaximum(0)

        self.statusLayout.addWidget(self.busy)

        self.statusLayout.setStretch(0, 1)

        self.mainLayout.addLayout(self.statusLayout)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.local_button = QPushButton(AtoZFileDialog)
        self.local_button.setObjectName(u"local_button")

        self.buttonLayout.addWidget(self.local_button)

        self.preview_button = QPushButton(AtoZFileDialog)
        self.preview_button.setObjectName(u"preview_button")

        self.buttonLayout.addWidget(self.preview_button)

        self.buttonSpacer = QSpacerItem(0, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.open_button = QPushButton(AtoZFileDialog)
        self.open_button.setObjectName(u"open_button")

        self.buttonLayout.addWidget(self.open_button)

        self.cancel_button = QPushButton(AtoZFileDialog)
        self.cancel_button.setObjectName(u"cancel_button")

        self.buttonLayout.addWidget(self.cancel_button)


        self.mainLayout.addLayout(self.buttonLayout)

        self.mainLayout.setStretch(1, 1)

        self.retranslateUi(AtoZFileDialog)

        self.open_button.setDefault(True)

    # setupUi

    def retranslateUi(self, AtoZFileDialog: Any) -> None:
        AtoZFileDialog.setWindowTitle(QCoreApplication.translate("AtoZFileDialog", u"Attach from the patient's folder", None))
#if QT_CONFIG(accessibility)
        self.view.setAccessibleName(QCoreApplication.translate("AtoZFileDialog", u"Files", None))
#endif // QT_CONFIG(accessibility)
        self.status.setText(QCoreApplication.translate("AtoZFileDialog", u"Loading\u2026", None))
        self.local_button.setText(QCoreApplication.translate("AtoZFileDialog", u"Select &Local File\u2026", None))
        self.preview_button.setText(QCoreApplication.translate("AtoZFileDialog", u"&Preview", None))
        self.open_button.setText(QCoreApplication.translate("AtoZFileDialog", u"&Open", None))
        self.cancel_button.setText(QCoreApplication.translate("AtoZFileDialog", u"Cancel", None))
    # retranslateUi

