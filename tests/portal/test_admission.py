"""`RequestSlots`: never more requests inside the portal than its slots, the others served in
turn as slots free up, static files outside the count — on a real asyncio loop."""

import asyncio
from typing import Any

from opendesk.portal.admission import RequestSlots


class Recorder:
    """An ASGI app that takes a while per request and notes how many were inside at once."""

    def __init__(self) -> None:
        self.inside = 0
        self.most = 0
        self.served: list[str] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.inside += 1
        self.most = max(self.most, self.inside)
        await asyncio.sleep(0.01)
        self.inside -= 1
        self.served.append(scope["path"])


def _run(app: RequestSlots, paths: list[str]) -> None:
    async def main() -> None:
        async def noop(*_args: Any) -> None:
            return None

        await asyncio.gather(*(app({"type": "http", "path": p}, noop, noop) for p in paths))

    asyncio.run(main())


def test_at_most_the_slots_are_inside_and_every_request_is_served() -> None:
    inner = Recorder()
    _run(RequestSlots(inner, slots=3), [f"/messages/{n}" for n in range(20)])
    assert inner.most == 3
    assert sorted(inner.served) == sorted(f"/messages/{n}" for n in range(20))


def test_static_files_do_not_take_a_slot() -> None:
    inner = Recorder()
    _run(RequestSlots(inner, slots=1), ["/static/portal.css"] * 5 + ["/inbox"])
    assert inner.most == 6
