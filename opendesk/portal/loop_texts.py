"""The closed loop's sentences in the page's language (issue 21 meets issue 24): the core
hands the portal data (`patient_loop.Expected`, `patient_loop.Emergency`) and this module
words it with gettext and Babel, and translates the shipped default reasons. English keeps
the core's own words (`patient_loop.expectation_words`), so every English caller says the
same.

The emergency instructions are a practice preference: the shipped default is translated (its
text is in the catalog, `EMERGENCY_DEFAULT`); a text the practice wrote is shown as written."""

from babel import dates
from babel.lists import format_list
from markupsafe import Markup, escape

from opendesk.core import languages, timefmt
from opendesk.core.services import patient_loop
from opendesk.portal import i18n
from opendesk.portal.i18n import N_, gettext, ngettext

EMERGENCY_DEFAULT = N_(
    "Messages are not read around the clock. For swelling, bleeding that will not stop, "
    "fever, trouble breathing or swallowing, an injury or a knocked-out tooth, call the "
    "office now at [PHONE]. If you cannot breathe or swallow, call your local emergency "
    "number."
)

# The reasons a practice starts with (`reasons_setup.DEFAULT_REASONS`): translated while the
# practice keeps their names; a reason it named itself is shown as written.
DEFAULT_REASONS = (
    N_("Appointment"),
    N_("Billing"),
    N_("Question for my provider"),
    N_("Prescription"),
    N_("Other"),
)


def reason_name(name: str) -> str:
    """A message reason's name in the request's language when it is a shipped default."""
    return gettext(name) if name in DEFAULT_REASONS else name


def _target(hours: int) -> str:
    count, days = patient_loop.split_target(hours)
    if days:
        return ngettext("%(num)d business day", "%(num)d business days", count) % {"num": count}
    return ngettext("%(num)d business hour", "%(num)d business hours", count) % {"num": count}


def _patterns() -> tuple[str, str]:
    pattern = i18n.DATETIME_PATTERNS.get(i18n.current(), "short")
    date_pattern, _, time_pattern = pattern.partition(" ")
    return (date_pattern, time_pattern) if time_pattern else ("short", "short")


def _when(found: patient_loop.Expected) -> str:
    """The due time as `patient_loop.when_words` says it, in the request's language ("hoy a
    las 15:00", "el martes a las 9:00", "el miércoles 9/12/2026 a las 9:00")."""
    local = timefmt.localise(found.due_at, found.zone)
    today = timefmt.localise(found.now, found.zone).date()
    date_pattern, time_pattern = _patterns()
    loc = i18n.locale()
    values = {
        "time": dates.format_time(local, time_pattern, tzinfo=local.tzinfo, locale=loc),
        "weekday": dates.format_date(local.date(), "EEEE", locale=loc),
        "date": dates.format_date(local.date(), date_pattern, locale=loc),
    }
    hour = (local.hour % 12 or 12) if "h" in time_pattern else local.hour
    # the hour decides the form in some languages (Spanish: "a la 1:00", "a las 3:00")
    if local.date() == today:
        return ngettext("%(time)s today", "%(time)s today", hour) % values
    if 0 < (local.date() - today).days < 7:
        return ngettext("%(weekday)s %(time)s", "%(weekday)s %(time)s", hour) % values
    return ngettext("%(weekday)s %(date)s %(time)s", "%(weekday)s %(date)s %(time)s", hour) % values


def expectation(found: patient_loop.Expected | None) -> str | None:
    """The expected-reply line under a message, in the request's language."""
    if found is None:
        return None
    if i18n.current() == languages.DEFAULT:
        return patient_loop.expectation_words(found)
    target = _target(found.target_hours)
    if not found.overdue:
        when = _when(found)
        return gettext(
            "The office usually answers within %(target)s — expect a reply by %(when)s."
        ) % {"target": target, "when": when}
    if found.phone:
        return gettext(
            "The office usually answers within %(target)s. Your message is taking longer than "
            "that; if it cannot wait, call the office at %(phone)s."
        ) % {"target": target, "phone": found.phone}
    return gettext(
        "The office usually answers within %(target)s. Your message is taking longer than "
        "that; if it cannot wait, call the office."
    ) % {"target": target}


def emergency(found: patient_loop.Emergency) -> str:
    """The emergency instructions with the phone filled in: the default in the request's
    language, the practice's own text as written."""
    text = gettext(EMERGENCY_DEFAULT) if found.is_default else found.text
    return patient_loop.fill(text, found.phone, no_phone=gettext("the office"))


def word_list(words: list[str]) -> Markup:
    """The urgent words found, each in bold, joined as the language joins a list ("a, b y c")."""
    pattern = format_list([f"{{{i}}}" for i in range(len(words))], locale=i18n.locale())
    return escape(pattern).format(*(Markup("<strong>{}</strong>").format(w) for w in words))
