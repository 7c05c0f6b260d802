"""Generated from forms/message_settings.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QDateTimeEdit, QGridLayout,
    QGroupBox, QLabel, QPushButton, QSizePolicy,
    QSpinBox, QWidget)

class Ui_MessageSettingsBox(object):
    def setupUi(self, MessageSettingsBox: Any) -> None:
        if not MessageSettingsBox.objectName():
            MessageSettingsBox.setObjectName(u"MessageSettingsBox")
        self.settingsLayout = QGridLayout(MessageSettingsBox)
        self.settingsLayout.setObjectName(u"settingsLayout")
        self.settingsLayout.setContentsMargins(6, 4, 6, 4)
        self.deliver_later = QCheckBox(MessageSettingsBox)
        self.deliver_later.setObjectName(u"deliver_later")

        self.settingsLayout.addWidget(self.deliver_later, 0, 0, 1, 1)

        self.deliver_at = QDateTimeEdit(MessageSettingsBox)
        self.deliver_at.setObjectName(u"deliver_at")
        self.deliver_at.setEnabled(False)
        self.deliver_at.setCalendarPopup(True)

        self.settingsLayout.addWidget(self.deliver_at, 0, 1, 1, 1)

        self.next_opening = QPushButton(MessageSettingsBox)
        self.next_opening.setObjectName(u"next_opening")

        self.settingsLayout.addWidget(self.next_opening, 0, 2, 1, 1)

        self.business_hours = QCheckBox(MessageSettingsBox)
        self.business_hours.setObjectName(u"business_hours")
        self.business_hours.setEnabled(False)

        self.settingsLayout.addWidget(self.business_hours, 0, 3, 1, 1)

        self.allow_reply = QCheckBox(MessageSettingsBox)
        self.allow_reply.setObjectName(u"allow_reply")
        self.allow_reply.setChecked(True)

        self.settingsLayout.addWidget(self.allow_reply, 1, 0, 1, 4)

        self.notify_unread = QCheckBox(MessageSettingsBox)
        self.notify_unread.setObjectName(u"notify_unread")

        self.settingsLayout.addWidget(self.notify_unread, 2, 0, 1, 1)

        self.notify_days = QSpinBox(MessageSettingsBox)
        self.notify_days.setObjectName(u"notify_days")
        self.notify_days.setEnabled(False)
        self.notify_days.setMinimum(1)
        self.notify_days.setMaximum(90)
        self.notify_days.setValue(3)

        self.settingsLayout.addWidget(self.notify_days, 2, 1, 1, 1)

        self.second_notice = QCheckBox(MessageSettingsBox)
        self.second_notice.setObjectName(u"second_notice")
        self.second_notice.setEnabled(False)

        self.settingsLayout.addWidget(self.second_notice, 2, 2, 1, 2)

        self.settings_problem = QLabel(MessageSettingsBox)
        self.settings_problem.setObjectName(u"settings_problem")
        self.settings_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.settings_problem.setWordWrap(True)
        self.settings_problem.setStyleSheet(u"color: #b00020;")

        self.settingsLayout.addWidget(self.settings_problem, 3, 0, 1, 4)

        self.settingsLayout.setColumnStretch(3, 1)

        self.retranslateUi(MessageSettingsBox)
    # setupUi

    def retranslateUi(self, MessageSettingsBox: Any) -> None:
        MessageSettingsBox.setTitle(QCoreApplication.translate("MessageSettingsBox", u"Message settings", None))
        self.deliver_later.setText(QCoreApplication.translate("MessageSettingsBox", u"Deliver a&t", None))
#if QT_CONFIG(tooltip)
        self.deliver_later.setToolTip(QCoreApplication.translate("MessageSettingsBox", u"Keep the message in Scheduled and deliver it (and its notice) at this time; editable and cancellable until then", None))
#endif // QT_CONFIG(tooltip)
        self.deliver_at.setDisplayFormat(QCoreApplication.translate("MessageSettingsBox", u"MM/dd/yyyy h:mm AP", None))
#if QT_CONFIG(tooltip)
        self.deliver_at.setToolTip(QCoreApplication.translate("MessageSettingsBox", u"In the practice's time zone", None))
#endif // QT_CONFIG(tooltip)
        self.next_opening.setText(QCoreApplication.translate("MessageSettingsBox", u"Ne&xt opening", None))
#if QT_CONFIG(tooltip)
        self.next_opening.setToolTip(QCoreApplication.translate("MessageSettingsBox", u"Deliver when the practice next opens (Setup > Practice Hours)", None))
#endif // QT_CONFIG(tooltip)
        self.business_hours.setText(QCoreApplication.translate("MessageSettingsBox", u"Only in opening &hours", None))
#if QT_CONFIG(tooltip)
        self.business_hours.setToolTip(QCoreApplication.translate("MessageSettingsBox", u"Refuse a delivery time when the practice is closed", None))
#endif // QT_CONFIG(tooltip)
        self.allow_reply.setText(QCoreApplication.translate("MessageSettingsBox", u"Allow re&ply (off for announcements: the portal shows \"does not accept replies\")", None))
        self.notify_unread.setText(QCoreApplication.translate("MessageSettingsBox", u"Notify me if &unread after", None))
#if QT_CONFIG(tooltip)
        self.notify_unread.setToolTip(QCoreApplication.translate("MessageSettingsBox", u"Your WebMail alert shows the message when the patient has not opened it by then", None))
#endif // QT_CONFIG(tooltip)
        self.notify_days.setSuffix(QCoreApplication.translate("MessageSettingsBox", u" days", None))
        self.second_notice.setText(QCoreApplication.translate("MessageSettingsBox", u"and send the patient a second n&otice", None))
#if QT_CONFIG(tooltip)
        self.second_notice.setToolTip(QCoreApplication.translate("MessageSettingsBox", u"The same notification e-mail once more (it never holds the message)", None))
#endif // QT_CONFIG(tooltip)
        self.settings_problem.setText("")
    # retranslateUi

