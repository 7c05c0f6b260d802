"""Sessions, CSRF, forwarded headers, allowed hosts and security headers.

The session lives in one signed cookie (HMAC-SHA256 over its JSON; HttpOnly, SameSite=Lax,
Secure when the request came over HTTPS). It holds the account id, the token of the server-side
session row (core `portal_sessions`, which can end it at once), a stamp that changes with the
password or user name, the log-in and last-request times (idle and absolute limits), the CSRF
token and a flash message — never PHI. Every POST must carry the session's CSRF token in its
form. A new anonymous session gets a cookie only when a page hands out its CSRF token
(`PortalSession.keep`), so a request without the cookie (a cross-site POST) never overwrites
the cookie of a signed-in browser.
"""

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from fastapi import Request

from opendesk.portal.config import PortalConfig
from opendesk.portal.hosts import AllowedHosts

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


WAIT_SECONDS = 5 * 60  # to enter the second step after the password
MAX_ID = 2**31 - 1  # database integer ids; a larger one in a cookie is simply not valid


class CsrfError(Exception):
    """A POST without the session's CSRF token."""


def _id(value: Any) -> int | None:
    if value is None:
        return None
    number = int(value)
    if not 0 < number <= MAX_ID:
        raise ValueError("id out of range")
    return number


@dataclass
class PortalSession:
    """The contents of the session cookie, as the request handlers see and change it."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    account_id: int | None = None
    patient_id: int | None = None
    token: str = ""  # the server-side session (portal_sessions)
    stamp: str = ""
    issued: float = 0.0
    seen: float = 0.0
    flash: str = ""
    waiting: int | None = None  # account whose password was right, awaiting the second step
    waiting_since: float = 0.0
    set_up_two_step: bool = False  # the practice requires two-step log-in: set it up first
    expired: bool = False  # the cookie timed out on this request (say so on the log-in page)
    language: str = ""  # the holder's preferred language, from log-in on (kept at log-out)
    changed: bool = False

    @property
    def logged_in(self) -> bool:
        return self.account_id is not None

    def log_in(self, account_id: int, patient_id: int, token: str, stamp: str, now: float) -> None:
        """Start a session; a new CSRF token so no token seen before log-in stays valid."""
        self.account_id, self.patient_id, self.stamp = account_id, patient_id, stamp
        self.token = token
        self.waiting = None
        self.issued = self.seen = now
        self.csrf = secrets.token_urlsafe(24)
        self.changed = True

    def await_second_step(self, account_id: int, now: float) -> None:
        """The password was right; the app's code comes next (`WAIT_SECONDS` to give it)."""
        self.waiting, self.waiting_since = account_id, now
        self.changed = True

    def waiting_for(self, now: float) -> int | None:
        if self.waiting is not None and now - self.waiting_since <= WAIT_SECONDS:
            return self.waiting
        return None

    def keep(self) -> None:
        """Write the cookie even when nothing else changed: the page hands out the CSRF token
        (a form the browser will send back)."""
        self.changed = True

    def log_out(self) -> None:
        self.account_id = self.patient_id = None
        self.stamp = self.token = ""
        self.waiting, self.set_up_two_step = None, False
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
            "k": self.token,
            "s": self.stamp,
            "i": self.issued,
            "t": self.seen,
            "f": self.flash,
            "w": self.waiting,
            "ws": self.waiting_since,
            "n": self.set_up_two_step,
            "l": self.language,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "PortalSession":
        return cls(
            csrf=str(data["c"]),
            account_id=_id(data.get("a")),
            patient_id=_id(data.get("p")),
            token=str(data.get("k", "")),
            stamp=str(data.get("s", "")),
            issued=float(data.get("i", 0.0)),
            seen=float(data.get("t", 0.0)),
            flash=str(data.get("f", "")),
            waiting=_id(data.get("w")),
            waiting_since=float(data.get("ws", 0.0)),
            set_up_two_step=bool(data.get("n", False)),
            language=str(data.get("l", ""))[:10],
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
    """The session in the cookie, or a fresh anonymous one (no cookie, bad signature, bad
    contents), which gets a cookie only when a page keeps it."""
    data = signer.unsign(raw) if raw else None
    if data is None:
        return PortalSession()
    try:
        session = PortalSession.from_json(data)
    except (KeyError, TypeError, ValueError, OverflowError):
        return PortalSession()
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
        self.hosts = AllowedHosts(config)

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
        host = next((v for k, v in scope.get("headers", []) if k == b"host"), b"")
        state = scope["app"].state
        if not await self.hosts.allows(host.decode("latin-1"), state.db, state.preferences):
            await _refuse_host(send)
            return
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
        # Lax, not Strict: a top-level link from another site (the notice e-mail in a webmail
        # page) must arrive with the cookie, or the signed-in patient looks logged out. Lax
        # still keeps the cookie off cross-site POSTs, frames and sub-requests; every POST
        # needs the CSRF token in any case (docs/PORTAL.md).
        parts = [f"{COOKIE}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if secure:
            parts.append("Secure")
        return "; ".join(parts)


async def _refuse_host(send: Send) -> None:
    body = b"Unknown host name. Use the address of the patient portal.\n"
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": body})


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
