"""Patient search (prefix ranges, keyset pages), rows, family and validation, and the staff
login service, on every database."""

from datetime import date, timedelta

import pytest
from sqlalchemy import insert

from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.models import Patient, User, search_columns
from opendesk.core.services import alerts, patient_search, patients, providers, staff_auth
from opendesk.core.services.patients import PatientEdit, PatientInvalid
from opendesk.core.text import search_key
from tests import factories

NAMES = ["Smith", "Smithers", "Smyth", "Şmith", "O'Brien", "Zoë", "smith", "Sánchez", "Sandoval"]


def _fill(db: Database, n: int = 230) -> int:
    with db.session() as s:
        prov = factories.provider(s)
        rows = []
        for i in range(1, n + 1):
            last, first = NAMES[i % len(NAMES)], f"F{(i * 7) % 13:02d}"
            home = f"(503) 555-{i:04d}" if i % 4 else f"(971) 555-{i:04d}"
            wireless = f"(503) 777-{i:04d}" if i % 3 == 0 else ""
            rows.append(
                {
                    "id": i,
                    "last_name": last,
                    "first_name": first,
                    "birthdate": date(1980, 1, 1) + timedelta(days=i),
                    "home_phone": home,
                    "wireless_phone": wireless,
                    "primary_provider_id": prov.id,
                    "guarantor_id": i,
                    **search_columns(last, first, home, wireless),
                }
            )
        s.execute(insert(Patient), rows)
        s.commit()
        return prov.id


def _all_pages(db: Database, text: str, limit: int = 17) -> list[int]:
    ids: list[int] = []
    cursor = None
    with db.readonly_session() as s:
        while True:
            page = patient_search.search_patients(s, text, limit=limit, after=cursor)
            ids.extend(page.ids)
            if page.cursor is None:
                return ids
            cursor = page.cursor


def test_keyset_pages_cover_every_match_once_in_order(db: Database) -> None:
    _fill(db)
    ids = _all_pages(db, "smi")
    with db.readonly_session() as s:
        rows = patients.rows_by_ids(s, ids)
    expected = sorted(
        (r for r in rows.values()),
        key=lambda r: (search_key(r.last_name), search_key(r.first_name), r.id),
    )
    assert len(ids) == len(set(ids))
    assert {search_key(r.last_name)[:3] for r in rows.values()} == {"smi"}
    # "Smith", "smith", "Şmith" (folded to smith), "Smithers": 4 of the 9 names
    assert len(ids) == sum(
        1 for i in range(1, 231) if NAMES[i % 9] in ("Smith", "smith", "Şmith", "Smithers")
    )
    assert [r.id for r in expected] == ids


def test_phone_pages_cover_home_and_wireless_once(db: Database) -> None:
    _fill(db)
    ids = _all_pages(db, "503", limit=7)
    expected = {i for i in range(1, 231) if i % 4 or i % 3 == 0}
    assert len(ids) == len(set(ids)) and set(ids) == expected
    assert _all_pages(db, "503777", limit=5) == sorted(i for i in range(1, 231) if i % 3 == 0)
    # the patient number comes first, then the phones
    assert 4 in _all_pages(db, "9715550", limit=3)
    with db.readonly_session() as s:
        assert patient_search.search_patients(s, "120").ids[0] == 120


PARTIAL_PHONES = {  # id: (home, wireless)
    9001: ("(503) 555-8672", ""),
    9002: ("", "971.555.8672"),
    9003: ("503-555-1234", "(360) 867-2000"),
    9004: ("(503) 555-8672", "(503) 555-8672"),  # both phones match: listed once
    9005: ("(503) 555-0000", "+1 503 444 8670"),
}


def _fill_partial_phones(db: Database) -> None:
    with db.session() as s:
        prov = factories.provider(s)
        s.execute(
            insert(Patient),
            [
                {
                    "id": pid,
                    "last_name": "Phone",
                    "first_name": f"P{pid}",
                    "birthdate": date(1980, 1, 1),
                    "home_phone": home,
                    "wireless_phone": wireless,
                    "primary_provider_id": prov.id,
                    "guarantor_id": pid,
                    **search_columns("Phone", f"P{pid}", home, wireless),
                }
                for pid, (home, wireless) in PARTIAL_PHONES.items()
            ],
        )
        s.commit()


