"""The pool's liveness check on MariaDB/PostgreSQL connections, without a round trip a page does
not need.

SQLAlchemy's `pool_pre_ping` pings every connection it hands out: with the portal at ~9 round
trips a page, that was one of them. Here only the idle ones are pinged (`IDLE_PING_SECONDS`): a
connection back in use within a second of its last use is not; an older one is, and a failed
ping makes the pool drop it and take another, as `pool_pre_ping` does. A server that restarts
in that second fails the first statement instead; SQLAlchemy then drops that connection and
every older one in the pool, and the page says "temporarily unavailable" as it would during
the restart. (The reset on return costs no round trip either: its ROLLBACK goes to the server
only while a transaction is open there, see `server_transactions`.)
"""

import time
from typing import Any

from sqlalchemy import Engine, event, exc

IDLE_PING_SECONDS = 1.0
_LAST_USED = "opendesk.last_used"


def install(engine: Engine) -> None:
    """Replace `pool_pre_ping` (the engine is created with it off) by the check above."""
    dialect = engine.dialect

    @event.listens_for(engine, "connect")
    def _connected(_dbapi_connection: Any, record: Any) -> None:
        record.info[_LAST_USED] = time.monotonic()  # a new connection needs no ping

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(_LAST_USED, 0.0) < IDLE_PING_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:  # the pool drops it and takes another
            raise exc.DisconnectionError("the pooled connection did not answer") from error

    @event.listens_for(engine, "checkin")
    def _checkin(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[_LAST_USED] = time.monotonic()
