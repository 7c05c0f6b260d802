"""Many patients at once on the real server (uvicorn on loopback, SQLite): more concurrent page
views than the server has request threads must all be answered. A page that only reads and
still takes SQLite's write lock holds it until its session closes on a request thread, and with
every thread waiting for that lock the server stalls until each page's deadline — the fault the
portal benchmark found (issue 18): every message page answered 503 at 50 clients."""

import threading
import time

import requests

from opendesk.core.db import Database
from opendesk.portal.app import create_app
from tests.portal.conftest import PASSWORD, Practice, config, send
from tests.portal.live import log_in, serve

CLIENTS = 50  # more than anyio's 40 request threads
ROUNDS = 4


def _log_in(url: str) -> requests.Session:
    http = requests.Session()
    r = log_in(http, url, "annlee", PASSWORD)
    assert r.status_code == 200 and r.url == f"{url}/inbox"
    return http


def test_more_readers_than_request_threads_are_all_answered(
    db: Database, practice: Practice
) -> None:
    ids = [
        send(db, practice.doc_a, practice.head, practice.prov_a, f"Visit {n}", "See you.")
        for n in range(3)
    ]
    answers: list[int] = []
    lock = threading.Lock()
    with serve(create_app(config(request_deadline=4.0), db)) as url:
        first = _log_in(url)
        for message in ids:  # marked read now: the pages below only read
            assert first.get(f"{url}/messages/{message}", timeout=30).status_code == 200
        gate = threading.Barrier(CLIENTS)

        def client(n: int) -> None:
            with requests.Session() as http:
                http.cookies.update(first.cookies)
                gate.wait()
                for i in range(ROUNDS):
                    path = "/inbox" if i % 2 else f"/messages/{ids[(n + i) % len(ids)]}"
                    r = http.get(url + path, timeout=60, allow_redirects=False)
                    with lock:
                        answers.append(r.status_code)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        elapsed = time.monotonic() - began
    assert len(answers) == CLIENTS * ROUNDS
    assert set(answers) == {200}, {code: answers.count(code) for code in set(answers)}
    assert elapsed < 60, elapsed
