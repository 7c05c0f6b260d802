"""What a database error means, from the driver's own error code (qutebrowser's split between
known errors and bugs): a server that does not answer, a full disk, a busy database or a
refused log-in are expected and get a clear message; anything else (a missing table or column,
bad SQL, an unknown code) is a bug for the crash dialog.

`classify(exc)` reads the code only — SQLite's error name, MariaDB's error number, PostgreSQL's
SQLSTATE — never the driver's message text, which can quote the values of the failing
statement (PHI). MariaDB's "Got error 28 from storage engine" is the one exception: the number
28 (no space) is only in the text, and only that number is looked at.
"""

from enum import StrEnum

from sqlalchemy import exc as sa_exc


class DbProblem(StrEnum):
    UNREACHABLE = "unreachable"  # connection refused, lost, timed out; server shutting down
    DISK_FULL = "disk_full"  # the database server's (or file's) disk is full
    BUSY = "busy"  # lock wait timeout, deadlock, serialization failure, SQLite busy/locked
    REFUSED = "refused"  # log-in refused, unknown database, read-only file
    BUG = "bug"  # schema problems (missing table/column), bad SQL, anything not known


MESSAGES = {
    DbProblem.UNREACHABLE: (
        "The practice database does not answer. Check that the database server is running "
        "and that this computer is on the practice network, then try again. Nothing was lost."
    ),
    DbProblem.DISK_FULL: (
        "The practice database's disk is full, so nothing could be saved. Ask IT to free "
        "space on the database server (or this computer for a local database), then try "
        "again. What you typed is still here."
    ),
    DbProblem.BUSY: (
        "The practice database is busy with another workstation's work. Try again in a "
        "moment. Nothing was lost."
    ),
    DbProblem.REFUSED: (
        "The practice database refused this workstation (log-in, database name or write "
        "rights). Ask IT to check the database settings. Nothing was lost."
    ),
}

_MARIADB = {
    **dict.fromkeys((2002, 2003, 2005, 2006, 2013, 2055, 1040, 1053, 1317), DbProblem.UNREACHABLE),
    **dict.fromkeys((1021, 1114), DbProblem.DISK_FULL),
    **dict.fromkeys((1205, 1213), DbProblem.BUSY),
    **dict.fromkeys((1044, 1045, 1049, 1142, 1290), DbProblem.REFUSED),
}
_POSTGRES = {
    "53100": DbProblem.DISK_FULL,
    "53300": DbProblem.UNREACHABLE,  # too many connections
    "57014": DbProblem.UNREACHABLE,  # statement timeout / cancelled
    "57P01": DbProblem.UNREACHABLE,  # administrator shutdown
    "57P02": DbProblem.UNREACHABLE,
    "57P03": DbProblem.UNREACHABLE,  # cannot connect now (starting up)
    "40001": DbProblem.BUSY,
    "40P01": DbProblem.BUSY,
    "55P03": DbProblem.BUSY,  # lock not available
    "28000": DbProblem.REFUSED,
    "28P01": DbProblem.REFUSED,
    "3D000": DbProblem.REFUSED,  # no such database
    "42501": DbProblem.REFUSED,  # insufficient privilege
    "25006": DbProblem.REFUSED,  # read-only transaction
}
_SQLITE = {
    "SQLITE_FULL": DbProblem.DISK_FULL,
    "SQLITE_BUSY": DbProblem.BUSY,
    "SQLITE_LOCKED": DbProblem.BUSY,
    "SQLITE_CANTOPEN": DbProblem.UNREACHABLE,  # the file (on a share) cannot be opened
    "SQLITE_IOERR": DbProblem.UNREACHABLE,
    "SQLITE_READONLY": DbProblem.REFUSED,
    "SQLITE_PERM": DbProblem.REFUSED,
}


def _mariadb(orig: BaseException) -> DbProblem | None:
    args = orig.args
    if not args or not isinstance(args[0], int):
        return None
    code = args[0]
    if code == 1030 and len(args) > 1 and "error 28 " in f"{args[1]} ":
        return DbProblem.DISK_FULL
    if code == 0:  # PyMySQL's "(0, '')": the connection was closed under it
        return DbProblem.UNREACHABLE
    return _MARIADB.get(code)


def _postgres(orig: BaseException) -> DbProblem | None:
    state = getattr(orig, "sqlstate", None)
    if state is None:
        # psycopg's connection failures (refused, lost, timed out) carry no SQLSTATE
        return DbProblem.UNREACHABLE if type(orig).__name__ == "OperationalError" else None
    if state.startswith("08"):  # connection exception
        return DbProblem.UNREACHABLE
    return _POSTGRES.get(state)


def _sqlite(orig: BaseException) -> DbProblem | None:
    name = getattr(orig, "sqlite_errorname", None)
    if not isinstance(name, str):
        return None
    return _SQLITE.get(name) or _SQLITE.get("_".join(name.split("_")[:2]))  # SQLITE_IOERR_WRITE


def classify(exc: BaseException) -> DbProblem | None:
    """The kind of database problem `exc` is, or None when it is not a database error."""
    if isinstance(exc, sa_exc.DisconnectionError | sa_exc.TimeoutError):
        return DbProblem.UNREACHABLE  # a pool that cannot reconnect / has no free connection
    if not isinstance(exc, sa_exc.DBAPIError):
        return None
    if exc.connection_invalidated:
        return DbProblem.UNREACHABLE
    orig = exc.orig
    if orig is None:
        return DbProblem.BUG
    module = type(orig).__module__
    if module.startswith("pymysql") or module.startswith("MySQLdb"):
        found = _mariadb(orig)
    elif module.startswith("psycopg"):
        found = _postgres(orig)
    elif module.startswith("sqlite3"):
        found = _sqlite(orig)
    else:
        found = None
    return found or DbProblem.BUG


def is_expected(exc: BaseException) -> bool:
    """A database error with a clear message for the user (not a bug)."""
    problem = classify(exc)
    return problem is not None and problem is not DbProblem.BUG


def error_code(exc: BaseException) -> str:
    """The driver's code for the log ("2003", "08006", "SQLITE_FULL", "-"): never its text."""
    orig = getattr(exc, "orig", None)
    if orig is None:
        return "-"
    for attr in ("sqlite_errorname", "sqlstate"):
        value = getattr(orig, attr, None)
        if isinstance(value, str):
            return value
    args = getattr(orig, "args", ())
    return str(args[0]) if args and isinstance(args[0], int) else "-"
