"""Where a portal request's time goes: one logged-in client, requests one after another
through the real app in this process (Starlette's TestClient).

    PYTHONPATH=. python -m bench.profile_portal [--backend sqlite|mariadb] [--requests 400]
    PYTHONPATH=. py-spy record --gil -r 200 -f raw -o /tmp/portal.raw -- \
        python -m bench.profile_portal --requests 1000
    PYTHONPATH=. python -m bench.profile_portal --analyse /tmp/portal.raw

Prints CPU milliseconds per request (process time: little affected by other load on the
machine). Under py-spy (the handlers run on worker threads, which cProfile does not see),
`--analyse` sums the samples by layer and lists the opendesk functions with the most time. No
concurrency: it shows the work one request costs; bench_portal shows what concurrency adds.
"""

import argparse
import re
import tempfile
import threading
import time
from collections import Counter
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
    ("sqlite3", "sqlite3"),
    ("pymysql", "PyMySQL"),
    ("httpx", "test client (httpx)"),
)


def layer_of(frame: str) -> str:
    return next((label for key, label in LAYERS if key in frame), "other (asyncio, stdlib)")


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


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--backend", choices=["sqlite", "mariadb"], default="sqlite")
    p.add_argument("--requests", type=int, default=400)
    p.add_argument("--top", type=int, default=30)
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
            config = PortalConfig(
                database_url=url,
                secret_key="profile-secret-key-0123456789-abcdefghijklmn",
                run_outbox=False,
            )
            app = create_app(config)
            statements: Counter[str] = Counter()

            def count(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
                statements[threading.current_thread().name == "opendesk-audit"] += 1

            event.listen(app.state.db.engine, "before_cursor_execute", count)
            with TestClient(app) as http:
                page = http.get("/login")
                token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
                assert token
                http.post(
                    "/login", data={"username": user, "password": PASSWORD, "csrf_token": token[1]}
                )
                paths = [
                    p
                    for i in range(args.requests // 2)
                    for p in ("/inbox", f"/messages/{ids[i % len(ids)]}")
                ]
                for path in paths[:20]:  # warm up: imports, template compilation, SQL caches
                    assert http.get(path).status_code == 200
                per_page: dict[str, float] = {}
                for kind in ("/inbox", "/messages/"):
                    statements.clear()
                    some = [p for p in paths if p.startswith(kind)][:50]
                    for path in some:
                        http.get(path)
                    per_page[kind] = statements[False] / len(some)
                    per_page[kind + " (audit writer)"] = statements[True] / len(some)
                cpu, wall = time.process_time(), time.perf_counter()
                for path in paths:
                    http.get(path)
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        finally:
            drop(handle)
    n = len(paths)
    for kind, value in per_page.items():
        print(f"SQL statements per {kind} request: {value:.1f}")
    print(
        f"{n} requests ({args.backend}, one client, test client in process): "
        f"{cpu / n * 1000:.2f} ms CPU, {wall / n * 1000:.2f} ms wall each"
    )


if __name__ == "__main__":
    main()
