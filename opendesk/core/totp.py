"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps,
6 digits — what every authenticator app (Google/Microsoft Authenticator, 1Password, Aegis…)
reads from an `otpauth://` QR code. A code is accepted one step early or late (clock skew) and
never twice: the caller stores the step of the last accepted code."""

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
WINDOW = 1  # steps of clock skew either way
SECRET_BYTES = 20  # 160 bits, as RFC 4226 recommends


def new_secret() -> str:
    """A random shared secret in base32 without padding (what the apps expect)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    return base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))


def hotp(secret: str, counter: int) -> str:
    """RFC 4226: the code for one counter value."""
    digest = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**DIGITS).zfill(DIGITS)


def step_at(now: float) -> int:
    return int(now // STEP_SECONDS)


def code_at(secret: str, now: float) -> str:
    """The code an app shows at `now` (seconds since the epoch)."""
    return hotp(secret, step_at(now))


def verify(secret: str, code: str, now: float, last_step: int | None = None) -> int | None:
    """The step the code belongs to when it is right within the skew window and newer than
    `last_step` (no replay), else None."""
    given = "".join(c for c in code if c.isdigit())
    if len(given) != DIGITS:
        return None
    current = step_at(now)
    for step in range(current - WINDOW, current + WINDOW + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(hotp(secret, step), given):
            return step
    return None


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The `otpauth://totp/...` URI an app reads from the QR code."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": 30}
    )
    return f"otpauth://totp/{label}?{query}"
