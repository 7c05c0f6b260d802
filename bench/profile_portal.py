"""Where a portal request's time goes: one logged-in client, requests one after another
through the real app in this process (Starlette's TestClient), page by page.

    PYTHONPATH=. python -m bench.profile_portal [--backend sqlite|mariadb] [--requests 300]
    PYTHONPATH=. python -m bench.profile_portal --cprofile 25      # top 25 functions per page
    PYTHONPATH=. py-spy record --gil -r 200 -f raw -o /tmp/portal.raw -- \
        python -m bench.profile_portal --requests 1000
    PYTHONPATH=. python -m bench.profile_portal --analyse /tmp/portal.raw

For each page (inbox, a message's thread, an attachment download) it prints the SQL statements
per request (request threads and the audit writer apart; BEGINs count on SQLite) and the CPU
milliseconds per request (process time: little affected by other load on the machine).
`--cprofile N` runs cProfile in every thread (the handlers run on worker threads, the app on
the test client's event-loop thread) and lists the N functions with the most own time and the
time by layer. Under py-spy, `--analyse` sums the samples by layer. No concurrency: it shows
the work one request costs; bench_portal shows what concurrency adds.
"""

import argparse
import cProfile
import pstats
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.bench_portal import PASSWORD, build_practice, database_url, drop

LAYERS = (
    ("opendesk/core/services", "core services"),
    ("opendesk/core", "core (audit, scope, preferences, db)"),
    ("opendesk/portal", "portal (routes, middleware)"),
    ("sqlalchemy/orm", "SQLAlchemy ORM"),
    ("sqlalchemy", "SQLAlchemy Core + driver glue"),
    ("jinja2", "Jinja2 templates"),
    ("fastapi", "FastAPI (dependencies, routing)"),
    ("starlette", "Starlette"),
    ("anyio", "anyio (threads)"),
    ("sqlite3", "sqlite3"),
    ("pymysql", "PyMySQL"),
    ("httpx", "test client (httpx)"),
    ("asyncio", "asyncio"),
    ("threading", "threads (locks, waits)"),
)


def layer_of(frame: str) -> str:
    return next((label for key, label in LAYERS if key in frame), "other (stdlib, builtins)")


def analyse(raw_file: str, top: int) -> None:
    """Own time by layer and the opendesk functions with the most inclusive time, from a
    `py-spy record --gil -f raw` file."""
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in Path(raw_file).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        own[layer_of(frames[-1])] += n
        for frame in set(frames):
            if "opendesk/" in frame:
                inclusive[frame] += n
    print(f"{total} samples; own time by layer:")
    for layer, n in own.most_common():
        print(f"  {layer:<40} {n / total:6.1%}")
    print(f"opendesk functions by inclusive time (top {top}):")
    for frame, n in inclusive.most_common(top):
        print(f"  {n / total:6.1%}  {frame}")


class ThreadProfiles:
    """cProfile in every thread started while it is on (cProfile sees one thread only), on
    each thread's CPU clock."""

    def __init__(self) -> None:
        self.profiles: list[cProfile.Profile] = []
        self.main = cProfile.Profile(time.thread_time)  # CPU time: waits do not count

    def _boot(self, _frame: Any, _event: str, _arg: Any) -> None:
        sys.setprofile(None)
        profile = cProfile.Profile(time.thread_time)
        self.profiles.append(profile)
        profile.enable()

    def start(self) -> None:
        threading.setprofile(self._boot)
        self.main.enable()

    def stop(self) -> pstats.Stats:
        self.main.disable()
        threading.setprofile(None)
        stats = pstats.Stats(self.main)
        for profile in self.profiles:
            stats.add(profile)
        return stats


def report_profile(stats: pstats.Stats, requests: int, top: int) -> None:
    entries: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    by_layer: Counter[str] = Counter()
    rows = []
    for (file, line, name), (_cc, _nc, own, _cum, _callers) in entries.items():
        by_layer[layer_of(file)] += own
        rows.append((own, f"{Path(file).name}:{line} {name}"))
    total = sum(by_layer.values()) or 1.0
    print(f"  own CPU time by layer ({total / requests * 1000:.1f} ms per request, profiled):")
    for layer, own in by_layer.most_common(10):
        print(f"    {layer:<40} {own / total:6.1%}")
    print(f"  functions by own time (top {top}):")
    for own, where in sorted(rows, reverse=True)[:top]:
        print(f"    {own / requests * 1000:7.3f} ms  {where}")


