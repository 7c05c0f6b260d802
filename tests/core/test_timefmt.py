"""core.timefmt: one date/time format in the practice's time zone for desktop and portal."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from opendesk.core import preferences, timefmt

NOON_UTC = datetime(2026, 11, 30, 12, 5, 9)


def test_one_format_in_the_given_zone() -> None:
    denver = ZoneInfo("America/Denver")
    assert timefmt.format_datetime(NOON_UTC, denver) == "11/30/2026 5:05 AM"
    assert timefmt.format_datetime(NOON_UTC, ZoneInfo("Asia/Tokyo")) == "11/30/2026 9:05 PM"
    assert timefmt.format_datetime(NOON_UTC, UTC, seconds=True) == "11/30/2026 12:05:09 PM"
    assert timefmt.format_datetime(datetime(2026, 1, 2, 0, 1), UTC) == "01/02/2026 12:01 AM"
    assert timefmt.format_date(NOON_UTC, ZoneInfo("Pacific/Kiritimati")) == "12/01/2026"
    assert timefmt.format_date(date(1980, 1, 31)) == "01/31/1980"
    assert timefmt.format_datetime(None) == "" and timefmt.format_date(None) == ""
    # an aware value is taken as what it says
    aware = NOON_UTC.replace(tzinfo=UTC)
    assert timefmt.format_time(aware, denver) == "5:05 AM"


def test_the_practice_zone_comes_from_the_preference() -> None:
    name = preferences.PRACTICE_TIME_ZONE.name
    assert timefmt.practice_zone({name: "America/Chicago"}) == ZoneInfo("America/Chicago")
    here = timefmt.workstation_zone()
    assert timefmt.practice_zone({name: ""}).utcoffset(NOON_UTC) == here.utcoffset(NOON_UTC)
    assert timefmt.practice_zone({name: "No/Such_Zone"}).utcoffset(NOON_UTC) == here.utcoffset(
        NOON_UTC
    )
    assert timefmt.zone_problem("No/Such_Zone") is not None
    assert timefmt.zone_problem("") is None and timefmt.zone_problem("Europe/Paris") is None
    assert "America/Denver" in timefmt.zone_names()


def test_local_days_to_utc_and_the_display_zone() -> None:
    denver = ZoneInfo("America/Denver")
    assert timefmt.to_utc(datetime(2026, 11, 30), denver) == datetime(2026, 11, 30, 7, 0)
    try:
        timefmt.set_display_zone(denver)
        assert timefmt.format_datetime(NOON_UTC) == "11/30/2026 5:05 AM"
    finally:
        timefmt.set_display_zone(None)
