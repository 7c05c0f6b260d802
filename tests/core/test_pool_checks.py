"""The pool's liveness check on MariaDB/PostgreSQL connections (core/pool_checks.py), on real
servers: a connection idle past the ping interval that the server killed is replaced before
use; one back within it is used unpinged. (The reset on return: test_server_transactions.)"""

import pytest
from sqlalchemy import exc

from opendesk.core import pool_checks
from opendesk.core.db import Database
from tests.faults.killing import kill_connection, server_connection_id

pytestmark = pytest.mark.only_backends("mariadb", "postgresql")


def test_a_killed_idle_connection_is_replaced_before_use(
    one_connection: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with one_connection.engine.connect() as conn:
        victim = server_connection_id(conn)
    kill_connection(one_connection, victim)
    monkeypatch.setattr(pool_checks, "IDLE_PING_SECONDS", 0.0)  # every checkout counts as idle
    with one_connection.engine.connect() as conn:
        assert server_connection_id(conn) != victim


def test_a_connection_back_within_the_idle_interval_is_used_unpinged(
    one_connection: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The price of not pinging: a server-side kill within the interval fails the next
    statement, and the pool recovers on the one after."""
    monkeypatch.setattr(pool_checks, "IDLE_PING_SECONDS", 3600.0)
    with one_connection.engine.connect() as conn:
        victim = server_connection_id(conn)
    kill_connection(one_connection, victim)
    with pytest.raises(exc.DBAPIError), one_connection.engine.connect() as conn:
        server_connection_id(conn)
    with one_connection.engine.connect() as conn:
        assert server_connection_id(conn) != victim
