"""At most a fixed number of requests inside the portal at once; the others wait their turn.

A page holds one pooled database connection from its session check to its end, across two hops
to the request threads (portal/deps.py). Without a bound, more concurrent requests than request
threads or pooled connections can each hold one of the two and wait for the other: the server
stalls until the pool's timeout and every page is a 503 (found by bench_portal at 50 clients).
With at most `slots` requests inside, and more request threads and connections than that
(`reserve`), an admitted request always finds both. Fewer busy threads also means less
contention for the interpreter lock, so pages come back sooner. Static files are not counted:
they touch neither the database nor the request threads' session.

A request waiting for a slot counts against the deadline of `unavailable.DatabaseDeadline`
(this middleware sits inside it): a portal too busy to start an answer in time says so with the
same 503 page.
"""

import asyncio

import anyio.to_thread

from opendesk.portal.security import ASGIApp, Receive, Scope, Send

THREADS_BESIDE_SLOTS = 8  # request threads for what the slots do not count (static files)


class RequestSlots:
    """Pure ASGI middleware: an asyncio semaphore around every non-static HTTP request."""

    def __init__(self, app: ASGIApp, slots: int) -> None:
        self.app = app
        self.slots = slots
        self._free: asyncio.Semaphore | None = None  # made on the server's event loop

    def _semaphore(self) -> asyncio.Semaphore:
        if self._free is None:
            self._free = asyncio.Semaphore(self.slots)
            limiter = anyio.to_thread.current_default_thread_limiter()
            limiter.total_tokens = max(limiter.total_tokens, self.slots + THREADS_BESIDE_SLOTS)
        return self._free

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith("/static/"):
            await self.app(scope, receive, send)
            return
        async with self._semaphore():
            await self.app(scope, receive, send)