def add_attachment(url: str, message_id: int) -> int:
    """A 200 KB attachment on one of the bench messages; its id."""
    from opendesk.core.blobs import store_attachment
    from opendesk.core.db import Database
    from opendesk.core.models import WebMailMessage

    db = Database(url)
    with db.session() as s:
        msg = s.get(WebMailMessage, message_id)
        assert msg is not None
        att = store_attachment(s, msg, "xray.png", "image/png", bytes(range(256)) * 800)
        msg.has_attachments = True
        s.commit()
        att_id = att.id
    db.dispose()
    return att_id


def run_pages(
    app: Any, cookies: Any, pages: dict[str, list[str]], args: argparse.Namespace
) -> None:
    """Statements and CPU per request of each page (and a cProfile of each with --cprofile).
    Each page gets a test client of its own, so its threads start under the profiler."""
    from fastapi.testclient import TestClient

    statements: Counter[bool] = Counter()

    def count(_conn: Any, _cursor: Any, _sql: str, *_args: Any) -> None:
        statements[threading.current_thread().name == "opendesk-audit"] += 1

    engine = app.state.db.engine
    for kind, paths in pages.items():
        profiles = ThreadProfiles() if args.cprofile else None
        if profiles:
            profiles.start()
        with TestClient(app, cookies=cookies) as http:
            for path in paths[:20]:  # warm up: imports, template compilation, SQL caches
                assert http.get(path).status_code == 200, path
            event.listen(engine, "before_cursor_execute", count)
            statements.clear()
            cpu, wall = time.process_time(), time.perf_counter()
            for path in paths:
                http.get(path)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            event.remove(engine, "before_cursor_execute", count)
        n = len(paths)
        print(
            f"{kind} ({args.backend}): {statements[False] / n:.1f} SQL statements per request + "
            f"{statements[True] / n:.1f} in the audit writer; {cpu / n * 1000:.2f} ms CPU, "
            f"{wall / n * 1000:.2f} ms wall each ({n} requests)"
        )
        if profiles:
            report_profile(profiles.stop(), n, args.cprofile)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--backend", choices=["sqlite", "mariadb"], default="sqlite")
    p.add_argument("--requests", type=int, default=300, help="per page")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--cprofile", type=int, default=0, metavar="N", help="cProfile, top N")
    p.add_argument("--analyse", metavar="RAW", help="summarise a py-spy raw file and exit")
    args = p.parse_args()
    if args.analyse:
        analyse(args.analyse, args.top)
        return

    from fastapi.testclient import TestClient

    from opendesk.portal.app import create_app
    from opendesk.portal.config import PortalConfig

    with tempfile.TemporaryDirectory() as tmp:
        url, handle = database_url(args.backend, Path(tmp))
        try:
            owned = build_practice(url, 1)
            [(user, ids)] = owned.items()
            att = add_attachment(url, ids[0])
            config = PortalConfig(
                database_url=url,
                secret_key="profile-secret-key-0123456789-abcdefghijklmn",
                run_outbox=False,
                allowed_hosts=("testserver",),  # the test client's Host
            )
            app = create_app(config)
            with TestClient(app) as http:
                page = http.get("/login")
                token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
                assert token
                http.post(
                    "/login", data={"username": user, "password": PASSWORD, "csrf_token": token[1]}
                )
                n = args.requests
                path_of: dict[str, Callable[[int], str]] = {
                    "inbox": lambda _i: "/inbox",
                    "thread": lambda i: f"/messages/{ids[i % len(ids)]}",
                    "attachment": lambda _i: f"/attachments/{att}",
                }
                cookies = dict(http.cookies)
            run_pages(app, cookies, {k: [f(i) for i in range(n)] for k, f in path_of.items()}, args)
        finally:
            drop(handle)


if __name__ == "__main__":
    main()
