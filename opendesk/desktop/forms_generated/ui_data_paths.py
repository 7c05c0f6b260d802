"""Generated from forms/data_paths.ui by opendesk.desktop.forms_build: do not edit."""
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
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QRadioButton, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_DataPathsDialog(object):
    def setupUi(self, DataPathsDialog: Any) -> None:
        if not DataPathsDialog.objectName():
            DataPathsDialog.setObjectName(u"DataPathsDialog")
        DataPathsDialog.resize(560, 400)
        self.mainLayout = QVBoxLayout(DataPathsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(DataPathsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.storage_folder = QRadioButton(DataPathsDialog)
        self.storage_folder.setObjectName(u"storage_folder")
        self.storage_folder.setChecked(True)

        self.mainLayout.addWidget(self.storage_folder)

        self.folderForm = QFormLayout()
        self.folderForm.setObjectName(u"folderForm")
        self.atoz_pathLabel = QLabel(DataPathsDialog)
        self.atoz_pathLabel.setObjectName(u"atoz_pathLabel")

        self.folderForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.atoz_pathLabel)

        self.pathLayout = QHBoxLayout()
        self.pathLayout.setObjectName(u"pathLayout")
        self.atoz_path = QLineEdit(DataPathsDialog)
        self.atoz_path.setObjectName(u"atoz_path")

        self.pathLayout.addWidget(self.atoz_path)

        self.browseButton = QPushButton(DataPathsDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.pathLayout.addWidget(self.browseButton)


        self.folderForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.pathLayout)

        self.atoz_path_error = QLabel(DataPathsDialog)
        self.atoz_path_error.setObjectName(u"atoz_path_error")
        self.atoz_path_error.setTextFormat(Qt.TextFormat.PlainText)
        self.atoz_path_error.setWordWrap(True)
        self.atoz_path_error.setStyleSheet(u"color: #b00020;")

        self.folderForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.atoz_path_error)


        self.mainLayout.addLayout(self.folderForm)

        self.storage_dropbox = QRadioButton(DataPathsDialog)
        self.storage_dropbox.setObjectName(u"storage_dropbox")

        self.mainLayout.addWidget(self.storage_dropbox)

        self.dropboxForm = QFormLayout()
        self.dropboxForm.setObjectName(u"dropboxForm")
        self.dropbox_tokenLabel = QLabel(DataPathsDialog)
        self.dropbox_tokenLabel.setObjectName(u"dropbox_tokenLabel")

        self.dropboxForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dropbox_tokenLabel)

        self.dropbox_token = QLineEdit(DataPathsDialog)
        self.dropbox_token.setObjectName(u"dropbox_token")
        self.dropbox_token.setEchoMode(QLineEdit.EchoMode.Password)

        self.dropboxForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.dropbox_token)

        self.dropbox_token_error = QLabel(DataPathsDialog)
        self.dropbox_token_error.setObjectName(u"dropbox_token_error")
        self.dropbox_token_error.setTextFormat(Qt.TextFormat.PlainText)
        self.dropbox_token_error.setWordWrap(True)
        self.dropbox_token_error.setStyleSheet(u"color: #b00020;")

        self.dropboxForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dropbox_token_error)

        self.dropbox_rootLabel = QLabel(DataPathsDialog)
        self.dropbox_rootLabel.setObjectName(u"dropbox_rootLabel")

        self.dropboxForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.dropbox_rootLabel)

        self.dropbox_root = QLineEdit(DataPathsDialog)
        self.dropbox_root.setObjectName(u"dropbox_root")

        self.dropboxForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dropbox_root)

        self.dropbox_root_error = QLabel(DataPathsDialog)
        self.dropbox_root_error.setObjectName(u"dropbox_root_error")
        self.dropbox_root_error.setTextFormat(Qt.TextFormat.PlainText)
        self.dropbox_root_error.setWordWrap(True)
        self.dropbox_root_error.setStyleSheet(u"color: #b00020;")

        self.dropboxForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.dropbox_root_error)


        self.mainLayout.addLayout(self.dropboxForm)

        self.tokenStatusLabel = QLabel(DataPathsDialog)
        self.tokenStatusLabel.setObjectName(u"tokenStatusLabel")
        self.tokenStatusLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.tokenStatusLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.tokenStatusLabel)

        self.messageLabel = QLabel(DataPathsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(DataPathsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.atoz_pathLabel.setBuddy(self.atoz_path)
        self.dropbox_tokenLabel.setBuddy(self.dropbox_token)
        self.dropbox_rootLabel.setBuddy(self.dropbox_root)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DataPathsDialog)
    # setupUi

    def retranslateUi(self, DataPathsDialog: Any) -> None:
        DataPathsDialog.setWindowTitle(QCoreApplication.translate("DataPathsDialog", u"Data Paths", None))
        self.introLabel.setText(QCoreApplication.translate("DataPathsDialog", u"Where the practice's A-to-Z images folder is: a folder on this network, or Dropbox.", None))
        self.storage_folder.setText(QCoreApplication.translate("DataPathsDialog", u"A-to-Z &folder", None))
        self.atoz_pathLabel.setText(QCoreApplication.translate("DataPathsDialog", u"Folder &path", None))
        self.browseButton.setText(QCoreApplication.translate("DataPathsDialog", u"&Browse\u2026", None))
        self.atoz_path_error.setText("")
        self.storage_dropbox.setText(QCoreApplication.translate("DataPathsDialog", u"&Dropbox", None))
        self.dropbox_tokenLabel.setText(QCoreApplication.translate("DataPathsDialog", u"Access &token", None))
        self.dropbox_token_error.setText("")
        self.dropbox_rootLabel.setText(QCoreApplication.translate("DataPathsDialog", u"A-to-Z folder in &Dropbox", None))
        self.dropbox_root.setPlaceholderText(QCoreApplication.translate("DataPathsDialog", u"/OpenDesk/AtoZ", None))
        self.dropbox_root_error.setText("")
        self.tokenStatusLabel.setText("")
        self.messageLabel.setText("")
    # retranslateUi

