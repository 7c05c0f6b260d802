"""Bulk loading for the large demo (issue 25): each database's own fast path.

- PostgreSQL: COPY ... FROM STDIN through psycopg.
- MariaDB: LOAD DATA LOCAL INFILE from a tab-separated file (one file and one statement per
  batch), with foreign key and unique checks off for the loading session only.
- SQLite: executemany in one transaction per batch.

`deferred_indexes` drops a table's secondary indexes (and the full-text index) before a load
and builds them once after it: building an index over sorted data is many times faster than
keeping ten indexes and a full-text index in step row by row. Only for an empty, new practice
database that nobody else uses while it loads.
"""

import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Table, create_engine, text
from sqlalchemy.engine import Engine

from opendesk.core import fulltext
from opendesk.core.db import Database

Row = Sequence[Any]


def _mariadb_field(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, str):
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\0", "\\0")
        )
    return str(value)


def _sqlite_value(value: Any) -> Any:
    # As SQLAlchemy's SQLite DateTime stores it: always with microseconds. sqlite3's own adapter
    # drops ".000000", and SQLite compares the texts, so a keyset page would repeat a row.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


class BulkLoader:
    """Loads rows (tuples in `columns` order) into a table of `db`'s practice database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.backend = db.engine.dialect.name
        self._engine: Engine = db.engine
        if self.backend in ("mysql", "mariadb"):
            # LOAD DATA LOCAL needs the client to allow it; only this loader's connections do.
            # No read timeout: building an index over a million rows takes minutes.
            self._engine = create_engine(db.engine.url, connect_args={"local_infile": True})
        elif self.backend == "postgresql":
            self._engine = create_engine(db.engine.url)

    def dispose(self) -> None:
        if self._engine is not self.db.engine:
            self._engine.dispose()

    def load(self, table: Table, columns: Sequence[str], rows: Iterable[Row]) -> None:
        rows = list(rows)
        if not rows:
            return
        raw: Any = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            if self.backend == "postgresql":
                self._copy(cursor, table, columns, rows)
            elif self.backend in ("mysql", "mariadb"):
                self._load_data(cursor, table, columns, rows)
            else:
                marks = ", ".join("?" for _ in columns)
                statement = "INSERT INTO %s (%s) VALUES (%s)" % (  # noqa: S608, UP031
                    table.name,  # names from the models; the values are bound
                    ", ".join(columns),
                    marks,
                )
                cursor.execute("BEGIN")
                cursor.executemany(statement, ([_sqlite_value(v) for v in r] for r in rows))
            cursor.close()
            raw.commit()
        finally:
            raw.close()

    @staticmethod
    def _copy(cursor: Any, table: Table, columns: Sequence[str], rows: list[Row]) -> None:
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    @staticmethod
    def _load_data(cursor: Any, table: Table, columns: Sequence[str], rows: list[Row]) -> None:
        fd, path = tempfile.mkstemp(prefix="opendesk-load-", suffix=".tsv")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                for row in rows:
                    out.write("\t".join(_mariadb_field(v) for v in row))
                    out.write("\n")
            cursor.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0")
            cursor.execute(
                f"LOAD DATA LOCAL INFILE %s INTO TABLE {table.name} CHARACTER SET utf8mb4 "
                f"({', '.join(columns)})",
                (path,),
            )
            cursor.execute("SET SESSION foreign_key_checks = 1, unique_checks = 1")
        finally:
            os.unlink(path)

    @contextmanager
    def deferred_indexes(self, table: Table) -> Iterator[None]:
        """Drop `table`'s plain (non-unique) indexes and its full-text index, yield, then build
        them again. MariaDB drops an index a foreign key uses only with the key checks off (for
        this connection, while it drops them)."""
        dropped: list[Index] = [ix for ix in table.indexes if not ix.unique]
        mariadb = self.backend in ("mysql", "mariadb")
        with self._engine.begin() as conn:
            fulltext.drop_index(conn)
            if mariadb:
                conn.execute(text("SET SESSION foreign_key_checks = 0"))
            for ix in dropped:
                ix.drop(conn, checkfirst=True)
            if mariadb:
                conn.execute(text("SET SESSION foreign_key_checks = 1"))
        yield
        with self._engine.begin() as conn:
            for ix in dropped:
                ix.create(conn, checkfirst=True)
            fulltext.create_index(conn, rebuild=True)
            if self.backend in ("mysql", "mariadb"):
                conn.execute(text(f"ANALYZE TABLE {table.name}"))
            elif self.backend != "postgresql":
                conn.execute(text("ANALYZE"))
        if self.backend == "postgresql":
            # VACUUM marks the new pages all-visible: without it an index-only scan of the
            # covering inbox index still visits the heap for every row (autovacuum would get
            # there later). It cannot run inside a transaction.
            with self._engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                conn.execute(text(f"VACUUM ANALYZE {table.name}"))
