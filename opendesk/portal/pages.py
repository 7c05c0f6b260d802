"""Page rendering: every portal page through one `render`, which adds what all pages show
(practice name and phone, CSRF token, flash message, log-in state), and the error page."""

import logging
import time
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from opendesk.core import preferences
from opendesk.portal.security import portal_session

log = logging.getLogger("opendesk.portal")
PRACTICE_CACHE_SECONDS = 30.0
NOT_FOUND_TEXT = "This page does not exist, or it is not yours to see."


@dataclass
class PracticeInfo:
    name: str
    phone: str
    loaded: float


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
        "csrf_token": state.csrf,
        "flash": state.pop_flash(),
        "logged_in": state.logged_in,
        "nav": False,
    }
    base.update(context or {})
    return templates.TemplateResponse(request, name, base, status_code=status_code)


def error_page(request: Request, status: int, title: str, text: str) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "text": text, "nav": False},
        status_code=status,
    )
