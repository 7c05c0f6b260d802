"""A real ClamAV daemon for the test session, with a signature database of our own.

These machines cannot download ClamAV's signature databases, so `start()` builds one with
`sigtool`: an MD5 signature of `infected_png()` (a valid image, so the content rules accept it
and only the scanner can refuse it) and the EICAR test string as a body signature named as
ClamAV names it. clamd runs in the foreground with a temporary config, a unix socket and a TCP
port on 127.0.0.1, all owned by the test session, and is stopped at its end.
"""

import io
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
EICAR_NAME = "Eicar-Test-Signature"
SAMPLE_NAME = "OpenDesk.Test.InfectedImage"


def infected_png() -> bytes:
    """A small PNG the test database knows by its MD5 (the "known malware" file)."""
    from PIL import Image

    im = Image.new("RGB", (31, 17), (13, 37, 113))
    im.putpixel((3, 5), (250, 1, 2))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Clamd:
    process: "subprocess.Popen[bytes]"
    socket_path: Path
    tcp_port: int
    workdir: Path

    @property
    def unix_address(self) -> str:
        return f"unix:{self.socket_path}"

    @property
    def tcp_address(self) -> str:
        return f"127.0.0.1:{self.tcp_port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)


def missing_tools() -> list[str]:
    return [t for t in ("clamd", "sigtool") if shutil.which(t) is None]


def start(timeout: float = 30.0) -> Clamd:
    """Build the database and start clamd; raise RuntimeError when it does not come up."""
    workdir = Path(tempfile.mkdtemp(prefix="opendesk-clamd-"))
    db = workdir / "db"
    db.mkdir()
    sample = workdir / "infected.png"
    sample.write_bytes(infected_png())
    md5 = subprocess.run(
        ["sigtool", "--md5", str(sample)], check=True, capture_output=True, text=True
    ).stdout.strip()
    digest, size, _name = md5.split(":", 2)
    (db / "opendesk-test.hdb").write_text(f"{digest}:{size}:{SAMPLE_NAME}\n")
    hexsig = (
        subprocess.run(["sigtool", "--hex-dump"], input=EICAR, check=True, capture_output=True)
        .stdout.decode()
        .strip()
    )
    (db / "opendesk-test.ndb").write_text(f"{EICAR_NAME}:0:0:{hexsig}\n")
    socket_path = workdir / "clamd.sock"
    port = _free_port()
    conf = workdir / "clamd.conf"
    conf.write_text(
        f"LocalSocket {socket_path}\n"
        f"TCPSocket {port}\n"
        "TCPAddr 127.0.0.1\n"
        f"DatabaseDirectory {db}\n"
        "Foreground yes\n"
        f"LogFile {workdir / 'clamd.log'}\n"
        f"PidFile {workdir / 'clamd.pid'}\n"
        "StreamMaxLength 64M\n"
        "MaxFileSize 64M\n"
        "MaxScanSize 128M\n"
    )
    with open(workdir / "stderr.txt", "wb") as err_file:
        process = subprocess.Popen(
            ["clamd", "--config-file", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=err_file,
            start_new_session=True,
        )
    clamd = Clamd(process, socket_path, port, workdir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = (workdir / "stderr.txt").read_text(errors="replace")
            log = (workdir / "clamd.log").read_text(errors="replace")[-2000:]
            clamd.stop()
            raise RuntimeError(f"clamd exited: {err.strip()}\n{log}")
        if _answers(socket_path):
            return clamd
        time.sleep(0.05)
    clamd.stop()
    raise RuntimeError(f"clamd did not answer within {timeout:.0f} s")


def _answers(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(1)
            s.connect(os.fspath(path))
            s.sendall(b"zPING\0")
            return s.recv(16).startswith(b"PONG")
    except OSError:
        return False


def dead_address() -> str:
    """A TCP address where nothing listens (the scanner is down)."""
    return f"127.0.0.1:{_free_port()}"
