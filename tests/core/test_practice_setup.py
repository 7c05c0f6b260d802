"""Issue 11's core: first run, providers, users, groups, the audit report and its CSV."""

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import URL

from opendesk.admin.cli import main
from opendesk.core import permissions
from opendesk.core.actors import StaffActor, SystemActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, PermissionDenied, ValidationError
from opendesk.core.models import User, UserGroup
from opendesk.core.passwords import verify_password
from opendesk.core.services import audit_report
from opendesk.core.services import practice_setup as ps

SYSTEM = SystemActor("test")


def _init(db: Database) -> StaffActor:
    with db.session() as s:
        assert ps.needs_init(s)
        with pytest.raises(ValidationError, match="upper-case"):
            ps.init_practice(s, SYSTEM, ps.PracticeInfo("Smile Co"), "boss", "weakpass1")
        admin_id = ps.init_practice(
            s, SYSTEM, ps.PracticeInfo("Smile Co", "555"), "boss", "Str0ngPass"
        )
        assert not ps.needs_init(s)
        with pytest.raises(ValidationError, match="already set up"):
            ps.init_practice(s, SYSTEM, ps.PracticeInfo("Again"), "boss2", "Str0ngPass")
    return StaffActor(admin_id, "admin-pc")


def _group_id(db: Database, name: str) -> int:
    with db.readonly_session() as s:
        return int(s.execute(select(UserGroup.id).where(UserGroup.name == name)).scalar_one())


def test_first_run_then_staff_with_their_permissions(db: Database) -> None:
    admin = _init(db)
    with db.session() as s:
        prov = ps.save_provider(s, admin, ps.ProviderInput("DR1", "Dana", "Ruiz", "DDS"))
        doc_id = ps.create_user(
            s, admin, ps.UserInput("druiz", prov, (_group_id(db, "Providers"),)), "Provid3rPw"
        )
        desk_id = ps.create_user(
            s, admin, ps.UserInput("desk", None, (_group_id(db, "Front desk"),)), "Fr0ntDesk"
        )
    with db.readonly_session() as s:
        doc, desk = s.get(User, doc_id), s.get(User, desk_id)
        assert doc is not None and desk is not None
        assert doc.must_change_password and doc.provider_id == prov
        assert permissions.has_permission(doc, Permission.WEBMAIL_SEND)
        assert permissions.has_permission(desk, Permission.WEBMAIL_SEND)  # Open Dental's rule
        assert not permissions.has_permission(desk, Permission.WEBMAIL_READ_ANY)
        assert not permissions.has_permission(desk, Permission.AUDIT_VIEW)
    desk_actor = StaffActor(desk_id, "desk-pc")
    with db.session() as s, pytest.raises(PermissionDenied):
        ps.save_provider(s, desk_actor, ps.ProviderInput("X", "No", "Way"))
    with db.session() as s, pytest.raises(PermissionDenied):
        audit_report.open_report(s, desk_actor)
    with db.session() as s, pytest.raises(ValidationError, match="abbreviation"):
        ps.save_provider(s, admin, ps.ProviderInput("dr1", "Dup", "Licate"))
    with db.session() as s, pytest.raises(NotFound, match="That provider no longer exists"):
        ps.save_provider(s, admin, ps.ProviderInput("DR9", "Gone", "Away"), provider_id=999_999)
    with db.session() as s, pytest.raises(NotFound, match="That group no longer exists"):
        ps.save_group(s, admin, "Gone", [], group_id=999_999)


