"""Page rendering: every portal page through one `render`, which adds what all pages show
(practice name and phone, CSRF token, flash message, log-in state, whether the page came over
HTTPS), the error page, and the `|when` filter that shows stored times in the practice's time
zone (core.timefmt)."""

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from opendesk.core import languages, preferences, timefmt
from opendesk.core.pref_cache import PreferenceCache
from opendesk.portal import i18n
from opendesk.portal.i18n import N_
from opendesk.portal.security import portal_session

log = logging.getLogger("opendesk.portal")
NOT_FOUND_TEXT = N_("This page does not exist, or it is not yours to see.")


@dataclass(frozen=True)
class PracticeInfo:
    name: str
    phone: str
    time_zone: str = ""  # PRACTICE_TIME_ZONE; "" = the server's zone


def practice_info(request: Request) -> PracticeInfo:
    """The practice's name, phone and time zone from the app's preference cache: as the
    request's own reads confirmed them, or checked against the change marker when no
    transaction did in the last second (`PreferenceCache.recent`)."""
    cache: PreferenceCache = request.app.state.preferences
    try:
        values = cache.recent(request.app.state.db)
    except Exception:
        log.warning("cannot read the practice name from the database")
        last = cache.last()
        if last is None:
            return PracticeInfo("", "")
        values = last
    return PracticeInfo(
        str(values[preferences.PRACTICE_NAME.name]).strip(),
        str(values[preferences.PRACTICE_PHONE.name]).strip(),
        str(values[preferences.PRACTICE_TIME_ZONE.name]).strip(),
    )


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """A page with what every page shows: practice name, CSRF token, flash message."""
    templates: Jinja2Templates = request.app.state.templates
    info = practice_info(request)
    state = portal_session(request)
    base = {
        "practice_name": info.name or "Your practice",
        "practice_phone": info.phone,
        # "encrypted in transit" is said only when it is true (HTTPS here or at the proxy)
        "https": request.url.scheme == "https",
        "csrf_token": state.csrf,
        "flash": state.pop_flash(),
        "logged_in": state.logged_in,
        "nav": False,
        "idle_seconds": int(request.app.state.config.idle_timeout) if state.logged_in else 0,
        "language": i18n.current(),
        "language_choices": [(code, names[1]) for code, names in languages.LANGUAGES.items()],
        "practice_time_zone": info.time_zone,  # for `when`: one look-up per page, not per date
    }
    base.update(context or {})
    return templates.TemplateResponse(request, name, base, status_code=status_code)


@pass_context
def when(context: Context, value: datetime | None) -> str:
    """Jinja filter `|when`: a stored UTC time in the practice's zone, formatted by Babel for
    the request's language (English: core.timefmt's "11/30/2026 6:36 AM")."""
    if value is None:
        return ""
    zone = context.get("practice_time_zone")
    if zone is None:  # a template rendered without `render`
        zone = practice_info(context["request"]).time_zone
    return i18n.format_datetime(timefmt.localise(value, timefmt.practice_zone(zone)))


def error_page(request: Request, status: int, title: str, text: str) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "text": text, "nav": False},
        status_code=status,
    )
