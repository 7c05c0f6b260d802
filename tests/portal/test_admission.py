"""`RequestSlots`: never more requests inside the portal than its slots, the others served in
turn as slots free up; static files and /health outside the count; a request sleeping out the
log-in throttle holds no slot; one that got the deadline's 503 while it waited never runs — on
a real asyncio loop."""

import asyncio
from typing import Any

import pytest

from opendesk.portal import admission
from opendesk.portal.admission import RequestSlots
from opendesk.portal.app import create_app
from opendesk.portal.unavailable import DatabaseDeadline
from tests.portal.conftest import config


class Recorder:
    """An ASGI app that takes a while per request and notes how many were inside at once;
    /login sleeps through `admission.sleep` as the log-in throttle does."""

    def __init__(self, seconds: float = 0.01) -> None:
        self.seconds = seconds
        self.inside = 0
        self.most = 0
        self.served: list[str] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["path"] == "/login":
            await admission.sleep(0.2)
        self.inside += 1
        self.most = max(self.most, self.inside)
        await asyncio.sleep(self.seconds)
        self.inside -= 1
        self.served.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _run(app: Any, paths: list[str], linger: float = 0.0) -> list[int]:
    """Send every path at once; the status each got. The loop runs on `linger` seconds after
    the last answer, for work that goes on behind an answer."""

    async def one(path: str) -> int:
        status: list[int] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b""}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])

        await app({"type": "http", "path": path, "method": "GET"}, receive, send)
        return status[0]

    async def main() -> list[int]:
        statuses = list(await asyncio.gather(*(one(p) for p in paths)))
        await asyncio.sleep(linger)
        return statuses

    return asyncio.run(main())


def test_at_most_the_slots_are_inside_and_every_request_is_served() -> None:
    inner = Recorder()
    _run(RequestSlots(inner, slots=3), [f"/messages/{n}" for n in range(20)])
    assert inner.most == 3
    assert sorted(inner.served) == sorted(f"/messages/{n}" for n in range(20))


def test_static_files_and_health_do_not_take_a_slot() -> None:
    inner = Recorder()
    _run(RequestSlots(inner, slots=1), ["/static/portal.css"] * 5 + ["/health", "/inbox"])
    assert inner.most == 7


def test_a_request_sleeping_out_the_throttle_gives_its_slot_back() -> None:
    inner = Recorder()
    _run(RequestSlots(inner, slots=1), ["/login", "/login", "/login", "/inbox"])
    assert inner.served[0] == "/inbox"  # served while the three log-ins slept
    assert sorted(inner.served) == ["/inbox", "/login", "/login", "/login"]
    assert inner.most == 1


def test_a_request_answered_503_while_it_waited_for_a_slot_never_runs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The first holds the only slot past the deadline (a database that does not answer), the
    second waits for it: both get the 503 page; the first's handler ends later, and the
    second, whose turn comes then, is dropped instead of marking messages read unseen."""
    templates = create_app(config()).state.templates
    inner = Recorder(seconds=0.5)
    app = DatabaseDeadline(RequestSlots(inner, slots=1), templates, seconds=0.2)
    statuses = _run(app, ["/messages/1", "/messages/2"], linger=0.8)
    assert statuses == [503, 503]
    assert inner.served == ["/messages/1"]
    assert caplog.text.count("no answer within 0.2 s") == 2
