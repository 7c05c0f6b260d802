"""Generated from forms/patient_edit.ui by opendesk.desktop.forms_build: do not edit."""
# mypy: disable-error-code=no-untyped-def
from typing import Any

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QToolButton, QVBoxLayout,
    QWidget)

class Ui_PatientEditDialog(object):
    def setupUi(self, PatientEditDialog: Any) -> None:
        if not PatientEditDialog.objectName():
            PatientEditDialog.setObjectName(u"PatientEditDialog")
        PatientEditDialog.resize(720, 600)
        self.mainLayout = QVBoxLayout(PatientEditDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.last_name_label = QLabel(PatientEditDialog)
        self.last_name_label.setObjectName(u"last_name_label")

        self.fieldsLayout.addWidget(self.last_name_label, 0, 0, 1, 1)

        self.last_name = QLineEdit(PatientEditDialog)
        self.last_name.setObjectName(u"last_name")
        self.last_name.setMaxLength(100)

        self.fieldsLayout.addWidget(self.last_name, 0, 1, 1, 1)

        self.last_name_error = QLabel(PatientEditDialog)
        self.last_name_error.setObjectName(u"last_name_error")
        self.last_name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.last_name_error.setWordWrap(True)
        self.last_name_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.last_name_error, 0, 2, 1, 1)

        self.first_name_label = QLabel(PatientEditDialog)
        self.first_name_label.setObjectName(u"first_name_label")

        self.fieldsLayout.addWidget(self.first_name_label, 1, 0, 1, 1)

        self.first_name = QLineEdit(PatientEditDialog)
        self.first_name.setObjectName(u"first_name")
        self.first_name.setMaxLength(100)

        self.fieldsLayout.addWidget(self.first_name, 1, 1, 1, 1)

        self.first_name_error = QLabel(PatientEditDialog)
        self.first_name_error.setObjectName(u"first_name_error")
        self.first_name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.first_name_error.setWordWrap(True)
        self.first_name_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.first_name_error, 1, 2, 1, 1)

        self.middle_initial_label = QLabel(PatientEditDialog)
        self.middle_initial_label.setObjectName(u"middle_initial_label")

        self.fieldsLayout.addWidget(self.middle_initial_label, 2, 0, 1, 1)

        self.middle_initial = QLineEdit(PatientEditDialog)
        self.middle_initial.setObjectName(u"middle_initial")
        self.middle_initial.setMaxLength(10)

        self.fieldsLayout.addWidget(self.middle_initial, 2, 1, 1, 1)

        self.middle_initial_error = QLabel(PatientEditDialog)
        self.middle_initial_error.setObjectName(u"middle_initial_error")
        self.middle_initial_error.setTextFormat(Qt.TextFormat.PlainText)
        self.middle_initial_error.setWordWrap(True)
        self.middle_initial_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.middle_initial_error, 2, 2, 1, 1)

        self.preferred_name_label = QLabel(PatientEditDialog)
        self.preferred_name_label.setObjectName(u"preferred_name_label")

        self.fieldsLayout.addWidget(self.preferred_name_label, 3, 0, 1, 1)

        self.preferred_name = QLineEdit(PatientEditDialog)
        self.preferred_name.setObjectName(u"preferred_name")
        self.preferred_name.setMaxLength(100)

        self.fieldsLayout.addWidget(self.preferred_name, 3, 1, 1, 1)

        self.preferred_name_error = QLabel(PatientEditDialog)
        self.preferred_name_error.setObjectName(u"preferred_name_error")
        self.preferred_name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.preferred_name_error.setWordWrap(True)
        self.preferred_name_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.preferred_name_error, 3, 2, 1, 1)

        self.birthdate_label = QLabel(PatientEditDialog)
        self.birthdate_label.setObjectName(u"birthdate_label")

        self.fieldsLayout.addWidget(self.birthdate_label, 4, 0, 1, 1)

        self.birthdate = QLineEdit(PatientEditDialog)
        self.birthdate.setObjectName(u"birthdate")
        self.birthdate.setMaxLength(20)

        self.fieldsLayout.addWidget(self.birthdate, 4, 1, 1, 1)

        self.birthdate_error = QLabel(PatientEditDialog)
        self.birthdate_error.setObjectName(u"birthdate_error")
        self.birthdate_error.setTextFormat(Qt.TextFormat.PlainText)
        self.birthdate_error.setWordWrap(True)
        self.birthdate_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.birthdate_error, 4, 2, 1, 1)

        self.home_phone_label = QLabel(PatientEditDialog)
        self.home_phone_label.setObjectName(u"home_phone_label")

        self.fieldsLayout.addWidget(self.home_phone_label, 5, 0, 1, 1)

        self.home_phone = QLineEdit(PatientEditDialog)
        self.home_phone.setObjectName(u"home_phone")
        self.home_phone.setMaxLength(30)

        self.fieldsLayout.addWidget(self.home_phone, 5, 1, 1, 1)

        self.home_phone_error = QLabel(PatientEditDialog)
        self.home_phone_error.setObjectName(u"home_phone_error")
        self.home_phone_error.setTextFormat(Qt.TextFormat.PlainText)
        self.home_phone_error.setWordWrap(True)
        self.home_phone_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.home_phone_error, 5, 2, 1, 1)

        self.wireless_phone_label = QLabel(PatientEditDialog)
        self.wireless_phone_label.setObjectName(u"wireless_phone_label")

        self.fieldsLayout.addWidget(self.wireless_phone_label, 6, 0, 1, 1)

        self.wireless_phone = QLineEdit(PatientEditDialog)
        self.wireless_phone.setObjectName(u"wireless_phone")
        self.wireless_phone.setMaxLength(30)

        self.fieldsLayout.addWidget(self.wireless_phone, 6, 1, 1, 1)

        self.wireless_phone_error = QLabel(PatientEditDialog)
        self.wireless_phone_error.setObjectName(u"wireless_phone_error")
        self.wireless_phone_error.setTextFormat(Qt.TextFormat.PlainText)
        self.wireless_phone_error.setWordWrap(True)
        self.wireless_phone_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.wireless_phone_error, 6, 2, 1, 1)

        self.work_phone_label = QLabel(PatientEditDialog)
        self.work_phone_label.setObjectName(u"work_phone_label")

        self.fieldsLayout.addWidget(self.work_phone_label, 7, 0, 1, 1)

        self.work_phone = QLineEdit(PatientEditDialog)
        self.work_phone.setObjectName(u"work_phone")
        self.work_phone.setMaxLength(30)

        self.fieldsLayout.addWidget(self.work_phone, 7, 1, 1, 1)

        self.work_phone_error = QLabel(PatientEditDialog)
        self.work_phone_error.setObjectName(u"work_phone_error")
        self.work_phone_error.setTextFormat(Qt.TextFormat.PlainText)
        self.work_phone_error.setWordWrap(True)
        self.work_phone_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.work_phone_error, 7, 2, 1, 1)

        self.email_label = QLabel(PatientEditDialog)
        self.email_label.setObjectName(u"email_label")

        self.fieldsLayout.addWidget(self.email_label, 8, 0, 1, 1)

        self.email = QLineEdit(PatientEditDialog)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(254)

        self.fieldsLayout.addWidget(self.email, 8, 1, 1, 1)

        self.email_error = QLabel(PatientEditDialog)
        self.email_error.setObjectName(u"email_error")
        self.email_error.setTextFormat(Qt.TextFormat.PlainText)
        self.email_error.setWordWrap(True)
        self.email_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.email_error, 8, 2, 1, 1)

        self.address_label = QLabel(PatientEditDialog)
        self.address_label.setObjectName(u"address_label")

        self.fieldsLayout.addWidget(self.address_label, 9, 0, 1, 1)

        self.address = QLineEdit(PatientEditDialog)
        self.address.setObjectName(u"address")
        self.address.setMaxLength(200)

        self.fieldsLayout.addWidget(self.address, 9, 1, 1, 1)

        self.address_error = QLabel(PatientEditDialog)
        self.address_error.setObjectName(u"address_error")
        self.address_error.setTextFormat(Qt.TextFormat.PlainText)
        self.address_error.setWordWrap(True)
        self.address_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.address_error, 9, 2, 1, 1)

        self.address2_label = QLabel(PatientEditDialog)
        self.address2_label.setObjectName(u"address2_label")

        self.fieldsLayout.addWidget(self.address2_label, 10, 0, 1, 1)

        self.address2 = QLineEdit(PatientEditDialog)
        self.address2.setObjectName(u"address2")
        self.address2.setMaxLength(200)

        self.fieldsLayout.addWidget(self.address2, 10, 1, 1, 1)

        self.address2_error = QLabel(PatientEditDialog)
        self.address2_error.setObjectName(u"address2_error")
        self.address2_error.setTextFormat(Qt.TextFormat.PlainText)
        self.address2_error.setWordWrap(True)
        self.address2_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.address2_error, 10, 2, 1, 1)

        self.city_label = QLabel(PatientEditDialog)
        self.city_label.setObjectName(u"city_label")

        self.fieldsLayout.addWidget(self.city_label, 11, 0, 1, 1)

        self.city = QLineEdit(PatientEditDialog)
        self.city.setObjectName(u"city")
        self.city.setMaxLength(100)

        self.fieldsLayout.addWidget(self.city, 11, 1, 1, 1)

        self.city_error = QLabel(PatientEditDialog)
        self.city_error.setObjectName(u"city_error")
        self.city_error.setTextFormat(Qt.TextFormat.PlainText)
        self.city_error.setWordWrap(True)
        self.city_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.city_error, 11, 2, 1, 1)

        self.state_label = QLabel(PatientEditDialog)
        self.state_label.setObjectName(u"state_label")

        self.fieldsLayout.addWidget(self.state_label, 12, 0, 1, 1)

        self.state = QLineEdit(PatientEditDialog)
        self.state.setObjectName(u"state")
        self.state.setMaxLength(50)

        self.fieldsLayout.addWidget(self.state, 12, 1, 1, 1)

        self.state_error = QLabel(PatientEditDialog)
        self.state_error.setObjectName(u"state_error")
        self.state_error.setTextFormat(Qt.TextFormat.PlainText)
        self.state_error.setWordWrap(True)
        self.state_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.state_error, 12, 2, 1, 1)

        self.zip_label = QLabel(PatientEditDialog)
        self.zip_label.setObjectName(u"zip_label")

        self.fieldsLayout.addWidget(self.zip_label, 13, 0, 1, 1)

        self.zip = QLineEdit(PatientEditDialog)
        self.zip.setObjectName(u"zip")
        self.zip.setMaxLength(20)

        self.fieldsLayout.addWidget(self.zip, 13, 1, 1, 1)

        self.zip_error = QLabel(PatientEditDialog)
        self.zip_error.setObjectName(u"zip_error")
        self.zip_error.setTextFormat(Qt.TextFormat.PlainText)
        self.zip_error.setWordWrap(True)
        self.zip_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.zip_error, 13, 2, 1, 1)

        self.primary_provider_id_label = QLabel(PatientEditDialog)
        self.primary_provider_id_label.setObjectName(u"primary_provider_id_label")

        self.fieldsLayout.addWidget(self.primary_provider_id_label, 14, 0, 1, 1)

        self.providerLayout = QHBoxLayout()
        self.providerLayout.setObjectName(u"providerLayout")
        self.primary_provider_id = QLineEdit(PatientEditDialog)
        self.primary_provider_id.setObjectName(u"primary_provider_id")
        self.primary_provider_id.setReadOnly(True)
        self.primary_provider_id.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.providerLayout.addWidget(self.primary_provider_id)

        self.providerButton = QToolButton(PatientEditDialog)
        self.providerButton.setObjectName(u"providerButton")

        self.providerLayout.addWidget(self.providerButton)


        self.fieldsLayout.addLayout(self.providerLayout, 14, 1, 1, 1)

        self.primary_provider_id_error = QLabel(PatientEditDialog)
        self.primary_provider_id_error.setObjectName(u"primary_provider_id_error")
        self.primary_provider_id_error.setTextFormat(Qt.TextFormat.PlainText)
        self.primary_provider_id_error.setWordWrap(True)
        self.primary_provider_id_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.primary_provider_id_error, 14, 2, 1, 1)

        self.guarantor_id_label = QLabel(PatientEditDialog)
        self.guarantor_id_label.setObjectName(u"guarantor_id_label")

        self.fieldsLayout.addWidget(self.guarantor_id_label, 15, 0, 1, 1)

        self.guarantor_id = QComboBox(PatientEditDialog)
        self.guarantor_id.setObjectName(u"guarantor_id")

        self.fieldsLayout.addWidget(self.guarantor_id, 15, 1, 1, 1)

        self.guarantor_id_error = QLabel(PatientEditDialog)
        self.guarantor_id_error.setObjectName(u"guarantor_id_error")
        self.guarantor_id_error.setTextFormat(Qt.TextFormat.PlainText)
        self.guarantor_id_error.setWordWrap(True)
        self.guarantor_id_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.guarantor_id_error, 15, 2, 1, 1)

        self.language_label = QLabel(PatientEditDialog)
        self.language_label.setObjectName(u"language_label")

        self.fieldsLayout.addWidget(self.language_label, 16, 0, 1, 1)

        self.language = QComboBox(PatientEditDialog)
        self.language.setObjectName(u"language")

        self.fieldsLayout.addWidget(self.language, 16, 1, 1, 1)

        self.language_error = QLabel(PatientEditDialog)
        self.language_error.setObjectName(u"language_error")
        self.language_error.setTextFormat(Qt.TextFormat.PlainText)
        self.language_error.setWordWrap(True)
        self.language_error.setStyleSheet(u"color: #b00020;")

        self.fieldsLayout.addWidget(self.language_error, 16, 2, 1, 1)

        self.fieldsLayout.setColumnStretch(1, 3)
        self.fieldsLayout.setColumnStretch(2, 2)

        self.mainLayout.addLayout(self.fieldsLayout)

        self.messageLabel = QLabel(PatientEditDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(u"color: #b00020;")

        self.mainLayout.addWidget(self.messageLabel)

        self.buttonBox = QDialogButtonBox(PatientEditDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.last_name_label.setBuddy(self.last_name)
        self.first_name_label.setBuddy(self.first_name)
        self.middle_initial_label.setBuddy(self.middle_initial)
        self.preferred_name_label.setBuddy(self.preferred_name)
        self.birthdate_label.setBuddy(self.birthdate)
        self.home_phone_label.setBuddy(self.home_phone)
        self.wireless_phone_label.setBuddy(self.wireless_phone)
        self.work_phone_label.setBuddy(self.work_phone)
        self.email_label.setBuddy(self.email)
        self.address_label.setBuddy(self.address)
        self.address2_label.setBuddy(self.address2)
        self.city_label.setBuddy(self.city)
        self.state_label.setBuddy(self.state)
        self.zip_label.setBuddy(self.zip)
        self.primary_provider_id_label.setBuddy(self.providerButton)
        self.guarantor_id_label.setBuddy(self.guarantor_id)
        self.language_label.setBuddy(self.language)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.last_name, self.first_name)
        QWidget.setTabOrder(self.first_name, self.middle_initial)
        QWidget.setTabOrder(self.middle_initial, self.preferred_name)
        QWidget.setTabOrder(self.preferred_name, self.birthdate)
        QWidget.setTabOrder(self.birthdate, self.home_phone)
        QWidget.setTabOrder(self.home_phone, self.wireless_phone)
        QWidget.setTabOrder(self.wireless_phone, self.work_phone)
        QWidget.setTabOrder(self.work_phone, self.email)
        QWidget.setTabOrder(self.email, self.address)
        QWidget.setTabOrder(self.address, self.address2)
        QWidget.setTabOrder(self.address2, self.city)
        QWidget.setTabOrder(self.city, self.state)
        QWidget.setTabOrder(self.state, self.zip)
        QWidget.setTabOrder(self.zip, self.providerButton)
        QWidget.setTabOrder(self.providerButton, self.guarantor_id)
        QWidget.setTabOrder(self.guarantor_id, self.language)

        self.retranslateUi(PatientEditDialog)
    # setupUi

    def retranslateUi(self, PatientEditDialog: Any) -> None:
        PatientEditDialog.setWindowTitle(QCoreApplication.translate("PatientEditDialog", u"Edit Patient Information", None))
        self.last_name_label.setText(QCoreApplication.translate("PatientEditDialog", u"&Last name", None))
        self.last_name_error.setText("")
        self.first_name_label.setText(QCoreApplication.translate("PatientEditDialog", u"&First name", None))
        self.first_name_error.setText("")
        self.middle_initial_label.setText(QCoreApplication.translate("PatientEditDialog", u"&Middle initial", None))
        self.middle_initial_error.setText("")
        self.preferred_name_label.setText(QCoreApplication.translate("PatientEditDialog", u"Pre&ferred name", None))
        self.preferred_name_error.setText("")
        self.birthdate_label.setText(QCoreApplication.translate("PatientEditDialog", u"&Birthdate", None))
        self.birthdate.setPlaceholderText(QCoreApplication.translate("PatientEditDialog", u"MM/DD/YYYY", None))
        self.birthdate_error.setText("")
        self.home_phone_label.setText(QCoreApplication.translate("PatientEditDialog", u"&Home phone", None))
        self.home_phone.setPlaceholderText(QCoreApplication.translate("PatientEditDialog", u"(503) 555-0142", None))
        self.home_phone_error.setText("")
        self.wireless_phone_label.setText(QCoreApplication.translate("PatientEditDialog", u"&Wireless phone", None))
        self.wireless_phone.setPlaceholderText(QCoreApplication.translate("PatientEditDialog", u"(503) 555-0142", None))
        self.wireless_phone_error.setText("")
        self.work_phone_label.setText(QCoreApplication.translate("PatientEditDialog", u"Wor&k phone", None))
        self.work_phone_error.setText("")
        self.email_label.setText(QCoreApplication.translate("PatientEditDialog", u"E-&mail", None))
        self.email.setPlaceholderText(QCoreApplication.translate("PatientEditDialog", u"name@example.com", None))
        self.email_error.setText("")
        self.address_label.setText(QCoreApplication.translate("PatientEditDialog", u"&Address", None))
        self.address_error.setText("")
        self.address2_label.setText(QCoreApplication.translate("PatientEditDialog", u"Address &2", None))
        self.address2_error.setText("")
        self.city_label.setText(QCoreApplication.translate("PatientEditDialog", u"Cit&y", None))
        self.city_error.setText("")
        self.state_label.setText(QCoreApplication.translate("PatientEditDialog", u"S&tate", None))
        self.state.setPlaceholderText(QCoreApplication.translate("PatientEditDialog", u"OR", None))
        self.state_error.setText("")
        self.zip_label.setText(QCoreApplication.translate("PatientEditDialog", u"&ZIP code", None))
        self.zip.setPlaceholderText(QCoreApplication.translate("PatientEditDialog", u"97302", None))
        self.zip_error.setText("")
        self.primary_provider_id_label.setText(QCoreApplication.translate("PatientEditDialog", u"&Primary provider", None))
        self.providerButton.setText(QCoreApplication.translate("PatientEditDialog", u"...", None))
#if QT_CONFIG(tooltip)
        self.providerButton.setToolTip(QCoreApplication.translate("PatientEditDialog", u"Choose the primary provider", None))
#endif // QT_CONFIG(tooltip)
        self.primary_provider_id_error.setText("")
        self.guarantor_id_label.setText(QCoreApplication.translate("PatientEditDialog", u"&Guarantor", None))
        self.guarantor_id_error.setText("")
        self.language_label.setText(QCoreApplication.translate("PatientEditDialog", u"Lan&guage", None))
#if QT_CONFIG(tooltip)
        self.language.setToolTip(QCoreApplication.translate("PatientEditDialog", u"The patient's preferred language: the portal and the notice e-mails use it", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.language.setAccessibleName(QCoreApplication.translate("PatientEditDialog", u"Preferred language", None))
#endif // QT_CONFIG(accessibility)
        self.language_error.setText("")
        self.messageLabel.setText("")
    # retranslateUi

