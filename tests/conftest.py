"""Test set-up shared by every layer: an isolated environment, and the practice database on
SQLite, MariaDB and PostgreSQL.

Tests marked `backends`, and every test under tests/core, run once per database; the others run
on SQLite. Each server test run gets its own database, dropped at the end; each test starts
from empty tables. A server that does not answer fails the run: nothing is skipped silently
(`./dev test` installs and starts the servers; OPENDESK_TEST_BACKENDS=sqlite limits a run).
"""

import logging
import os
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

# Isolate every test run from the developer's own settings, keyring and data, before any
# opendesk module reads them.
_TMP = Path(tempfile.mkdtemp(prefix="opendesk-tests-"))
os.environ["XDG_DATA_HOME"] = str(_TMP / "data")
os.environ["XDG_CONFIG_HOME"] = str(_TMP / "config")
os.environ["OPENDESK_SETTINGS"] = str(_TMP / "config" / "settings.json")
os.environ["OPENDESK_MACHINE_CONFIG"] = str(_TMP / "machine.json")
os.environ["OPENDESK_MACHINE_SECRETS"] = str(_TMP / "machine-secrets.json")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("OPENDESK_DB_URL", None)

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import URL, make_url  # noqa: E402

import tests.clamd  # noqa: E402
from opendesk.core import migrate  # noqa: E402
from opendesk.core import preferences as prefs  # noqa: E402
from opendesk.core.audit import GENESIS_HASH  # noqa: E402
from opendesk.core.db import Database  # noqa: E402
from opendesk.core.models import Base  # noqa: E402

