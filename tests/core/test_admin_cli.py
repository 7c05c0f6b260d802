"""`opendesk-admin`: demo, audit verify, and verify naming a row changed by hand."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from opendesk.admin.cli import main


def test_demo_then_verify_then_tamper(
    empty_db_url: str | URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = empty_db_url if isinstance(empty_db_url, str) else empty_db_url.render_as_string(False)
    assert main(["--db", url, "demo", "--atoz", str(tmp_path / "atoz")]) == 0
    assert "kalbright" in capsys.readouterr().out
    assert main(["--db", url, "demo"]) == 0
    assert "already holds a practice" in capsys.readouterr().out
    assert main(["--db", url, "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out

    engine = create_engine(url.replace("mariadb://", "mariadb+pymysql://"))
    with engine.begin() as conn:
        row_id = conn.execute(text("SELECT MIN(id) FROM audit_log")).scalar_one()
        conn.execute(text("UPDATE audit_log SET detail = 'edited' WHERE id = :i"), {"i": row_id})
    engine.dispose()
    assert main(["--db", url, "audit", "verify"]) == 1
    assert f"BROKEN at row id {row_id}" in capsys.readouterr().out


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in ("db", "audit", "demo", "secrets", "--db URL"):
        assert word in out