def test_phone_search_finds_partial_numbers(db: Database) -> None:
    _fill_partial_phones(db)
    # the last four digits: numbers ending with them first, then local numbers starting so
    found = _all_pages(db, "8672", limit=100)
    assert sorted(found[:3]) == [9001, 9002, 9004] and found[3:] == [9003]
    for typed in ("555-8672", "5558672", "555 8672", "(555) 8672", "555.8672"):
        assert sorted(_all_pages(db, typed)) == [9001, 9002, 9004], typed
    assert sorted(_all_pages(db, "555-86")) == [9001, 9002, 9004]  # still typing
    assert _all_pages(db, "(971) 555-8672") == [9002]
    assert _all_pages(db, "867") == [9003]  # three digits: no suffix match yet
    assert _all_pages(db, "444-8670") == [9005]
    assert _all_pages(db, "0000") == [9005]
    # pages of one across every segment: each patient once, in the same order
    assert _all_pages(db, "8672", limit=1) == found
    assert _all_pages(db, "555", limit=1) == _all_pages(db, "555", limit=100)


def test_partial_phone_columns_follow_edits(db: Database) -> None:
    with db.session() as s:
        prov = factories.provider(s)
        patient = factories.patient(s, prov, home_phone="(503) 555-8672")
        s.commit()
        pid = patient.id
    assert _all_pages(db, "8672") == [pid]
    with db.session() as s:
        row = s.get(Patient, pid)
        assert row is not None
        row.home_phone = "(503) 555-1111"
        s.commit()
    assert _all_pages(db, "8672") == [] and _all_pages(db, "1111") == [pid]


def test_query_forms(db: Database) -> None:
    _fill(db)
    with db.readonly_session() as s:
        assert patient_search.search_patients(s, "#12").ids == (12,)
        assert patient_search.search_patients(s, "(503) 555-0042").ids == (42,)
        assert patient_search.search_patients(s, "1/11/1980").ids == (10,)
        assert patient_search.search_patients(s, "1980-01-11").ids == (10,)
        first = patient_search.search_patients(s, ", f03", limit=500).ids
        assert first and all(patients.patient_row(s, i).first_name == "F03" for i in first)
        both = patient_search.search_patients(s, "sanc, f0", limit=500).ids
        assert both and all(patients.patient_row(s, i).last_name == "Sánchez" for i in both)
        assert patient_search.search_patients(s, "12").ids == (12,)  # too short for a phone
        assert patient_search.search_patients(s, "zz").ids == ()


def test_validation_collects_every_problem(db: Database) -> None:
    with db.session() as s:
        prov = factories.provider(s)
        head = factories.patient(s, prov, last="Brighton")
        other = factories.patient(s, prov, last="Bristow")
        s.commit()
        bad = PatientEdit(last_name="X", first_name="", birthdate="13/45/1999", email="a@b")
        with pytest.raises(PatientInvalid) as info:
            patients.validate(s, bad)
        assert set(info.value.problems) == {
            "first_name",
            "birthdate",
            "email",
            "wireless_phone",
            "primary_provider_id",
        }
        moved = PatientEdit(
            last_name="Bristow",
            first_name="Z",
            birthdate="1/2/1990",
            home_phone="5035550100",
            primary_provider_id=prov.id,
            guarantor_id=head.id,
        )
        with pytest.raises(PatientInvalid) as info:
            patients.validate(s, moved, other.id)
        assert info.value.problems == {
            "guarantor_id": "The guarantor must be a member of the same family."
        }


def test_login_lockout_expires(db: Database) -> None:
    with db.session() as s:
        factories.user(s, "kim")
        s.commit()
    for _ in range(staff_auth.MAX_FAILED_LOGINS):
        with db.session() as s, pytest.raises(staff_auth.LoginFailed):
            staff_auth.login(s, "kim", "nope", "ws")
    with db.session() as s, pytest.raises(staff_auth.AccountLocked):
        staff_auth.login(s, "kim", factories.PASSWORD, "ws")
    with db.begin() as s:
        user = s.query(User).filter_by(username="kim").one()
        user.locked_until = utcnow() - timedelta(seconds=1)
    with db.session() as s:
        assert staff_auth.login(s, "kim", factories.PASSWORD, "ws").username == "kim"


def test_providers_and_alerts(db: Database) -> None:
    with db.session() as s:
        a = factories.provider(s, "AA")
        factories.provider(s, "BB")
        factories.user(s, "a", prov=a)
        s.commit()
        rows = providers.list_providers(s, only_with_users=True)
        assert [r.abbr for r in rows] == ["AA"]
        assert alerts.webmail_alert(s, a.id).marker == (0, None)
        assert alerts.webmail_alert(s, None).unread == 0
