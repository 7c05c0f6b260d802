"""Generated from forms/teams.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_TeamsDialog(object):
    def setupUi(self, TeamsDialog: Any) -> None:
        if not TeamsDialog.objectName():
            TeamsDialog.setObjectName(u"TeamsDialog")
        TeamsDialog.resize(640, 460)
        self.mainLayout = QVBoxLayout(TeamsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.listLayout = QVBoxLayout()
        self.listLayout.setObjectName(u"listLayout")
        self.teamList = QListWidget(TeamsDialog)
        self.teamList.setObjectName(u"teamList")

        self.listLayout.addWidget(self.teamList)

        self.addButton = QPushButton(TeamsDialog)
        self.addButton.setObjectName(u"addButton")

        self.listLayout.addWidget(self.addButton)


        self.bodyLayout.addLayout(self.listLayout)

        self.editLayout = QVBoxLayout()
        self.editLayout.setObjectName(u"editLayout")
        self.editForm = QFormLayout()
        self.editForm.setObjectName(u"editForm")
        self.nameLabel = QLabel(TeamsDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.editForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(TeamsDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(100)

        self.editForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.name_error = QLabel(TeamsDialog)
        self.name_error.setObjectName(u"name_error")
        self.name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.name_error.setWordWrap(True)
        self.name_error.setStyleSheet(u"color: #b00020;")

        self.editForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name_error)

        self.is_active = QCheckBox(TeamsDialog)
        self.is_active.setObjectName(u"is_active")
        self.is_active.setChecked(True)

        self.editForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.is_active)

        self.membersLabel = QLabel(TeamsDialog)
        self.membersLabel.setObjectName(u"membersLabel")

        self.editForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.membersLabel)

        self.members = QListWidget(TeamsDialog)
        self.members.setObjectName(u"members")

        self.editForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.members)

        self.members_error = QLabel(TeamsDialog)
        self.members_error.setObjectName(u"members_error")
        self.members_error.setTextFormat(Qt.TextFormat.PlainText)
        self.members_error.setWordWrap(True)
        self.members_error.setStyleSheet(u"color: #b00020;")

        self.editForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.members_error)


        self.editLayout.addLayout(self.editForm)

        self.saveLayout = QHBoxLayout()
        self.saveLayout.setObjectName(u"saveLayout")
        self.saveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.saveLayout.addItem(self.saveSpacer)

        self.saveButton = QPushButton(TeamsDialog)
        self.saveButton.setObjectName(u"saveButton")

        self.saveLayout.addWidget(self.saveButton)


        self.editLayout.addLayout(self.saveLayout)


        self.bodyLayout.addLayout(self.editLayout)


        self.mainLayout.addLayout(self.bodyLayout)

        self.messageLabel = QLabel(TeamsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(TeamsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.membersLabel.setBuddy(self.members)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TeamsDialog)
    # setupUi

    def retranslateUi(self, TeamsDialog: Any) -> None:
        TeamsDialog.setWindowTitle(QCoreApplication.translate("TeamsDialog", u"Teams", None))
        self.addButton.setText(QCoreApplication.translate("TeamsDialog", u"&New Team", None))
        self.nameLabel.setText(QCoreApplication.translate("TeamsDialog", u"Team &name", None))
        self.name_error.setText("")
        self.is_active.setText(QCoreApplication.translate("TeamsDialog", u"&Active: receives the messages of its reasons", None))
        self.membersLabel.setText(QCoreApplication.translate("TeamsDialog", u"&Members", None))
#if QT_CONFIG(tooltip)
        self.members.setToolTip(QCoreApplication.translate("TeamsDialog", u"Tick the staff users in this team: they see its messages in the Email Inbox as \"Team: name\".", None))
#endif // QT_CONFIG(tooltip)
        self.members_error.setText("")
        self.saveButton.setText(QCoreApplication.translate("TeamsDialog", u"&Save Team", None))
        self.messageLabel.setText("")
    # retranslateUi

