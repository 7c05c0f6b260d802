"""Generated from forms/groups.ui by opendesk.desktop.forms_build: do not edit."""
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
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_GroupsDialog(object):
    def setupUi(self, GroupsDialog: Any) -> None:
        if not GroupsDialog.objectName():
            GroupsDialog.setObjectName(u"GroupsDialog")
        GroupsDialog.resize(720, 500)
        self.mainLayout = QVBoxLayout(GroupsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.listLayout = QVBoxLayout()
        self.listLayout.setObjectName(u"listLayout")
        self.groupList = QListWidget(GroupsDialog)
        self.groupList.setObjectName(u"groupList")

        self.listLayout.addWidget(self.groupList)

        self.addButton = QPushButton(GroupsDialog)
        self.addButton.setObjectName(u"addButton")

        self.listLayout.addWidget(self.addButton)


        self.bodyLayout.addLayout(self.listLayout)

        self.editLayout = QVBoxLayout()
        self.editLayout.setObjectName(u"editLayout")
        self.nameForm = QFormLayout()
        self.nameForm.setObjectName(u"nameForm")
        self.nameLabel = QLabel(GroupsDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.nameForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(GroupsDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(100)

        self.nameForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.name_error = QLabel(GroupsDialog)
        self.name_error.setObjectName(u"name_error")
        self.name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.name_error.setWordWrap(True)
        self.name_error.setStyleSheet(u"color: #b00020;")

        self.nameForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name_error)


        self.editLayout.addLayout(self.nameForm)

        self.permissionsBox = QGroupBox(GroupsDialog)
        self.permissionsBox.setObjectName(u"permissionsBox")
        self.permissionsLayout = QVBoxLayout(self.permissionsBox)
        self.permissionsLayout.setObjectName(u"permissionsLayout")

        self.editLayout.addWidget(self.permissionsBox)

        self.delegateBox = QGroupBox(GroupsDialog)
        self.delegateBox.setObjectName(u"delegateBox")
        self.delegateLayout = QVBoxLayout(self.delegateBox)
        self.delegateLayout.setObjectName(u"delegateLayout")
        self.delegate_all = QRadioButton(self.delegateBox)
        self.delegate_all.setObjectName(u"delegate_all")
        self.delegate_all.setChecked(True)

        self.delegateLayout.addWidget(self.delegate_all)

        self.delegate_some = QRadioButton(self.delegateBox)
        self.delegate_some.setObjectName(u"delegate_some")

        self.delegateLayout.addWidget(self.delegate_some)

        self.delegate_providers = QListWidget(self.delegateBox)
        self.delegate_providers.setObjectName(u"delegate_providers")

        self.delegateLayout.addWidget(self.delegate_providers)

        self.delegate_error = QLabel(self.delegateBox)
        self.delegate_error.setObjectName(u"delegate_error")
        self.delegate_error.setTextFormat(Qt.TextFormat.PlainText)
        self.delegate_error.setWordWrap(True)
        self.delegate_error.setStyleSheet(u"color: #b00020;")

        self.delegateLayout.addWidget(self.delegate_error)


        self.editLayout.addWidget(self.delegateBox)

        self.saveLayout = QHBoxLayout()
        self.saveLayout.setObjectName(u"saveLayout")
        self.saveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.saveLayout.addItem(self.saveSpacer)

        self.saveButton = QPushButton(GroupsDialog)
        self.saveButton.setObjectName(u"saveButton")

        self.saveLayout.addWidget(self.saveButton)


        self.editLayout.addLayout(self.saveLayout)


        self.bodyLayout.addLayout(self.editLayout)


        self.mainLayout.addLayout(self.bodyLayout)

        self.messageLabel = QLabel(GroupsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(GroupsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(GroupsDialog)
    # setupUi

    def retranslateUi(self, GroupsDialog: Any) -> None:
        GroupsDialog.setWindowTitle(QCoreApplication.translate("GroupsDialog", u"Groups and Permissions", None))
        self.addButton.setText(QCoreApplication.translate("GroupsDialog", u"&New Group", None))
        self.nameLabel.setText(QCoreApplication.translate("GroupsDialog", u"Group &name", None))
        self.name_error.setText("")
        self.permissionsBox.setTitle(QCoreApplication.translate("GroupsDialog", u"Members of this group may", None))
        self.delegateBox.setTitle(QCoreApplication.translate("GroupsDialog", u"Inbox delegation", None))
        self.delegate_all.setText(QCoreApplication.translate("GroupsDialog", u"Every provider's inbox", None))
        self.delegate_some.setText(QCoreApplication.translate("GroupsDialog", u"Only these providers' inboxes:", None))
        self.delegate_error.setText("")
        self.saveButton.setText(QCoreApplication.translate("GroupsDialog", u"&Save Group", None))
        self.messageLabel.setText("")
    # retranslateUi

