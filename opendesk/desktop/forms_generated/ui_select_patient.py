"""Generated from forms/select_patient.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSizePolicy, QSplitter, QTableView, QVBoxLayout,
    QWidget)

class Ui_SelectPatientDialog(object):
    def setupUi(self, SelectPatientDialog: Any) -> None:
        if not SelectPatientDialog.objectName():
            SelectPatientDialog.setObjectName(u"SelectPatientDialog")
        SelectPatientDialog.resize(1120, 600)
        self.mainLayout = QVBoxLayout(SelectPatientDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.searchLayout = QHBoxLayout()
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLabel = QLabel(SelectPatientDialog)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(SelectPatientDialog)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.setMaxLength(100)

        self.searchLayout.addWidget(self.searchEdit)


        self.mainLayout.addLayout(self.searchLayout)

        self.splitter = QSplitter(SelectPatientDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.resultsView = QTableView(self.splitter)
        self.resultsView.setObjectName(u"resultsView")
        self.resultsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.resultsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.resultsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.resultsView.setAlternatingRowColors(True)
        self.resultsView.setTabKeyNavigation(False)
        self.splitter.addWidget(self.resultsView)
        self.familyPane = QWidget(self.splitter)
        self.familyPane.setObjectName(u"familyPane")
        self.familyLayout = QVBoxLayout(self.familyPane)
        self.familyLayout.setObjectName(u"familyLayout")
        self.familyLayout.setContentsMargins(0, 0, 0, 0)
        self.familyLabel = QLabel(self.familyPane)
        self.familyLabel.setObjectName(u"familyLabel")

        self.familyLayout.addWidget(self.familyLabel)

        self.familyList = QListWidget(self.familyPane)
        self.familyList.setObjectName(u"familyList")

        self.familyLayout.addWidget(self.familyList)

        self.patientButtons = QHBoxLayout()
        self.patientButtons.setObjectName(u"patientButtons")
        self.addPatientButton = QPushButton(self.familyPane)
        self.addPatientButton.setObjectName(u"addPatientButton")
        self.addPatientButton.setAutoDefault(False)

        self.patientButtons.addWidget(self.addPatientButton)

        self.addMemberButton = QPushButton(self.familyPane)
        self.addMemberButton.setObjectName(u"addMemberButton")
        self.addMemberButton.setAutoDefault(False)

        self.patientButtons.addWidget(self.addMemberButton)

        self.editPatientButton = QPushButton(self.familyPane)
        self.editPatientButton.setObjectName(u"editPatientButton")
        self.editPatientButton.setAutoDefault(False)

        self.patientButtons.addWidget(self.editPatientButton)


        self.familyLayout.addLayout(self.patientButtons)

        self.splitter.addWidget(self.familyPane)

        self.mainLayout.addWidget(self.splitter)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.statusLabel = QLabel(SelectPatientDialog)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.bottomLayout.addWidget(self.statusLabel)

        self.buttonBox = QDialogButtonBox(SelectPatientDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.bottomLayout.addWidget(self.buttonBox)


        self.mainLayout.addLayout(self.bottomLayout)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.familyLabel.setBuddy(self.familyList)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.resultsView)
        QWidget.setTabOrder(self.resultsView, self.familyList)

        self.retranslateUi(SelectPatientDialog)
    # setupUi

    def retranslateUi(self, SelectPatientDialog: Any) -> None:
        SelectPatientDialog.setWindowTitle(QCoreApplication.translate("SelectPatientDialog", u"Select Patient", None))
        self.searchLabel.setText(QCoreApplication.translate("SelectPatientDialog", u"&Search", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("SelectPatientDialog", u"Last name, first name  \u00b7  phone  \u00b7  birthdate 1/31/1980  \u00b7  #patient number", None))
#if QT_CONFIG(accessibility)
        self.resultsView.setAccessibleName(QCoreApplication.translate("SelectPatientDialog", u"Patients found", None))
#endif // QT_CONFIG(accessibility)
        self.familyLabel.setText(QCoreApplication.translate("SelectPatientDialog", u"&Family", None))
        self.addPatientButton.setText(QCoreApplication.translate("SelectPatientDialog", u"&Add Patient...", None))
        self.addMemberButton.setText(QCoreApplication.translate("SelectPatientDialog", u"Add Family &Member...", None))
        self.editPatientButton.setText(QCoreApplication.translate("SelectPatientDialog", u"&Edit...", None))
        self.statusLabel.setText("")
    # retranslateUi

