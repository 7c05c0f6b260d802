"""Generated from forms/reasons.ui by opendesk.desktop.forms_build: do not edit."""
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
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_ReasonsDialog(object):
    def setupUi(self, ReasonsDialog: Any) -> None:
        if not ReasonsDialog.objectName():
            ReasonsDialog.setObjectName(u"ReasonsDialog")
        ReasonsDialog.resize(760, 520)
        self.mainLayout = QVBoxLayout(ReasonsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.listLayout = QVBoxLayout()
        self.listLayout.setObjectName(u"listLayout")
        self.reasonList = QListWidget(ReasonsDialog)
        self.reasonList.setObjectName(u"reasonList")

        self.listLayout.addWidget(self.reasonList)

        self.addButton = QPushButton(ReasonsDialog)
        self.addButton.setObjectName(u"addButton")

        self.listLayout.addWidget(self.addButton)


        self.bodyLayout.addLayout(self.listLayout)

        self.editLayout = QVBoxLayout()
        self.editLayout.setObjectName(u"editLayout")
        self.editForm = QFormLayout()
        self.editForm.setObjectName(u"editForm")
        self.nameLabel = QLabel(ReasonsDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.editForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(ReasonsDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(100)

        self.editForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.name_error = QLabel(ReasonsDialog)
        self.name_error.setObjectName(u"name_error")
        self.name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.name_error.setWordWrap(True)
        self.name_error.setStyleSheet(u"color: #b00020;")

        self.editForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name_error)

        self.recipient_kindLabel = QLabel(ReasonsDialog)
        self.recipient_kindLabel.setObjectName(u"recipient_kindLabel")

        self.editForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.recipient_kindLabel)

        self.recipient_kind = QComboBox(ReasonsDialog)
        self.recipient_kind.setObjectName(u"recipient_kind")

        self.editForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.recipient_kind)

        self.recipient_kind_error = QLabel(ReasonsDialog)
        self.recipient_kind_error.setObjectName(u"recipient_kind_error")
        self.recipient_kind_error.setTextFormat(Qt.TextFormat.PlainText)
        self.recipient_kind_error.setWordWrap(True)
        self.recipient_kind_error.setStyleSheet(u"color: #b00020;")

        self.editForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.recipient_kind_error)

        self.team_idLabel = QLabel(ReasonsDialog)
        self.team_idLabel.setObjectName(u"team_idLabel")

        self.editForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.team_idLabel)

        self.team_id = QComboBox(ReasonsDialog)
        self.team_id.setObjectName(u"team_id")

        self.editForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.team_id)

        self.team_id_error = QLabel(ReasonsDialog)
        self.team_id_error.setObjectName(u"team_id_error")
        self.team_id_error.setTextFormat(Qt.TextFormat.PlainText)
        self.team_id_error.setWordWrap(True)
        self.team_id_error.setStyleSheet(u"color: #b00020;")

        self.editForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.team_id_error)

        self.provider_idLabel = QLabel(ReasonsDialog)
        self.provider_idLabel.setObjectName(u"provider_idLabel")

        self.editForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.provider_idLabel)

        self.provider_id = QComboBox(ReasonsDialog)
        self.provider_id.setObjectName(u"provider_id")

        self.editForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.provider_id)

        self.provider_id_error = QLabel(ReasonsDialog)
        self.provider_id_error.setObjectName(u"provider_id_error")
        self.provider_id_error.setTextFormat(Qt.TextFormat.PlainText)
        self.provider_id_error.setWordWrap(True)
        self.provider_id_error.setStyleSheet(u"color: #b00020;")

        self.editForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.provider_id_error)

        self.target_hoursLabel = QLabel(ReasonsDialog)
        self.target_hoursLabel.setObjectName(u"target_hoursLabel")

        self.editForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.target_hoursLabel)

        self.target_hours = QSpinBox(ReasonsDialog)
        self.target_hours.setObjectName(u"target_hours")
        self.target_hours.setMinimum(1)
        self.target_hours.setMaximum(1000)
        self.target_hours.setValue(8)

        self.editForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.target_hours)

        self.target_hours_error = QLabel(ReasonsDialog)
        self.target_hours_error.setObjectName(u"target_hours_error")
        self.target_hours_error.setTextFormat(Qt.TextFormat.PlainText)
        self.target_hours_error.setWordWrap(True)
        self.target_hours_error.setStyleSheet(u"color: #b00020;")

        self.editForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.target_hours_error)

        self.backup_user_idLabel = QLabel(ReasonsDialog)
        self.backup_user_idLabel.setObjectName(u"backup_user_idLabel")

        self.editForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.backup_user_idLabel)

        self.backup_user_id = QComboBox(ReasonsDialog)
        self.backup_user_id.setObjectName(u"backup_user_id")

        self.editForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.backup_user_id)

        self.backup_user_id_error = QLabel(ReasonsDialog)
        self.backup_user_id_error.setObjectName(u"backup_user_id_error")
        self.backup_user_id_error.setTextFormat(Qt.TextFormat.PlainText)
        self.backup_user_id_error.setWordWrap(True)
        self.backup_user_id_error.setStyleSheet(u"color: #b00020;")

        self.editForm.setWidget(11, QFormLayout.ItemRole.FieldRole, self.backup_user_id_error)

        self.backup_team_idLabel = QLabel(ReasonsDialog)
        self.backup_team_idLabel.setObjectName(u"backup_team_idLabel")

        self.editForm.setWidget(12, QFormLayout.ItemRole.LabelRole, self.backup_team_idLabel)

        self.backup_team_id = QComboBox(ReasonsDialog)
        self.backup_team_id.setObjectName(u"backup_team_id")

        self.editForm.setWidget(12, QFormLayout.ItemRole.FieldRole, self.backup_team_id)

        self.backup_team_id_error = QLabel(ReasonsDialog)
        self.backup_team_id_error.setObjectName(u"backup_team_id_error")
        self.backup_team_id_error.setTextFormat(Qt.TextFormat.PlainText)
        self.backup_team_id_error.setWordWrap(True)
        self.backup_team_id_error.setStyleSheet(u"color: #b00020;")

        self.editForm.setWidget(13, QFormLayout.ItemRole.FieldRole, self.backup_team_id_error)

        self.sort_orderLabel = QLabel(ReasonsDialog)
        self.sort_orderLabel.setObjectName(u"sort_orderLabel")

        self.editForm.setWidget(14, QFormLayout.ItemRole.LabelRole, self.sort_orderLabel)

        self.sort_order = QSpinBox(ReasonsDialog)
        self.sort_order.setObjectName(u"sort_order")
        self.sort_order.setMinimum(0)
        self.sort_order.setMaximum(9999)

        self.editForm.setWidget(14, QFormLayout.ItemRole.FieldRole, self.sort_order)

        self.is_active = QCheckBox(ReasonsDialog)
        self.is_active.setObjectName(u"is_active")
        self.is_active.setChecked(True)

        self.editForm.setWidget(15, QFormLayout.ItemRole.SpanningRole, self.is_active)


        self.editLayout.addLayout(self.editForm)

        self.saveLayout = QHBoxLayout()
        self.saveLayout.setObjectName(u"saveLayout")
        self.saveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.saveLayout.addItem(self.saveSpacer)

        self.saveButton = QPushButton(ReasonsDialog)
        self.saveButton.setObjectName(u"saveButton")

        self.saveLayout.addWidget(self.saveButton)


        self.editLayout.addLayout(self.saveLayout)


        self.bodyLayout.addLayout(self.editLayout)


        self.mainLayout.addLayout(self.bodyLayout)

        self.messageLabel = QLabel(ReasonsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(ReasonsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.recipient_kindLabel.setBuddy(self.recipient_kind)
        self.team_idLabel.setBuddy(self.team_id)
        self.provider_idLabel.setBuddy(self.provider_id)
        self.target_hoursLabel.setBuddy(self.target_hours)
        self.backup_user_idLabel.setBuddy(self.backup_user_id)
        self.backup_team_idLabel.setBuddy(self.backup_team_id)
        self.sort_orderLabel.setBuddy(self.sort_order)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReasonsDialog)
    # setupUi

    def retranslateUi(self, ReasonsDialog: Any) -> None:
        ReasonsDialog.setWindowTitle(QCoreApplication.translate("ReasonsDialog", u"Message Reasons", None))
        self.addButton.setText(QCoreApplication.translate("ReasonsDialog", u"&New Reason", None))
        self.nameLabel.setText(QCoreApplication.translate("ReasonsDialog", u"Reason &name", None))
        self.name_error.setText("")
        self.recipient_kindLabel.setText(QCoreApplication.translate("ReasonsDialog", u"&Goes to", None))
        self.recipient_kind_error.setText("")
        self.team_idLabel.setText(QCoreApplication.translate("ReasonsDialog", u"&Team", None))
        self.team_id_error.setText("")
        self.provider_idLabel.setText(QCoreApplication.translate("ReasonsDialog", u"&Provider", None))
        self.provider_id_error.setText("")
        self.target_hoursLabel.setText(QCoreApplication.translate("ReasonsDialog", u"Answer &within", None))
        self.target_hours.setSuffix(QCoreApplication.translate("ReasonsDialog", u" business hours", None))
        self.target_hours_error.setText("")
        self.backup_user_idLabel.setText(QCoreApplication.translate("ReasonsDialog", u"&Backup user", None))
#if QT_CONFIG(tooltip)
        self.backup_user_id.setToolTip(QCoreApplication.translate("ReasonsDialog", u"Told with the owner when a message is past its response time.", None))
#endif // QT_CONFIG(tooltip)
        self.backup_user_id_error.setText("")
        self.backup_team_idLabel.setText(QCoreApplication.translate("ReasonsDialog", u"Backup t&eam", None))
        self.backup_team_id_error.setText("")
        self.sort_orderLabel.setText(QCoreApplication.translate("ReasonsDialog", u"&Order in the list", None))
        self.is_active.setText(QCoreApplication.translate("ReasonsDialog", u"&Offered to patients in the portal", None))
        self.saveButton.setText(QCoreApplication.translate("ReasonsDialog", u"&Save Reason", None))
        self.messageLabel.setText("")
    # retranslateUi

