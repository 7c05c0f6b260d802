"""The desktop shows every date and time in the practice's time zone (Setup > Practice), in
core.timefmt's one format, whatever the workstation's own zone."""

from datetime import UTC, datetime

from opendesk.core import preferences
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.text import day_start_utc, when_text

SENT_UTC = datetime(2026, 11, 30, 13, 36)


def test_inbox_times_follow_the_practice_zone(ctx: AppContext) -> None:
    name = preferences.PRACTICE_TIME_ZONE.name
    ctx.practice = {**ctx.practice, name: "America/Denver"}
    assert when_text(SENT_UTC) == "11/30/2026 6:36 AM"
    assert day_start_utc(SENT_UTC.date()) == datetime(2026, 11, 30, 7, 0)
    ctx.practice = {**ctx.practice, name: "Asia/Tokyo"}
    assert when_text(SENT_UTC) == "11/30/2026 10:36 PM"
    ctx.practice = {**ctx.practice, name: ""}


def test_a_new_context_starts_in_the_workstation_zone(ctx: AppContext) -> None:
    local = SENT_UTC.replace(tzinfo=UTC).astimezone()
    hour = local.hour % 12 or 12
    assert when_text(SENT_UTC).endswith(f"{hour}:{local.minute:02d} {local.strftime('%p')}")
