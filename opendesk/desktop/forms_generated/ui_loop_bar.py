"""Generated from forms/loop_bar.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QPushButton,
    QSizePolicy, QWidget)

class Ui_LoopBar(object):
    def setupUi(self, LoopBar: Any) -> None:
        if not LoopBar.objectName():
            LoopBar.setObjectName(u"LoopBar")
        self.loopLayout = QHBoxLayout(LoopBar)
        self.loopLayout.setObjectName(u"loopLayout")
        self.loopLayout.setContentsMargins(0, 0, 0, 0)
        self.loop_state = QLabel(LoopBar)
        self.loop_state.setObjectName(u"loop_state")
        self.loop_state.setTextFormat(Qt.TextFormat.PlainText)

        self.loopLayout.addWidget(self.loop_state)

        self.take = QPushButton(LoopBar)
        self.take.setObjectName(u"take")

        self.loopLayout.addWidget(self.take)

        self.assign = QPushButton(LoopBar)
        self.assign.setObjectName(u"assign")

        self.loopLayout.addWidget(self.assign)

        self.done = QPushButton(LoopBar)
        self.done.setObjectName(u"done")

        self.loopLayout.addWidget(self.done)

        self.reopen = QPushButton(LoopBar)
        self.reopen.setObjectName(u"reopen")

        self.loopLayout.addWidget(self.reopen)

        self.loopLayout.setStretch(0, 1)

        self.retranslateUi(LoopBar)
    # setupUi

    def retranslateUi(self, LoopBar: Any) -> None:
#if QT_CONFIG(tooltip)
        self.take.setToolTip(QCoreApplication.translate("LoopBar", u"Assign the selected patient message to me (Ctrl+T)", None))
#endif // QT_CONFIG(tooltip)
        self.take.setText(QCoreApplication.translate("LoopBar", u"&Take", None))
#if QT_CONFIG(tooltip)
        self.assign.setToolTip(QCoreApplication.translate("LoopBar", u"Give the selected patient message to another user who may read it (Ctrl+Shift+A)", None))
#endif // QT_CONFIG(tooltip)
        self.assign.setText(QCoreApplication.translate("LoopBar", u"&Assign to\u2026", None))
#if QT_CONFIG(tooltip)
        self.done.setToolTip(QCoreApplication.translate("LoopBar", u"Nothing more to do: close the selected patient message (Ctrl+D)", None))
#endif // QT_CONFIG(tooltip)
        self.done.setText(QCoreApplication.translate("LoopBar", u"&Done", None))
#if QT_CONFIG(tooltip)
        self.reopen.setToolTip(QCoreApplication.translate("LoopBar", u"Open the selected closed patient message again (Ctrl+Shift+D)", None))
#endif // QT_CONFIG(tooltip)
        self.reopen.setText(QCoreApplication.translate("LoopBar", u"Re&open", None))
        pass
    # retranslateUi

