"""The pool's checks on MariaDB/PostgreSQL connections, without a round trip a page does not need.

SQLAlchemy's own checks cost two round trips on every checkout: `pool_pre_ping` pings every
connection it hands out, and reset-on-return rolls back every connection it takes back, even
one whose transaction the session has just committed (it skips the rollback only after one it
rolled back itself). With the portal at ~9 round trips a page, those were two of them.

- **Ping the idle ones** (`IDLE_PING_SECONDS`): a connection back in use within a second of its
  last use is not pinged; an older one is, and a failed ping makes the pool drop it and take
  another, as `pool_pre_ping` does. A server that restarts in that second fails the first
  statement instead; SQLAlchemy then drops that connection and every older one in the pool,
  and the page says "temporarily unavailable" as it would during the restart.
- **Roll back only an open transaction**: a connection counts as clean after its transaction
  committed or rolled back through SQLAlchemy, and dirty from its checkout and from each begin;
  the reset rolls back a dirty one. A raw DBAPI connection (`raw_connection`, bulk loading)
  stays dirty, so it is always rolled back.
"""

import time
from typing import Any

from sqlalchemy import Engine, event, exc
from sqlalchemy.engine import Connection

IDLE_PING_SECONDS = 1.0
_LAST_USED = "opendesk.last_used"
_ENDED = "opendesk.transaction_ended"  # no transaction open on the server


def install(engine: Engine) -> None:
    """Replace `pool_pre_ping` and the pool's reset-on-return (the engine is created with
    both off) by the checks above."""
    dialect = engine.dialect

    @event.listens_for(engine, "connect")
    def _connected(_dbapi_connection: Any, record: Any) -> None:
        record.info[_LAST_USED] = time.monotonic()  # a new connection needs no ping

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        record.info[_ENDED] = False  # until a Connection's commit or rollback says otherwise
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

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if not conn.invalidated:
            conn.info[_ENDED] = False

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _ended(conn: Connection) -> None:
        if not conn.invalidated:  # an invalidated one is closed, not reset
            conn.info[_ENDED] = True

    @event.listens_for(engine, "reset")
    def _reset(dbapi_connection: Any, record: Any, state: Any) -> None:
        if state.terminate_only or state.transaction_was_reset:
            return
        if record is not None and record.info.get(_ENDED):
            return
        dbapi_connection.rollback()