def test_lockout_reset_disable_and_the_last_administrator(db: Database) -> None:
    admin = _init(db)
    with db.session() as s:
        uid = ps.create_user(s, admin, ps.UserInput("temp", None, ()), "Temp0rary")
        user = s.get(User, uid)
        assert user is not None
        user.failed_logins, user.must_change_password = 5, False
        s.commit()
        temp = ps.reset_password(s, admin, uid)
        s.refresh(user)
        assert verify_password(user.password_hash, temp) and user.must_change_password
        assert user.failed_logins == 0
        ps.set_user_disabled(s, admin, uid, True)
        with pytest.raises(PermissionDenied, match="disabled"):
            permissions.acting_user(s, StaffActor(uid))
        with pytest.raises(ValidationError, match="your own account"):
            ps.set_user_disabled(s, admin, admin.user_id, True)
        with pytest.raises(ValidationError, match="no active user who may change the setup"):
            ps.save_group(
                s,
                admin,
                "Administrators",
                [ps.Grant(Permission.AUDIT_VIEW)],
                _group_id(db, "Administrators"),
            )


def test_audit_report_lists_filters_and_exports(db: Database) -> None:
    admin = _init(db)
    with db.session() as s:
        ps.save_provider(s, admin, ps.ProviderInput("DR1", "Dana", "Ruiz"))
        report = audit_report.open_report(s, admin)
        assert report.intact
        ids = audit_report.report_ids(s, admin)
        rows = audit_report.report_rows(s, ids)
        assert [r.action for r in rows][:3] == [
            "audit.report.view",
            "provider.save",
            "practice.init",
        ]
        assert rows[0].who == "boss"
        only = audit_report.report_ids(s, admin, audit_report.AuditFilter(action="provider."))
        assert len(only) == 1
        out = io.StringIO()
        assert audit_report.export_csv(s, admin, audit_report.AuditFilter(), out) == 3
    table = list(csv.reader(io.StringIO(out.getvalue())))
    assert table[0][:3] == ["time (UTC)", "who", "action"]
    assert [r[2] for r in table[1:]] == ["practice.init", "provider.save", "audit.report.view"]


def test_admin_cli_init_users_and_export(
    empty_db_url: str | URL,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = empty_db_url if isinstance(empty_db_url, str) else empty_db_url.render_as_string(False)
    monkeypatch.setattr("sys.stdin", io.StringIO("Adm1nPassword\n"))
    assert main(["--db", url, "init", "--practice-name", "CLI Dental", "--password-stdin"]) == 0
    assert main(["--db", url, "providers", "add", "AB", "Alex", "Bond", "--suffix", "DMD"]) == 0
    assert (
        main(["--db", url, "users", "add", "abond", "--provider", "AB", "--group", "Providers"])
        == 0
    )
    assert "Temporary password" in capsys.readouterr().out
    assert main(["--db", url, "users", "list"]) == 0
    listing = capsys.readouterr().out
    assert "abond" in listing and "Providers" in listing
    assert main(["--db", url, "users", "disable", "abond"]) == 0
    csv_path = tmp_path / "audit.csv"
    assert main(["--db", url, "audit", "export", "--csv", str(csv_path)]) == 0
    with csv_path.open(encoding="utf-8") as f:
        actions = [row[2] for row in csv.reader(f)][1:]
    assert actions == ["practice.init", "provider.save", "user.create", "user.disable"]
    assert main(["--db", url, "users", "add", "x y"]) == 2


def test_preferences_need_setup_and_are_audited(db: Database) -> None:
    from opendesk.core import preferences as prefs

    admin = _init(db)
    with db.session() as s:
        ps.set_preferences(
            s, admin, {prefs.PORTAL_URL: "https://portal.example", prefs.SMTP_PORT: 2525}
        )
        assert prefs.get(s, prefs.SMTP_PORT) == 2525
        desk = ps.create_user(s, admin, ps.UserInput("desk2", None, ()), "Fr0ntDesk")
    with db.session() as s, pytest.raises(PermissionDenied):
        ps.set_preferences(s, StaffActor(desk), {prefs.PORTAL_URL: "https://evil.example"})
    with db.readonly_session() as s:
        assert prefs.get(s, prefs.PORTAL_URL) == "https://portal.example"
        from opendesk.core.models import AuditEntry

        row = s.execute(
            select(AuditEntry).where(AuditEntry.action == "preferences.save")
        ).scalar_one()
        assert row.detail == "portal_url,smtp_port"
