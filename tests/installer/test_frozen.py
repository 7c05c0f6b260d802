"""The three programs frozen by PyInstaller from installer/opendesk.spec (the spec the Windows
MSI is built from, with its one list of hidden imports and data files, installer/spec_data.py),
built once per test run on Linux and run for real: the admin command line makes and fills a
database (SQLite, MariaDB and PostgreSQL drivers), the portal serves /health, the login page
and its static files, the desktop's --self-test logs a demo user in offscreen, and the frozen
`opendesk demo` starts the neighbouring opendesk-portal program.

A module or data file missing from the build fails here: the programs use them, and
test_the_build_holds_what_the_programs_load_by_name compares the bundle with the source tree.
Build time, size and the cold start of the frozen vs the source desktop go to
artifacts/frozen-build.json."""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import ARTIFACTS, ENABLED, SERVER_URLS
from tests.installer.msitools import ROOT

SPEC = ROOT / "installer" / "opendesk.spec"
PACKAGE = ROOT / "opendesk"
PROGRAMS = {
    "OpenDesk": "opendesk_desktop",
    "opendesk-portal": "opendesk_portal",
    "opendesk-admin": "opendesk_admin",
}
STAFF_USER, STAFF_PASSWORD = "frontdesk", "Demo2026"
# Modules that nothing imports by a plain import statement, so only the spec brings them in.
LOADED_BY_NAME = (
    "pymysql",  # SQLAlchemy's mariadb+pymysql dialect
    "psycopg",  # postgresql+psycopg
    "psycopg_binary",
    "uvicorn.protocols.http.h11_impl",  # uvicorn's "auto" choices
    "uvicorn.protocols.websockets.auto",
    "uvicorn.lifespan.on",
    "uvicorn.loops.auto",
    "keyring.backends.fail",
    "keyring.backends.SecretService",
    "opendesk.portal.app",  # imported inside functions
    "opendesk.mail.outbox",
    "opendesk.admin.demo",
    "opendesk.desktop.self_test",
    "opendesk.core.migrations.env",
)
NEVER_BUNDLED = ("pytest", "_pytest", "hypothesis", "mypy", "schemathesis", "playwright")


