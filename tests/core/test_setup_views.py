"""The setup dialogs' read views: users with state and groups, groups with their grants, and
the Setup/AuditView checks (refusals audited)."""

import pytest
from sqlalchemy import select

from opendesk.core.actors import StaffActor, SystemActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, PermissionDenied
from opendesk.core.models import AuditEntry
from opendesk.core.services import practice_setup as ps
from opendesk.core.services import setup_views
from opendesk.core.services.practice_setup import Grant

SYSTEM = SystemActor("test")


def test_users_groups_and_refusals(db: Database) -> None:
    with db.session() as s:
        admin_id = ps.init_practice(s, SYSTEM, ps.PracticeInfo("Smile Co"), "boss", "Str0ngPass")
    admin = StaffActor(admin_id, "pc")
    with db.session() as s:
        prov = ps.save_provider(s, admin, ps.ProviderInput("DR1", "Dana", "Ruiz", "DDS"))
        groups = {g.name: g.id for g in setup_views.list_groups(s, admin)}
        ps.save_group(s, admin, "Delegates", [Grant(Permission.INBOX_DELEGATE, prov)], None)
        auditors = ps.save_group(s, admin, "Auditors", [Grant(Permission.AUDIT_VIEW)])
        ps.create_user(s, admin, ps.UserInput("doc", prov, (groups["Providers"],)), "Provid3rPw")
        aud_id = ps.create_user(s, admin, ps.UserInput("aud", None, (auditors,)), "Aud1tPass")
        desk_id = ps.create_user(
            s, admin, ps.UserInput("desk", None, (groups["Front desk"],)), "Fr0ntDesk"
        )
    with db.readonly_session() as s:
        users = setup_views.list_users(s, admin)
        assert [(u.username, u.provider_abbr, u.group_names, u.state) for u in users] == [
            ("aud", "", ("Auditors",), "must change password"),
            ("boss", "", ("Administrators",), "active"),
            ("desk", "", ("Front desk",), "must change password"),
            ("doc", "DR1", ("Providers",), "must change password"),
        ]
        by_name = {g.name: g for g in setup_views.list_groups(s, SYSTEM)}
        assert by_name["Delegates"].delegate_provider_ids == frozenset({prov})
        assert by_name["Administrators"].permissions == frozenset(Permission)
        assert by_name["Administrators"].delegate_provider_ids is None
        assert setup_views.provider_input(s, admin, prov).suffix == "DDS"
        with pytest.raises(NotFound):
            setup_views.provider_input(s, admin, prov + 99)
        # The audit report's user filter: AuditView (or Setup) is enough.
        assert [n for _i, n in setup_views.user_names(s, StaffActor(aud_id))] == [
            "aud",
            "boss",
            "desk",
            "doc",
        ]
    desk = StaffActor(desk_id, "desk-pc")
    with db.session() as s, pytest.raises(PermissionDenied, match="change the practice setup"):
        setup_views.list_users(s, desk)
    with db.session() as s, pytest.raises(PermissionDenied, match="view the audit log"):
        setup_views.user_names(s, desk)
    with db.readonly_session() as s:
        denied = s.execute(
            select(AuditEntry.detail)
            .where(AuditEntry.action == "permission.denied", AuditEntry.user_id == desk_id)
            .order_by(AuditEntry.seq)
        ).scalars()
        assert list(denied) == ["Setup", "AuditView"]
