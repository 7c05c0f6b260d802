"""Users, groups and providers dialogs against the real services: lockout and unlock, password
reset with the forced change at the next login, a disabled user refused, groups with inbox
delegation, providers hidden and (when nothing refers to them) deleted."""

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core.enums import Permission
from opendesk.core.models import AuditEntry, GroupPermission, User, UserGroup
from opendesk.core.services import practice_setup, staff_auth
from opendesk.core.services.practice_setup import ProviderInput, UserInput
from opendesk.core.services.staff_auth import MAX_FAILED_LOGINS, LoginFailed
from opendesk.desktop.context import AppContext
from opendesk.desktop.setup.groups import GroupsDialog
from opendesk.desktop.setup.providers import ProvidersDialog
from opendesk.desktop.setup.users import UsersDialog
from tests.desktop.setup_helpers import (
    ADMIN,
    ADMIN_PASSWORD,
    init_practice,
    login_dialog,
    screenshot,
    type_into,
)

STAFF_PASSWORD = "Staff1234"


@pytest.fixture
def admin_ctx(qtbot: QtBot, ctx: AppContext) -> AppContext:
    """A practice from the first-run service with a provider and a front-desk user; the
    administrator logged on."""
    init_practice(ctx)
    with ctx.db.session() as s:
        staff = staff_auth.login(s, ADMIN, ADMIN_PASSWORD, ctx.workstation)
    with ctx.db.session() as s:
        prov = practice_setup.save_provider(s, staff.actor, ProviderInput("DR1", "Dana", "Ruiz"))
        front = s.execute(select(UserGroup.id).where(UserGroup.name == "Front desk")).scalar()
        assert front is not None
        practice_setup.create_user(
            s, staff.actor, UserInput("desk", None, (front,)), STAFF_PASSWORD
        )
        practice_setup.save_provider(s, staff.actor, ProviderInput("HY2", "Hal", "Yu", "RDH"))
    ctx.set_user(staff)
    ctx.test_provider_id = prov  # type: ignore[attr-defined]
    return ctx


def _users(qtbot: QtBot, ctx: AppContext) -> UsersDialog:
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _yes(box: object) -> None:
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()


def test_lockout_then_unlock_in_the_users_dialog(qtbot: QtBot, admin_ctx: AppContext) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        with admin_ctx.db.session() as s, pytest.raises(LoginFailed):
            staff_auth.login(s, "desk", "Wrong1234", "desk-pc")
    users = _users(qtbot, admin_ctx)
    assert users.row("desk").state == "locked"
    users.select("desk")
    assert users.ui.unlockButton.isEnabled()
    screenshot(qtbot, users, "users_locked")
    users.unlock()
    assert users.row("desk").state == "must change password"
    assert not users.ui.unlockButton.isEnabled()
    with admin_ctx.db.session() as s:
        assert staff_auth.login(s, "desk", STAFF_PASSWORD, "desk-pc").username == "desk"
    with admin_ctx.db.readonly_session() as s:
        actions = list(
            s.execute(
                select(AuditEntry.action).where(AuditEntry.action.startswith("user."))
            ).scalars()
        )
    assert actions == ["user.create", "user.unlock"]


def test_password_reset_forces_a_change_at_the_next_login(
    qtbot: QtBot, admin_ctx: AppContext
) -> None:
    users = _users(qtbot, admin_ctx)
    users.select("desk")
    users.reset_password()
    _yes(users.confirm_box)
    shown = users.password_dialog
    assert shown is not None and "must choose a new one" in shown.ui.explanationLabel.text()
    temporary = shown.ui.passwordEdit.text()
    shown.accept()
    assert shown.ui.passwordEdit.text() == ""  # shown once
    admin = admin_ctx.user
    admin_ctx.set_user(None)
    # The old password no longer works; the temporary one leads to the forced change.
    refused = login_dialog(qtbot, admin_ctx, "desk", STAFF_PASSWORD)
    assert refused.ui.messageLabel.text() == "Wrong user name or password."
    login = login_dialog(qtbot, admin_ctx, "desk", temporary)
    change = login.password_dialog
    assert change is not None and change.isVisible()
    assert "administrator asks you" in change.ui.explanationLabel.text()
    assert admin_ctx.user is None
    type_into(qtbot, change.ui.newEdit, "Chosen5678")
    type_into(qtbot, change.ui.repeatEdit, "Chosen5678")
    with qtbot.waitSignal(login.accepted, timeout=5000):
        change.save()
    assert admin_ctx.user is not None and admin_ctx.user.username == "desk"
    with admin_ctx.db.readonly_session() as s:
        user = s.execute(select(User).where(User.username == "desk")).scalar_one()
        assert not user.must_change_password
    admin_ctx.set_user(admin)