ALL_BACKENDS = ("sqlite", "mariadb", "postgresql")
SERVER_URLS = {
    "mariadb": os.environ.get(
        "OPENDESK_TEST_MARIADB_URL", "mariadb+pymysql://root@127.0.0.1:3306/"
    ),
    "postgresql": os.environ.get(
        "OPENDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    ),
}
ENABLED = tuple(
    b for b in os.environ.get("OPENDESK_TEST_BACKENDS", ",".join(ALL_BACKENDS)).split(",") if b
)
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def pytest_configure(config: pytest.Config) -> None:
    ARTIFACTS.mkdir(exist_ok=True)


@pytest.fixture(scope="session", autouse=True)
def clamd() -> Iterator["tests.clamd.Clamd"]:
    """A real ClamAV daemon for the whole session (tests/clamd.py), known to every process the
    tests start through OPENDESK_CLAMD: attachments are scanned everywhere, as in a practice.
    Missing tools fail the run (./dev test installs clamav-daemon); nothing is skipped."""
    from tests import clamd as clamd_support

    missing = clamd_support.missing_tools()
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: run the tests with ./dev test (it installs "
            "clamav-daemon and clamav).",
            pytrace=False,
        )
    daemon = clamd_support.start()
    os.environ["OPENDESK_CLAMD"] = daemon.unix_address
    yield daemon
    os.environ.pop("OPENDESK_CLAMD", None)
    daemon.stop()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        on_all = metafunc.definition.get_closest_marker("backends") or (
            "tests/core/" in metafunc.definition.path.as_posix()
        )
        wanted = ENABLED if on_all else ("sqlite",)
        only = metafunc.definition.get_closest_marker("only_backends")
        if only:
            wanted = tuple(b for b in only.args if b in ENABLED)
        metafunc.parametrize("backend", wanted, scope="session")


class ServerDatabases:
    """Creates and drops throw-away databases on a MariaDB or PostgreSQL server."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.admin_url = make_url(SERVER_URLS[backend])
        self.engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:
            pytest.fail(
                f"{backend} does not answer at {self.admin_url.render_as_string()}: {exc}. "
                "Run the tests with ./dev test (it starts the servers), or set "
                "OPENDESK_TEST_BACKENDS=sqlite.",
                pytrace=False,
            )

    def create(self) -> URL:
        name = f"opendesk_test_{uuid.uuid4().hex[:12]}"
        with self.engine.connect() as conn:
            if self.backend == "mariadb":
                conn.execute(text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
            else:
                conn.execute(text(f"CREATE DATABASE {name}"))
        return self.admin_url.set(database=name)

    def drop(self, url: URL) -> None:
        with self.engine.connect() as conn:
            if self.backend == "postgresql":
                conn.execute(text(f"DROP DATABASE IF EXISTS {url.database} WITH (FORCE)"))
            else:
                conn.execute(text(f"DROP DATABASE IF EXISTS {url.database}"))


_servers: dict[str, ServerDatabases] = {}


def empty_database_url(backend: str, tmp_dir: Path) -> tuple[str | URL, ServerDatabases | None]:
    """A new, empty database of the given kind; the second item drops it again."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_dir / f'practice-{uuid.uuid4().hex[:8]}.db'}", None
    server = _servers.get(backend) or _servers.setdefault(backend, ServerDatabases(backend))
    return server.create(), server


@pytest.fixture
def empty_db_url(backend: str, tmp_path: Path) -> Iterator[str | URL]:
    """A new database without any schema (for migration tests)."""
    url, server = empty_database_url(backend, tmp_path)
    yield url
    if server is not None:
        server.drop(make_url(url))


@pytest.fixture(scope="session")
def _migrated(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    url, server = empty_database_url(backend, tmp_path_factory.mktemp(backend))
    database = Database(url)
    migrate.upgrade(database.engine)
    yield database
    database.dispose()
    if server is not None:
        server.drop(make_url(url))


@pytest.fixture
def db(_migrated: Database) -> Database:
    """The migrated practice database with every table emptied (the audit head and the
    preferences' change marker reset)."""
    with _migrated.engine.begin() as conn:
        for table in Base.metadata.sorted_tables:  # MariaDB checks self-references row by row
            own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
            if own:
                conn.execute(table.update().values(dict.fromkeys(own)))
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        conn.execute(
            text("INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, :h)"),
            {"h": GENESIS_HASH},
        )
        # Tests run at any hour of the day: the after-hours reply (a message of its own in the
        # thread) is off unless a test sets its text (tests/core/test_patient_loop.py).
        conn.execute(
            text("INSERT INTO preference (name, value) VALUES (:n, '')"),
            {"n": prefs.AFTER_HOURS_REPLY.name},
        )
        # The preferences' change marker (migration 0015), at a version no cache has seen.
        conn.execute(
            text("INSERT INTO preference_marker (id, version) VALUES (1, :v)"),
            {"v": uuid.uuid4().int >> 68},
        )
    return _migrated


SCANNER_LOGGERS = ("opendesk.scanner",)
NAMES_NEVER_LOGGED = ("forms", "notes", "xray", "Lee", "biopsy", "note.txt", "plan.pdf", "test.txt")


@pytest.fixture
def scanner_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """For tests that make the malware scanner refuse or go unanswered: the warnings logged
    must all come from the scanner's logger and name no file (a file name can hold PHI)."""
    yield
    for record in caplog.records:
        if record.levelno < logging.WARNING:
            continue
        text = record.getMessage()
        assert record.name in SCANNER_LOGGERS, f"unexpected warning {record.name}: {text}"
        assert not any(n in text for n in NAMES_NEVER_LOGGED), f"a file name in the log: {text}"


class LogFailHandler(logging.Handler):
    """Collects every log record of WARNING or above, from any thread (qutebrowser's logfail):
    a warning or error logged during a test fails it unless the test asserts on its logs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._guard:
            self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_logged_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails the test when something logged a warning or error during it. A test that expects
    one takes `caplog` and asserts on what was logged."""
    handler = LogFailHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    if handler.records and "caplog" not in request.fixturenames:
        lines = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in handler.records[:10]]
        pytest.fail(
            "logged during the test (take caplog and assert on it if this is expected):\n"
            + "\n".join(lines),
            pytrace=False,
        )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts: dict[str, int] = {}
    for report in terminalreporter.stats.get("passed", []):
        for backend in ALL_BACKENDS:
            if f"[{backend}" in report.nodeid or f"-{backend}]" in report.nodeid:
                counts[backend] = counts.get(backend, 0) + 1
    if counts:
        line = ", ".join(f"{b}: {counts.get(b, 0)} passed" for b in ALL_BACKENDS)
        terminalreporter.write_line(f"database tests by backend: {line}")
