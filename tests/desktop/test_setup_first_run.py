"""From an empty database: the first-run dialog creates the practice and its administrator,
who logs in and, through the Setup dialogs, creates a provider, a provider user and a front-desk
user; each then sees only what their groups allow."""

from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core import preferences
from opendesk.core.enums import Permission
from opendesk.core.errors import PermissionDenied
from opendesk.core.models import AuditEntry, User
from opendesk.core.services import webmail
from opendesk.core.services.staff_auth import LoggedOnUser
from opendesk.core.services.webmail import Outgoing
from opendesk.desktop.context import AppContext
from opendesk.desktop.mainwindow import MainWindow
from opendesk.desktop.setup import FirstRunDialog, install_setup_menu
from opendesk.desktop.setup.audit_window import AuditReportWindow
from opendesk.desktop.setup.first_run import needs_first_run
from opendesk.desktop.setup.providers import ProvidersDialog
from opendesk.desktop.setup.users import UsersDialog
from tests import factories
from tests.desktop.setup_helpers import login_dialog, screenshot, type_into


def _first_run(qtbot: QtBot, ctx: AppContext) -> FirstRunDialog:
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


WRITERS_ENTRIES = {"templates", "signature"}
"""The Setup entries for everyone who writes WebMail (the core decides what they change)."""


def _enabled(menu: Any) -> set[str]:
    return {key for key, action in menu.actions.items() if action.isEnabled()}


def _window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx, start_background=False)
    qtbot.addWidget(window)
    install_setup_menu(window, ctx)
    window.show()
    return window


def test_first_run_checks_the_form_and_creates_the_practice(qtbot: QtBot, ctx: AppContext) -> None:
    assert needs_first_run(ctx)
    dialog = _first_run(qtbot, ctx)
    dialog.save()
    assert dialog.problems.current == {
        "practice_name": "Enter the practice name.",
        "username": "Enter the administrator's user name.",
        "password": "The password needs at least 8 characters, an upper-case letter, "
        "a lower-case letter, a digit.",
    }
    assert "upper-case letter" in dialog.ui.rulesLabel.text()
    type_into(qtbot, dialog.ui.practice_name, "Smile Co Dental")
    type_into(qtbot, dialog.ui.practice_phone, "(503) 555-0100")
    dialog.ui.practice_address.setPlainText("1 Main St\nPortland OR")
    type_into(qtbot, dialog.ui.username, "boss")
    type_into(qtbot, dialog.ui.password, "weakpass1")
    dialog.save()
    assert dialog.problems.current == {"password": "The password needs an upper-case letter."}
    type_into(qtbot, dialog.ui.password, "Str0ngAdmin")
    type_into(qtbot, dialog.ui.password_repeat, "Str0ngAdmin!")
    dialog.save()
    assert dialog.problems.current == {"password_repeat": "The two passwords differ."}
    assert needs_first_run(ctx)  # nothing written yet
    type_into(qtbot, dialog.ui.password_repeat, "Str0ngAdmin")
    screenshot(qtbot, dialog, "first_run")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert not needs_first_run(ctx)
    assert ctx.settings.get("last_username") == "boss"
    with ctx.db.readonly_session() as s:
        values = preferences.get_all(s)
        assert values["practice_name"] == "Smile Co Dental"
        assert values["practice_address"] == "1 Main St\nPortland OR"
        assert [a.action for a in s.execute(select(AuditEntry)).scalars()] == ["practice.init"]
    # A second first run is refused by the core and the dialog says so.
    again = _first_run(qtbot, ctx)
    type_into(qtbot, again.ui.practice_name, "Other")
    type_into(qtbot, again.ui.username, "other")
    type_into(qtbot, again.ui.password, "Str0ngAdmin")
    type_into(qtbot, again.ui.password_repeat, "Str0ngAdmin")
    again.save()
    assert "already set up" in again.ui.messageLabel.text()
    assert again.isVisible()


def _add_provider(qtbot: QtBot, window: MainWindow) -> None:
    providers = window.setup_menu.open("providers")  # type: ignore[attr-defined]
    assert isinstance(providers, ProvidersDialog)
    providers.add()
    editor = providers.editor
    assert editor is not None
    type_into(qtbot, editor.ui.abbr, "DR1")
    editor.save()
    assert editor.problems.current == {
        "first_name": "Enter the provider's first name.",
        "last_name": "Enter the provider's last name.",
    }
    type_into(qtbot, editor.ui.first_name, "Dana")
    type_into(qtbot, editor.ui.last_name, "Ruiz")
    type_into(qtbot, editor.ui.suffix, "DDS")
    type_into(qtbot, editor.ui.specialty, "General")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    assert [(r.abbr, r.name) for r in providers.model.rows] == [("DR1", "Dana Ruiz, DDS")]
    screenshot(qtbot, providers, "providers")
    providers.close()


