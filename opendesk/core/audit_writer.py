"""Group commit for the audit rows of reads: one writer thread appends the rows of many
concurrent requests in one transaction.

Every PHI view is audited and durable before its page is shown. With one transaction per view,
concurrent requests queue for the audit head's lock (SQLite's write lock) and each pays a
commit. `AuditWriter` takes the rows of whoever is waiting, appends them to the chain in one
transaction (`audit.append_many`: one INSERT, the head locked once, so the chain stays one
sequence), commits, and only then lets
each request go on. A request whose batch failed gets the error, as it would have on its own.

A process attaches a writer to its `Database` (`attach`); services hand read audits to it
through `audit.record_read`. Without a writer, `record_read` writes in the caller's session.
The writer keeps a connection of its own: requests waiting for their batch hold pooled
connections, and a writer queueing behind them for one would stall them all.
"""

import logging
import queue
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, exc
from sqlalchemy.orm import Session

from opendesk.core import audit
from opendesk.core.actors import Actor
from opendesk.core.db import Database

log = logging.getLogger("opendesk.audit")

MAX_BATCH = 500
WAIT_SECONDS = 60.0  # a request gives up on its batch after this (the database is away)


@dataclass
class _Pending:
    actor: Actor
    action: str
    fields: dict[str, Any]
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class AuditWriter:
    """One thread that commits audit rows in groups. `write` blocks until its row committed."""

    def __init__(self, database: Database, max_batch: int = MAX_BATCH) -> None:
        self.database = database
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="opendesk-audit", daemon=True)
        self.batches = 0
        self.rows = 0
        self._conn: Connection | None = None

    def attach(self) -> "AuditWriter":
        """Start the thread and make the database's new sessions use this writer."""
        self._thread.start()
        self.database.session_info[audit.GROUP_WRITER] = self
        return self

    def close(self, timeout: float = 10.0) -> None:
        """Detach, write what is queued, stop."""
        if self.database.session_info.get(audit.GROUP_WRITER) is self:
            del self.database.session_info[audit.GROUP_WRITER]
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    def write(self, actor: Actor, action: str, **fields: Any) -> None:
        pending = _Pending(actor, action, fields)
        if not self._thread.is_alive():
            raise exc.TimeoutError("the audit writer is not running")
        self._queue.put(pending)
        if not pending.done.wait(WAIT_SECONDS):
            raise exc.TimeoutError("the audit row was not committed in time")
        if pending.error is not None:
            raise pending.error

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stopping = True
                    break
                batch.append(item)
            self._commit(batch)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _commit(self, batch: list[_Pending]) -> None:
        try:
            if self._conn is None:
                self._conn = self.database.engine.connect()
            with Session(bind=self._conn, expire_on_commit=False) as session:
                audit.append_many(session, [(p.actor, p.action, p.fields) for p in batch])
                session.commit()
            self.batches += 1
            self.rows += len(batch)
        except Exception as error:  # each waiting request raises it; no PHI in the log
            log.warning("an audit batch of %d rows failed: %s", len(batch), type(error).__name__)
            self._drop_connection()
            for p in batch:
                p.error = error
        for p in batch:
            p.done.set()

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.invalidate()
                conn.close()
            except Exception:  # already broken
                log.debug("closing the audit writer's connection failed")
