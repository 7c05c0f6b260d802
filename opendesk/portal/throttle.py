"""The log-in delay: an increasing wait after failed log-ins, per client address and user name,
the same for names that exist and names that do not.

A second count per client address across all names slows down one client trying one password
on many accounts (password spraying), which the per-name count and the per-account lockout never
see: after `client_free` failures from one address the wait doubles every further `client_step`
failures, up to the same maximum. It is forgotten `client_window` seconds after that address's
last failure, so a busy shared address (a practice's own network) is not slowed for long.

The counts live in a store: `DatabaseStore` (the portal: core `portal_throttle`, shared by every
portal process) or `MemoryStore` (one process; unit tests). The change-user-name page uses the
same throttle with a key of its own, so it cannot be used to test user names quickly either.
"""

import hashlib
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from fastapi.concurrency import run_in_threadpool

from opendesk.core.db import Database
from opendesk.core.services import portal_throttle
from opendesk.portal import admission


class ThrottleStore(Protocol):
    def get(self, key: str) -> tuple[int, float]:
        """Failures and the time of the last one (0, 0.0 for none)."""

    def add(self, key: str, now: float, restart_before: float | None = None) -> None:
        """One more failure (from 1 again when the last was before `restart_before`)."""

    def clear(self, key: str) -> None: ...


class MemoryStore:
    """Counts in this process's memory (cleared whole at `max_keys`)."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self.max_keys = max_keys
        self._rows: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[int, float]:
        return self._rows.get(key, (0, 0.0))

    def add(self, key: str, now: float, restart_before: float | None = None) -> None:
        with self._lock:
            if len(self._rows) >= self.max_keys:
                self._rows.clear()
            count, last = self._rows.get(key, (0, 0.0))
            if restart_before is not None and last < restart_before:
                count = 0
            self._rows[key] = (count + 1, now)

    def clear(self, key: str) -> None:
        with self._lock:
            self._rows.pop(key, None)


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


class DatabaseStore:
    """Counts in the practice database (core `portal_throttle`): every portal process sees
    the same ones. Times are the wall-clock seconds of the throttle's clock."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str) -> tuple[int, float]:
        with self.db.readonly_session() as session:
            count, last = portal_throttle.get(session, key)
        return count, last.replace(tzinfo=UTC).timestamp() if last is not None else 0.0

    def add(self, key: str, now: float, restart_before: float | None = None) -> None:
        restart = _utc(restart_before) if restart_before is not None else None
        with self.db.session() as session:
            portal_throttle.add_failure(session, key, _utc(now), restart)

    def clear(self, key: str) -> None:
        if self.get(key)[0]:  # a read first: most log-ins have nothing to clear
            with self.db.session() as session:
                portal_throttle.clear(session, key)


class LoginThrottle:
    """The delay before answering a log-in (or reset, or change of user name) attempt."""

    def __init__(
        self,
        base: float,
        maximum: float,
        max_keys: int = 100_000,
        *,
        client_free: int = 20,
        client_step: int = 10,
        client_window: float = 15 * 60,
        clock: Callable[[], float] = time.time,
        store: ThrottleStore | None = None,
    ) -> None:
        self.base, self.maximum = base, maximum
        self.client_free, self.client_step = client_free, client_step
        self.client_window, self.clock = client_window, clock
        self.store: ThrottleStore = store or MemoryStore(max_keys)

    @staticmethod
    def _key(client: str, username: str) -> str:
        return hashlib.sha256(f"{client}\0{username.strip().casefold()}".encode()).hexdigest()

    @staticmethod
    def _client_key(client: str) -> str:
        return hashlib.sha256(f"client\0{client}".encode()).hexdigest()

    def _client_failures(self, client: str) -> int:
        count, last = self.store.get(self._client_key(client))
        return count if self.clock() - last < self.client_window else 0

    def delay(self, client: str, username: str) -> float:
        if self.base <= 0:
            return 0.0
        failures, _ = self.store.get(self._key(client, username))
        wait = self.base * 2 ** (failures - 2) if failures >= 2 else 0.0
        spread = self._client_failures(client) - self.client_free
        if spread >= 0:
            wait = max(wait, self.base * 2 ** (spread // self.client_step))
        return float(min(self.maximum, wait))

    def failed(self, client: str, username: str) -> None:
        now = self.clock()
        self.store.add(self._key(client, username), now)
        self.store.add(self._client_key(client), now, restart_before=now - self.client_window)

    def succeeded(self, client: str, username: str) -> None:
        """A success clears that name's count; the client's count stays until it times out
        (one good password must not wipe out a spraying run)."""
        self.store.clear(self._key(client, username))

    async def wait(self, client: str, username: str) -> None:
        """Sleep out the delay (the count is read in the thread pool: it may be a database)."""
        if self.base <= 0:
            return
        delay = await run_in_threadpool(self.delay, client, username)
        if delay:
            await admission.sleep(delay)  # without holding one of the portal's request slots

    async def failed_async(self, client: str, username: str) -> None:
        await run_in_threadpool(self.failed, client, username)

    async def succeeded_async(self, client: str, username: str) -> None:
        await run_in_threadpool(self.succeeded, client, username)
