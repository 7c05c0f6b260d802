"""Grant Portal Access and provider-to-provider WebMail, from the desktop's services to the
portal's pages."""

from datetime import date

import pytest
from sqlalchemy import select

from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.errors import NotFound, PermissionDenied, ValidationError
from opendesk.core.models import AuditEntry, Patient, Provider
from opendesk.core.passwords import password_rule_message
from opendesk.core.services import portal_access
from opendesk.core.services.portal_access import ProviderContact
from tests import factories as f
from tests.portal.conftest import Browser, Practice, send


def complete_patient(db: Database, practice: Practice, **kw: object) -> int:
    with db.session() as s:
        values: dict[str, object] = {
            "home_phone": "555-0101",
            "address": "1 Elm St",
            "city": "Salem",
            "state": "OR",
            "zip": "97301",
            "email": "kim@example.com",
        }
        values.update(kw)
        prov = s.get(Provider, practice.prov_a)
        assert prov is not None
        pat = f.patient(s, prov, last="Park", first="Kim", **values)
        s.commit()
        return pat.id


def test_access_problems_name_what_is_missing(db: Database, practice: Practice) -> None:
    patient_id = complete_patient(db, practice, home_phone="", email="", address="", birthdate=None)
    with db.readonly_session() as s:
        assert portal_access.access_problems(s, patient_id) == [
            "The birthdate is missing.",
            "A phone number is missing.",
            "The e-mail address is missing.",
            "The address is incomplete (street, city and ZIP code).",
        ]
        assert portal_access.access_problems(s, 424242) == ["The patient no longer exists."]
    with db.session() as s, pytest.raises(ValidationError, match="birthdate"):
        portal_access.grant_access(s, practice.admin, patient_id)


def test_grant_needs_the_permission(db: Database, practice: Practice) -> None:
    patient_id = complete_patient(db, practice)
    with db.session() as s:
        clerk = f.user(s, "clerk")
        s.commit()
        with pytest.raises(PermissionDenied):
            portal_access.grant_access(s, StaffActor(clerk.id), patient_id)
        refusals = (
            s.execute(select(AuditEntry).where(AuditEntry.action == "permission.denied"))
            .scalars()
            .all()
        )
        assert [r.patient_id for r in refusals] == [patient_id]
        assert not portal_access.access_state(s, patient_id).has_account


def test_grant_login_forced_change_and_remove(
    db: Database, practice: Practice, browser: Browser
) -> None:
    patient_id = complete_patient(db, practice)
    with db.session() as s:
        granted = portal_access.grant_access(s, practice.admin, patient_id)
        state = portal_access.access_state(s, patient_id)
    assert granted.username.startswith("kim") and granted.username == state.username
    assert password_rule_message(granted.temporary_password, granted.username) is None
    assert state.is_active and state.must_change_password
    assert "temporary password" in state.label
    r = browser.login(granted.username, granted.temporary_password)
    assert r.headers["location"] == "/account/password"
    page = browser.get("/account/password").text
    assert "current_password" not in page  # the temporary password was just given
    ok = browser.post_form(
        "/account/password", {"new_password": "KimsOwn99", "confirm_password": "KimsOwn99"}
    )
    assert ok.headers["location"] == "/inbox"
    with db.session() as s:
        portal_access.remove_access(s, practice.admin, patient_id)
        assert portal_access.access_state(s, patient_id).label == "No portal access"
        with pytest.raises(NotFound):
            portal_access.remove_access(s, practice.admin, patient_id)
    assert browser.get("/inbox", follow_redirects=False).headers["location"] == "/login"
    assert browser.login(granted.username, "KimsOwn99").status_code == 401
    with db.session() as s:  # granting again gives a new temporary password, same user name
        again = portal_access.grant_access(s, practice.admin, patient_id)
        actions = (
            s.execute(
                select(AuditEntry.action)
                .where(AuditEntry.action.like("portal.access.%"))
                .order_by(AuditEntry.seq)
            )
            .scalars()
            .all()
        )
    assert again.username == granted.username
    assert again.temporary_password != granted.temporary_password
    assert actions == ["portal.access.grant", "portal.access.remove", "portal.access.grant"]


def test_provider_to_provider(db: Database, practice: Practice, browser: Browser) -> None:
    """Dr A writes to Dr B: B gets a patient record whose primary provider is A, portal
    access, and reads A's message in the portal like a patient."""
    contact = ProviderContact(
        first_name="Beth",
        last_name="Orthodontist",
        birthdate=date(1975, 5, 17),
        phone="555-0199",
        email="beth@ortho.example",
        address="9 Main St",
        city="Salem",
        state="OR",
        zip="97301",
        primary_provider_id=practice.prov_a,
    )
    with db.session() as s:
        with pytest.raises(ValidationError, match="e-mail"):
            portal_access.create_provider_patient(
                s, practice.doc_a, ProviderContact(**{**contact.__dict__, "email": ""})
            )
        patient_id = portal_access.create_provider_patient(s, practice.doc_a, contact)
        beth = s.get(Patient, patient_id)
        assert beth is not None and beth.guarantor_id == beth.id
        assert beth.primary_provider_id == practice.prov_a
        assert portal_access.access_problems(s, patient_id) == []
        granted = portal_access.grant_access(s, practice.doc_a, patient_id)
    message_id = send(
        db,
        practice.doc_a,
        patient_id,
        practice.prov_a,
        "Referral: Tim Lee",
        "Please see Tim for an ortho consult.",
    )
    browser.login(granted.username, granted.temporary_password)
    browser.post_form(
        "/account/password", {"new_password": "Braces2026", "confirm_password": "Braces2026"}
    )
    assert "Referral: Tim Lee" in browser.get("/inbox").text
    page = browser.get(f"/messages/{message_id}")
    assert page.status_code == 200 and "Please see Tim for an ortho consult." in page.text
    r = browser.post_form(
        f"/messages/{message_id}/reply",
        {"body": "Booked for Tuesday.", "request_id": "p2p-1"},
        f"/messages/{message_id}",
    )
    assert r.status_code == 303