@dataclass(frozen=True)
class FrozenBuild:
    folder: Path
    seconds: float

    def program(self, name: str) -> Path:
        return self.folder / name

    def run(
        self, name: str, *args: str, stdin: str = "", timeout: float = 180
    ) -> "subprocess.CompletedProcess[str]":
        return subprocess.run(
            [str(self.program(name)), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=frozen_env(),
            timeout=timeout,
            check=False,
        )


def frozen_env() -> dict[str, str]:
    # The test run's isolated folders (tests/conftest.py); a keyring backend the bundle has.
    return {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


@pytest.fixture(scope="session")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> FrozenBuild:
    work = tmp_path_factory.mktemp("pyinstaller")
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(SPEC),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    build = FrozenBuild(work / "dist" / "OpenDesk", seconds)
    # Files, not the symbolic links PyInstaller makes to some of them on Linux.
    files = [p for p in build.folder.rglob("*") if p.is_file() and not p.is_symlink()]
    _record(
        build_seconds=round(seconds, 1),
        size_mb=round(sum(p.stat().st_size for p in files) / 1e6, 1),
        files=len(files),
    )
    return build


def _record(**figures: object) -> None:
    path = ARTIFACTS / "frozen-build.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data.update(figures)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def bundled_modules(build: FrozenBuild, program: str) -> tuple[set[str], set[str]]:
    """(modules in the program's PYZ archive, its top-level scripts)."""
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(build.program(program)))
    return set(archive.open_embedded_archive("PYZ.pyz").toc), set(archive.toc)


def test_the_build_holds_what_the_programs_load_by_name(frozen: FrozenBuild) -> None:
    for program, entry in PROGRAMS.items():
        assert frozen.program(program).is_file()
        modules, scripts = bundled_modules(frozen, program)
        missing = [m for m in LOADED_BY_NAME if m not in modules]
        assert not missing, f"{program} lacks {missing}"
        assert not [m for m in modules if m.split(".")[0] in NEVER_BUNDLED]
        # One analysis, three programs: each runs its own entry script only.
        assert entry in scripts
        assert not (set(PROGRAMS.values()) - {entry}) & scripts
    # Data files read from disk: every migration script, template and static file.
    internal = frozen.folder / "_internal" / "opendesk"
    for folder, pattern in (
        ("core/migrations", "*.py"),
        ("core/migrations", "*.mako"),
        ("portal/templates", "*.html"),
        ("portal/static", "*"),
        ("portal/locale", "*.mo"),
        ("core/resources", "*.ttf"),  # the chart PDF's fonts
    ):
        wanted = {p.relative_to(PACKAGE) for p in (PACKAGE / folder).rglob(pattern)}
        wanted = {p for p in wanted if "__pycache__" not in p.parts}
        assert wanted, folder
        have = {p.relative_to(internal) for p in (internal / folder).rglob(pattern)}
        assert wanted <= have, f"missing from the build: {sorted(map(str, wanted - have))}"


def test_frozen_admin_makes_a_practice_on_sqlite(frozen: FrozenBuild, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'practice.db'}"
    done = frozen.run("opendesk-admin", "--db", url, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    done = frozen.run("opendesk-admin", "--db", url, "demo", "--atoz", str(tmp_path / "atoz"))
    assert done.returncode == 0, done.stderr
    assert "Demo2026" in done.stdout
    done = frozen.run("opendesk-admin", "--db", url, "db", "current")
    assert done.returncode == 0, done.stderr
    # the chart PDF: fpdf2, fontTools' tables (loaded by name), HarfBuzz and the bundled fonts
    done = frozen.run("opendesk-admin", "--db", url, "file-thread", "1")
    assert done.returncode == 0, done.stderr
    filed = list((tmp_path / "atoz").rglob("WebMail/*.pdf"))
    assert len(filed) == 1 and filed[0].read_bytes().startswith(b"%PDF-")


@pytest.fixture
def server_database(request: pytest.FixtureRequest) -> Iterator[str]:
    backend = request.param
    if backend not in ENABLED:
        pytest.skip(f"{backend} is not enabled in OPENDESK_TEST_BACKENDS")
    name = f"od_frozen_{secrets.token_hex(4)}"
    admin = create_engine(SERVER_URLS[backend], isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    # The URL as IT writes it (no driver name): the program picks the driver.
    yield (
        make_url(SERVER_URLS[backend])
        .set(drivername=backend, database=name)
        .render_as_string(hide_password=False)
    )
    with admin.connect() as conn:
        if backend == "postgresql":
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        else:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
    admin.dispose()


@pytest.mark.parametrize("server_database", ["mariadb", "postgresql"], indirect=True)
def test_frozen_admin_reaches_the_database_servers(
    frozen: FrozenBuild, server_database: str
) -> None:
    # The drivers are picked by URL at run time: only the spec's hidden imports bring them.
    done = frozen.run("opendesk-admin", "--db", server_database, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert "schema at" in done.stdout


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _wait_for(port: int, proc: "subprocess.Popen[str]", log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"the program ended (exit code {proc.returncode}):\n"
                + log.read_text(encoding="utf-8", errors="replace")[-4000:]
            )
        try:
            _get(f"http://127.0.0.1:{port}/health")
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("no answer on /health")


def test_frozen_portal_serves_health_login_and_static_files(
    frozen: FrozenBuild, tmp_path: Path
) -> None:
    from opendesk.mail.catcher import free_port

    url = f"sqlite:///{tmp_path / 'practice.db'}"
    assert frozen.run("opendesk-admin", "--db", url, "db", "upgrade").returncode == 0
    port = free_port()
    log = tmp_path / "portal.log"
    with log.open("w", encoding="utf-8") as output:
        proc = subprocess.Popen(
            [str(frozen.program("opendesk-portal")), "--demo", "--db", url, "--port", str(port)],
            env=frozen_env(),
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        _wait_for(port, proc, log)
        status, body = _get(f"http://127.0.0.1:{port}/health")
        assert status == 200 and json.loads(body)["database"] is True, body
        status, page = _get(f"http://127.0.0.1:{port}/login")
        assert status == 200 and "<form" in page
        for asset in re.findall(r'href="(/static/[^"]+)"', page):
            assert _get(f"http://127.0.0.1:{port}{asset}")[0] == 200, asset
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def _self_test(command: list[str], url: str) -> tuple[int, str, float]:
    """Run a desktop self-test; (exit code, output, seconds to the login window)."""
    started = time.perf_counter()
    lines, to_login = [], 0.0
    with subprocess.Popen(
        [*command, "--db", url, "--self-test", STAFF_USER],
        env=frozen_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        assert proc.stdin and proc.stdout
        proc.stdin.write(STAFF_PASSWORD + "\n")
        proc.stdin.close()
        for line in proc.stdout:
            lines.append(line)
            if "login window shown" in line and not to_login:
                to_login = time.perf_counter() - started
        code = proc.wait(timeout=180)
    return code, "".join(lines), to_login


def test_frozen_desktop_self_test_logs_in_and_shows_the_main_window(
    frozen: FrozenBuild, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'practice.db'}"
    assert frozen.run("opendesk-admin", "--db", url, "db", "upgrade").returncode == 0
    done = frozen.run("opendesk-admin", "--db", url, "demo", "--atoz", str(tmp_path / "atoz"))
    assert done.returncode == 0, done.stderr

    code, output, frozen_start = _self_test([str(frozen.program("OpenDesk"))], url)
    assert code == 0, output
    assert "login window shown" in output and "main window shown" in output
    assert "self-test: passed" in output
    assert STAFF_PASSWORD not in output

    # The same from source, for the cold-start figure (time to the login window).
    code, output, source_start = _self_test([sys.executable, "-m", "opendesk.desktop"], url)
    assert code == 0, output
    _record(
        cold_start_to_login_window_frozen_s=round(frozen_start, 2),
        cold_start_to_login_window_source_s=round(source_start, 2),
    )


def test_frozen_desktop_self_test_fails_on_a_wrong_password(
    frozen: FrozenBuild, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'practice.db'}"
    assert frozen.run("opendesk-admin", "--db", url, "db", "upgrade").returncode == 0
    assert (
        frozen.run("opendesk-admin", "--db", url, "demo", "--atoz", str(tmp_path / "a")).returncode
        == 0
    )
    done = frozen.run("OpenDesk", "--db", url, "--self-test", STAFF_USER, stdin="wrong\n")
    assert done.returncode == 1
    assert "FAILED: the login was refused" in done.stdout


def test_frozen_demo_starts_the_neighbouring_portal_program(
    frozen: FrozenBuild, tmp_path: Path
) -> None:
    proc = subprocess.Popen(
        [str(frozen.program("OpenDesk")), "demo", "--no-gui", "--dir", str(tmp_path / "demo")],
        env=frozen_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout
    output = []
    try:
        for line in proc.stdout:
            output.append(line)
            if "Press Ctrl+C to stop" in line:
                break
        text_so_far = "".join(output)
        match = re.search(r"patient portal\s+http://localhost:(\d+)/(.*)", text_so_far)
        assert match, text_so_far
        assert "NOT answering" not in match[2], text_so_far
        status, body = _get(f"http://127.0.0.1:{match[1]}/health")
        assert status == 200, body
    finally:
        proc.send_signal(signal.SIGTERM)  # the launcher stops what it started
        rest, _ = proc.communicate(timeout=60)
    assert "Traceback" not in "".join(output) + rest