def test_disabled_user_is_refused_and_enabled_again(
    qtbot: QtBot, admin_ctx: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    users = _users(qtbot, admin_ctx)
    users.select("desk")
    assert users.ui.disableButton.text() == "&Disable"
    users.toggle_disabled()
    assert users.row("desk").state == "disabled"
    assert users.ui.disableButton.text() == "&Enable"
    with admin_ctx.db.session() as s, pytest.raises(LoginFailed, match="disabled"):
        staff_auth.login(s, "desk", STAFF_PASSWORD, "desk-pc")
    # The administrator cannot disable themself: the core's message, nothing changed.
    users.select(ADMIN)
    users.toggle_disabled()
    assert users.ui.messageLabel.text() == "You cannot disable your own account."
    assert users.row(ADMIN).state == "active"
    users.select("desk")
    users.toggle_disabled()
    assert users.row("desk").state == "must change password"


def test_edit_user_renames_links_a_provider_and_changes_groups(
    qtbot: QtBot, admin_ctx: AppContext
) -> None:
    users = _users(qtbot, admin_ctx)
    users.select("desk")
    users.edit()
    editor = users.editor
    assert editor is not None
    assert editor.ui.provider.currentData() is None
    type_into(qtbot, editor.ui.username, ADMIN)  # taken: the core says so next to the field
    editor.save()
    assert editor.problems.current == {"username": "That user name is taken."}
    assert editor.isVisible()
    type_into(qtbot, editor.ui.username, "hyu")
    editor.set_provider("HY2")
    editor.set_groups(["Providers", "Front desk"])
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    row = users.row("hyu")
    assert (row.provider_abbr, row.group_names) == ("HY2", ("Front desk", "Providers"))
    assert users.password_dialog is None  # an edit shows no password


def test_groups_dialog_permissions_and_inbox_delegation(
    qtbot: QtBot, admin_ctx: AppContext
) -> None:
    dialog = GroupsDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [g.name for g in dialog.groups] == ["Administrators", "Front desk", "Providers"]
    dialog.select("Front desk")
    checked = {p for p, c in dialog.checks.items() if c.isChecked()}
    assert checked == {Permission.WEBMAIL_SEND, Permission.PATIENT_EDIT, Permission.PORTAL_ACCESS}
    assert dialog.checks[Permission.AUDIT_VIEW].text() == "View the audit log"
    assert not dialog.ui.delegateBox.isEnabled()
    dialog.checks[Permission.INBOX_DELEGATE].setChecked(True)
    dialog.set_delegates([])
    dialog.save()
    assert dialog.problems.current == {
        "delegate": "Tick the providers whose inbox this group may work in."
    }
    dialog.set_delegates(["DR1"])
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    screenshot(qtbot, dialog, "groups")
    dialog.new_group()
    type_into(qtbot, dialog.ui.name, "Auditors")
    dialog.checks[Permission.AUDIT_VIEW].setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    assert [g.name for g in dialog.groups] == [
        "Administrators",
        "Auditors",
        "Front desk",
        "Providers",
    ]
    # Taking Setup away from the administrators is refused: nobody could change it back.
    dialog.select("Administrators")
    dialog.checks[Permission.SETUP].setChecked(False)
    dialog.save()
    assert "no active user who may change the setup" in dialog.ui.messageLabel.text()
    assert not dialog.checks[Permission.SETUP].isChecked()  # what was typed is kept
    provider_id = admin_ctx.test_provider_id  # type: ignore[attr-defined]
    with admin_ctx.db.readonly_session() as s:
        grants = s.execute(
            select(GroupPermission.permission, GroupPermission.provider_id)
            .join(UserGroup)
            .where(UserGroup.name == "Front desk")
        ).all()
    assert sorted(grants) == [
        ("InboxDelegate", provider_id),
        ("PatientEdit", None),
        ("PortalAccess", None),
        ("WebMailSend", None),
    ]


def test_providers_hide_and_delete(
    qtbot: QtBot, admin_ctx: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    dialog = ProvidersDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [r.abbr for r in dialog.model.rows] == ["DR1", "HY2"]
    with admin_ctx.db.session() as s:  # a user linked to DR1: it cannot be deleted
        group = s.execute(select(UserGroup.id).where(UserGroup.name == "Providers")).scalar()
        assert group is not None
        practice_setup.create_user(
            s,
            admin_ctx.actor,
            UserInput("druiz", admin_ctx.test_provider_id, (group,)),  # type: ignore[attr-defined]
            STAFF_PASSWORD,
        )
    dialog.select("DR1")
    dialog.delete()
    _yes(dialog.confirm_box)
    assert "link them elsewhere or hide it" in dialog.ui.messageLabel.text()
    dialog.select("HY2")
    dialog.toggle_hidden()
    assert [r.abbr for r in dialog.model.rows] == ["DR1"]
    dialog.ui.showHiddenCheck.setChecked(True)
    assert [(r.abbr, r.is_hidden) for r in dialog.model.rows] == [("DR1", False), ("HY2", True)]
    dialog.select("HY2")
    assert dialog.ui.hideButton.text() == "S&how"
    dialog.delete()
    _yes(dialog.confirm_box)
    assert [r.abbr for r in dialog.model.rows] == ["DR1"]
    # Answering No changes nothing.
    dialog.select("DR1")
    dialog.delete()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.No).click()
    assert [r.abbr for r in dialog.model.rows] == ["DR1"]
