"""`opendesk demo`: the whole demo on one machine, started and stopped together.

It makes the demo practice on SQLite (if missing) in the demo folder, then starts what the
demo needs. The processes are separate programs (portal server, mail catcher, desktop client),
so this module imports neither `opendesk.desktop` nor `opendesk.portal`.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from opendesk.core.paths import user_data_dir


def demo_dir() -> Path:
    return Path(os.environ.get("OPENDESK_DEMO_DIR") or user_data_dir() / "demo")


def demo_db_url(folder: Path) -> str:
    return f"sqlite:///{(folder / 'practice.db').as_posix()}"


def ensure_demo_practice(folder: Path) -> str:
    """Make the demo practice if the demo database is missing; print the logins either way
    (on every start: the window that printed them the first time is long gone)."""
    from opendesk.admin.demo import demo_logins, make_demo
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
            print(demo_logins(db).describe())
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
    parser.add_argument(
        "--scanner",
        default="",
        metavar="ADDRESS",
        help="clamd to scan attachments with (host:port or unix socket path); without it the "
        "demo runs with no malware scanner and accepts attachments marked 'not scanned'",
    )


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def scanner_line(scanner: str) -> str:
    """What the demo says about malware scanning."""
    if scanner:
        return f"  malware scanner clamd at {scanner} (attachments refused while it is down)"
    return (
        "  malware scanner NONE: attachments are accepted and marked 'not scanned' "
        "(--scanner ADDRESS to use clamd)"
    )


def _point_demo_at(url: str, portal_port: int, smtp_port: int, scanner: str = "") -> None:
    """Keep the demo practice's portal URL and SMTP port in step with the ports in use, and its
    scanner with --scanner (none by default: attachments accepted, marked "not scanned")."""
    from opendesk.core import preferences
    from opendesk.core.db import Database

    db = Database(url)
    try:
        with db.session() as session:
            preferences.set_many(
                session,
                {
                    preferences.PORTAL_URL: f"http://localhost:{portal_port}",
                    preferences.SMTP_HOST: "127.0.0.1",
                    preferences.SMTP_PORT: smtp_port,
                    preferences.SMTP_SECURITY: "none",
                    preferences.SCAN_ADDRESS: scanner,
                    preferences.SCAN_POLICY: "refuse" if scanner else "accept",
                },
            )
            session.commit()
    finally:
        db.dispose()


def _wait_for_health(port: int, proc: subprocess.Popen[bytes], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as resp:
                if resp.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def program_command(program: str, module: str) -> list[str]:
    """How to start another OpenDesk program: from source, `python -m module`; in the frozen
    build (PyInstaller sets sys.frozen), the neighbouring executable, since a frozen program
    does not run `-m`. `program` is its name without `.exe`."""
    if getattr(sys, "frozen", False):
        here = Path(sys.executable).resolve().parent
        suffix = ".exe" if sys.platform == "win32" else ""
        return [str(here / f"{program}{suffix}")]
    return [sys.executable, "-m", module]


def run_demo(args: argparse.Namespace) -> int:
    from opendesk.mail.catcher import MailCatcher, free_port

    folder = args.dir or demo_dir()
    url = ensure_demo_practice(folder)
    portal_port = 8765 if _port_free(8765) else free_port()
    smtp_port = 8025 if _port_free(8025) else free_port()
    scanner = str(getattr(args, "scanner", "") or "")
    _point_demo_at(url, portal_port, smtp_port, scanner)

    # A terminated launcher (service manager, `kill`) still stops what it started.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    catcher = MailCatcher(folder / "mail", smtp_port).start()
    env = dict(os.environ, OPENDESK_DB_URL=url)
    env.pop("OPENDESK_CLAMD", None)  # the demo's scanner is --scanner or none
    portal = subprocess.Popen(
        [
            *program_command("opendesk-portal", "opendesk.portal"),
            "--demo",
            "--db",
            url,
            "--port",
            str(portal_port),
        ],
        env=env,
    )
    children = [portal]
    try:
        healthy = _wait_for_health(portal_port, portal)
        print(
            "\nOpenDesk demo is running:\n"
            f"  database        {url}\n"
            f"  patient portal  http://localhost:{portal_port}/"
            f"{'' if healthy else '  (NOT answering: see the messages above)'}\n"
            f"  mail catcher    SMTP 127.0.0.1:{smtp_port}; notices are saved as .eml files in "
            f"{folder / 'mail'}\n"
            f"{scanner_line(scanner)}\n",
            flush=True,
        )
        if args.no_gui:
            print("Server side only (--no-gui). Press Ctrl+C to stop.", flush=True)
            portal.wait()
            return portal.returncode or 0
        desktop = subprocess.Popen(
            [*program_command("OpenDesk", "opendesk.desktop"), "--db", url], env=env
        )
        children.append(desktop)
        print("Desktop client started; closing it stops the demo.", flush=True)
        return desktop.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        catcher.stop()
