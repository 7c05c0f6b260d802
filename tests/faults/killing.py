"""Ending a database connection from the server's side (MariaDB `KILL`, PostgreSQL
`pg_terminate_backend`), as a DBA or a server restart would."""

from sqlalchemy import Connection, create_engine, text

from opendesk.core.db import Database


def server_connection_id(conn: Connection) -> int:
    """The server's id of `conn` (MariaDB's connection id, PostgreSQL's backend pid)."""
    mysql = conn.dialect.name in ("mysql", "mariadb")
    found = conn.execute(text("SELECT CONNECTION_ID()" if mysql else "SELECT pg_backend_pid()"))
    return int(found.scalar_one())


def kill_connection(db: Database, victim: int) -> None:
    """End the server connection `victim` through a connection of its own."""
    admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as other:
        if db.backend in ("mysql", "mariadb"):
            other.execute(text(f"KILL {int(victim)}"))
        else:
            other.execute(text("SELECT pg_terminate_backend(:p)"), {"p": victim})
    admin.dispose()
