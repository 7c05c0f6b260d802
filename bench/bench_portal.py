"""Portal load benchmark: N logged-in clients on loopback against the inbox and message pages.

    PYTHONPATH=. python -m bench.bench_portal --backend sqlite --duration 60
    PYTHONPATH=. python -m bench.bench_portal --backend all --duration 20 --workers 2

The portal runs as `opendesk-portal` runs it (`python -m opendesk.portal`, `--workers N`
processes); the clients are threads with their own `requests` session in this process. Each
client logs in once, then loops GET /inbox, GET /messages/<one of its messages>. The same
harness then hits a bare Starlette route served by as many uvicorn processes, right after
each backend's run (the machine's load changes by the minute), and the ratio portal / bare is
printed for every backend with the load average. Prints requests/s, p50/p95/p99 latency, errors
and the server's CPU milliseconds per request (all its processes; the figure to compare changes
by, since it hardly depends on the rest of the machine's load). On MariaDB it also prints the
statements the server ran per request, pings, COMMITs and ROLLBACKs among them (its global
counters: exact on a quiet server), and the server's own CPU per request when it runs here.
Issue 18's targets: >= 25 % of the bare route, p95 < 300 ms at 50 clients, < 100 ms at 10, 0
errors. The clients share the machine with the server: on 2 cores they take a good part of it,
so both figures are lower than a separate load generator would see.
"""

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import requests

PASSWORD = "Bench2026x"
SECRET = "bench-secret-key-0123456789-abcdefghijklmnop"  # the portal's session key in benches
MESSAGES_PER_ACCOUNT = 12
MARIADB_ADMIN = os.environ.get(
    "OPENDESK_BENCH_MARIADB_URL", "mariadb+pymysql://root@127.0.0.1:3306/"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---- data ---------------------------------------------------------------------------------


def build_practice(url: str, accounts: int) -> dict[str, list[int]]:
    """A migrated practice with `accounts` portal accounts, each with a dozen messages; returns
    user name -> message ids."""
    from opendesk.core import migrate
    from opendesk.core import preferences as prefs
    from opendesk.core.clock import utcnow
    from opendesk.core.db import Database
    from opendesk.core.enums import MessageStatus
    from opendesk.core.models import Patient, PortalAccount, Provider, WebMailMessage
    from opendesk.core.passwords import hash_password

    db = Database(url)
    migrate.upgrade(db.engine)
    owned: dict[str, list[int]] = {}
    pw_hash = hash_password(PASSWORD)
    with db.session() as s:
        prefs.set_many(s, {prefs.PRACTICE_NAME: "Bench Dental"})
        prov = Provider(abbr="DOC", first_name="Dana", last_name="Molar", suffix="DDS")
        s.add(prov)
        s.flush()
        now = utcnow()
        for n in range(accounts):
            pat = Patient(
                first_name=f"Pat{n}",
                last_name="Bench",
                birthdate=date(1980, 1, 1),
                email=f"p{n}@example.com",
                primary_provider_id=prov.id,
            )
            s.add(pat)
            s.flush()
            pat.guarantor_id = pat.id
            username = f"bench{n}"
            s.add(
                PortalAccount(
                    patient_id=pat.id,
                    username=username,
                    password_hash=pw_hash,
                    must_change_password=False,
                )
            )
            ids = []
            for m in range(MESSAGES_PER_ACCOUNT):
                msg = WebMailMessage(
                    status=int(MessageStatus.WEBMAIL_SENT_READ),
                    patient_id=pat.id,
                    regarding_patient_id=pat.id,
                    provider_id=prov.id,
                    subject=f"Message {m}",
                    body="Your appointment is confirmed.\n" * 8,
                    sent_at=now - timedelta(hours=m),
                    client_request_id=uuid.uuid4().hex,
                )
                s.add(msg)
                s.flush()
                msg.thread_id = msg.id
                ids.append(msg.id)
            owned[username] = ids
        s.commit()
    db.dispose()
    return owned


# ---- servers ------------------------------------------------------------------------------


def portal_command(url: str, port: int, workers: int) -> list[str]:
    return [
        "-m",
        "opendesk.portal",
        "--db",
        url,
        "--port",
        str(port),
        "--no-outbox",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]


def bare_app() -> object:
    """A bare Starlette app with the portal's two paths (uvicorn factory)."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    async def page(request: Request) -> HTMLResponse:
        return HTMLResponse("<!DOCTYPE html><title>ok</title><p>ok</p>")

    return Starlette(routes=[Route("/inbox", page), Route("/messages/{id}", page)])


def serve_bare(port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run(
        "bench.bench_portal:bare_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )


def wait_for_port(port: int, seconds: float) -> bool:
    """Whether a server answers on the loopback port within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def start_server(args: list[str], port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(sys.path),
        "OPENDESK_PORTAL_SECRET": SECRET,
    }
    proc = subprocess.Popen([sys.executable, *args], env=env)
    if wait_for_port(port, 30):
        return proc
    proc.kill()
    raise RuntimeError("the server did not start")


# ---- load ---------------------------------------------------------------------------------


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


def login(base: str, username: str) -> requests.Session:
    http = requests.Session()
    page = http.get(f"{base}/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "no CSRF token"
    r = http.post(
        f"{base}/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)},
        timeout=30,
    )
    if not r.url.endswith("/inbox"):
        raise RuntimeError(f"log-in failed for a bench account ({r.status_code})")
    return http


def sessions_for(base: str, users: list[str], bare: bool) -> list[requests.Session]:
    return [requests.Session() if bare else login(base, u) for u in users]


def run_load(
    base: str,
    owned: dict[str, list[int]],
    users: list[str],
    sessions: list[requests.Session],
    duration: float,
) -> tuple[Result, float]:
    result = Result()
    lock = threading.Lock()
    start_gate = threading.Barrier(len(users) + 1)
    stop_at = [0.0]

    def client(i: int) -> None:
        http, ids = sessions[i], owned[users[i]]
        rng = random.Random(i)
        mine: list[float] = []
        errors = 0
        start_gate.wait()
        while time.perf_counter() < stop_at[0]:
            for path in ("/inbox", f"/messages/{rng.choice(ids)}"):
                t = time.perf_counter()
                try:
                    r = http.get(base + path, timeout=30, allow_redirects=False)
                    ok = r.status_code == 200
                except requests.RequestException:
                    ok = False
                mine.append(time.perf_counter() - t)
                errors += not ok
        with lock:
            result.latencies.extend(mine)
            result.errors += errors

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(users))]
    for t in threads:
        t.start()
    began = time.perf_counter()
    stop_at[0] = began + duration
    start_gate.wait()
    for t in threads:
        t.join()
    return result, time.perf_counter() - began


