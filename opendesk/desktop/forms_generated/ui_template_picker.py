"""Generated from forms/template_picker.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QLabel,
    QLineEdit, QListView, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_TemplatePicker(object):
    def setupUi(self, TemplatePicker: Any) -> None:
        if not TemplatePicker.objectName():
            TemplatePicker.setObjectName(u"TemplatePicker")
        TemplatePicker.resize(420, 320)
        self.mainLayout = QVBoxLayout(TemplatePicker)
        self.mainLayout.setObjectName(u"mainLayout")
        self.filter = QLineEdit(TemplatePicker)
        self.filter.setObjectName(u"filter")
        self.filter.setClearButtonEnabled(True)

        self.mainLayout.addWidget(self.filter)

        self.list = QListView(TemplatePicker)
        self.list.setObjectName(u"list")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)

        self.mainLayout.addWidget(self.list)

        self.hint = QLabel(TemplatePicker)
        self.hint.setObjectName(u"hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(u"color: #555;")

        self.mainLayout.addWidget(self.hint)

        self.mainLayout.setStretch(1, 1)

        self.retranslateUi(TemplatePicker)
    # setupUi

    def retranslateUi(self, TemplatePicker: Any) -> None:
        TemplatePicker.setWindowTitle(QCoreApplication.translate("TemplatePicker", u"Insert Template", None))
        self.filter.setPlaceholderText(QCoreApplication.translate("TemplatePicker", u"Type to filter templates", None))
        self.hint.setText(QCoreApplication.translate("TemplatePicker", u"Enter inserts the template; Esc closes.", None))
    # retranslateUi

