"""The Chart module's Portal Access tab and the one-time credentials dialog.

The checks are the manual's provider-to-provider list (first and last name, birthdate, phone,
e-mail, address, primary provider), so the same tab gives a provider who receives WebMail its
access after Select Patient > Add Patient made its record.
"""

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from opendesk.core import preferences
from opendesk.core.enums import Permission
from opendesk.core.services import portal_access
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.forms_generated.ui_portal_access import Ui_PortalAccessPage
from opendesk.desktop.modules.base import ModulePage
from opendesk.desktop.operations import ReadOp, WriteOp

if TYPE_CHECKING:
    from opendesk.desktop.context import AppContext, PatientSelection


@dataclass(frozen=True)
class AccessInfo:
    state: portal_access.AccessState
    problems: list[str]


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def account_texts(state: portal_access.AccessState) -> tuple[str, str]:
    """The portal user name and whether access is active (issue 16)."""
    if not state.has_account:
        return "none", "not granted"
    if not state.is_active:
        return state.username, "not active (access removed)"
    if state.locked:
        return state.username, "active, locked after failed log-ins"
    return state.username, "active"


class PortalAccessPage(ModulePage):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("portal_access_page")
        self.patient_id: int | None = None
        self.ui = Ui_PortalAccessPage()
        self.ui.setupUi(self)  # forms/portal_access.ui
        self.title_label = self.ui.portal_access_title
        self.user_label, self.active_label = self.ui.portal_user_name, self.ui.portal_access_active
        self.state_label, self.problems_label = (
            self.ui.portal_access_state,
            self.ui.portal_access_problems,
        )
        self.grant_button, self.remove_button = self.ui.grant_access, self.ui.remove_access
        self.grant_button.clicked.connect(self.grant)
        self.remove_button.clicked.connect(self.remove)
        self.patient_changed(ctx.selection)

    # -- hooks ------------------------------------------------------------------------------
    def patient_changed(self, selection: "PatientSelection | None") -> None:
        self.patient_id = selection.patient.id if selection is not None else None
        self.refresh()

    def changes(self, changes: OpChanges, initiator: object | None) -> None:
        if self.patient_id is not None and changes.touches_patient(self.patient_id):
            self.refresh()

    # -- actions ----------------------------------------------------------------------------
    def refresh(self) -> None:
        pid = self.patient_id
        if pid is None:
            self.state_label.setText("Select a patient.")
            self.user_label.setText("")
            self.active_label.setText("")
            self.problems_label.setText("")
            self.grant_button.setEnabled(False)
            self.remove_button.setEnabled(False)
            return

        def load(session: Session) -> AccessInfo:
            return AccessInfo(
                portal_access.access_state(session, pid),
                portal_access.access_problems(session, pid),
            )

        ReadOp(self.ctx, load, parent=self, success=self._show).run_in_background()

    def _show(self, info: AccessInfo) -> None:
        self.state_label.setText(f"Patient portal: {info.state.label}")
        user_name, active = account_texts(info.state)
        self.user_label.setText(user_name)
        self.active_label.setText(active)
        self.problems_label.setText(
            "Before granting access, fix in Edit Patient:\n• " + "\n• ".join(info.problems)
            if info.problems
            else ""
        )
        allowed = self.ctx.user is not None and self.ctx.user.may(Permission.PORTAL_ACCESS)
        self.grant_button.setEnabled(allowed and not info.problems)
        self.grant_button.setText(
            "New Temporary Password" if info.state.is_active else "Grant Portal Access"
        )
        self.grant_button.setToolTip(
            "" if allowed else "You do not have the permission to grant portal access."
        )
        self.remove_button.setEnabled(allowed and info.state.is_active)

    def grant(self) -> None:
        pid = self.patient_id
        if pid is None:
            return

        def run(session: Session) -> tuple[portal_access.GrantedAccess, str]:
            granted = portal_access.grant_access(session, self.ctx.actor, pid)
            return granted, preferences.get(session, preferences.PORTAL_URL)

        WriteOp(
            self.ctx,
            run,
            changes=OpChanges(patients=True, patient_ids=frozenset({pid})),
            parent=self,
            success=lambda result: CredentialsDialog(self, *result).open(),
        ).run_in_background()

    def remove(self) -> None:
        pid = self.patient_id
        if pid is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove Access",
            "Remove this patient's portal access? Their messages stay in the database.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        WriteOp(
            self.ctx,
            lambda s: portal_access.remove_access(s, self.ctx.actor, pid),
            changes=OpChanges(patients=True, patient_ids=frozenset({pid})),
            parent=self,
        ).run_in_background()


class CredentialsDialog(QDialog):
    """The user name and temporary password, shown once, with Copy and Print."""

    def __init__(
        self, parent: QWidget | None, granted: portal_access.GrantedAccess, portal_url: str
    ) -> None:
        super().__init__(parent)
        self.setObjectName("portal_credentials")
        self.setWindowTitle("Patient portal log-in")
        self.setMinimumWidth(460)
        self.granted = granted
        self.portal_url = portal_url
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                QLabel(
                    "Give these to the patient now. The password is shown only this once; "
                    "the patient must choose a new one at the first log-in."
                )
            )
        )
        self.text_label = _plain(QLabel(self.plain_text()))
        self.text_label.setObjectName("portal_credentials_text")
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setStyleSheet("font-family: monospace; font-size: 12pt; padding: 8px;")
        layout.addWidget(self.text_label)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = box.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        print_button = box.addButton("Print…", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        print_button.clicked.connect(self.print_preview)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self._printer: QPrinter | None = None

    def plain_text(self) -> str:
        return (
            f"Portal: {self.portal_url or '(ask the office)'}\n"
            f"User name: {self.granted.username}\n"
            f"Temporary password: {self.granted.temporary_password}"
        )

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())

    def document(self) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setHtml(
            "<h2>Your patient portal log-in</h2><pre style='font-size:14pt'>"
            + html.escape(self.plain_text())
            + "</pre><p>Choose a new password when you first log in.</p>"
        )
        return doc

    def print_preview(self) -> None:
        # The printer must outlive the preview dialog (a temporary one crashes Qt).
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = QPrintPreviewDialog(self._printer, self)
        doc = self.document()
        preview.paintRequested.connect(doc.print_)
        preview.exec()
