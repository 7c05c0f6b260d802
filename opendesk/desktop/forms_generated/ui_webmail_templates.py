"""Generated from forms/webmail_templates.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QComboBox, QDialog, QDialogButtonBox, QGridLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QTableView, QVBoxLayout, QWidget)

class Ui_WebMailTemplatesDialog(object):
    def setupUi(self, WebMailTemplatesDialog: Any) -> None:
        if not WebMailTemplatesDialog.objectName():
            WebMailTemplatesDialog.setObjectName(u"WebMailTemplatesDialog")
        WebMailTemplatesDialog.resize(940, 640)
        self.mainLayout = QVBoxLayout(WebMailTemplatesDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.splitLayout = QHBoxLayout()
        self.splitLayout.setObjectName(u"splitLayout")
        self.listLayout = QVBoxLayout()
        self.listLayout.setObjectName(u"listLayout")
        self.templatesLabel = QLabel(WebMailTemplatesDialog)
        self.templatesLabel.setObjectName(u"templatesLabel")

        self.listLayout.addWidget(self.templatesLabel)

        self.templatesView = QTableView(WebMailTemplatesDialog)
        self.templatesView.setObjectName(u"templatesView")
        self.templatesView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.templatesView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.templatesView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.templatesView.setMinimumSize(QSize(260, 0))

        self.listLayout.addWidget(self.templatesView)

        self.listButtonsLayout = QHBoxLayout()
        self.listButtonsLayout.setObjectName(u"listButtonsLayout")
        self.newButton = QPushButton(WebMailTemplatesDialog)
        self.newButton.setObjectName(u"newButton")

        self.listButtonsLayout.addWidget(self.newButton)

        self.deleteButton = QPushButton(WebMailTemplatesDialog)
        self.deleteButton.setObjectName(u"deleteButton")

        self.listButtonsLayout.addWidget(self.deleteButton)

        self.listSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.listButtonsLayout.addItem(self.listSpacer)


        self.listLayout.addLayout(self.listButtonsLayout)

        self.listLayout.setStretch(1, 1)

        self.splitLayout.addLayout(self.listLayout)

        self.editorLayout = QVBoxLayout()
        self.editorLayout.setObjectName(u"editorLayout")
        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.nameLabel = QLabel(WebMailTemplatesDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.fieldsLayout.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.name = QLineEdit(WebMailTemplatesDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(100)

        self.fieldsLayout.addWidget(self.name, 0, 1, 1, 1)

        self.name_error = QLabel(WebMailTemplatesDialog)
        self.name_error.setObjectName(u"name_error")
        self.name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.name_error.setWordWrap(True)
        self.name_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.name_error, 1, 1, 1, 1)

        self.scopeLabel = QLabel(WebMailTemplatesDialog)
        self.scopeLabel.setObjectName(u"scopeLabel")

        self.fieldsLayout.addWidget(self.scopeLabel, 2, 0, 1, 1)

        self.scope = QComboBox(WebMailTemplatesDialog)
        self.scope.setObjectName(u"scope")

        self.fieldsLayout.addWidget(self.scope, 2, 1, 1, 1)

        self.scope_error = QLabel(WebMailTemplatesDialog)
        self.scope_error.setObjectName(u"scope_error")
        self.scope_error.setTextFormat(Qt.TextFormat.PlainText)
        self.scope_error.setWordWrap(True)
        self.scope_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.scope_error, 3, 1, 1, 1)

        self.subjectLabel = QLabel(WebMailTemplatesDialog)
        self.subjectLabel.setObjectName(u"subjectLabel")

        self.fieldsLayout.addWidget(self.subjectLabel, 4, 0, 1, 1)

        self.subject = QLineEdit(WebMailTemplatesDialog)
        self.subject.setObjectName(u"subject")
        self.subject.setMaxLength(200)

        self.fieldsLayout.addWidget(self.subject, 4, 1, 1, 1)

        self.subject_error = QLabel(WebMailTemplatesDialog)
        self.subject_error.setObjectName(u"subject_error")
        self.subject_error.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_error.setWordWrap(True)
        self.subject_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.subject_error, 5, 1, 1, 1)

        self.fieldsLayout.setColumnStretch(1, 1)

        self.editorLayout.addLayout(self.fieldsLayout)

        self.bodyHeader = QHBoxLayout()
        self.bodyHeader.setObjectName(u"bodyHeader")
        self.bodyLabel = QLabel(WebMailTemplatesDialog)
        self.bodyLabel.setObjectName(u"bodyLabel")

        self.bodyHeader.addWidget(self.bodyLabel)

        self.bodySpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bodyHeader.addItem(self.bodySpacer)


        self.editorLayout.addLayout(self.bodyHeader)

        self.body = QPlainTextEdit(WebMailTemplatesDialog)
        self.body.setObjectName(u"body")
        self.body.setTabChangesFocus(True)

        self.editorLayout.addWidget(self.body)

        self.body_error = QLabel(WebMailTemplatesDialog)
        self.body_error.setObjectName(u"body_error")
        self.body_error.setTextFormat(Qt.TextFormat.PlainText)
        self.body_error.setWordWrap(True)
        self.body_error.setStyleSheet(u"color: #b00020;")

        self.editorLayout.addWidget(self.body_error)

        self.fields_help = QLabel(WebMailTemplatesDialog)
        self.fields_help.setObjectName(u"fields_help")
        self.fields_help.setTextFormat(Qt.TextFormat.PlainText)
        self.fields_help.setWordWrap(True)
        self.fields_help.setStyleSheet(u"color: #555;")

        self.editorLayout.addWidget(self.fields_help)

        self.attachmentsGroup = QGroupBox(WebMailTemplatesDialog)
        self.attachmentsGroup.setObjectName(u"attachmentsGroup")
        self.attachmentsLayout = QVBoxLayout(self.attachmentsGroup)
        self.attachmentsLayout.setObjectName(u"attachmentsLayout")
        self.attachmentsRow = QHBoxLayout()
        self.attachmentsRow.setObjectName(u"attachmentsRow")
        self.attachments = QListWidget(self.attachmentsGroup)
        self.attachments.setObjectName(u"attachments")
        self.attachments.setMaximumSize(QSize(16777215, 70))

        self.attachmentsRow.addWidget(self.attachments)

        self.attachmentButtons = QVBoxLayout()
        self.attachmentButtons.setObjectName(u"attachmentButtons")
        self.addAttachmentButton = QPushButton(self.attachmentsGroup)
        self.addAttachmentButton.setObjectName(u"addAttachmentButton")

        self.attachmentButtons.addWidget(self.addAttachmentButton)

        self.removeAttachmentButton = QPushButton(self.attachmentsGroup)
        self.removeAttachmentButton.setObjectName(u"removeAttachmentButton")

        self.attachmentButtons.addWidget(self.removeAttachmentButton)


        self.attachmentsRow.addLayout(self.attachmentButtons)


        self.attachmentsLayout.addLayout(self.attachmentsRow)

        self.folder_note = QLabel(self.attachmentsGroup)
        self.folder_note.setObjectName(u"folder_note")
        self.folder_note.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_note.setWordWrap(True)
        self.folder_note.setStyleSheet(u"color: #555;")

        self.attachmentsLayout.addWidget(self.folder_note)

        self.attachments_error = QLabel(self.attachmentsGroup)
        self.attachments_error.setObjectName(u"attachments_error")
        self.attachments_error.setTextFormat(Qt.TextFormat.PlainText)
        self.attachments_error.setWordWrap(True)
        self.attachments_error.setStyleSheet(u"color: #b00020;")

        self.attachmentsLayout.addWidget(self.attachments_error)


        self.editorLayout.addWidget(self.attachmentsGroup)

        self.settingsGroup = QGroupBox(WebMailTemplatesDialog)
        self.settingsGroup.setObjectName(u"settingsGroup")
        self.settingsLayout = QVBoxLayout(self.settingsGroup)
        self.settingsLayout.setObjectName(u"settingsLayout")
        self.allow_reply = QCheckBox(self.settingsGroup)
        self.allow_reply.setObjectName(u"allow_reply")
        self.allow_reply.setChecked(True)

        self.settingsLayout.addWidget(self.allow_reply)

        self.notifyRow = QHBoxLayout()
        self.notifyRow.setObjectName(u"notifyRow")
        self.notify_unread = QCheckBox(self.settingsGroup)
        self.notify_unread.setObjectName(u"notify_unread")

        self.notifyRow.addWidget(self.notify_unread)

        self.notify_unread_days = QSpinBox(self.settingsGroup)
        self.notify_unread_days.setObjectName(u"notify_unread_days")
        self.notify_unread_days.setMinimum(1)
        self.notify_unread_days.setMaximum(60)
        self.notify_unread_days.setValue(3)

        self.notifyRow.addWidget(self.notify_unread_days)

        self.notifySpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.notifyRow.addItem(self.notifySpacer)


        self.settingsLayout.addLayout(self.notifyRow)

        self.notify_unread_days_error = QLabel(self.settingsGroup)
        self.notify_unread_days_error.setObjectName(u"notify_unread_days_error")
        self.notify_unread_days_error.setTextFormat(Qt.TextFormat.PlainText)
        self.notify_unread_days_error.setWordWrap(True)
        self.notify_unread_days_error.setStyleSheet(u"color: #b00020;")

        self.settingsLayout.addWidget(self.notify_unread_days_error)


        self.editorLayout.addWidget(self.settingsGroup)

        self.editorLayout.setStretch(2, 1)

        self.splitLayout.addLayout(self.editorLayout)

        self.splitLayout.setStretch(0, 2)
        self.splitLayout.setStretch(1, 5)

        self.mainLayout.addLayout(self.splitLayout)

        self.messageLabel = QLabel(WebMailTemplatesDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.bottomButtons = QHBoxLayout()
        self.bottomButtons.setObjectName(u"bottomButtons")
        self.bottomSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottomButtons.addItem(self.bottomSpacer)

        self.saveButton = QPushButton(WebMailTemplatesDialog)
        self.saveButton.setObjectName(u"saveButton")

        self.bottomButtons.addWidget(self.saveButton)

        self.buttonBox = QDialogButtonBox(WebMailTemplatesDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.buttonBox.sizePolicy().hasHeightForWidth())
        self.buttonBox.setSizePolicy(sizePolicy)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.bottomButtons.addWidget(self.buttonBox)


        self.mainLayout.addLayout(self.bottomButtons)

        self.mainLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.templatesLabel.setBuddy(self.templatesView)
        self.nameLabel.setBuddy(self.name)
        self.scopeLabel.setBuddy(self.scope)
        self.subjectLabel.setBuddy(self.subject)
        self.bodyLabel.setBuddy(self.body)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(WebMailTemplatesDialog)
    # setupUi

    def retranslateUi(self, WebMailTemplatesDialog: Any) -> None:
        WebMailTemplatesDialog.setWindowTitle(QCoreApplication.translate("WebMailTemplatesDialog", u"WebMail Templates", None))
        self.templatesLabel.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&Templates", None))
        self.newButton.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&New", None))
#if QT_CONFIG(tooltip)
        self.newButton.setToolTip(QCoreApplication.translate("WebMailTemplatesDialog", u"Start a new template", None))
#endif // QT_CONFIG(tooltip)
        self.deleteButton.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&Delete", None))
#if QT_CONFIG(tooltip)
        self.deleteButton.setToolTip(QCoreApplication.translate("WebMailTemplatesDialog", u"Delete the selected template", None))
#endif // QT_CONFIG(tooltip)
        self.nameLabel.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&Name", None))
        self.name_error.setText("")
        self.scopeLabel.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&Used by", None))
#if QT_CONFIG(tooltip)
        self.scope.setToolTip(QCoreApplication.translate("WebMailTemplatesDialog", u"Practice: everyone may use it (Setup edits it). Personal: one provider's own template.", None))
#endif // QT_CONFIG(tooltip)
        self.scope_error.setText("")
        self.subjectLabel.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&Subject", None))
        self.subject_error.setText("")
        self.bodyLabel.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&Message", None))
        self.body.setPlaceholderText(QCoreApplication.translate("WebMailTemplatesDialog", u"The message, in plain text, with merge fields such as [PatientFName].", None))
        self.body_error.setText("")
        self.fields_help.setText("")
        self.attachmentsGroup.setTitle(QCoreApplication.translate("WebMailTemplatesDialog", u"Attachments from the practice's shared folder", None))
        self.addAttachmentButton.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&Add...", None))
#if QT_CONFIG(tooltip)
        self.addAttachmentButton.setToolTip(QCoreApplication.translate("WebMailTemplatesDialog", u"Choose files in the practice's shared folder", None))
#endif // QT_CONFIG(tooltip)
        self.removeAttachmentButton.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&Remove", None))
        self.folder_note.setText("")
        self.attachments_error.setText("")
        self.settingsGroup.setTitle(QCoreApplication.translate("WebMailTemplatesDialog", u"Message settings", None))
        self.allow_reply.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"Allo&w the patient to reply", None))
        self.notify_unread.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"Notify &me if unread after", None))
        self.notify_unread_days.setSuffix(QCoreApplication.translate("WebMailTemplatesDialog", u" days", None))
        self.notify_unread_days_error.setText("")
        self.messageLabel.setText("")
        self.saveButton.setText(QCoreApplication.translate("WebMailTemplatesDialog", u"&Save", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("WebMailTemplatesDialog", u"Save this template", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

