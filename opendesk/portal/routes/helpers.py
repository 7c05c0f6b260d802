"""Small pieces the route modules share: the 303 redirect, where a fresh log-in goes, the
log-in throttle of the app, and the navigation bar's context."""

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from opendesk.core.actors import PortalActor
from opendesk.core.services import portal_auth, portal_messages
from opendesk.portal.security import LoginThrottle


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def after_login(login: portal_auth.PortalLogin) -> str:
    """The forced change page while one is pending, else the inbox."""
    pending = login.pending_change
    return f"/account/{pending}" if pending else "/inbox"


def throttle(request: Request) -> LoginThrottle:
    found: LoginThrottle = request.app.state.throttle
    return found


def nav(session: Session, actor: PortalActor, active: str) -> dict[str, Any]:
    """The navigation bar: which tab is active and the unread count."""
    return {
        "nav": True,
        "active": active,
        "unread": portal_messages.unread_count(session, actor),
    }
