"""A small client of ClamAV's daemon (clamd): PING, VERSION and INSTREAM over its unix socket
or TCP, with timeouts. Only the standard library; no Qt, no HTTP.

Addresses: `unix:/run/clamav/clamd.ctl` or a bare absolute path for a unix socket,
`127.0.0.1:3310` or `tcp://host:3310` for TCP. `scan(data)` streams the bytes in chunks and
returns the detection name ("Eicar-Test-Signature") or None for a clean file; a scanner that
cannot be reached, times out or answers with an error raises `ScannerUnavailable` (its message
names the address and the reason, never the file).
"""

import socket
import struct
import time
from dataclasses import dataclass

DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for clamd to answer a scan (a 20 MB file takes well under a second)."""

CONNECT_TIMEOUT = 3.0
CHUNK = 1024 * 1024
_SUFFIX = " FOUND"


class ScannerUnavailable(Exception):
    """clamd did not answer, or answered with an error: the file was not scanned."""


@dataclass(frozen=True)
class ScannerAddress:
    """Where clamd listens: a unix socket path, or a TCP host and port."""

    path: str = ""
    host: str = ""
    port: int = 0

    @classmethod
    def parse(cls, text: str) -> "ScannerAddress":
        """`unix:/path`, `/path`, `host:port` or `tcp://host:port`; ValueError when unusable."""
        text = text.strip()
        if not text:
            raise ValueError("No scanner address is set.")
        if text.startswith("unix:"):
            text = text[len("unix:") :].removeprefix("//")
            if not text.startswith("/"):
                raise ValueError("A unix socket address needs an absolute path.")
            return cls(path=text)
        if text.startswith("/"):
            return cls(path=text)
        text = text.removeprefix("tcp://").rstrip("/")
        host, sep, port = text.rpartition(":")
        host = host.strip("[]")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(
                "Enter the scanner as host:port (e.g. 127.0.0.1:3310) or a unix socket path."
            )
        return cls(host=host, port=int(port))

    def __str__(self) -> str:
        return f"unix:{self.path}" if self.path else f"{self.host}:{self.port}"


@dataclass(frozen=True)
class ScanResult:
    """What clamd said about one file: `detection` is None for a clean file."""

    detection: str | None
    seconds: float


class ClamdClient:
    """One connection per command, as clamd expects for the z-prefixed commands."""

    def __init__(self, address: ScannerAddress | str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.address = (
            address if isinstance(address, ScannerAddress) else ScannerAddress.parse(address)
        )
        self.timeout = timeout

    def _connect(self) -> socket.socket:
        try:
            if self.address.path:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.settimeout(min(CONNECT_TIMEOUT, self.timeout))
                try:
                    sock.connect(self.address.path)
                except BaseException:
                    sock.close()
                    raise
            else:
                sock = socket.create_connection(
                    (self.address.host, self.address.port),
                    timeout=min(CONNECT_TIMEOUT, self.timeout),
                )
        except OSError as exc:
            raise ScannerUnavailable(
                f"The malware scanner at {self.address} does not answer ({_reason(exc)})."
            ) from exc
        sock.settimeout(self.timeout)
        return sock

    def _command(self, command: bytes, payload: bytes | None = None) -> str:
        with self._connect() as sock:
            try:
                sock.sendall(b"z" + command + b"\0")
                if payload is not None:
                    view = memoryview(payload)
                    for start in range(0, len(payload), CHUNK):
                        part = view[start : start + CHUNK]
                        sock.sendall(struct.pack("!L", len(part)))
                        sock.sendall(part)
                    sock.sendall(struct.pack("!L", 0))
                return _read_reply(sock)
            except OSError as exc:
                raise ScannerUnavailable(
                    f"The malware scanner at {self.address} stopped answering ({_reason(exc)})."
                ) from exc

    def ping(self) -> None:
        """Raise ScannerUnavailable unless clamd answers PONG."""
        reply = self._command(b"PING")
        if reply != "PONG":
            raise ScannerUnavailable(f"The malware scanner at {self.address} answered oddly.")

    def version(self) -> str:
        """clamd's version line, e.g. "ClamAV 1.4.6/27000/..." (signature date if any)."""
        return self._command(b"VERSION")

    def scan(self, data: bytes) -> ScanResult:
        """Stream `data` to clamd (INSTREAM) and return what it found."""
        started = time.perf_counter()
        reply = self._command(b"INSTREAM", data)
        seconds = time.perf_counter() - started
        # "stream: OK", "stream: Eicar-Test-Signature FOUND", "INSTREAM size limit exceeded. ERROR"
        text = reply.removeprefix("stream:").strip()
        if text == "OK":
            return ScanResult(None, seconds)
        if text.endswith(_SUFFIX):
            return ScanResult(text[: -len(_SUFFIX)].strip() or "unnamed malware", seconds)
        raise ScannerUnavailable(
            f"The malware scanner at {self.address} could not scan the file "
            f"({text[:120] or 'no answer'})."
        )


def _read_reply(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\0"):
        part = sock.recv(4096)
        if not part:
            break
        data += part
        if len(data) > 65536:
            break
    if not data:
        raise ScannerUnavailable("The malware scanner closed the connection without answering.")
    return data.rstrip(b"\0").decode("utf-8", errors="replace").strip()


def _reason(exc: OSError) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(exc, FileNotFoundError):
        return "no such socket"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    return exc.strerror or type(exc).__name__
