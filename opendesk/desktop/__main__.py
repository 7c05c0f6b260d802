"""`opendesk`: start the desktop client, or `opendesk demo` for the whole demo."""

import argparse
import sys
from collections.abc import Sequence

from opendesk import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opendesk", description="OpenDesk desktop client: secure WebMail for the practice."
    )
    parser.add_argument("--version", action="version", version=f"OpenDesk {__version__}")
    parser.add_argument("--db", metavar="URL", help="practice database URL (see opendesk-admin)")
    parser.add_argument(
        "--self-test",
        metavar="USER",
        help="start unattended (offscreen): open the database, log USER in with the password "
        "from standard input, show the main window, exit 0 when all of it worked",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from opendesk.launcher import add_demo_arguments

    demo = sub.add_parser("demo", help="make the demo practice and launch the whole demo")
    add_demo_arguments(demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        from opendesk.launcher import run_demo

        return run_demo(args)
    if args.self_test:
        from opendesk.desktop.self_test import read_password, run_self_test

        return run_self_test(args.db, args.self_test, read_password())
    from opendesk.desktop.app import run

    return run(args.db)


if __name__ == "__main__":
    sys.exit(main())
