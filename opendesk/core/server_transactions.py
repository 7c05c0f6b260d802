"""On MariaDB and PostgreSQL a transaction opens on the server at its first statement that needs
one, so a transaction that only reads costs its SELECTs alone.

A portal page reads the session and its page in one transaction. With the driver's implicit
transactions that was a BEGIN (psycopg sends its own) and a COMMIT around two SELECTs: on
MariaDB one round trip in four, on PostgreSQL two in five. Here the drivers run in server
autocommit and three rules keep a transaction's meaning:

- **BEGIN before the first statement that is not a plain read** (`needs_transaction`): a
  write, a locking read (`FOR UPDATE`, `FOR SHARE`, `LOCK IN SHARE MODE`), a SAVEPOINT, DDL,
  anything we do not recognise. A plain read is a SELECT, or a WITH … SELECT (the portal's
  pages join the scope rule as a CTE), that names no write, lock, sequence or INTO. From
  there on, everything the transaction does is in it, and commits or rolls back together, as
  before.
- **COMMIT and ROLLBACK only while the server has a transaction open.** psycopg already knows
  (libpq's transaction status, from the server's every answer); `StatusConnection` gives
  PyMySQL the same check from the status the server sends in each OK packet — every statement
  that opens or ends a transaction (BEGIN, COMMIT, a write, DDL) answers with one.
- **The driver is put back in autocommit at every checkout**, should SQLAlchemy have turned it
  off (an `isolation_level` execution option resets it on return).

Why the plain reads may run outside: the engines run at READ COMMITTED, where every statement
reads the latest committed rows whether or not it is inside a transaction, and a plain read
takes no lock; so a read run before the BEGIN sees what it would have seen after it, and
holds nothing the transaction would have held. A connection with the AUTOCOMMIT isolation
level is left alone (VACUUM must run outside a transaction). A DBAPI connection taken past
SQLAlchemy (`raw_connection`) is in autocommit too: its user sends BEGIN for a transaction.
"""

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pymysql
from pymysql.constants import SERVER_STATUS
from sqlalchemy import Engine, event
from sqlalchemy.engine import Connection

# A word that may make a SELECT (or a WITH) more than a read: a data-modifying CTE, a locking
# read (FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, LOCK IN SHARE MODE), SELECT … INTO, a
# sequence or a lock function. A column that happens to be named so only costs a BEGIN.
_MORE_THAN_A_READ = re.compile(
    r"\b(?:INSERT|UPDATE|DELETE|MERGE|SHARE|INTO|NEXTVAL|SETVAL)\b|LOCK\s*\(", re.IGNORECASE
)


@lru_cache(maxsize=1024)  # SQLAlchemy hands over the same few hundred compiled strings
def needs_transaction(statement: str) -> bool:
    """False for a plain read (a SELECT, or a WITH … SELECT), which may run outside a
    transaction; True for everything else."""
    head = statement.lstrip()[:6].upper()
    plain = head == "SELECT" or head[:4] == "WITH"
    return not plain or _MORE_THAN_A_READ.search(statement) is not None


class StatusConnection(pymysql.connections.Connection):  # type: ignore[misc]
    """A PyMySQL connection that sends COMMIT and ROLLBACK only while the server has a
    transaction open, by the status of its last OK packet."""

    @property
    def in_transaction(self) -> bool:
        status = self.server_status
        return status is None or bool(status & SERVER_STATUS.SERVER_STATUS_IN_TRANS)

    def commit(self) -> None:
        if self.in_transaction:
            super().commit()

    def rollback(self) -> None:
        if self.in_transaction:
            super().rollback()


def install(engine: Engine) -> None:
    """Apply the rules above to a MariaDB or PostgreSQL engine."""
    if engine.dialect.name in ("mysql", "mariadb"):
        _install_mysql(engine)
    else:
        _install_postgresql(engine)


def _install_mysql(engine: Engine) -> None:
    @event.listens_for(engine, "do_connect")
    def _do_connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        return StatusConnection(*cargs, **cparams)

    @event.listens_for(engine, "checkout")
    def _autocommit(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if not dbapi_connection.get_autocommit():
            dbapi_connection.autocommit(True)

    def opened(dbapi_connection: Any) -> bool:
        return not dbapi_connection.get_autocommit() or dbapi_connection.in_transaction

    _begin_when_needed(engine, opened)


def _install_postgresql(engine: Engine) -> None:
    from psycopg.pq import TransactionStatus

    idle = TransactionStatus.IDLE

    @event.listens_for(engine, "checkout")
    def _autocommit(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if not dbapi_connection.autocommit and dbapi_connection.info.transaction_status == idle:
            dbapi_connection.autocommit = True

    def opened(dbapi_connection: Any) -> bool:
        return not dbapi_connection.autocommit or dbapi_connection.info.transaction_status != idle

    _begin_when_needed(engine, opened)


def _begin_when_needed(engine: Engine, opened: Callable[[Any], bool]) -> None:
    """BEGIN before a statement that needs a transaction, unless one is open (or the driver
    opens its own: not in autocommit) or the connection asked for AUTOCOMMIT."""

    @event.listens_for(engine, "before_cursor_execute")
    def _begin(
        conn: Connection,
        cursor: Any,
        statement: str,
        _parameters: Any,
        _context: Any,
        _executemany: bool,
    ) -> None:
        if not needs_transaction(statement) or opened(cursor.connection):
            return
        if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            cursor.execute("BEGIN")
