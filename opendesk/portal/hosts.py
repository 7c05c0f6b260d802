"""Which Host header values the portal answers to: loopback names, the listen address, the
configured `allowed_hosts`, and the host of the practice's *Patient portal URL* preference
(re-read every 30 s). Anything else gets a plain 400 with no cookie, so a forged Host header
cannot steer redirects (`Location: http://evil.example/...`) or links."""

import logging
import time
from urllib.parse import urlsplit

from fastapi.concurrency import run_in_threadpool

from opendesk.core import preferences
from opendesk.core.db import Database
from opendesk.portal.config import PortalConfig

log = logging.getLogger("opendesk.portal")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ANY_ADDRESS = {"0.0.0.0", "::", ""}  # noqa: S104 (listen addresses that name no host)
REFRESH_SECONDS = 30.0


def host_name(header: str) -> str:
    """The name in a Host header, lower case, without the port ("[::1]:8765" -> "::1")."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else ""
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class AllowedHosts:
    def __init__(self, config: PortalConfig) -> None:
        fixed = set(LOOPBACK) | set(config.allowed_hosts)
        if config.host not in ANY_ADDRESS:
            fixed.add(config.host.lower())
        self.fixed = frozenset(fixed)
        self._portal_host = ""
        self._loaded = float("-inf")

    def _read_portal_host(self, db: Database) -> str:
        try:
            with db.readonly_session() as session:
                url = preferences.get(session, preferences.PORTAL_URL).strip()
        except Exception:
            log.warning("cannot read the portal URL from the database")
            return self._portal_host
        return (urlsplit(url).hostname or "").lower() if url else ""

    async def allows(self, header: str, db: Database) -> bool:
        name = host_name(header)
        if not name:
            return False
        if name in self.fixed:
            return True
        now = time.monotonic()
        if now - self._loaded > REFRESH_SECONDS:
            self._portal_host = await run_in_threadpool(self._read_portal_host, db)
            self._loaded = now
        return name == self._portal_host
