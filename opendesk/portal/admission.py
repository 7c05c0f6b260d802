"""At most a fixed number of requests inside the portal at once; the others wait their turn.

A page holds one pooled database connection from its session check to its end, across its hops
to the request threads (portal/deps.py: one for a page served by `one_hop`, two for the
others). Without a bound, more concurrent requests than request threads or pooled connections
can each hold one of the two and wait for the other: the server stalls until the pool's
timeout and every page is a 503 (found by bench_portal at 50 clients).
With at most `slots` requests inside — fewer than the pooled connections and anyio's 40
request threads — an admitted request always finds both. Fewer busy threads also means less
contention for the interpreter lock, so pages come back sooner.

Not counted: static files and /health (its database check has bounded threads of its own, and
it must answer during an outage, when every slot may be held by a page waiting for the
database). A request that sleeps on purpose — the log-in throttle — gives its slot back while
it sleeps (`sleep`), so wrong passwords cannot fill the slots.

A request waiting for a slot counts against the deadline of `unavailable.DatabaseDeadline`
(this middleware sits inside it). One that got the 503 page while it waited is dropped when its
turn comes (`ANSWERED`): a message page must not mark messages read, nor audit a view, that the
patient never saw.
"""

import asyncio
from contextvars import ContextVar

from opendesk.portal.security import ASGIApp, Receive, Scope, Send

ANSWERED = "opendesk.answered"  # scope key: the deadline's 503 page went out for this request
UNCOUNTED = ("/static/", "/health")


class _Ticket:
    """A request's hold on a slot, which it may give back and take again."""

    def __init__(self, slots: asyncio.Semaphore) -> None:
        self.slots = slots
        self.held = False

    async def take(self) -> None:
        await self.slots.acquire()
        self.held = True

    def give_back(self) -> None:
        if self.held:
            self.held = False
            self.slots.release()


_ticket: ContextVar[_Ticket | None] = ContextVar("opendesk_request_slot", default=None)


async def sleep(seconds: float) -> None:
    """`asyncio.sleep` outside the request's slot: given back first, taken again after."""
    ticket = _ticket.get()
    if ticket is not None:
        ticket.give_back()
    try:
        await asyncio.sleep(seconds)
    finally:
        if ticket is not None:
            await ticket.take()


class RequestSlots:
    """Pure ASGI middleware: an asyncio semaphore around every counted HTTP request."""

    def __init__(self, app: ASGIApp, slots: int) -> None:
        self.app = app
        self.slots = slots
        self._free: asyncio.Semaphore | None = None  # made on the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith(UNCOUNTED):
            await self.app(scope, receive, send)
            return
        if self._free is None:
            self._free = asyncio.Semaphore(self.slots)
        ticket = _Ticket(self._free)
        await ticket.take()
        token = _ticket.set(ticket)
        try:
            if not scope.get(ANSWERED):
                await self.app(scope, receive, send)
        finally:
            ticket.give_back()
            _ticket.reset(token)
