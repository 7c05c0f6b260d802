"""Generated from forms/portal_settings.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout, QWidget)

class Ui_PortalSettingsDialog(object):
    def setupUi(self, PortalSettingsDialog: Any) -> None:
        if not PortalSettingsDialog.objectName():
            PortalSettingsDialog.setObjectName(u"PortalSettingsDialog")
        PortalSettingsDialog.resize(560, 520)
        self.mainLayout = QVBoxLayout(PortalSettingsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.portal_urlLabel = QLabel(PortalSettingsDialog)
        self.portal_urlLabel.setObjectName(u"portal_urlLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.portal_urlLabel)

        self.portal_url = QLineEdit(PortalSettingsDialog)
        self.portal_url.setObjectName(u"portal_url")
        self.portal_url.setMaxLength(500)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.portal_url)

        self.portal_url_error = QLabel(PortalSettingsDialog)
        self.portal_url_error.setObjectName(u"portal_url_error")
        self.portal_url_error.setTextFormat(Qt.TextFormat.PlainText)
        self.portal_url_error.setWordWrap(True)
        self.portal_url_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.portal_url_error)

        self.notify_languageLabel = QLabel(PortalSettingsDialog)
        self.notify_languageLabel.setObjectName(u"notify_languageLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.notify_languageLabel)

        self.notify_language = QComboBox(PortalSettingsDialog)
        self.notify_language.setObjectName(u"notify_language")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.notify_language)

        self.notify_subjectLabel = QLabel(PortalSettingsDialog)
        self.notify_subjectLabel.setObjectName(u"notify_subjectLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.notify_subjectLabel)

        self.notify_subject = QLineEdit(PortalSettingsDialog)
        self.notify_subject.setObjectName(u"notify_subject")
        self.notify_subject.setMaxLength(255)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notify_subject)

        self.notify_subject_error = QLabel(PortalSettingsDialog)
        self.notify_subject_error.setObjectName(u"notify_subject_error")
        self.notify_subject_error.setTextFormat(Qt.TextFormat.PlainText)
        self.notify_subject_error.setWordWrap(True)
        self.notify_subject_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.notify_subject_error)

        self.notify_bodyLabel = QLabel(PortalSettingsDialog)
        self.notify_bodyLabel.setObjectName(u"notify_bodyLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.notify_bodyLabel)

        self.notify_body = QPlainTextEdit(PortalSettingsDialog)
        self.notify_body.setObjectName(u"notify_body")
        self.notify_body.setTabChangesFocus(True)
        self.notify_body.setMaximumSize(QSize(16777215, 140))

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.notify_body)

        self.notify_body_error = QLabel(PortalSettingsDialog)
        self.notify_body_error.setObjectName(u"notify_body_error")
        self.notify_body_error.setTextFormat(Qt.TextFormat.PlainText)
        self.notify_body_error.setWordWrap(True)
        self.notify_body_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.notify_body_error)

        self.portal_two_stepLabel = QLabel(PortalSettingsDialog)
        self.portal_two_stepLabel.setObjectName(u"portal_two_stepLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.portal_two_stepLabel)

        self.portal_two_step = QComboBox(PortalSettingsDialog)
        self.portal_two_step.setObjectName(u"portal_two_step")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.portal_two_step)

        self.portal_two_stepHelp = QLabel(PortalSettingsDialog)
        self.portal_two_stepHelp.setObjectName(u"portal_two_stepHelp")
        self.portal_two_stepHelp.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)
        self.portal_two_stepHelp.setTextFormat(Qt.TextFormat.PlainText)
        self.portal_two_stepHelp.setWordWrap(True)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.portal_two_stepHelp)

        self.portal_two_step_error = QLabel(PortalSettingsDialog)
        self.portal_two_step_error.setObjectName(u"portal_two_step_error")
        self.portal_two_step_error.setTextFormat(Qt.TextFormat.PlainText)
        self.portal_two_step_error.setWordWrap(True)
        self.portal_two_step_error.setStyleSheet(u"color: #b00020;")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.portal_two_step_error)


        self.mainLayout.addLayout(self.formLayout)

        self.tagsLabel = QLabel(PortalSettingsDialog)
        self.tagsLabel.setObjectName(u"tagsLabel")
        self.tagsLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.tagsLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.tagsLabel)

        self.portal_family_scope = QCheckBox(PortalSettingsDialog)
        self.portal_family_scope.setObjectName(u"portal_family_scope")

        self.mainLayout.addWidget(self.portal_family_scope)

        self.webmail_allow_reply = QCheckBox(PortalSettingsDialog)
        self.webmail_allow_reply.setObjectName(u"webmail_allow_reply")

        self.mainLayout.addWidget(self.webmail_allow_reply)

        self.notifyUnreadLayout = QHBoxLayout()
        self.notifyUnreadLayout.setObjectName(u"notifyUnreadLayout")
        self.webmail_notify_unread_daysLabel = QLabel(PortalSettingsDialog)
        self.webmail_notify_unread_daysLabel.setObjectName(u"webmail_notify_unread_daysLabel")

        self.notifyUnreadLayout.addWidget(self.webmail_notify_unread_daysLabel)

        self.webmail_notify_unread_days = QSpinBox(PortalSettingsDialog)
        self.webmail_notify_unread_days.setObjectName(u"webmail_notify_unread_days")
        self.webmail_notify_unread_days.setMaximum(90)

        self.notifyUnreadLayout.addWidget(self.webmail_notify_unread_days)

        self.notifyUnreadSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.notifyUnreadLayout.addItem(self.notifyUnreadSpacer)


        self.mainLayout.addLayout(self.notifyUnreadLayout)

        self.messageLabel = QLabel(PortalSettingsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(PortalSettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.portal_urlLabel.setBuddy(self.portal_url)
        self.notify_languageLabel.setBuddy(self.notify_language)
        self.notify_subjectLabel.setBuddy(self.notify_subject)
        self.notify_bodyLabel.setBuddy(self.notify_body)
        self.portal_two_stepLabel.setBuddy(self.portal_two_step)
        self.webmail_notify_unread_daysLabel.setBuddy(self.webmail_notify_unread_days)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PortalSettingsDialog)
    # setupUi

    def retranslateUi(self, PortalSettingsDialog: Any) -> None:
        PortalSettingsDialog.setWindowTitle(QCoreApplication.translate("PortalSettingsDialog", u"Patient Portal", None))
        self.portal_urlLabel.setText(QCoreApplication.translate("PortalSettingsDialog", u"Portal &URL", None))
        self.portal_url.setPlaceholderText(QCoreApplication.translate("PortalSettingsDialog", u"https://portal.practice.example", None))
        self.portal_url_error.setText("")
        self.notify_languageLabel.setText(QCoreApplication.translate("PortalSettingsDialog", u"Notice &language", None))
#if QT_CONFIG(tooltip)
        self.notify_language.setToolTip(QCoreApplication.translate("PortalSettingsDialog", u"The practice keeps one notification subject and body per language; each patient gets the one of their preferred language", None))
#endif // QT_CONFIG(tooltip)
        self.notify_subjectLabel.setText(QCoreApplication.translate("PortalSettingsDialog", u"Notification &subject", None))
        self.notify_subject_error.setText("")
        self.notify_bodyLabel.setText(QCoreApplication.translate("PortalSettingsDialog", u"Notification &body", None))
        self.notify_body_error.setText("")
        self.portal_two_stepLabel.setText(QCoreApplication.translate("PortalSettingsDialog", u"&Two-step log-in", None))
        self.portal_two_stepHelp.setText(QCoreApplication.translate("PortalSettingsDialog", u"Patients confirm their log-in with an authenticator app on their phone: a six-digit code after their password. Off: nobody is asked for a code. Optional: each patient may turn it on under Account. Required: every patient sets it up at their next log-in. Staff can reset it for a patient on Chart > Portal Access.", None))
        self.portal_two_step_error.setText("")
        self.tagsLabel.setText("")
        self.portal_family_scope.setText(QCoreApplication.translate("PortalSettingsDialog", u"&Guarantors see their family members' messages in the portal", None))
        self.webmail_allow_reply.setText(QCoreApplication.translate("PortalSettingsDialog", u"New WebMail accepts &replies (the sender can turn it off for one message)", None))
        self.webmail_notify_unread_daysLabel.setText(QCoreApplication.translate("PortalSettingsDialog", u"New WebMail: notify the sender if &unread after", None))
        self.webmail_notify_unread_days.setSpecialValueText(QCoreApplication.translate("PortalSettingsDialog", u"off", None))
        self.webmail_notify_unread_days.setSuffix(QCoreApplication.translate("PortalSettingsDialog", u" days", None))
        self.messageLabel.setText("")
    # retranslateUi

