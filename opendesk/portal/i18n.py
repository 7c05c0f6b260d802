"""The portal in the patient's language (issue 24): gettext catalogs made with Babel
(`locale/<lang>/LC_MESSAGES/messages.po`, compiled `.mo` committed beside them), the language
of each request, and dates and numbers formatted by Babel for that language.

Which language a request gets: a logged-in holder's preferred language (the patient's, stored
in the session cookie at log-in); otherwise the `lang` cookie the log-in page's switch sets
(it holds a language code and nothing else); otherwise the browser's Accept-Language; English.
`LanguageMiddleware` works it out once per request and keeps it in a context variable, which the
templates' `_()`/`{% trans %}`, the routes' `gettext` and the filters read."""

from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError, dates, numbers
from babel.support import NullTranslations, Translations
from starlette.types import ASGIApp, Receive, Scope, Send

from opendesk.core import devices, languages

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
_current: ContextVar[str] = ContextVar("portal_language", default=languages.DEFAULT)
# Babel date-time patterns per language; English is core.timefmt's house format without its
# leading zeros ("3/5/2026 6:36 AM"; the desktop shows "03/05/2026"). Others: Babel's "short".
DATETIME_PATTERNS = {"en": "M/d/yyyy h:mm a", "es": "d/M/yyyy H:mm"}


@lru_cache(maxsize=16)
def translations(language: str) -> NullTranslations:
    """The compiled catalog of `language` (English is the source text: no catalog needed)."""
    if language == languages.DEFAULT:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language], domain="messages")


def current() -> str:
    return _current.get()


def use(language: str) -> None:
    _current.set(languages.known(language))


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a text for the catalog; a template translates it when it shows it."""
    return message


def locale() -> Locale:
    return _locale(current())


@lru_cache(maxsize=16)
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(languages.DEFAULT)


def format_datetime(value: datetime) -> str:
    """An aware local time in the request's language."""
    language = current()
    if language == languages.DEFAULT:  # Babel's "M/d/yyyy h:mm a", without its pattern walk
        return english_datetime(value)
    pattern = DATETIME_PATTERNS.get(language, "short")
    return dates.format_datetime(value, pattern, tzinfo=value.tzinfo, locale=_locale(language))


def english_datetime(value: datetime) -> str:
    """`value` as Babel formats DATETIME_PATTERNS["en"] ("11/30/2026 6:36 AM"): every date on
    an inbox page goes through here, and Babel's formatter costs a good part of the page."""
    hour = value.hour % 12 or 12
    noon = "AM" if value.hour < 12 else "PM"
    return f"{value.month}/{value.day}/{value.year:04d} {hour}:{value.minute:02d} {noon}"


def format_number(value: float) -> str:
    return numbers.format_decimal(value, locale=locale())


def ago(then: datetime, now: datetime) -> str:
    """ "12 minutes ago" in the request's language (English: core.devices.ago's words)."""
    if current() == languages.DEFAULT:
        return devices.ago(then, now)
    if (now - then).total_seconds() < 120:
        return gettext("just now")
    return dates.format_timedelta(then - now, add_direction=True, locale=locale())


def from_accept_language(header: str) -> str | None:
    """The first language of an Accept-Language header that the portal speaks."""
    wanted = []
    for part in header.split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            continue
        wanted.append((weight, tag.strip().split("-")[0].lower()))
    for _weight, code in sorted(wanted, key=lambda w: -w[0]):
        if code in languages.LANGUAGES:
            return code
    return None


def cookie_language(scope: Scope) -> str | None:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for name, value in headers:
        if name != b"cookie":
            continue
        for part in value.decode("latin-1").split(";"):
            key, _, code = part.strip().partition("=")
            if key == COOKIE and code in languages.LANGUAGES:
                return code
    return None


def request_language(scope: Scope) -> str:
    session = scope.get("state", {}).get("portal_session")
    held = languages.known(session.language) if session is not None and session.language else ""
    if held and session.logged_in:
        return held
    found = cookie_language(scope) or held  # the switch; else the last holder's language
    if found:
        return found
    headers = dict(scope.get("headers", []))
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    return from_accept_language(accept) or languages.DEFAULT


class LanguageMiddleware:
    """Sets the request's language (inside PortalMiddleware, which loads the session)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            use(request_language(scope))
        await self.app(scope, receive, send)
