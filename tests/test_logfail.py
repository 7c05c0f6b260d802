"""The logfail guard of tests/conftest.py: it sees warnings and errors from any thread and
leaves lower levels alone."""

import logging
import threading

import pytest

from tests.conftest import LogFailHandler


def test_the_guard_collects_warnings_from_any_thread(caplog: pytest.LogCaptureFixture) -> None:
    """(`caplog`: this test's own warnings are expected, so the guard lets them pass.)"""
    handler = LogFailHandler()
    log = logging.getLogger("opendesk.test.logfail")
    log.addHandler(handler)
    try:
        log.info("fine")
        worker = threading.Thread(target=lambda: log.warning("from a worker"))
        worker.start()
        worker.join()
        log.error("an error")
    finally:
        log.removeHandler(handler)
    assert [r.getMessage() for r in handler.records] == ["from a worker", "an error"]
    assert [r.levelname for r in caplog.records] == ["WARNING", "ERROR"]