def report(label: str, result: Result, elapsed: float) -> float:
    lat = sorted(result.latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) >= 100 else [lat[-1]] * 99
    rps = len(lat) / elapsed
    print(
        f"{label:<22} {len(lat):>8} req  {rps:>8.1f} req/s  p50 {q[49] * 1000:>7.1f} ms  "
        f"p95 {q[94] * 1000:>7.1f} ms  p99 {q[98] * 1000:>7.1f} ms  errors {result.errors}"
    )
    return rps


def database_url(backend: str, tmp: Path) -> tuple[str, object]:
    if backend == "sqlite":
        return f"sqlite:///{tmp / 'bench.db'}", None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(MARIADB_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"opendesk_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
    url = make_url(MARIADB_ADMIN).set(database=name).render_as_string(hide_password=False)
    return url, (admin, name)


def drop(handle: object) -> None:
    if handle is None:
        return
    from sqlalchemy import text

    admin, name = handle  # type: ignore[misc]
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))


def bench_portal(backend: str, args: argparse.Namespace) -> tuple[float, dict[str, list[int]]]:
    with tempfile.TemporaryDirectory() as tmp:
        url, handle = database_url(backend, Path(tmp))
        try:
            owned = build_practice(url, args.clients)
            port = free_port()
            server = start_server(portal_command(url, port, args.workers), port)
            try:
                base = f"http://127.0.0.1:{port}"
                users = list(owned)[: args.clients]
                sessions = sessions_for(base, users, False)
                run_load(base, owned, users, sessions, min(3.0, args.duration))  # warm up
                db_server = DatabaseServer(url) if backend == "mariadb" else None
                cpu = cpu_seconds(server.pid)
                result, elapsed = run_load(base, owned, users, sessions, args.duration)
                cpu = cpu_seconds(server.pid) - cpu
                rps = report(f"portal {backend}", result, elapsed)
                requests_done = max(1, len(result.latencies))
                print(f"  server CPU {cpu * 1000 / requests_done:.2f} ms a request")
                if db_server is not None:
                    print(f"  {db_server.since(requests_done)}")
                return rps, owned
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            drop(handle)


