"""Setup > Practice Hours: the default week shown, problems next to their fields, the three
preferences saved (and audited) through the core, and a screenshot at a readable size."""

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core import preferences as prefs
from opendesk.core.models import AuditEntry
from opendesk.core.services import staff_auth
from opendesk.desktop.context import AppContext
from opendesk.desktop.setup.practice_hours import PracticeHoursDialog
from tests.desktop.setup_helpers import ADMIN, ADMIN_PASSWORD, init_practice, screenshot, type_into


def _dialog(qtbot: QtBot, ctx: AppContext) -> PracticeHoursDialog:
    init_practice(ctx)
    with ctx.db.session() as s:
        ctx.set_user(staff_auth.login(s, ADMIN, ADMIN_PASSWORD, ctx.workstation))
    dialog = PracticeHoursDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.resize(560, 620)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ui.hours_mon.text() != "", timeout=5000)
    return dialog


def test_shows_the_default_week(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _dialog(qtbot, ctx)
    assert dialog.ui.hours_mon.text() == "08:00-17:00"
    assert dialog.ui.hours_fri.text() == "08:00-17:00"
    assert dialog.ui.hours_sat.text() == "" and dialog.ui.hours_sun.text() == ""
    assert dialog.ui.practice_time_zone.currentText() == ""
    screenshot(qtbot, dialog, "practice_hours")


def test_problems_next_to_fields_then_saved(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _dialog(qtbot, ctx)
    type_into(qtbot, dialog.ui.hours_tue, "17:00-08:00")
    dialog.ui.practice_closed_dates.setPlainText("Christmas")
    dialog.ui.practice_time_zone.setCurrentText("Mars/Olympus")
    dialog.save()
    current = dialog.problems.current
    assert "ends before it starts" in current["practice_hours"]
    assert "is not a date like 2026-12-25" in current["practice_closed_dates"]
    assert "time zone" in current["practice_time_zone"]

    type_into(qtbot, dialog.ui.hours_tue, "08:00-12:00, 13:00-19:00")
    type_into(qtbot, dialog.ui.hours_sat, "09:00-12:00")
    dialog.ui.practice_closed_dates.setPlainText("2026-12-24\n2026-12-25")
    dialog.ui.practice_time_zone.setCurrentText("America/Chicago")
    with qtbot.waitSignal(ctx.changes.changed, timeout=5000):
        dialog.save()
    with ctx.db.readonly_session() as s:
        hours = prefs.get(s, prefs.PRACTICE_HOURS)
        assert "tue 08:00-12:00, 13:00-19:00" in hours and "sat 09:00-12:00" in hours
        assert prefs.get(s, prefs.PRACTICE_CLOSED_DATES) == "2026-12-24, 2026-12-25"
        assert prefs.get(s, prefs.PRACTICE_TIME_ZONE) == "America/Chicago"
        actions = set(s.execute(select(AuditEntry.action)).scalars())
    assert any("pref" in a for a in actions)
