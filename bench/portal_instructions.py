"""Instructions a portal request costs, counted by callgrind: a figure that does not move with
the machine's load, for telling a 2 % change from noise.

    PYTHONPATH=. python -m bench.portal_instructions --requests 30 . ../other-checkout

For each source tree given (a checkout or `git worktree` of another commit), the portal runs
as `opendesk-portal` runs it, one process under `valgrind --tool=callgrind`, against one
practice built once (bench_portal's) on MariaDB (or SQLite with --backend sqlite). One client
logs in, warms the server up, then the counters are zeroed (`callgrind_control -z`) and it
asks for the inbox and one of its messages `--requests` times in turn, one request at a time,
so every audit batch holds one row. Prints millions of instructions a request. Under
valgrind a page takes about 50 times as long: a tree takes 1-5 minutes, by the load. What it
does not count: the database server's work, time spent waiting, and what several requests at
once cost each other (GIL hand-offs, bigger audit batches): bench_portal measures those. Needs
valgrind (Debian package `valgrind`).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench import bench_portal as bp


def control(pid: int, option: str) -> None:
    """callgrind_control: -z zeroes the counters, -d dumps them."""
    subprocess.run(["callgrind_control", option, str(pid)], check=True, capture_output=True)


def log_in(base: str, username: str) -> requests.Session:
    """bench_portal's log-in, tried again while the slow first pages answer 503."""
    for _ in range(60):
        try:
            return bp.login(base, username)
        except (AssertionError, RuntimeError):
            time.sleep(2)
    raise RuntimeError("no log-in under valgrind within two minutes")


def instructions(tree: Path, url: str, username: str, ids: list[int], count: int) -> float:
    """Instructions a request of the portal from `tree`, over `count` inbox + message pairs."""
    port = bp.free_port()
    out = Path(tempfile.mkdtemp()) / "callgrind.out"
    env = {**os.environ, "PYTHONPATH": str(tree), "OPENDESK_PORTAL_SECRET": bp.SECRET}
    valgrind = ["valgrind", "--tool=callgrind", "--cache-sim=no", "--branch-sim=no"]
    command = [*valgrind, f"--callgrind-out-file={out}", sys.executable]
    server = subprocess.Popen(
        [*command, *bp.portal_command(url, port, 1)],
        env=env,
        cwd=tree,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not bp.wait_for_port(port, 600):
            raise RuntimeError("the portal did not start under valgrind")
        base = f"http://127.0.0.1:{port}"
        http = log_in(base, username)
        pages = [(f"{base}/inbox", f"{base}/messages/{ids[i % len(ids)]}") for i in range(20)]
        for inbox, message in pages:  # warm up: imports, statement caches, the pool
            http.get(inbox, timeout=120), http.get(message, timeout=120)
        control(server.pid, "-z")
        for inbox, message in (pages * count)[:count]:
            for page in (inbox, message):
                if http.get(page, timeout=120).status_code != 200:
                    raise RuntimeError(f"{page} did not answer 200")
        control(server.pid, "-d")
        time.sleep(1)
        dumps = [p for p in out.parent.iterdir() if re.search(r"\.\d+$", p.name)]
        last = max(dumps, key=lambda p: int(p.name.rsplit(".", 1)[1]))  # the dump after -z
        total = re.search(r"^(?:totals|summary):\s+(\d+)", last.read_text(), re.M)
        if total is None:
            raise RuntimeError(f"no total in {last}")
        return int(total.group(1)) / (2 * count)
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("trees", nargs="+", type=Path, help="source trees to compare")
    parser.add_argument("--requests", type=int, default=30, help="inbox + message pairs")
    parser.add_argument("--backend", choices=("mariadb", "sqlite"), default="mariadb")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, handle = bp.database_url(args.backend, Path(tmp))
        try:
            owned = bp.build_practice(url, 1)
            username, ids = next(iter(owned.items()))
            for tree in args.trees:
                found = instructions(tree.resolve(), url, username, ids, args.requests)
                print(f"{tree!s:<30} {found / 1e6:8.3f} M instructions a request", flush=True)
        finally:
            bp.drop(handle)


if __name__ == "__main__":
    main()
