"""The portal over real HTTP while its database (MariaDB, PostgreSQL, behind the proxy of
tests/faults/dbproxy.py) stops answering or refuses connections: logged-in pages answer 503
"temporarily unavailable" within 5 s (never a hang, never a 500), /health says the database is
the part that failed (and nothing else), the server lives on and serves again once the database
is back, and the audit chain verifies."""

import threading
import time
from collections.abc import Iterator

import pytest
import requests

from opendesk.core import audit
from opendesk.core.db import Database
from opendesk.desktop.portal_status import check_portal
from opendesk.portal.app import create_app
from opendesk.portal.unavailable import PORTAL_TIMEOUTS
from tests.faults.dbproxy import DbProxy, proxy_for
from tests.portal.conftest import PASSWORD, Practice, config, practice, send
from tests.portal.live import log_in, serve

__all__ = ["practice"]  # the fixture
pytestmark = pytest.mark.only_backends("mariadb", "postgresql")

LIMIT = 5.0  # seconds for the 503 page
UNAVAILABLE_TEXT = "temporarily unavailable"


@pytest.fixture
def portal(db: Database, practice: Practice) -> Iterator[tuple[str, DbProxy, requests.Session]]:
    send(db, practice.doc_a, practice.head, practice.prov_a, "Recall", "Due now.")
    with proxy_for(db.url) as proxy:
        portal_db = Database(proxy.url(db.url), hide_parameters=True, timeouts=PORTAL_TIMEOUTS)
        try:
            with serve(create_app(config(), portal_db)) as url, requests.Session() as http:
                r = log_in(http, url, "annlee", PASSWORD)
                assert r.status_code == 200 and "Recall" in r.text
                yield url, proxy, http
                proxy.accept()
                proxy.thaw()
        finally:
            portal_db.dispose()


def _timed(http: requests.Session, url: str) -> tuple[requests.Response, float]:
    started = time.monotonic()
    response = http.get(url, timeout=30)
    return response, time.monotonic() - started


def _assert_unavailable_page(response: requests.Response, took: float) -> None:
    assert response.status_code == 503, response.status_code
    assert took < LIMIT, f"the 503 page took {took:.1f} s"
    assert UNAVAILABLE_TEXT in response.text
    assert response.headers["Retry-After"] and "Content-Security-Policy" in response.headers
    assert "Recall" not in response.text and "Lee" not in response.text


def _assert_health(http: requests.Session, url: str, words: str) -> None:
    response, took = _timed(http, f"{url}/health")
    assert response.status_code == 503 and took < LIMIT, (response.status_code, took)
    data = response.json()
    assert data["status"] == "error" and data["database"] is False
    assert data["problem"].startswith("database: ") and words in data["problem"]
    assert "127.0.0.1" not in response.text and "annlee" not in response.text


def _assert_back(http: requests.Session, url: str) -> None:
    deadline = time.monotonic() + 20
    while True:
        r = http.get(f"{url}/inbox", timeout=30)
        if r.status_code == 200:
            break
        assert r.status_code == 503 and time.monotonic() < deadline, r.status_code
        time.sleep(0.5)
    assert "Recall" in r.text
    assert http.get(f"{url}/health", timeout=10).json()["status"] == "ok"


def test_a_silent_database_gives_503_within_5_seconds(
    db: Database, portal: tuple[str, DbProxy, requests.Session], caplog: pytest.LogCaptureFixture
) -> None:
    url, proxy, http = portal
    proxy.freeze()
    for _ in range(3):  # again while earlier requests still wait in their threads
        _assert_unavailable_page(*_timed(http, f"{url}/inbox"))
    _assert_health(http, url, "did not answer")
    status = check_portal(url, timeout=LIMIT)  # the desktop's status bar names the database
    assert status.text == "portal: answering, but its database does not"
    proxy.thaw()
    _assert_back(http, url)
    with db.readonly_session() as s:
        assert audit.verify(s).intact
    # by the deadline, or by the driver's own connect/read timeout when that came first
    assert "GET /inbox: no answer within 4 s" in caplog.text or (
        "GET /inbox: the database is unavailable" in caplog.text
    )
    assert "Lee" not in caplog.text and "annlee" not in caplog.text


def test_a_refusing_database_gives_the_same_503_page(
    db: Database, portal: tuple[str, DbProxy, requests.Session], caplog: pytest.LogCaptureFixture
) -> None:
    url, proxy, http = portal
    proxy.refuse()
    proxy.reset()
    _assert_unavailable_page(*_timed(http, f"{url}/inbox"))
    _assert_unavailable_page(*_timed(http, f"{url}/compose"))
    _assert_health(http, url, "refused")
    proxy.accept()
    _assert_back(http, url)
    with db.readonly_session() as s:
        assert audit.verify(s).intact
    assert "the database is unavailable (OperationalError): 503" in caplog.text
    assert "Lee" not in caplog.text and "annlee" not in caplog.text


def test_a_missing_page_while_the_database_is_silent_holds_up_nobody(
    db: Database, portal: tuple[str, DbProxy, requests.Session], caplog: pytest.LogCaptureFixture
) -> None:
    """The 404 page shows the practice's name, read again once the preference cache is over a
    second old: that read must wait on a request thread, not on the event loop."""
    url, proxy, http = portal
    proxy.freeze()
    time.sleep(1.5)  # past the preference cache's second
    answers: list[int] = []
    missing = threading.Thread(
        target=lambda: answers.append(requests.get(f"{url}/no-such-page", timeout=30).status_code)
    )
    missing.start()
    time.sleep(0.3)  # the 404 page is waiting for the database now
    with requests.Session() as other:
        _assert_health(other, url, "did not answer")
    missing.join(timeout=30)
    assert answers and answers[0] in (404, 503)
    proxy.thaw()
    _assert_back(http, url)
