"""Sessions, CSRF, forwarded headers, security headers and the log-in delay.

The session lives in one signed cookie (HMAC-SHA256 over its JSON; HttpOnly, SameSite=Strict,
Secure when the request came over HTTPS), so any number of portal servers can share the load
with no session table. It holds the account id, a stamp that changes with the password or user
name, the log-in and last-request times (idle and absolute limits), the CSRF token and a flash
message — never PHI. Every POST must carry the session's CSRF token in its form.
"""

import asyncio
import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from fastapi import Request

from opendesk.portal.config import PortalConfig

COOKIE = "od_session"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class CsrfError(Exception):
    """A POST without the session's CSRF token."""


@dataclass
class PortalSession:
    """The contents of the session cookie, as the request handlers see and change it."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    account_id: int | None = None
    patient_id: int | None = None
    stamp: str = ""
    issued: float = 0.0
    seen: float = 0.0
    flash: str = ""
    expired: bool = False  # the cookie timed out on this request (say so on the log-in page)
    changed: bool = False

    @property
    def logged_in(self) -> bool:
        return self.account_id is not None

    def log_in(self, account_id: int, patient_id: int, stamp: str, now: float) -> None:
        """Start a session; a new CSRF token so no token seen before log-in stays valid."""
        self.account_id, self.patient_id, self.stamp = account_id, patient_id, stamp
        self.issued = self.seen = now
        self.csrf = secrets.token_urlsafe(24)
        self.changed = True

    def log_out(self) -> None:
        self.account_id = self.patient_id = None
        self.stamp = ""
        self.issued = self.seen = 0.0
        self.csrf = secrets.token_urlsafe(24)
        self.changed = True

    def set_flash(self, text: str) -> None:
        self.flash = text
        self.changed = True

    def pop_flash(self) -> str:
        text, self.flash = self.flash, ""
        if text:
            self.changed = True
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "c": self.csrf,
            "a": self.account_id,
            "p": self.patient_id,
            "s": self.stamp,
            "i": self.issued,
            "t": self.seen,
            "f": self.flash,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "PortalSession":
        return cls(
            csrf=str(data["c"]),
            account_id=int(data["a"]) if data.get("a") is not None else None,
            patient_id=int(data["p"]) if data.get("p") is not None else None,
            stamp=str(data.get("s", "")),
            issued=float(data.get("i", 0.0)),
            seen=float(data.get("t", 0.0)),
            flash=str(data.get("f", "")),
        )


class Signer:
    def __init__(self, secret_key: str) -> None:
        self._key = hmac.new(secret_key.encode(), b"opendesk portal session", "sha256").digest()

    def _mac(self, payload: bytes) -> str:
        digest = hmac.new(self._key, payload, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def sign(self, data: dict[str, Any]) -> str:
        payload = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode())
        return payload.decode().rstrip("=") + "." + self._mac(payload.rstrip(b"="))

    def unsign(self, value: str) -> dict[str, Any] | None:
        payload, _, mac = value.partition(".")
        if not payload or not mac or not hmac.compare_digest(self._mac(payload.encode()), mac):
            return None
        try:
            raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
            data = json.loads(raw)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None


def _cookie_value(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return None
            if COOKIE in jar:
                return jar[COOKIE].value
    return None


def load_session(config: PortalConfig, signer: Signer, raw: str | None) -> PortalSession:
    """The session in the cookie, or a fresh anonymous one (bad signature, timed out)."""
    data = signer.unsign(raw) if raw else None
    if data is None:
        return PortalSession(changed=True)
    try:
        session = PortalSession.from_json(data)
    except (KeyError, TypeError, ValueError):
        return PortalSession(changed=True)
    if session.logged_in:
        now = config.clock()
        if (
            now - session.seen > config.idle_timeout
            or now - session.issued > config.absolute_timeout
        ):
            session.log_out()
            session.expired = True
            session.set_flash("Your session ended. Please log in again.")
        else:
            session.seen = now
            session.changed = True
    return session


class PortalMiddleware:
    """Client address and scheme (forwarded headers from trusted proxies only), the session
    cookie, and the security headers on every response."""

    def __init__(self, app: ASGIApp, config: PortalConfig) -> None:
        self.app = app
        self.config = config
        self.signer = Signer(config.secret_key)

    def _trusted(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in net for net in self.config.trusted_proxies)

    def _forwarded(self, scope: Scope) -> None:
        client = scope.get("client")
        if not client or not self.config.trusted_proxies or not self._trusted(client[0]):
            return
        headers = {k.lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        chain = [h.strip() for h in headers.get(b"x-forwarded-for", "").split(",") if h.strip()]
        # The rightmost address no trusted proxy added is the real client.
        for hop in reversed(chain):
            if not self._trusted(hop):
                scope["client"] = (hop, 0)
                break
        else:
            if chain:
                scope["client"] = (chain[0], 0)
        proto = headers.get(b"x-forwarded-proto", "").split(",")[0].strip().lower()
        if proto in ("http", "https"):
            scope["scheme"] = proto

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self._forwarded(scope)
        session = load_session(self.config, self.signer, _cookie_value(scope))
        scope.setdefault("state", {})["portal_session"] = session
        static = scope["path"].startswith("/static/")
        cookieless = static or scope["path"] == "/health"
        secure = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in names]
                if secure:
                    headers.append(
                        (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
                    )
                if not static:
                    headers = [h for h in headers if h[0].lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                    if session.changed and not cookieless:
                        headers.append((b"set-cookie", self._cookie(session, secure).encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _cookie(self, session: PortalSession, secure: bool) -> str:
        value = self.signer.sign(session.to_json())
        parts = [f"{COOKIE}={value}", "Path=/", "HttpOnly", "SameSite=Strict"]
        if secure:
            parts.append("Secure")
        return "; ".join(parts)


def portal_session(request: Request) -> PortalSession:
    session: PortalSession = request.state.portal_session
    return session


async def check_csrf(request: Request) -> None:
    """A dependency on every route: a POST must carry the session's token as `csrf_token`."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    form = await request.form()
    token = form.get("csrf_token")
    expected = portal_session(request).csrf
    if not isinstance(token, str) or not hmac.compare_digest(token, expected):
        raise CsrfError


