"""A psycopg 3 connection whose every wait for the server is bounded.

libpq, and so psycopg, waits for a server's answer as long as the socket stays open: a
PostgreSQL server (or a firewall) that keeps the connection and sends nothing hangs the caller
forever, and TCP keepalive does not help while something still acknowledges the packets. psycopg
funnels every wait of a sync connection through `Connection.wait(gen, interval, timeout)` with no
timeout; this subclass gives it one. When it runs out the connection is closed (its state is
unknown) and an OperationalError is raised, which SQLAlchemy treats as a dropped connection.
"""

from typing import Any

import psycopg
from psycopg import errors as pg_errors


class BoundedConnection(psycopg.Connection[Any]):
    """`psycopg.Connection` with a default timeout for every wait (`read_timeout` seconds)."""

    read_timeout: float = 60.0

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        try:
            return super().wait(
                gen,
                interval=interval,
                timeout=timeout if timeout is not None else self.read_timeout,
            )
        except pg_errors._WaitTimeout:
            if timeout is not None:
                raise  # the caller asked for its own timeout and handles it
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database server did not answer within {self.read_timeout:g} s"
            ) from None


def connect_bounded(read_timeout: float, *args: Any, **kwargs: Any) -> BoundedConnection:
    """`psycopg.connect` returning a BoundedConnection."""
    conn = BoundedConnection.connect(*args, **kwargs)
    conn.read_timeout = read_timeout
    return conn
