"""`opendesk-admin`: the command line for IT — database, demo practice, practice set-up,
users and groups, audit, secrets.

Every command opens the database chosen by `--db URL`, else OPENDESK_DB_URL, else the
workstation settings file, else the machine configuration, else the default SQLite file.
"""

import argparse
import getpass
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from secrets import token_urlsafe

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from opendesk import __version__
from opendesk.admin import filing_commands, setup_commands
from opendesk.admin.database import open_database
from opendesk.core import audit, migrate
from opendesk.core.credentials import (
    NoKeyringAvailable,
    database_key,
    portal_secret_key,
    set_machine_secret,
    set_secret,
)
from opendesk.core.db import Database, describe_url
from opendesk.core.errors import OpenDeskError
from opendesk.core.models import Patient
from opendesk.core.paths import user_data_dir
from opendesk.core.settings import resolve_database_url

Handler = Callable[[argparse.Namespace], int]


def cmd_info(args: argparse.Namespace) -> int:
    resolved = resolve_database_url(args.db)
    print(f"OpenDesk {__version__}")
    print(f"database: {describe_url(resolved.url)} (from {resolved.source})")
    db = Database(resolved.url)
    try:
        current = migrate.current_revision(db.engine)
        head = migrate.head_revision(db.engine)
        print(f"schema: {current or 'empty'} (latest {head})")
    finally:
        db.dispose()
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        migrate.upgrade(db.engine, args.revision)
        print(f"{db.description}: schema at {migrate.current_revision(db.engine)}")
    finally:
        db.dispose()
    return 0


