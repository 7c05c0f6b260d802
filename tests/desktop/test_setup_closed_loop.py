"""Setup > Message Reasons, Teams, and Urgent Words and After Hours: filled from the core,
problems from the core's checks shown next to their fields, saved (and audited) through the
core services, reachable from the Setup menu, whole at 1280x720 (screenshots in
artifacts/layout_1280/)."""

import pytest
from PySide6.QtWidgets import QDialog, QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select

from opendesk.core import preferences as prefs
from opendesk.core.models import AuditEntry, PreferenceRow, RecipientKind
from opendesk.core.services import reasons_setup, setup_views, staff_auth
from opendesk.desktop.context import AppContext
from opendesk.desktop.setup.menu import install_setup_menu
from opendesk.desktop.setup.reasons import ReasonsDialog
from opendesk.desktop.setup.teams import TeamsDialog
from opendesk.desktop.setup.urgent_words import UrgentWordsDialog
from opendesk.desktop.setup.users import UserEditDialog
from tests import factories as f
from tests.conftest import ARTIFACTS
from tests.desktop.layout_checks import elided
from tests.desktop.setup_helpers import ADMIN, ADMIN_PASSWORD, init_practice, type_into


@pytest.fixture
def admin(ctx: AppContext) -> AppContext:
    init_practice(ctx)
    with ctx.db.session() as s:
        reasons_setup.ensure_default_reasons(s)
        f.user(s, "frontdesk")
        f.user(s, "biller")
        s.commit()
    with ctx.db.session() as s:
        ctx.set_user(staff_auth.login(s, ADMIN, ADMIN_PASSWORD, ctx.workstation))
    return ctx


def whole_at_1280(qtbot: QtBot, dialog: QDialog, name: str) -> None:
    dialog.show()
    qtbot.wait(30)
    assert dialog.width() <= 1280 and dialog.height() <= 680, name
    assert elided(dialog) == [], name
    folder = ARTIFACTS / "layout_1280"
    folder.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(folder / f"setup_{name}.png"))


def audited(ctx: AppContext, action: str) -> int:
    with ctx.db.readonly_session() as s:
        return len(s.execute(select(AuditEntry.id).where(AuditEntry.action == action)).all())


def test_teams_are_made_with_members_and_checked(qtbot: QtBot, admin: AppContext) -> None:
    dialog = TeamsDialog(admin)
    qtbot.addWidget(dialog)
    assert dialog.ui.teamList.count() == 0 and dialog.ui.name.text() == ""
    dialog.save()  # no name: the core says what is wrong, next to the field
    assert dialog.problems.current == {"name": "Enter the team's name (up to 100 characters)."}
    type_into(qtbot, dialog.ui.name, "Billing")
    dialog.set_members(["biller", "frontdesk"])
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    assert [dialog.ui.teamList.item(i).text() for i in range(1)] == ["Billing"]
    with admin.db.readonly_session() as s:
        (team,) = reasons_setup.team_rows(s)
        names = dict(reasons_setup.staff_choices(s))
    assert team.name == "Billing" and sorted(names[i] for i in team.member_ids) == [
        "biller",
        "frontdesk",
    ]
    assert audited(admin, "setup.team.save") == 1
    dialog.new_team()
    type_into(qtbot, dialog.ui.name, "billing")
    dialog.save()
    assert dialog.problems.current == {"name": "Another team has this name."}
    dialog.ui.teamList.setCurrentRow(0)
    assert dialog.ui.name.text() == "Billing" and dialog.problems.current == {}
    whole_at_1280(qtbot, dialog, "teams")


