"""The statistics refresh that keeps SQLite's planner informed: retried soon after a failure,
not six hours later (the outbox worker's upkeep, and the portal when its refresh at start
failed)."""

import time

import pytest

from opendesk.core.db import Database
from opendesk.mail.upkeep import STATISTICS_RETRY, BackgroundRefresh, Upkeep


@pytest.fixture
def broken(tmp_path_factory: pytest.TempPathFactory) -> Database:
    garbage = tmp_path_factory.mktemp("broken") / "practice.db"
    garbage.write_bytes(b"this is not an SQLite database file " * 100)
    return Database(f"sqlite:///{garbage}")


def test_a_failed_refresh_is_tried_again_after_minutes(
    broken: Database, caplog: pytest.LogCaptureFixture
) -> None:
    every = 6 * 3600.0
    retry = STATISTICS_RETRY
    # the first refresh is due after `retry` (it catches up when the portal's at start failed)
    times = iter([0.0, retry - 1, retry, 2 * retry - 1, 2 * retry])
    upkeep = Upkeep(broken, statistics_every=every, monotonic=times.__next__)
    assert [upkeep.statistics() for _ in range(5)] == [False, False, True, False, True]
    assert caplog.text.count("statistics refresh failed:") == 2
    broken.dispose()


def test_the_background_refresh_tries_again_and_stops_when_told(
    broken: Database, caplog: pytest.LogCaptureFixture
) -> None:
    refresh = BackgroundRefresh(broken, attempts=3, wait=0.05)
    deadline = time.monotonic() + 10
    while caplog.text.count("statistics not refreshed") < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert caplog.text.count("statistics not refreshed:") == 3
    refresh.stop(timeout=5)
    waiting = BackgroundRefresh(broken, attempts=3, wait=60.0)
    began = time.monotonic()
    waiting.stop(timeout=10)  # ends the minute's wait at once
    assert time.monotonic() - began < 5
    broken.dispose()


def test_the_background_refresh_analyses_a_practice(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    assert BackgroundRefresh(db, attempts=1, wait=0.01).finished(timeout=30)
    assert "statistics not refreshed" not in caplog.text
    if db.backend == "sqlite":
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).first()
