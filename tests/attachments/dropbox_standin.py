"""A local stand-in for the Dropbox HTTP API, used through the real `dropbox` SDK.

It speaks the three endpoints OpenDesk uses — /2/files/list_folder, /2/files/list_folder/continue
and /2/files/download — with Dropbox's wire format: JSON bodies, the Dropbox-API-Arg request
header and Dropbox-API-Result response header for downloads, 409 route errors with
`error_summary`/`error`, and 401 for a bad or expired token. `session()` gives a
`requests.Session` whose transport adapter rewrites the SDK's https://api.dropboxapi.com/2/ and
https://content.dropboxapi.com/2/ URLs to this server.
"""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests
from requests.adapters import HTTPAdapter

GOOD_TOKEN = "good-token"
EXPIRED_TOKEN = "expired-token"
HOSTS = ("https://api.dropboxapi.com/2/", "https://content.dropboxapi.com/2/")


@dataclass
class StandIn:
    """The stand-in's state: folders (lower-cased path → {name: bytes}) and what it saw."""

    port: int = 0
    page_size: int = 3
    folders: dict[str, dict[str, bytes]] = field(default_factory=dict)
    requests_seen: list[str] = field(default_factory=list)
    delay_per_page: float = 0.0
    fail_with_500: bool = False

    def add(self, folder: str, name: str, data: bytes) -> None:
        self.folders.setdefault(folder.lower(), {})[name] = data

    def session(self, port: int | None = None) -> requests.Session:
        s = requests.Session()
        s.trust_env = False  # no proxies from the environment for a local stand-in
        adapter = _Redirect(f"http://127.0.0.1:{port or self.port}/2/")
        for host in HOSTS:
            s.mount(host, adapter)
        return s

    def listing(self, folder: str, offset: int) -> dict[str, Any]:
        names = sorted(self.folders[folder.lower()])
        page = names[offset : offset + self.page_size]
        more = offset + self.page_size < len(names)
        return {
            "entries": [self.metadata(folder, n) for n in page]
            + ([_folder_meta(folder, "Sub")] if offset == 0 else []),
            "cursor": json.dumps([folder, offset + self.page_size]),
            "has_more": more,
        }

    def metadata(self, folder: str, name: str) -> dict[str, Any]:
        data = self.folders[folder.lower()][name]
        path = f"{folder}/{name}"
        return {
            ".tag": "file",
            "name": name,
            "id": "id:" + str(abs(hash(path)))[:12],
            "client_modified": "2026-01-02T03:04:05Z",
            "server_modified": "2026-01-02T03:04:05Z",
            "rev": "0123456789abcdef",
            "size": len(data),
            "path_lower": path.lower(),
            "path_display": path,
            "is_downloadable": True,
        }


def _folder_meta(folder: str, name: str) -> dict[str, Any]:
    path = f"{folder}/{name}"
    return {
        ".tag": "folder",
        "name": name,
        "id": "id:folder1",
        "path_lower": path.lower(),
        "path_display": path,
    }


class _Redirect(HTTPAdapter):
    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        assert request.url is not None
        for host in HOSTS:
            if request.url.startswith(host):
                request.url = self.base + request.url[len(host) :]
        return super().send(request, **kwargs)


def _not_found(kind: str = "path") -> dict[str, Any]:
    return {
        "error_summary": f"{kind}/not_found/..",
        "error": {".tag": kind, kind: {".tag": "not_found"}},
    }


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, obj: Any) -> None:
        self._send(status, json.dumps(obj).encode(), {"Content-Type": "application/json"})

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        state.requests_seen.append(self.path)
        auth = self.headers.get("Authorization", "")
        if auth == f"Bearer {EXPIRED_TOKEN}":
            return self._json(
                401,
                {
                    "error_summary": "expired_access_token/..",
                    "error": {".tag": "expired_access_token"},
                },
            )
        if auth != f"Bearer {GOOD_TOKEN}":
            return self._json(
                401,
                {
                    "error_summary": "invalid_access_token/..",
                    "error": {".tag": "invalid_access_token"},
                },
            )
        if state.fail_with_500:
            return self._send(500, b"oops", {"Content-Type": "text/plain"})
        if self.path == "/2/files/list_folder":
            arg = json.loads(body)
            folder = arg["path"]
            if folder.lower() not in state.folders:
                return self._json(409, _not_found())
            return self._json(200, state.listing(folder, 0))
        if self.path == "/2/files/list_folder/continue":
            if state.delay_per_page:
                import time

                time.sleep(state.delay_per_page)
            folder, offset = json.loads(json.loads(body)["cursor"])
            return self._json(200, state.listing(folder, offset))
        if self.path == "/2/files/download":
            arg = json.loads(self.headers["Dropbox-API-Arg"])
            folder, _, name = arg["path"].rpartition("/")
            files = state.folders.get(folder.lower(), {})
            if name not in files:
                return self._json(409, _not_found())
            return self._send(
                200,
                files[name],
                {
                    "Content-Type": "application/octet-stream",
                    "Dropbox-API-Result": json.dumps(state.metadata(folder, name)),
                },
            )
        return self._json(400, {"error": "unknown endpoint"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: StandIn


@contextmanager
def running() -> Iterator[StandIn]:
    server = _Server(("127.0.0.1", 0), _Handler)
    state = StandIn(port=server.server_address[1])
    server.state = state
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
