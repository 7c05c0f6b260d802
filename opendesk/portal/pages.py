"""Page rendering: every portal page through one `render`, which adds what all pages show
(practice name and phone, CSRF token, flash message, log-in state, whether the page came over
HTTPS), the error page, and the `|when` filter that shows stored times in the practice's time
zone (core.timefmt)."""

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from opendesk.core import languages, preferences, timefmt
from opendesk.portal import i18n
from opendesk.portal.i18n import N_
from opendesk.portal.security import portal_session

log = logging.getLogger("opendesk.portal")
PRACTICE_CACHE_SECONDS = 30.0
NOT_FOUND_TEXT = N_("This page does not exist, or it is not yours to see.")


@dataclass
class PracticeInfo:
    name: str
    phone: str
    loaded: float
    time_zone: str = ""  # PRACTICE_TIME_ZONE; "" = the server's zone


def practice_info(request: Request) -> PracticeInfo:
    """The practice's name and phone, re-read from the preferences every 30 s."""
    app = request.app
    info: PracticeInfo | None = app.state.practice
    now = time.monotonic()
    if info is None or now - info.loaded > PRACTICE_CACHE_SECONDS:
        try:
            with app.state.db.readonly_session() as session:
                info = PracticeInfo(
                    preferences.get(session, preferences.PRACTICE_NAME).strip(),
                    preferences.get(session, preferences.PRACTICE_PHONE).strip(),
                    now,
                    preferences.get(session, preferences.PRACTICE_TIME_ZONE).strip(),
                )
        except Exception:
            log.warning("cannot read the practice name from the database")
            return info or PracticeInfo("", "", now)
        app.state.practice = info
    return info


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
    }
    base.update(context or {})
    return templates.TemplateResponse(request, name, base, status_code=status_code)


@pass_context
def when(context: Context, value: datetime | None) -> str:
    """Jinja filter `|when`: a stored UTC time in the practice's zone, formatted by Babel for
    the request's language (English: core.timefmt's "11/30/2026 6:36 AM")."""
    if value is None:
        return ""
    request: Request = context["request"]
    zone = timefmt.practice_zone(practice_info(request).time_zone)
    return i18n.format_datetime(timefmt.localise(value, zone))


def error_page(request: Request, status: int, title: str, text: str) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "text": text, "nav": False},
        status_code=status,
    )