def _add_user(qtbot: QtBot, users: UsersDialog, name: str, provider: str | None, group: str) -> str:
    users.add()
    editor = users.editor
    assert editor is not None
    type_into(qtbot, editor.ui.username, name)
    editor.set_provider(provider)
    editor.save()
    assert editor.problems.current == {
        "groups": "Choose at least one group: a user without a group can do nothing."
    }
    editor.set_groups([group])
    if name == "druiz":
        screenshot(qtbot, editor, "user_edit")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    shown = users.password_dialog
    assert shown is not None and shown.isVisible()
    assert name in shown.ui.explanationLabel.text()
    password = shown.ui.passwordEdit.text()
    assert len(password) >= 8
    if name == "druiz":
        screenshot(qtbot, shown, "temporary_password")
    shown.accept()
    return password


def _logged_in_as(
    qtbot: QtBot, ctx: AppContext, name: str, password: str, new: str
) -> LoggedOnUser:
    ctx.set_user(None)
    dialog = login_dialog(qtbot, ctx, name, password, new)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.ui.messageLabel.text()
    assert ctx.user is not None and ctx.user.username == name
    return ctx.user


def test_administrator_sets_up_staff_who_see_only_what_their_groups_allow(
    qtbot: QtBot, ctx: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    dialog = _first_run(qtbot, ctx)
    type_into(qtbot, dialog.ui.practice_name, "Smile Co")
    type_into(qtbot, dialog.ui.username, "boss")
    type_into(qtbot, dialog.ui.password, "Str0ngAdmin")
    type_into(qtbot, dialog.ui.password_repeat, "Str0ngAdmin")
    dialog.save()
    _logged_in_as(qtbot, ctx, "boss", "Str0ngAdmin", "")
    window = _window(qtbot, ctx)
    menu = window.setup_menu  # type: ignore[attr-defined]
    assert all(a.isEnabled() for a in menu.actions.values())
    menu.menu.adjustSize()
    screenshot(qtbot, menu.menu, "menu_admin")

    _add_provider(qtbot, window)
    users = menu.open("users")
    assert isinstance(users, UsersDialog)
    doc_password = _add_user(qtbot, users, "druiz", "DR1", "Providers")
    desk_password = _add_user(qtbot, users, "desk", None, "Front desk")
    assert [(r.username, r.provider_abbr, r.group_names, r.state) for r in users.model.rows] == [
        ("boss", "", ("Administrators",), "active"),
        ("desk", "", ("Front desk",), "must change password"),
        ("druiz", "DR1", ("Providers",), "must change password"),
    ]
    screenshot(qtbot, users, "users")
    users.close()
    window.close()

    with ctx.db.session() as s:
        dr1 = s.execute(select(User).where(User.username == "druiz")).scalar_one().provider
        assert dr1 is not None
        patient = factories.patient(s, dr1, last="Parker", first="Pia")
        s.commit()
        patient_id, provider_id = patient.id, dr1.id

    # The front desk: no Setup entry, no audit report, a draft; a send needs the provider's
    # password (Open Dental: every group may send, only a provider's password authorises it).
    desk = _logged_in_as(qtbot, ctx, "desk", desk_password, "FrontDesk42")
    assert not desk.may(Permission.SETUP.value) and desk.may(Permission.WEBMAIL_SEND.value)
    window = _window(qtbot, ctx)
    menu = window.setup_menu  # type: ignore[attr-defined]
    assert _enabled(menu) == WRITERS_ENTRIES
    menu.menu.adjustSize()
    screenshot(qtbot, menu.menu, "menu_front_desk")
    report = AuditReportWindow(ctx, window)
    qtbot.addWidget(report)
    assert shown_messages[-1] == ("warning", "You are not allowed to view the audit log.")
    assert not report.isVisible()
    out = Outgoing(patient_id, provider_id, "Recall", "Time for a cleaning", "req-1")
    with ctx.db.session() as s:
        webmail.save_draft(s, ctx.actor, out)
    with ctx.db.session() as s:
        try:
            webmail.send(s, ctx.actor, out)
        except PermissionDenied as exc:
            assert str(exc) == (
                "Input a password for a User that is associated to provider: Dana Ruiz, DDS"
            )
        else:
            raise AssertionError("the front desk sent a WebMail without a provider password")
    window.close()

    # The provider: WebMail but no Setup.
    doc = _logged_in_as(qtbot, ctx, "druiz", doc_password, "Provid3rPw")
    assert doc.provider_abbr == "DR1" and doc.may(Permission.WEBMAIL_SEND.value)
    window = _window(qtbot, ctx)
    menu = window.setup_menu  # type: ignore[attr-defined]
    assert _enabled(menu) == WRITERS_ENTRIES
    # Opening a setup dialog anyway: the core refuses and says so, and audits the refusal.
    users = menu.open("users")
    assert shown_messages[-1] == ("warning", "You are not allowed to change the practice setup.")
    assert users.model.rows == []  # type: ignore[attr-defined]
    with ctx.db.readonly_session() as s:
        denied = s.execute(
            select(AuditEntry.detail).where(AuditEntry.action == "permission.denied")
        ).scalars()
        assert list(denied) == ["AuditView", "Setup"]
    window.close()
