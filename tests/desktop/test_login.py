"""The login dialog against the real staff login service: success, wrong password, unknown
name, lockout, disabled account, forced password change."""

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core.models import AuditEntry, User
from opendesk.core.services.staff_auth import MAX_FAILED_LOGINS
from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.login import LoginDialog
from tests import factories
from tests.desktop.conftest import Practice


def _dialog(qtbot: QtBot, ctx: AppContext) -> LoginDialog:
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _try(qtbot: QtBot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.ui.usernameEdit.clear()
    qtbot.keyClicks(dialog.ui.usernameEdit, username)
    dialog.ui.passwordEdit.clear()
    qtbot.keyClicks(dialog.ui.passwordEdit, password)
    dialog.try_login()


def test_login_success_sets_the_user(qtbot: QtBot, ctx: AppContext, practice: Practice) -> None:
    dialog = _dialog(qtbot, ctx)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _try(qtbot, dialog, "kalbright", factories.PASSWORD)
    assert ctx.user is not None and ctx.user.username == "kalbright"
    assert ctx.user.provider_abbr == "KA"
    assert ctx.settings.get("last_username") == "kalbright"
    with ctx.db.readonly_session() as s:
        rows = s.execute(select(AuditEntry).where(AuditEntry.action == "staff.login")).scalars()
        assert [(r.outcome, r.workstation) for r in rows] == [("ok", "test-ws")]


def test_wrong_password_and_unknown_name_look_the_same(
    qtbot: QtBot, ctx: AppContext, practice: Practice
) -> None:
    dialog = _dialog(qtbot, ctx)
    _try(qtbot, dialog, "kalbright", "Wrong123")
    assert dialog.ui.messageLabel.text() == "Wrong user name or password."
    assert dialog.ui.passwordEdit.text() == ""  # cleared, name kept
    assert dialog.ui.usernameEdit.text() == "kalbright"
    _try(qtbot, dialog, "nobody", "Wrong123")
    assert dialog.ui.messageLabel.text() == "Wrong user name or password."
    assert dialog.isVisible() and ctx.user is None
    with ctx.db.readonly_session() as s:
        rows = s.execute(select(AuditEntry).where(AuditEntry.action == "staff.login")).scalars()
        details = [(r.outcome, r.detail) for r in rows]
    assert details == [("failed", "wrong password, failure 1"), ("failed", "unknown user name")]
    assert not any("Wrong123" in d or "nobody" in d for _o, d in details)


def test_lockout_after_repeated_failures(qtbot: QtBot, ctx: AppContext, practice: Practice) -> None:
    dialog = _dialog(qtbot, ctx)
    for _ in range(MAX_FAILED_LOGINS - 1):
        _try(qtbot, dialog, "mbell", "Wrong123")
        assert dialog.ui.messageLabel.text() == "Wrong user name or password."
    _try(qtbot, dialog, "mbell", "Wrong123")
    assert "locked until" in dialog.ui.messageLabel.text()
    # Even the right password is refused while locked.
    _try(qtbot, dialog, "mbell", factories.PASSWORD)
    assert "locked until" in dialog.ui.messageLabel.text()
    assert ctx.user is None
    with ctx.db.readonly_session() as s:
        user = s.execute(select(User).where(User.username == "mbell")).scalar_one()
        assert user.locked_until is not None
        outcomes = [
            r.outcome
            for r in s.execute(
                select(AuditEntry).where(AuditEntry.user_id == user.id).order_by(AuditEntry.seq)
            ).scalars()
        ]
    assert outcomes == ["failed"] * MAX_FAILED_LOGINS + ["locked"]


def test_disabled_account_is_refused(qtbot: QtBot, ctx: AppContext, practice: Practice) -> None:
    with ctx.db.begin() as s:
        s.execute(select(User).where(User.username == "frontdesk")).scalar_one().is_disabled = True
    dialog = _dialog(qtbot, ctx)
    _try(qtbot, dialog, "frontdesk", factories.PASSWORD)
    assert dialog.ui.messageLabel.text() == "This account is disabled. Ask your administrator."
    assert ctx.user is None


def test_forced_password_change(qtbot: QtBot, ctx: AppContext, practice: Practice) -> None:
    with ctx.db.begin() as s:
        user = s.execute(select(User).where(User.username == "frontdesk")).scalar_one()
        user.must_change_password = True
    dialog = _dialog(qtbot, ctx)
    _try(qtbot, dialog, "frontdesk", factories.PASSWORD)
    change = dialog.password_dialog
    assert change is not None and change.isVisible()
    assert ctx.user is None  # not logged on until the password is changed
    qtbot.keyClicks(change.ui.newEdit, "short")
    qtbot.keyClicks(change.ui.repeatEdit, "short")
    change.save()
    assert "at least 8 characters" in change.ui.messageLabel.text()
    for edit in (change.ui.newEdit, change.ui.repeatEdit):
        edit.clear()
        qtbot.keyClicks(edit, "NewSecret42")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        change.save()
    assert ctx.user is not None and ctx.user.username == "frontdesk"
    with ctx.db.readonly_session() as s:
        user = s.execute(select(User).where(User.username == "frontdesk")).scalar_one()
        assert not user.must_change_password
    dialog2 = _dialog(qtbot, ctx)
    with qtbot.waitSignal(dialog2.accepted, timeout=5000):
        _try(qtbot, dialog2, "frontdesk", "NewSecret42")


def test_cursor_starts_in_the_name_unless_that_name_logged_on_here(
    qtbot: QtBot, ctx: AppContext, practice: Practice
) -> None:
    # The first-run dialog fills in the new administrator's name, who never logged on here.
    ctx.settings.set("last_username", "kalbright")
    dialog = _dialog(qtbot, ctx)
    assert dialog.ui.usernameEdit.text() == "kalbright"
    assert dialog.focusWidget() is dialog.ui.usernameEdit
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _try(qtbot, dialog, "kalbright", factories.PASSWORD)
    assert ctx.settings.get("logged_on_usernames") == "kalbright"
    again = _dialog(qtbot, ctx)  # the next morning: the name is known here
    assert again.focusWidget() is again.ui.passwordEdit
    ctx.settings.set("last_username", "somebody-else")
    other = _dialog(qtbot, ctx)
    assert other.focusWidget() is other.ui.usernameEdit


def test_database_shown_by_name_and_server_never_the_url(
    qtbot: QtBot, ctx: AppContext, practice: Practice
) -> None:
    dialog = _dialog(qtbot, ctx)
    text = dialog.ui.databaseLabel.text()
    database = ctx.db.url.database or ""
    assert "://" not in text and "sqlite" not in text.lower() and "@" not in text
    if ctx.db.backend == "sqlite":
        assert text == f"Database: {database.rsplit('/', 1)[-1]} on this computer"
    else:
        assert text == f"Database: {database} on {ctx.db.url.host}"
