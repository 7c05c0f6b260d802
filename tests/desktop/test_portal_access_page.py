"""Grant Portal Access in the Chart module: what is missing is named, a grant shows the user
name and a temporary password once, the patient can log into the portal with them (and must
change the password), and Remove Access turns the account off."""

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core.enums import Permission
from opendesk.core.models import GroupPermission, Patient, PortalAccount, UserGroup
from opendesk.core.services import portal_auth
from opendesk.desktop.context import AppContext
from opendesk.desktop.portal_access.page import CredentialsDialog, PortalAccessPage
from tests.conftest import ARTIFACTS
from tests.desktop.conftest import Practice, login


def _allow_providers_to_grant(ctx: AppContext) -> None:
    with ctx.db.session() as s:
        group = s.execute(select(UserGroup).where(UserGroup.name == "Providers")).scalar_one()
        group.permissions.append(GroupPermission(permission=Permission.PORTAL_ACCESS.value))
        s.commit()


def _select(qtbot: QtBot, ctx: AppContext, patient_id: int) -> PortalAccessPage:
    page = PortalAccessPage(ctx)
    qtbot.addWidget(page)
    ctx.select_patient(patient_id)
    page.patient_changed(ctx.selection)
    return page


def test_missing_fields_are_named_and_grant_is_disabled(
    qtbot: QtBot, ctx: AppContext, practice: Practice
) -> None:
    login(ctx, "kalbright")
    page = _select(qtbot, ctx, practice.other.id)
    text = page.problems_label.text()
    assert "address" in text.lower() and "phone" in text.lower()
    assert not page.grant_button.isEnabled()


def test_grant_shows_credentials_once_that_work_in_the_portal(
    qtbot: QtBot, ctx: AppContext, practice: Practice, tmp_path: Path
) -> None:
    with ctx.db.session() as s:
        p = s.get(Patient, practice.head.id)
        assert p is not None
        p.email, p.address, p.city, p.state, p.zip = (
            "harold@example.com",
            "12 Oak St",
            "Salem",
            "OR",
            "97301",
        )
        s.commit()
    _allow_providers_to_grant(ctx)
    login(ctx, "kalbright")
    page = _select(qtbot, ctx, practice.head.id)
    assert page.problems_label.text() == ""
    assert page.grant_button.isEnabled()
    page.grant()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CredentialsDialog)]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.addWidget(dialog)
    dialog.grab().save(str(ARTIFACTS / "portal_access_credentials.png"))
    username = dialog.granted.username
    password = dialog.granted.temporary_password
    assert password in dialog.text_label.text()
    assert password in dialog.document().toPlainText()
    with ctx.db.session() as s:
        logged = portal_auth.login(s, username, password, "127.0.0.1")
        assert logged.pending_change == "password"
    page.refresh()
    assert "access granted" in page.state_label.text().lower()
    assert page.remove_button.isEnabled()


def test_front_desk_without_permission_cannot_grant(
    qtbot: QtBot, ctx: AppContext, practice: Practice
) -> None:
    with ctx.db.session() as s:
        p = s.get(Patient, practice.head.id)
        assert p is not None
        p.email, p.address, p.city, p.state, p.zip = (
            "h@example.com",
            "1 A St",
            "Salem",
            "OR",
            "97301",
        )
        s.commit()
    login(ctx, "viewer")
    page = _select(qtbot, ctx, practice.head.id)
    assert not page.grant_button.isEnabled()
    assert "permission" in page.grant_button.toolTip()
    with ctx.db.readonly_session() as s:
        assert s.query(PortalAccount).count() == 0


def test_reset_two_step_turns_the_patients_app_off(
    qtbot: QtBot, ctx: AppContext, practice: Practice
) -> None:
    _allow_providers_to_grant(ctx)
    with ctx.db.session() as s:
        account = PortalAccount(
            patient_id=practice.head.id,
            username="harold.k7mq2x",
            password_hash="x",
            must_change_password=False,
            totp_secret="JBSWY3DPEHPK3PXP",
            recovery_codes="aa bb",
        )
        s.add(account)
        s.commit()
    login(ctx, "kalbright")
    page = _select(qtbot, ctx, practice.head.id)
    assert page.reset_two_step_button.isEnabled()
    page.resize(1280, 720)
    page.grab().save(str(ARTIFACTS / "portal_access_two_step.png"))

    def answer_yes() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer_yes)
    page.reset_two_step_button.click()
    with ctx.db.readonly_session() as s:
        account = s.execute(
            select(PortalAccount).where(PortalAccount.patient_id == practice.head.id)
        ).scalar_one()
        assert account.totp_secret is None and account.recovery_codes is None
    page.refresh()
    assert not page.reset_two_step_button.isEnabled()