def bench_bare(args: argparse.Namespace, owned: dict[str, list[int]]) -> float:
    """The bare Starlette route on the same harness, with as many server processes."""
    port = free_port()
    bare = ["-m", "bench.bench_portal", "--serve-bare", str(port), "--workers", str(args.workers)]
    server = start_server(bare, port)
    try:
        base = f"http://127.0.0.1:{port}"
        users = list(owned)[: args.clients]
        sessions = sessions_for(base, users, True)
        run_load(base, owned, users, sessions, min(3.0, args.duration))  # warm up
        result, elapsed = run_load(base, owned, users, sessions, args.duration)
        return report("bare Starlette", result, elapsed)
    finally:
        server.terminate()
        server.wait(timeout=30)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a server process and its worker processes so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        proc = Path(f"/proc/{todo.pop()}")
        try:
            fields = (proc / "stat").read_text().rpartition(")")[2].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in (proc / "task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return total


class DatabaseServer:
    """What the MariaDB server did meanwhile, from its own counters (SHOW GLOBAL STATUS: the
    whole server, so a quiet one gives exact round trips a request) and, when it runs on
    this machine, its CPU (/proc): on 2 shared cores the database's CPU is the portal's too."""

    COUNTERS = ("Questions", "Com_admin_commands", "Com_commit", "Com_rollback")

    def __init__(self, url: str) -> None:
        self.url = url
        self.pid = next(
            (
                int(d.name)
                for d in Path("/proc").iterdir()
                if d.name.isdigit() and _comm(d) in ("mariadbd", "mysqld")
            ),
            None,
        )
        self.counters = self._counters()
        self.cpu = cpu_seconds(self.pid) if self.pid else 0.0

    def _counters(self) -> dict[str, int]:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                rows = conn.execute(text("SHOW GLOBAL STATUS")).all()
        finally:
            engine.dispose()
        return {str(k): int(v) for k, v in rows if k in self.COUNTERS}

    def since(self, requests_done: int) -> str:
        now = self._counters()
        per = {k: (now[k] - self.counters[k]) / requests_done for k in self.COUNTERS}
        text = (
            f"database: {per['Questions']:.2f} statements a request (pings "
            f"{per['Com_admin_commands']:.2f}, COMMIT {per['Com_commit']:.2f}, ROLLBACK "
            f"{per['Com_rollback']:.2f})"
        )
        if self.pid:
            cpu = cpu_seconds(self.pid) - self.cpu
            text += f"; mariadbd CPU {cpu * 1000 / requests_done:.2f} ms a request"
        return text


def _comm(proc: Path) -> str:
    try:
        return (proc / "comm").read_text().strip()
    except OSError:
        return ""


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--backend", choices=["sqlite", "mariadb", "all"], default="all")
    p.add_argument("--duration", type=float, default=60.0, help="seconds per run (default 60)")
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    p.add_argument("--serve-bare", metavar="PORT", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.serve_bare:
        serve_bare(int(args.serve_bare), args.workers)
        return
    backends = ["sqlite", "mariadb"] if args.backend == "all" else [args.backend]
    print(
        f"{args.clients} clients, {args.duration:.0f} s per run, {args.workers} server "
        f"process(es), loopback, {os.cpu_count()} CPUs (shared: figures vary with the load)"
    )
    for backend in backends:
        # Portal and bare route back to back, so both see about the same load on the machine.
        print(f"load average before {backend}: {load_average()}")
        rps, owned = bench_portal(backend, args)
        bare_rps = bench_bare(args, owned)
        print(f"portal ({backend}) throughput is {rps / bare_rps:.1%} of a bare route")


if __name__ == "__main__":
    main()
