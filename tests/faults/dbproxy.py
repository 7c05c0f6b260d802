"""A TCP proxy in front of a database server that a test can make misbehave: reset every
connection, refuse new ones, or freeze (keep connections open and pass no bytes), then
recover. It runs an asyncio loop on a thread of its own; every method is called from the test.
"""

import asyncio
import contextlib
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import URL, make_url


class DbProxy:
    """Forwards 127.0.0.1:`port` to `target_host`:`target_port` until told otherwise."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.loop = asyncio.new_event_loop()
        self.frozen = False
        self.refusing = False
        self._writers: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port: int = s.getsockname()[1]
        self._thread = threading.Thread(target=self.loop.run_forever, name="db-proxy", daemon=True)
        self._thread.start()
        self._call(self._listen())

    def _call(self, coro: object) -> object:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(10)  # type: ignore[arg-type]

    def url(self, real: str | URL) -> URL:
        """`real` (a database URL) pointed at this proxy."""
        return make_url(real).set(host="127.0.0.1", port=self.port)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while self.frozen:  # a silent server: the connection is open, nothing comes
                await asyncio.sleep(0.05)
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            self._abort(writer)
            return
        self._writers.add(up_writer)
        await asyncio.gather(
            self._pump(reader, up_writer), self._pump(up_reader, writer), return_exceptions=True
        )
        for w in (writer, up_writer):
            self._writers.discard(w)
            w.close()

    async def _pump(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
        while data := await src.read(65536):
            while self.frozen:
                await asyncio.sleep(0.05)
            dst.write(data)
            await dst.drain()
        dst.close()

    @staticmethod
    def _abort(writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):  # close with RST, as a crashed server does
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    # ---- faults, called from the test thread ---------------------------------------------

    def reset(self) -> None:
        """Reset every open connection (both sides)."""

        async def go() -> None:
            for writer in list(self._writers):
                self._abort(writer)
            self._writers.clear()

        self._call(go())

    def refuse(self) -> None:
        """Stop listening: new connections are refused."""

        async def go() -> None:
            if self._server is not None:
                self._server.close()
                self._server = None

        self.refusing = True
        self._call(go())

    def accept(self) -> None:
        """Listen again after `refuse`."""
        self.refusing = False
        if self._server is None:
            self._call(self._listen())

    def freeze(self) -> None:
        """Keep every connection (and new ones) open but pass no bytes."""
        self.frozen = True

    def thaw(self) -> None:
        """End a freeze: connections held meanwhile are reset (their clients gave up), new
        ones work again."""
        self.reset()
        self.frozen = False

    def close(self) -> None:
        self.frozen = False
        self.refuse()
        self.reset()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self.loop.close()


@contextmanager
def proxy_for(url: str | URL) -> Iterator[DbProxy]:
    """A proxy in front of the server of database `url`."""
    real = make_url(url)
    default = 3306 if real.get_backend_name() in ("mysql", "mariadb") else 5432
    proxy = DbProxy(real.host or "127.0.0.1", real.port or default)
    try:
        yield proxy
    finally:
        proxy.close()
