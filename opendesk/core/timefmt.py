"""The one way OpenDesk shows dates and times, in the practice's time zone, to staff (desktop)
and to patients (portal).

Every column stores naive UTC (`core.clock`). People see them in the practice's zone: the
PRACTICE_TIME_ZONE preference (an IANA name such as "America/Los_Angeles"), or, when it is
empty or unknown on this machine, the zone of the computer showing the time.

    zone = practice_zone(prefs)                  # prefs: preferences.get_all() / ctx.practice
    format_datetime(utc_value, zone)             # "11/30/2026 6:36 AM"
    format_date(utc_value, zone)                 # "11/30/2026"
    format_time(utc_value, zone)                 # "6:36 AM"
    to_utc(local_naive, zone)                    # a local instant as the naive UTC columns hold

A process that shows one practice (the desktop client) sets its zone once with
`set_display_zone(practice_zone(prefs))` whenever the preferences load; the format functions
use it when no zone is given. The portal passes the zone of each request explicitly.
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from opendesk.core import preferences

DATE_FORMAT = "%m/%d/%Y"  # Open Dental's US date, as the desktop's birthdates


def workstation_zone() -> tzinfo:
    """The zone of this computer (what the practice zone defaults to)."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


_display_zone: tzinfo | None = None


def set_display_zone(zone: tzinfo | None) -> None:
    """The zone `format_*` use when none is given (None: the workstation's)."""
    global _display_zone
    _display_zone = zone


def display_zone() -> tzinfo:
    return _display_zone or workstation_zone()


@lru_cache(maxsize=32)
def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_problem(name: str) -> str | None:
    """Why `name` cannot be the practice's time zone, or None ("" is the workstation's)."""
    if not name or _zone(name) is not None:
        return None
    return f'"{name}" is not a time zone name this computer knows (e.g. America/Chicago).'


def zone_names() -> list[str]:
    """The IANA zone names this computer knows, sorted, for the Setup list."""
    return sorted(n for n in available_timezones() if "/" in n and not n.startswith("Etc/"))


def practice_zone(prefs: Mapping[str, Any] | str | None = None) -> tzinfo:
    """The practice's zone from its preferences (or a zone name); the workstation's zone when
    the preference is empty or not a zone this computer knows."""
    if isinstance(prefs, str) or prefs is None:
        name = prefs or ""
    else:
        name = str(prefs.get(preferences.PRACTICE_TIME_ZONE.name) or "")
    return (_zone(name) if name else None) or workstation_zone()


def localise(value: datetime, zone: tzinfo) -> datetime:
    """A stored naive-UTC (or an aware) datetime in `zone`."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(zone)


def to_utc(local: datetime, zone: tzinfo) -> datetime:
    """A naive local datetime in `zone` as the naive UTC the columns store."""
    aware = local if local.tzinfo is not None else local.replace(tzinfo=zone)
    return aware.astimezone(UTC).replace(tzinfo=None)


def format_date(value: datetime | date | None, zone: tzinfo | None = None) -> str:
    """The date: "11/30/2026"; "" for None. A datetime is taken as stored UTC and shown in
    `zone`."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = localise(value, zone or display_zone())
    return value.strftime(DATE_FORMAT)


def format_time(
    value: datetime | None, zone: tzinfo | None = None, *, seconds: bool = False
) -> str:
    """The time: "6:36 AM" (12-hour clock, no leading zero; "6:36:05 AM" with seconds);
    "" for None."""
    if value is None:
        return ""
    local = localise(value, zone or display_zone())
    clock = f"{local.hour % 12 or 12}:{local.minute:02d}"
    if seconds:
        clock += f":{local.second:02d}"
    return f"{clock} {'AM' if local.hour < 12 else 'PM'}"


def format_datetime(
    value: datetime | None, zone: tzinfo | None = None, *, seconds: bool = False
) -> str:
    """Date and time: "11/30/2026 6:36 AM" in `zone` (default `display_zone()`); "" for None.
    Seconds only where they matter (the audit report)."""
    if value is None:
        return ""
    zone = zone or display_zone()
    return f"{format_date(value, zone)} {format_time(value, zone, seconds=seconds)}"
