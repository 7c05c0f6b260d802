"""What the outbox worker does once per loop besides delivering notices (docs/CLOSED_LOOP.md):
escalate the patient messages past their response time (`core.services.escalation`, which
queues the staff notices the same loop then delivers), and now and then refresh SQLite's
query-planner statistics (`core.db.refresh_statistics`). Each runs in a session of its own;
an error is logged without PHI (the type name only) and never stops the worker."""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from opendesk.core.actors import SystemActor
from opendesk.core.db import Database, refresh_statistics
from opendesk.core.services import escalation

log = logging.getLogger("opendesk.mail.upkeep")

STATISTICS_EVERY = 6 * 3600.0  # seconds between two statistics refreshes
STATISTICS_RETRY = 300.0  # seconds before trying again after a refresh failed


@dataclass
class Upkeep:
    database: Database
    statistics_every: float = STATISTICS_EVERY
    monotonic: Callable[[], float] = time.monotonic
    _last_statistics: float | None = field(default=None, init=False, repr=False)

    def escalate(self) -> int:
        """One escalation sweep; how many messages it escalated (0 after an error)."""
        try:
            with self.database.session() as session:
                return escalation.escalate_due(session, SystemActor())
        except Exception as exc:  # keep the worker alive; no PHI: the type name only
            log.error("escalation round failed: %s", type(exc).__name__)
            return 0

    def statistics(self) -> bool:
        """Refresh the statistics when `statistics_every` has passed. The first call only
        starts the clock, with the first refresh due after STATISTICS_RETRY: the portal
        refreshed them at start, and if that failed this catches up (when they are there it
        is a PRAGMA optimize of milliseconds). True when it ran."""
        now = self.monotonic()
        if self._last_statistics is None:
            first = min(STATISTICS_RETRY, self.statistics_every)
            self._last_statistics = now - self.statistics_every + first
            return False
        if now - self._last_statistics < self.statistics_every:
            return False
        self._last_statistics = now
        try:
            refresh_statistics(self.database)
        except Exception as exc:  # again in STATISTICS_RETRY, not in six hours
            log.error("statistics refresh failed: %s", type(exc).__name__)
            self._last_statistics = now - self.statistics_every + STATISTICS_RETRY
        return True

    def run(self) -> int:
        """Once per worker loop, before claiming notices."""
        escalated = self.escalate()
        self.statistics()
        return escalated


class BackgroundRefresh:
    """Try the statistics refresh again on a thread of its own, `attempts` times `wait`
    seconds apart (the portal, when the refresh at its start failed: pages are served
    meanwhile). `stop` ends the waiting and lets a refresh under way finish (before the
    database is closed)."""

    def __init__(
        self, database: Database, attempts: int = 3, wait: float = STATISTICS_RETRY / 10
    ) -> None:
        self.database, self.attempts, self.wait = database, attempts, wait
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="opendesk-statistics", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for _attempt in range(self.attempts):
            if self._stop.wait(self.wait):
                return
            try:
                refresh_statistics(self.database)
                return
            except Exception as exc:  # the type name only: no PHI
                log.warning("statistics not refreshed: %s", type(exc).__name__)

    def finished(self, timeout: float) -> bool:
        """Whether the tries ended (refreshed, or all failed) within `timeout` seconds."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)
