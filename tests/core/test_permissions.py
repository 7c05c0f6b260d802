"""Permission checks: group grants, inbox delegation, refusals audited despite rollback."""

import pytest
from sqlalchemy import select

from opendesk.core import permissions
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.errors import PermissionDenied
from opendesk.core.models import AuditEntry, Provider
from tests import factories as f


def test_group_grants_and_disabled_user(db: Database) -> None:
    with db.session() as s:
        senders = f.group(s, "Providers", Permission.WEBMAIL_SEND)
        desk = f.group(s, "Front desk", Permission.PATIENT_EDIT)
        doc = f.user(s, "doc", groups=[senders])
        clerk = f.user(s, "clerk", groups=[desk])
        both = f.user(s, "both", groups=[senders, desk], is_disabled=True)
        assert permissions.has_permission(doc, Permission.WEBMAIL_SEND)
        assert not permissions.has_permission(doc, Permission.PATIENT_EDIT)
        assert not permissions.has_permission(clerk, Permission.WEBMAIL_SEND)
        assert not permissions.has_permission(both, Permission.WEBMAIL_SEND)


def test_inbox_delegation_limited_to_a_provider(db: Database) -> None:
    with db.session() as s:
        p1, p2, p3 = f.provider(s), f.provider(s), f.provider(s)
        limited = f.group(s, "Triage p1", (Permission.INBOX_DELEGATE, p1.id))
        every = f.group(s, "Triage all", Permission.INBOX_DELEGATE)
        own = f.user(s, "own", prov=p3)
        triage = f.user(s, "triage", groups=[limited])
        chief = f.user(s, "chief", groups=[every])
        assert permissions.can_work_inbox(own, p3.id)
        assert not permissions.can_work_inbox(own, p1.id)
        assert permissions.can_work_inbox(triage, p1.id)
        assert not permissions.can_work_inbox(triage, p2.id)
        assert permissions.delegated_provider_ids(triage) == {p1.id}
        assert permissions.can_work_inbox(chief, p2.id)
        assert permissions.delegated_provider_ids(chief) is None


def test_refusal_is_audited_and_the_callers_work_rolled_back(db: Database) -> None:
    with db.session() as s:
        clerk = f.user(s, "clerk", groups=[f.group(s, "Desk", Permission.PATIENT_EDIT)])
        s.commit()
        clerk_id = clerk.id
        actor = StaffActor(clerk_id, "front-1")
        s.add(Provider(abbr="X", first_name="Not", last_name="Saved"))
        with pytest.raises(PermissionDenied, match="not allowed to change the practice setup"):
            permissions.require(s, actor, Permission.SETUP, patient_id=42)
    with db.readonly_session() as s:
        assert s.execute(select(Provider).where(Provider.abbr == "X")).first() is None
        row = s.execute(select(AuditEntry)).scalar_one()
        assert (row.action, row.outcome, row.user_id) == ("permission.denied", "denied", clerk_id)
        assert (row.patient_id, row.detail, row.workstation) == (42, "Setup", "front-1")


def test_require_returns_the_user_when_allowed(db: Database) -> None:
    with db.session() as s:
        admin = f.user(s, "admin", groups=[f.group(s, "Admins", *Permission)])
        s.commit()
        assert permissions.require(s, StaffActor(admin.id), Permission.AUDIT_VIEW).id == admin.id


def test_disabled_user_cannot_act(db: Database) -> None:
    with db.session() as s:
        gone = f.user(s, "gone", is_disabled=True, groups=[f.group(s, "A", *Permission)])
        s.commit()
        with pytest.raises(PermissionDenied, match="disabled"):
            permissions.require(s, StaffActor(gone.id), Permission.SETUP)