class LoginThrottle:
    """An increasing delay after failed log-ins, per client address and user name, the same
    for names that exist and names that do not (kept in memory, per process).

    A second count per client address across all names slows down one client trying one
    password on many accounts (password spraying), which the per-name count and the
    per-account lockout never see: after `client_free` failures from one address the wait
    doubles every further `client_step` failures, up to the same maximum. It is forgotten
    `client_window` seconds after that address's last failure, so a busy shared address
    (a practice's own network) is not slowed for long."""

    def __init__(
        self,
        base: float,
        maximum: float,
        max_keys: int = 100_000,
        *,
        client_free: int = 20,
        client_step: int = 10,
        client_window: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base, self.maximum, self.max_keys = base, maximum, max_keys
        self.client_free, self.client_step = client_free, client_step
        self.client_window, self.clock = client_window, clock
        self._failures: dict[str, int] = {}
        self._clients: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(client: str, username: str) -> str:
        return hashlib.sha256(f"{client}\0{username.strip().casefold()}".encode()).hexdigest()

    def _client_failures(self, client: str) -> int:
        count, last = self._clients.get(client, (0, 0.0))
        return count if self.clock() - last < self.client_window else 0

    def delay(self, client: str, username: str) -> float:
        if self.base <= 0:
            return 0.0
        failures = self._failures.get(self._key(client, username), 0)
        wait = self.base * 2 ** (failures - 2) if failures >= 2 else 0.0
        spread = self._client_failures(client) - self.client_free
        if spread >= 0:
            wait = max(wait, self.base * 2 ** (spread // self.client_step))
        return float(min(self.maximum, wait))

    def failed(self, client: str, username: str) -> None:
        with self._lock:
            if len(self._failures) >= self.max_keys:
                self._failures.clear()
            if len(self._clients) >= self.max_keys:
                self._clients.clear()
            key = self._key(client, username)
            self._failures[key] = self._failures.get(key, 0) + 1
            self._clients[client] = (self._client_failures(client) + 1, self.clock())

    def succeeded(self, client: str, username: str) -> None:
        """A success clears that name's count; the client's count stays until it times out
        (one good password must not wipe out a spraying run)."""
        with self._lock:
            self._failures.pop(self._key(client, username), None)

    async def wait(self, client: str, username: str) -> None:
        delay = self.delay(client, username)
        if delay:
            await asyncio.sleep(delay)