def cmd_db_downgrade(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        migrate.downgrade(db.engine, args.revision)
        print(f"{db.description}: schema at {migrate.current_revision(db.engine) or 'empty'}")
    finally:
        db.dispose()
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        print(migrate.current_revision(db.engine) or "empty")
    finally:
        db.dispose()
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        with db.readonly_session() as session:
            report = audit.verify(session)
    finally:
        db.dispose()
    print(report)
    return 0 if report.intact else 1


def cmd_demo(args: argparse.Namespace) -> int:
    from opendesk.admin.demo import make_demo
    from opendesk.admin.demo_large import make_large_demo

    db = open_database(args)
    try:
        if args.reset:
            migrate.downgrade(db.engine, "base")
        migrate.upgrade(db.engine)
        with db.readonly_session() as session:
            existing = session.execute(select(func.count(Patient.id))).scalar_one()
        if existing:
            print(
                f"{db.description} already holds a practice ({existing} patients); "
                "nothing changed. Use --reset to replace it."
            )
            return 0
        if args.size == "large":
            print(f"Making a large practice in {db.description} ...")
            timings = make_large_demo(db, patients=args.patients, messages=args.messages)
            phases = ", ".join(f"{k} {v:.1f} s" for k, v in timings.phases.items())
            print(
                f"Large demo: {timings.patients:,} patients, {timings.messages:,} messages in "
                f"{timings.seconds:.1f} s ({phases}). Staff logins prov01..prov20, password "
                "Demo2026."
            )
            return 0
        atoz = Path(args.atoz) if args.atoz else user_data_dir() / "demo-atoz"
        result = make_demo(
            db, atoz, portal_url=args.portal_url, smtp_port=args.smtp_port, patients=args.patients
        )
        print(result.describe())
    finally:
        db.dispose()
    return 0


def cmd_secrets_set_db(args: argparse.Namespace) -> int:
    url = make_url(resolve_database_url(args.db).url)
    if url.get_backend_name() == "sqlite":
        print("The database is an SQLite file: it has no password.", file=sys.stderr)
        return 2
    password = args.password_stdin and sys.stdin.readline().rstrip("\n")
    if not password:
        password = getpass.getpass(f"Password for {url.username}@{url.host}: ")
    key = database_key(url.username or "", url.host or "", url.port, url.database or "")
    return _store_secret(args, key, password, f"the password of {url.username}@{url.host}")


def cmd_secrets_set_portal(args: argparse.Namespace) -> int:
    secret = args.secret_stdin and sys.stdin.readline().strip()
    if not secret:
        secret = token_urlsafe(48)
    if len(secret) < 32:
        print("error: the secret key must be at least 32 characters.", file=sys.stderr)
        return 2
    return _store_secret(args, portal_secret_key(), secret, "the portal's secret key")


def _store_secret(args: argparse.Namespace, key: str, value: str, what: str) -> int:
    if args.machine:
        where = set_machine_secret(key, value)  # MachineSecretsError: a clear message
        print(f"Stored {what} for every account of this machine ({where}).")
        return 0
    try:
        set_secret(key, value)
    except NoKeyringAvailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Stored {what} in this account's keyring.")
    return 0


# --- outbox: the notification e-mail worker (opendesk.mail) -------------------------------


def cmd_outbox_run(args: argparse.Namespace) -> int:
    from opendesk.mail.outbox import run_cli

    logging.getLogger("opendesk.mail").setLevel(logging.INFO)  # ids and reasons, no PHI
    db = open_database(args)
    try:
        return run_cli(db, once=args.once, poll_seconds=args.poll)
    finally:
        db.dispose()


def cmd_outbox_list(args: argparse.Namespace) -> int:
    from opendesk.mail.status import list_notices, status_counts

    db = open_database(args)
    try:
        with db.readonly_session() as session:
            rows = list_notices(session, failed_only=args.failed, limit=args.limit)
            counts = status_counts(session)
    finally:
        db.dispose()
    print(", ".join(f"{count} {status.value}" for status, count in counts.items()))
    for row in rows:
        state = row.state
        line = (
            f"{state.notice_id:>8}  message {state.message_id or '-':>8}  "
            f"{state.created_at:%Y-%m-%d %H:%M}  attempts {state.attempts}  {state.describe()}"
        )
        print(f"{line}  to {row.to_address}" if args.addresses else line)
    return 0


def cmd_outbox_retry(args: argparse.Namespace) -> int:
    from opendesk.core.actors import SystemActor
    from opendesk.core.services.notifications import retry, retry_all_failed

    if (args.id is None) == (not args.all_failed):
        print("Give one notification id, or --all-failed.", file=sys.stderr)
        return 2
    db = open_database(args)
    try:
        with db.session() as session:
            if args.all_failed:
                count = retry_all_failed(session, SystemActor("opendesk-admin"))
            else:
                retry(session, SystemActor("opendesk-admin"), args.id)
    finally:
        db.dispose()
    if args.all_failed:
        print(f"{count} failed notifications are queued again; the outbox worker sends them.")
    else:
        print(f"Notification {args.id} is queued again; the outbox worker sends it next round.")
    return 0


def cmd_outbox_set_password(args: argparse.Namespace) -> int:
    from opendesk.core import preferences
    from opendesk.mail.smtp import store_smtp_password

    db = open_database(args)
    try:
        with db.readonly_session() as session:
            host = preferences.get(session, preferences.SMTP_HOST).strip()
            user = preferences.get(session, preferences.SMTP_USER).strip()
    finally:
        db.dispose()
    if not host or not user:
        print(
            "Set the SMTP server and user first (Setup → General Email Settings).",
            file=sys.stderr,
        )
        return 2
    password = args.password_stdin and sys.stdin.readline().rstrip("\n")
    if not password:
        password = getpass.getpass(f"SMTP password of {user} at {host}: ")
    store_smtp_password(user, host, password)
    print(f"Stored the SMTP password of {user} at {host} in this machine's keyring.")
    return 0


def add_outbox_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    ob = sub.add_parser("outbox", help="the notification e-mail outbox and its worker")
    ob_sub = ob.add_subparsers(dest="outbox_command", required=True, metavar="ACTION")
    run = ob_sub.add_parser(
        "run",
        help="deliver notification e-mails until stopped (Ctrl+C, SIGTERM)",
        description="Deliver due notification e-mails by SMTP, retrying with backoff.",
    )
    run.set_defaults(handler=cmd_outbox_run)
    run.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
    run.add_argument(
        "--poll",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="how often to look for due notices (default 5)",
    )
    lst = ob_sub.add_parser("list", help="list notifications, newest first")
    lst.set_defaults(handler=cmd_outbox_list)
    lst.add_argument("--failed", action="store_true", help="only failed notifications")
    lst.add_argument("--limit", type=int, default=50, help="how many (default 50)")
    lst.add_argument(
        "--addresses", action="store_true", help="show recipient addresses (patient data)"
    )
    rt = ob_sub.add_parser("retry", help="queue a failed notification again (audited)")
    rt.set_defaults(handler=cmd_outbox_retry)
    rt.add_argument("id", type=int, nargs="?", help="the notification id (see 'outbox list')")
    rt.add_argument(
        "--all-failed",
        action="store_true",
        help="queue every failed notification again (after an outage of the mail server)",
    )
    pw = ob_sub.add_parser(
        "set-password", help="store the SMTP password of the configured SMTP user in the keyring"
    )
    pw.set_defaults(handler=cmd_outbox_set_password)
    pw.add_argument("--password-stdin", action="store_true", help="read it from standard input")


# --- end outbox ----------------------------------------------------------------------------


AddCommand = Callable[..., argparse.ArgumentParser]
"""`add(name, handler, help, parent=None)` inside build_parser: a sub-command with its handler."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opendesk-admin",
        description="OpenDesk administration: practice database, demo practice, audit log, "
        "secrets.",
    )
    parser.add_argument("--version", action="version", version=f"OpenDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: OPENDESK_DB_URL, the settings file, the machine "
        "configuration, or the local SQLite file). Examples: sqlite:///C:/OpenDesk/practice.db, "
        "mariadb://opendesk@dbserver/opendesk, postgresql://opendesk@dbserver/opendesk",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str,
        handler: Handler,
        help_: str,
        parent: "argparse._SubParsersAction[argparse.ArgumentParser] | None" = None,
    ) -> argparse.ArgumentParser:
        p = (parent or sub).add_parser(name, help=help_, description=help_)
        p.set_defaults(handler=handler)
        return p

    add("info", cmd_info, "show which database is used and its schema version")

    db = sub.add_parser("db", help="create or migrate the database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = add("upgrade", cmd_db_upgrade, "create or upgrade the schema (Alembic)", db_sub)
    up.add_argument("revision", nargs="?", default="head")
    down = add("downgrade", cmd_db_downgrade, "downgrade the schema ('base' drops it)", db_sub)
    down.add_argument("revision")
    add("current", cmd_db_current, "print the schema revision", db_sub)

    au = sub.add_parser("audit", help="the audit log")
    au_sub = au.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    add(
        "verify",
        cmd_audit_verify,
        "check the audit hash chain; exit 1 naming the first broken row",
        au_sub,
    )

    _add_demo(add)

    setup_commands.register(sub, add, au_sub)
    filing_commands.register(sub, add)

    _add_secrets(sub, add)
    add_outbox_commands(sub)
    return parser


def _add_demo(add: "AddCommand") -> None:
    demo = add("demo", cmd_demo, "make a demo practice in the database (schema included)")
    demo.add_argument(
        "--size",
        choices=("small", "large"),
        default="small",
        help="small: 100 patients to try OpenDesk with; large: 100,000 patients "
        "and 1,000,000 messages for benchmarks",
    )
    demo.add_argument("--patients", type=int, help="number of patients (default 100 / 100,000)")
    demo.add_argument(
        "--messages",
        type=int,
        default=1_000_000,
        help="messages in a large demo (default 1,000,000)",
    )
    demo.add_argument("--atoz", metavar="DIR", help="A-to-Z images folder to fill (small demo)")
    demo.add_argument("--portal-url", default="http://localhost:8765")
    demo.add_argument(
        "--smtp-port", type=int, default=8025, help="port of the demo mail catcher on 127.0.0.1"
    )
    demo.add_argument("--reset", action="store_true", help="drop everything in the database first")


def _add_secrets(
    sub: "argparse._SubParsersAction[argparse.ArgumentParser]", add: "AddCommand"
) -> None:
    sec = sub.add_parser(
        "secrets", help="store credentials in this account's OS keyring or for the whole machine"
    )
    sec_sub = sec.add_subparsers(dest="secrets_command", required=True, metavar="ACTION")
    sdb = add(
        "set-db-password",
        cmd_secrets_set_db,
        "store the database server password for the configured database URL",
        sec_sub,
    )
    sdb.add_argument("--password-stdin", action="store_true", help="read it from standard input")
    portal_secret = add(
        "set-portal-secret",
        cmd_secrets_set_portal,
        "store the portal server's session secret key (a new random one unless --secret-stdin); "
        "the portal as a Windows service reads it with --machine",
        sec_sub,
    )
    portal_secret.add_argument(
        "--secret-stdin", action="store_true", help="read it from standard input"
    )
    for command in (sdb, portal_secret):
        command.add_argument(
            "--machine",
            action="store_true",
            help="store it for every account of this machine, e.g. the portal's Windows "
            "service (DPAPI machine scope under ProgramData; elsewhere "
            "/etc/opendesk/secrets.json, owned by root, mode 0600); run as an administrator "
            "or root",
        )


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if getattr(args, "command", None) == "demo" and args.patients is None:
        args.patients = 100_000 if args.size == "large" else 100
    started = time.perf_counter()
    try:
        code = int(args.handler(args))
    except OpenDeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logging.getLogger("opendesk.admin").debug("done in %.2f s", time.perf_counter() - started)
    return code


if __name__ == "__main__":
    sys.exit(main())
