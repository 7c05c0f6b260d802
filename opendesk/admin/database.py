"""How opendesk-admin opens the practice database: the URL as every program resolves it, with
no one-minute read limit — administration runs schema changes, bulk loads, filing and exports
that take minutes on a large practice (migration 0014 builds a full-text index over every
message)."""

import argparse

from opendesk.core.db import Database, Timeouts
from opendesk.core.settings import resolve_database_url

ADMIN_TIMEOUTS = Timeouts(read=6 * 3600, write=3600)


def open_database(args: argparse.Namespace) -> Database:
    """The database named by `--db` (or the usual sources) for an admin command."""
    return Database(resolve_database_url(args.db).url, timeouts=ADMIN_TIMEOUTS)
