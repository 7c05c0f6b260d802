"""`opendesk demo`: the whole demo on one machine, started and stopped together.

It makes the demo practice on SQLite (if missing) in the demo folder, then starts what the
demo needs. The processes are separate programs (portal server, mail catcher, desktop client),
so this module imports neither `opendesk.desktop` nor `opendesk.portal`.
"""

import argparse
import os
from pathlib import Path

from opendesk.core.paths import user_data_dir


def demo_dir() -> Path:
    return Path(os.environ.get("OPENDESK_DEMO_DIR") or user_data_dir() / "demo")


def demo_db_url(folder: Path) -> str:
    return f"sqlite:///{(folder / 'practice.db').as_posix()}"


def ensure_demo_practice(folder: Path) -> str:
    """Make the demo practice if the demo database is missing; print the logins either way."""
    from opendesk.admin.demo import make_demo
    from opendesk.core import migrate
    from opendesk.core.db import Database

    folder.mkdir(parents=True, exist_ok=True)
    url = demo_db_url(folder)
    fresh = not (folder / "practice.db").exists()
    db = Database(url)
    try:
        migrate.upgrade(db.engine)
        if fresh:
            result = make_demo(db, folder / "AtoZ")
            print(result.describe())
        else:
            print(f"Using the demo practice in {folder} (delete the folder to start over).")
    finally:
        db.dispose()
    return url


def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-gui",
        action="store_true",
        help="run only the server side (portal, mail catcher) for a second workstation or a "
        "machine without a screen",
    )
    parser.add_argument("--dir", type=Path, help="demo folder (default: %(default)s)")


def run_demo(args: argparse.Namespace) -> int:
    folder = args.dir or demo_dir()
    url = ensure_demo_practice(folder)
    print(f"Demo database: {url}")
    return 0
