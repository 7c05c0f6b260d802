"""Generated from forms/file_preview.ui by opendesk.desktop.forms_build: do not edit."""
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
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_FilePreviewDialog(object):
    def setupUi(self, FilePreviewDialog: Any) -> None:
        if not FilePreviewDialog.objectName():
            FilePreviewDialog.setObjectName(u"FilePreviewDialog")
        FilePreviewDialog.resize(720, 600)
        self.mainLayout = QVBoxLayout(FilePreviewDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.preview_host = QWidget(FilePreviewDialog)
        self.preview_host.setObjectName(u"preview_host")
        self.previewLayout = QVBoxLayout(self.preview_host)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewLayout.setContentsMargins(0, 0, 0, 0)

        self.mainLayout.addWidget(self.preview_host)

        self.buttons = QDialogButtonBox(FilePreviewDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttons)

        self.mainLayout.setStretch(0, 1)

        self.retranslateUi(FilePreviewDialog)
    # setupUi

    def retranslateUi(self, FilePreviewDialog: Any) -> None:
        FilePreviewDialog.setWindowTitle(QCoreApplication.translate("FilePreviewDialog", u"Preview", None))
    # retranslateUi

