"""Generated from forms/portal_access.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_PortalAccessPage(object):
    def setupUi(self, PortalAccessPage: Any) -> None:
        if not PortalAccessPage.objectName():
            PortalAccessPage.setObjectName(u"PortalAccessPage")
        PortalAccessPage.resize(600, 400)
        self.mainLayout = QVBoxLayout(PortalAccessPage)
        self.mainLayout.setObjectName(u"mainLayout")
        self.portal_access_title = QLabel(PortalAccessPage)
        self.portal_access_title.setObjectName(u"portal_access_title")
        self.portal_access_title.setTextFormat(Qt.TextFormat.PlainText)
        self.portal_access_title.setStyleSheet(u"font-size: 13pt; font-weight: bold;")

        self.mainLayout.addWidget(self.portal_access_title)

        self.accountLayout = QFormLayout()
        self.accountLayout.setObjectName(u"accountLayout")
        self.user_caption = QLabel(PortalAccessPage)
        self.user_caption.setObjectName(u"user_caption")
        self.user_caption.setTextFormat(Qt.TextFormat.PlainText)

        self.accountLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.user_caption)

        self.portal_user_name = QLabel(PortalAccessPage)
        self.portal_user_name.setObjectName(u"portal_user_name")
        self.portal_user_name.setTextFormat(Qt.TextFormat.PlainText)
        self.portal_user_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.accountLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.portal_user_name)

        self.active_caption = QLabel(PortalAccessPage)
        self.active_caption.setObjectName(u"active_caption")
        self.active_caption.setTextFormat(Qt.TextFormat.PlainText)

        self.accountLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.active_caption)

        self.portal_access_active = QLabel(PortalAccessPage)
        self.portal_access_active.setObjectName(u"portal_access_active")
        self.portal_access_active.setTextFormat(Qt.TextFormat.PlainText)

        self.accountLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.portal_access_active)


        self.mainLayout.addLayout(self.accountLayout)

        self.portal_access_state = QLabel(PortalAccessPage)
        self.portal_access_state.setObjectName(u"portal_access_state")
        self.portal_access_state.setTextFormat(Qt.TextFormat.PlainText)
        self.portal_access_state.setWordWrap(True)
        self.portal_access_state.setStyleSheet(u"font-weight: bold;")

        self.mainLayout.addWidget(self.portal_access_state)

        self.portal_access_problems = QLabel(PortalAccessPage)
        self.portal_access_problems.setObjectName(u"portal_access_problems")
        self.portal_access_problems.setTextFormat(Qt.TextFormat.PlainText)
        self.portal_access_problems.setWordWrap(True)
        self.portal_access_problems.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.portal_access_problems)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.grant_access = QPushButton(PortalAccessPage)
        self.grant_access.setObjectName(u"grant_access")

        self.buttonLayout.addWidget(self.grant_access)

        self.remove_access = QPushButton(PortalAccessPage)
        self.remove_access.setObjectName(u"remove_access")

        self.buttonLayout.addWidget(self.remove_access)

        self.buttonSpacer = QSpacerItem(0, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)


        self.mainLayout.addLayout(self.buttonLayout)

        self.hint = QLabel(PortalAccessPage)
        self.hint.setObjectName(u"hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(u"color: #555;")

        self.mainLayout.addWidget(self.hint)

        self.bottomSpacer = QSpacerItem(10, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)


        self.retranslateUi(PortalAccessPage)
    # setupUi

    def retranslateUi(self, PortalAccessPage: Any) -> None:
        self.portal_access_title.setText(QCoreApplication.translate("PortalAccessPage", u"Portal Access", None))
        self.user_caption.setText(QCoreApplication.translate("PortalAccessPage", u"Portal user name:", None))
        self.active_caption.setText(QCoreApplication.translate("PortalAccessPage", u"Access:", None))
        self.grant_access.setText(QCoreApplication.translate("PortalAccessPage", u"Grant Portal Access", None))
        self.remove_access.setText(QCoreApplication.translate("PortalAccessPage", u"Remove Access", None))
        self.hint.setText(QCoreApplication.translate("PortalAccessPage", u"The portal needs the patient's first and last name, birthdate, phone, e-mail, address and primary provider. To give another provider WebMail, add a patient record for that provider (Select Patient > Add Patient) with these fields, then grant access here.", None))
        pass
    # retranslateUi

