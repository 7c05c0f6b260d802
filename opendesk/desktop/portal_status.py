"""Does the portal server answer? A GET of {portal_url}/health on a worker thread with a short
timeout, shown in the status bar. Only reachability travels here, never PHI."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from opendesk.desktop.context import AppContext
from opendesk.desktop.periodic_check import PeriodicCheck

log = logging.getLogger("opendesk.desktop.portal")

TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True)
class PortalStatus:
    configured: bool
    answering: bool
    text: str


def check_portal(url: str, timeout: float = TIMEOUT_SECONDS) -> PortalStatus:
    if not url:
        return PortalStatus(False, False, "portal: not configured")
    import requests  # imported here: keeps it out of the client's start-up

    try:
        response = requests.get(url.rstrip("/") + "/health", timeout=timeout)
    except requests.RequestException as exc:
        log.info("portal health check failed: %s", type(exc).__name__)
        return PortalStatus(True, False, "portal: not answering")
    if response.status_code == 200:
        return PortalStatus(True, True, "portal: answering")
    if response.status_code == 503 and _database_problem(response):
        return PortalStatus(True, False, "portal: answering, but its database does not")
    return PortalStatus(True, False, f"portal: not answering (HTTP {response.status_code})")


def _database_problem(response: object) -> bool:
    """True when the portal's /health says its database is the part that failed."""
    try:
        body = response.json()  # type: ignore[attr-defined]
    except ValueError:
        return False
    return isinstance(body, dict) and str(body.get("problem", "")).startswith("database")


class PortalStatusChecker(PeriodicCheck):
    """`checked` carries a PortalStatus; a failed check reports "portal: check failed"."""

    def __init__(self, ctx: AppContext, interval_seconds: int = 60) -> None:
        super().__init__(ctx, interval_seconds)

    @property
    def status(self) -> PortalStatus | None:
        return self.last  # type: ignore[no-any-return]

    def job(self) -> Callable[[], object]:
        url = self.ctx.portal_url
        return lambda: check_portal(url)

    def on_failure(self, error: BaseException) -> object | None:
        return PortalStatus(True, False, "portal: check failed")