def test_reasons_route_to_a_team_with_a_target_and_a_backup(
    qtbot: QtBot, admin: AppContext
) -> None:
    with admin.db.session() as s:
        team = reasons_setup.save_team(s, admin.actor, reasons_setup.TeamInput("Front desk"))
    dialog = ReasonsDialog(admin)
    qtbot.addWidget(dialog)
    names = [dialog.ui.reasonList.item(i).text() for i in range(dialog.ui.reasonList.count())]
    assert names == ["Appointment", "Billing", "Question for my provider", "Prescription", "Other"]
    dialog.ui.reasonList.setCurrentRow(1)
    assert dialog.ui.name.text() == "Billing" and not dialog.ui.team_id.isEnabled()
    dialog.ui.recipient_kind.setCurrentIndex(dialog.ui.recipient_kind.findData("team"))
    assert dialog.ui.team_id.isEnabled() and not dialog.ui.provider_id.isEnabled()
    dialog.ui.team_id.setCurrentIndex(dialog.ui.team_id.findData(team))
    dialog.ui.target_hours.setValue(4)
    dialog.ui.backup_user_id.setCurrentIndex(dialog.ui.backup_user_id.findText("biller"))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    with admin.db.readonly_session() as s:
        billing = next(r for r in reasons_setup.reason_rows(s) if r.name == "Billing")
    assert billing.recipient_kind == RecipientKind.TEAM and billing.team_id == team
    assert billing.target_hours == 4 and billing.backup_user_id is not None

    # A provider recipient without a provider: the core refuses, shown next to the field.
    dialog.new_reason()
    type_into(qtbot, dialog.ui.name, "X-ray copies")
    dialog.ui.recipient_kind.setCurrentIndex(dialog.ui.recipient_kind.findData("provider"))
    dialog.save()
    assert dialog.problems.current == {
        "provider_id": "Choose the provider who receives these messages."
    }
    dialog.ui.recipient_kind.setCurrentIndex(0)
    dialog.ui.is_active.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    assert dialog.ui.reasonList.item(5).text() == "X-ray copies (not offered)"
    assert audited(admin, "setup.reason.save") == 2
    whole_at_1280(qtbot, dialog, "reasons")


def test_urgent_words_and_after_hours_texts(qtbot: QtBot, admin: AppContext) -> None:
    with admin.db.session() as s:  # tests/conftest switches the reply off: the default here
        s.execute(delete(PreferenceRow).where(PreferenceRow.name == prefs.AFTER_HOURS_REPLY.name))
        s.commit()
    dialog = UrgentWordsDialog(admin)
    qtbot.addWidget(dialog)
    words = dialog.ui.urgent_words.toPlainText().splitlines()
    assert "swelling" in words and "knocked-out tooth" in words
    assert "[PHONE]" in dialog.ui.emergency_instructions.toPlainText()
    assert "[OPENS]" in dialog.ui.after_hours_reply.toPlainText()
    whole_at_1280(qtbot, dialog, "urgent_words")
    dialog.ui.emergency_instructions.setPlainText("   ")
    dialog.save()
    assert dialog.problems.current == {
        "emergency_instructions": "Enter the emergency instructions."
    }
    dialog.ui.urgent_words.setPlainText("swelling, abscess\nAbscess\n\ndry socket")
    dialog.ui.emergency_instructions.setPlainText("Call [PHONE] now.")
    dialog.ui.emergency_phone.setText("555-0199")
    dialog.ui.after_hours_reply.setPlainText("")
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.save()
    with admin.db.readonly_session() as s:
        assert prefs.get(s, prefs.URGENT_WORDS) == "swelling\nabscess\ndry socket"
        assert prefs.get(s, prefs.EMERGENCY_PHONE) == "555-0199"
        assert prefs.get(s, prefs.AFTER_HOURS_REPLY) == ""
    assert audited(admin, "preferences.save") == 1


def test_each_user_has_a_notice_address(qtbot: QtBot, admin: AppContext) -> None:
    with admin.db.readonly_session() as s:
        row = next(u for u in setup_views.list_users(s, admin.actor) if u.username == "biller")
    dialog = UserEditDialog(admin, user=row)
    qtbot.addWidget(dialog)
    dialog.set_groups(["Front desk"])
    assert dialog.ui.notice_email.text() == ""
    type_into(qtbot, dialog.ui.notice_email, "billing at practice")
    dialog.save()
    assert dialog.problems.current == {
        "notice_email": "This is not an e-mail address (name@example.com)."
    }
    type_into(qtbot, dialog.ui.notice_email, "billing@practice.example")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    with admin.db.readonly_session() as s:
        row = next(u for u in setup_views.list_users(s, admin.actor) if u.username == "biller")
    assert row.notice_email == "billing@practice.example"


def test_the_setup_menu_opens_them(qtbot: QtBot, admin: AppContext) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_setup_menu(window, admin)
    expected = {"reasons": ReasonsDialog, "teams": TeamsDialog, "urgent_words": UrgentWordsDialog}
    for key, kind in expected.items():
        assert menu.actions[key].isEnabled()
        dialog = menu.open(key)
        assert isinstance(dialog, kind)
        dialog.close()
