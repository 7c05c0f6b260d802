"""Which Host header values the portal answers to: loopback names, the listen address, the
configured `allowed_hosts`, and the host of the practice's *Patient portal URL* preference
(from the app's preference cache, confirmed against the change marker within the last
second). Anything else gets a plain 400 with no cookie, so a forged Host header cannot steer
redirects (`Location: http://evil.example/...`) or links."""

import logging
import time
from urllib.parse import urlsplit

from fastapi.concurrency import run_in_threadpool

from opendesk.core import preferences
from opendesk.core.db import Database
from opendesk.core.pref_cache import RECENT_SECONDS, PreferenceCache
from opendesk.portal.config import PortalConfig

log = logging.getLogger("opendesk.portal")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
RETRY_SECONDS = 30.0  # a database that did not answer is asked again after this
ANY_ADDRESS = {"0.0.0.0", "::", ""}  # noqa: S104 (listen addresses that name no host)


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
        self._quiet_until = float("-inf")  # after a failed read, use the last answer a while

    def _read_portal_host(self, cache: PreferenceCache, db: Database) -> str:
        if time.monotonic() < self._quiet_until:
            return self._portal_host
        try:
            url = str(cache.recent(db)[preferences.PORTAL_URL.name]).strip()
        except Exception:
            log.warning("cannot read the portal URL from the database")
            self._quiet_until = time.monotonic() + RETRY_SECONDS
            return self._portal_host
        return (urlsplit(url).hostname or "").lower() if url else ""

    async def allows(self, header: str, db: Database, cache: PreferenceCache) -> bool:
        name = host_name(header)
        if not name:
            return False
        if name in self.fixed:
            return True
        if cache.is_recent(RECENT_SECONDS) or time.monotonic() < self._quiet_until:
            self._portal_host = self._read_portal_host(cache, db)
        else:
            self._portal_host = await run_in_threadpool(self._read_portal_host, cache, db)
        return name == self._portal_host
