"""Send benchmarks (run on demand; they print numbers, they do not assert):

1. commit: `core.services.webmail.send` (message, notification outbox row, audit row, one
   transaction) without an attachment and with a 20 MB one. Targets: < 100 ms / < 500 ms.
2. stall: the longest GUI-thread stall while a real background send (20 MB attachment) runs
   from the compose window, measured with a 5 ms QTimer heartbeat. Target: < 50 ms.

    PYTHONPATH=. .venv/bin/python bench/bench_send.py                 # SQLite and MariaDB
    PYTHONPATH=. .venv/bin/python bench/bench_send.py --backend sqlite

Server databases are made on 127.0.0.1 (root, as in ./dev) and dropped after.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from opendesk.core import migrate
from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.models import Provider
from opendesk.core.services import staff_auth, webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing

SERVERS = {"mariadb": "mariadb+pymysql://root@127.0.0.1:3306/"}
PASSWORD = "Bench2026!"
BIG = 20 * 1000 * 1000  # 20 MB


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        pass


def make_database(backend: str, folder: Path) -> tuple[str | URL, Any]:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'bench.db'}", None
    admin = create_engine(make_url(SERVERS[backend]), isolation_level="AUTOCOMMIT")
    name = f"opendesk_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()

    return make_url(SERVERS[backend]).set(database=name), drop


def make_practice(db: Database, portal_url: str) -> tuple[int, int]:
    """A provider with a linked user, a patient with portal access; (patient id, provider)."""
    from opendesk.core.models import (
        GroupPermission,
        Patient,
        PortalAccount,
        User,
        UserGroup,
    )
    from opendesk.core.passwords import hash_password

    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notify@bench.example",
                prefs.PORTAL_URL: portal_url,
                prefs.DEMO_MODE: True,
                prefs.PRACTICE_NAME: "Bench Dental",
                # No scanner here: files are stored "not scanned" without a network call, so
                # this measures the commit alone (bench/bench_scan.py measures the scan).
                prefs.SCAN_POLICY: "accept",
            },
        )
        prov = Provider(abbr="BP", first_name="Bench", last_name="Provider")
        s.add(prov)
        s.flush()
        group = UserGroup(name="Providers")
        group.permissions.append(GroupPermission(permission=Permission.WEBMAIL_SEND.value))
        s.add(group)
        s.add(
            User(
                username="prov",
                password_hash=hash_password(PASSWORD),
                provider_id=prov.id,
                groups=[group],
            )
        )
        from datetime import date

        pat = Patient(
            last_name="Patient",
            first_name="Bench",
            birthdate=date(1980, 1, 1),
            email="bench@example.com",
            primary_provider_id=prov.id,
        )
        s.add(pat)
        s.flush()
        pat.guarantor_id = pat.id
        s.add(
            PortalAccount(
                patient_id=pat.id,
                username="benchpat",
                password_hash=hash_password(PASSWORD),
                must_change_password=False,
            )
        )
        s.commit()
        return pat.id, prov.id


def bench_commit(db: Database, patient_id: int, provider_id: int, runs: int) -> None:
    with db.session() as s:
        user = staff_auth.login(s, "prov", PASSWORD, "bench")
    data = os.urandom(BIG)

    def one(attachments: tuple[NewAttachment, ...]) -> float:
        out = Outgoing(
            regarding_patient_id=patient_id,
            provider_id=provider_id,
            subject="Your treatment plan",
            body="Here is the plan we talked about. " * 20,
            client_request_id=str(uuid.uuid4()),
            attachments=attachments,
        )
        with db.session() as s:
            start = time.perf_counter()
            webmail.send(s, user.actor, out)
            return (time.perf_counter() - start) * 1000

    one(())  # warm up
    plain = [one(()) for _ in range(runs)]
    big = (NewAttachment("xray.png", "image/png", data),)
    with_big = [one(big) for _ in range(max(3, runs // 4))]
    for label, times, target in (
        ("send commit, no attachment", plain, 100),
        ("send commit, 20 MB attachment", with_big, 500),
    ):
        print(
            f"  {label:32s} median {statistics.median(times):7.1f} ms   "
            f"p90 {sorted(times)[int(len(times) * 0.9) - 1]:7.1f} ms   "
            f"max {max(times):7.1f} ms   (n={len(times)}, target < {target} ms)"
        )


def bench_stall(url: str | URL, patient_id: int) -> None:
    """The compose window with a 20 MB attachment; a real background send; a heartbeat."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from opendesk.attachments.rules import check_attachment
    from opendesk.core.settings import WorkstationSettings
    from opendesk.desktop.app import create_application
    from opendesk.desktop.context import AppContext
    from opendesk.desktop.taskman import TaskManager
    from opendesk.desktop.webmail.compose import ComposeWindow
    from opendesk.desktop.webmail.launcher import ComposeLauncher

    app = create_application()
    settings = WorkstationSettings(Path(tempfile.mkdtemp()) / "settings.json")
    ctx = AppContext(Database(url), settings, taskman=TaskManager())
    with ctx.db.session() as s:
        ctx.set_user(staff_auth.login(s, "prov", PASSWORD, "bench-gui"))
    launcher = ComposeLauncher(ctx)
    opened: list[ComposeWindow] = []
    launcher.opened.connect(opened.append)
    launcher.open_for_patient(patient_id)
    loop = QEventLoop()
    deadline = time.monotonic() + 10
    while (not opened or opened[0].checking) and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    window = opened[0]
    window.ui.subject.setText("Your X-rays")
    window.ui.body.setPlainText("The full-mouth series is attached.")
    png = _png(BIG)
    checked = check_attachment("fmx.png", png)
    list_widget: Any = window.attachment_list
    if hasattr(list_widget, "add"):
        list_widget.add(checked)
    else:
        list_widget._items.append(checked)
        list_widget.changed.emit()
    app.processEvents()
    assert window.ui.send_button.isEnabled(), window.send_blockers()

    gaps: list[float] = []
    clock = QElapsedTimer()
    beat = QTimer()
    beat.setInterval(5)

    def tick() -> None:
        gaps.append(clock.restart())

    beat.timeout.connect(tick)
    done: list[float] = []
    window.sent.connect(lambda _r: (done.append(time.perf_counter()), loop.quit()))
    clock.start()
    beat.start()
    QTimer.singleShot(50, window.send)
    started = time.perf_counter()
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    QTimer.singleShot(100, loop.quit)  # a few beats after the send
    loop.exec()
    beat.stop()
    took = (done[0] - started) * 1000 - 50 if done else float("nan")
    print(
        f"  GUI stall during a 20 MB send      longest {max(gaps):5.0f} ms   "
        f"(heartbeat 5 ms, {len(gaps)} beats; click to sent {took:.0f} ms; target < 50 ms)"
    )
    ctx.taskman.wait_for_done()
    ctx.db.dispose()


def _png(size: int) -> bytes:
    """A valid PNG of about `size` bytes (random pixels do not compress)."""
    import io

    from PIL import Image

    side = int((size / 3) ** 0.5)
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Send benchmarks")
    parser.add_argument("--backend", choices=["sqlite", "mariadb"], action="append")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    portal_url = f"http://127.0.0.1:{server.server_address[1]}"
    for backend in args.backend or ["sqlite", "mariadb"]:
        folder = Path(tempfile.mkdtemp(prefix="opendesk-bench-send-"))
        url, drop = make_database(backend, folder)
        db = Database(url)
        try:
            migrate.upgrade(db.engine)
            patient_id, provider_id = make_practice(db, portal_url)
            print(f"{backend}:")
            bench_commit(db, patient_id, provider_id, args.runs)
            bench_stall(url, patient_id)
        finally:
            db.dispose()
            if drop is not None:
                drop()
    server.shutdown()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip interpreter finalisation: tearing down PySide objects in GC order after the
    # QApplication is gone can abort; the numbers are printed already.
    os._exit(code)
