"""WebMail templates and signatures (issue 22 part A) on every database: merge fields (each
one, missing data, unknown fields as typed, markup taken literally), practice-wide and
personal templates and who may edit them (refusals audited), validation messages, the
signature rules, and the Send blocker."""

from datetime import datetime

import pytest
from sqlalchemy import select

from opendesk.core import preferences
from opendesk.core.actors import StaffActor
from opendesk.core.clock import frozen
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, PermissionDenied, ValidationError
from opendesk.core.models import AuditEntry, Provider
from opendesk.core.services import signatures
from opendesk.core.services import templates as tpl
from opendesk.core.services.compose import load_opening
from opendesk.core.services.merge_fields import (
    FIELDS,
    NO_APPOINTMENTS,
    MergeRequest,
    MergeValues,
    merge,
    merge_values,
    merged_problems,
)
from opendesk.core.services.send_eligibility import Blocker, Eligibility
from tests import factories as f

EVERY_FIELD = (
    "[PatientFName] [PatientLName] / [RegardingFName] / [ProviderName] / [OfficeName] "
    "[OfficePhone] / [NextAptDate] / [Today]"
)


# -- merge (pure) ---------------------------------------------------------------------------


def test_merge_replaces_known_fields_and_lists_the_rest_as_typed() -> None:
    values = {"[PatientFName]": "Zoe", "[OfficeName]": "Smile Co", "[NextAptDate]": None}
    result = merge("Hi [PatientFName] [PatientFname] [patientfname] at [OfficeName]", values)
    assert result.text == "Hi Zoe [PatientFname] [patientfname] at Smile Co"
    assert result.unknown == ("[PatientFname]", "[patientfname]")
    assert result.missing == ()
    result = merge("Next: [NextAptDate]. [NextAptDate]! [Bogus]", values)
    assert result.text == "Next: [NextAptDate]. [NextAptDate]! [Bogus]"
    assert result.missing == ("[NextAptDate]",)
    assert result.unknown == ("[Bogus]",)
    reasons = {"[NextAptDate]": NO_APPOINTMENTS}
    assert merged_problems(result, reasons) == [
        "[Bogus] is not a merge field: edit it.",
        f"[NextAptDate] has no value here. {NO_APPOINTMENTS}",
    ]


def test_merge_takes_values_literally_in_one_pass() -> None:
    values = MergeValues(
        {
            "[PatientFName]": "<b>Zoe</b> & [PatientLName]",
            "[PatientLName]": "Robinson <script>alert(1)</script>",
            "[ProviderName]": "\\1 $0 %s {x}",
        }
    )
    result = merge("[PatientFName] / [PatientLName] / [ProviderName]", values)
    assert result.text == (
        "<b>Zoe</b> & [PatientLName] / Robinson <script>alert(1)</script> / \\1 $0 %s {x}"
    )
    assert result.unknown == () and result.missing == ()
    assert merge("no fields [ here ] [1] []", values).text == "no fields [ here ] [1] []"


# -- values from the database ---------------------------------------------------------------


def _practice(s, *, phone: str = "(503) 555-0142", zone: str = "Pacific/Auckland"):  # type: ignore[no-untyped-def]
    preferences.set_many(
        s,
        {
            preferences.PRACTICE_NAME: "Willamette <Family> Dental",
            preferences.PRACTICE_PHONE: phone,
            preferences.PRACTICE_TIME_ZONE: zone,
            preferences.NOTIFY_FROM: "notify@willamette.example",
        },
    )


def test_every_field_for_recipient_regarding_and_provider(db: Database) -> None:
    with db.session() as s:
        _practice(s)
        prov = f.provider(s, first_name="Kim", last_name="Albright", suffix="DDS")
        parent = f.patient(s, prov, last="Robinson", first="Zoe")
        child = f.patient(s, prov, last="Robinson", first="<i>Max</i>", guarantor=parent)
        request = MergeRequest(parent.id, child.id, prov.id)
        # 11:30 UTC on the 30th is already 1 December in Auckland: [Today] is the practice's day
        with frozen(datetime(2026, 11, 30, 11, 30)):
            values = merge_values(s, request)
        s.commit()
    result = merge(EVERY_FIELD, values)
    assert result.text == (
        "Zoe Robinson / <i>Max</i> / Kim Albright, DDS / Willamette <Family> Dental "
        "(503) 555-0142 / [NextAptDate] / 12/01/2026"
    )
    assert result.unknown == ()
    assert result.missing == ("[NextAptDate]",)
    assert values.reasons == {"[NextAptDate]": NO_APPOINTMENTS}
    assert set(values.values) == set(FIELDS)


def test_missing_data_stays_in_the_text_and_says_why(db: Database) -> None:
    with db.session() as s:
        _practice(s, phone="", zone="")
        prov = f.provider(s)
        pat = f.patient(s, prov, first="Ann")
        values = merge_values(s, MergeRequest(pat.id, pat.id, None))
        s.commit()
    result = merge("[ProviderName] [OfficePhone] [RegardingFName]", values)
    assert result.text == "[ProviderName] [OfficePhone] Ann"
    assert result.missing == ("[ProviderName]", "[OfficePhone]")
    assert "Setup > Practice" in values.reasons["[OfficePhone]"]
    assert "From provider" in values.reasons["[ProviderName]"]


# -- saving, scope and who may edit ---------------------------------------------------------


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    """An administrator (Setup), two providers' users and a front desk user."""
    with db.session() as s:
        _practice(s)
        admins = f.group(s, "Admins", Permission.SETUP, Permission.WEBMAIL_SEND)
        providers = f.group(s, "Providers", Permission.WEBMAIL_SEND)
        kim = f.provider(s, "KA", first_name="Kim", last_name="Albright")
        raj = f.provider(s, "RC", first_name="Raj", last_name="Chen")
        pat = f.patient(s, kim, last="Robinson", first="Zoe")
        ids = {
            "admin": f.user(s, "admin", groups=[admins]).id,
            "kim": f.user(s, "kalbright", prov=kim, groups=[providers]).id,
            "raj": f.user(s, "rchen", prov=raj, groups=[providers]).id,
            "desk": f.user(s, "frontdesk", groups=[providers]).id,
            "kim_prov": kim.id,
            "raj_prov": raj.id,
            "patient": pat.id,
        }
        s.commit()
    return ids


def _input(name: str, **kw: object) -> tpl.TemplateInput:
    kw.setdefault("subject", "Your visit on [Today]")
    kw.setdefault("body", "Dear [PatientFName],\n\nRinse gently.\n\n[OfficeName] [OfficePhone]")
    return tpl.TemplateInput(name, **kw)  # type: ignore[arg-type]


def _actions(db: Database) -> list[tuple[str, str, str]]:
    with db.readonly_session() as s:
        return [
            (a.action, a.outcome, a.detail)
            for a in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()
        ]


def test_practice_templates_need_setup_and_personal_ones_their_provider(
    db: Database, staff: dict[str, int]
) -> None:
    admin, kim = StaffActor(staff["admin"]), StaffActor(staff["kim"])
    raj, desk = StaffActor(staff["raj"]), StaffActor(staff["desk"])
    with db.session() as s:
        practice_id = tpl.save_template(s, admin, _input("Post-op care"))
    with db.session() as s:
        kim_id = tpl.save_template(s, kim, _input("Post-op care", personal=True))
    with db.session() as s, pytest.raises(PermissionDenied, match="practice's templates"):
        tpl.save_template(s, kim, _input("Recall"))
    with db.session() as s, pytest.raises(PermissionDenied, match="another provider's"):
        tpl.save_template(s, raj, _input("Mine now", personal=True), kim_id)
    with db.session() as s, pytest.raises(PermissionDenied, match="another provider's"):
        tpl.delete_template(s, raj, kim_id)
    with db.session() as s, pytest.raises(ValidationError, match="not linked to a provider"):
        tpl.save_template(s, desk, _input("Desk", personal=True))
    actions = _actions(db)
    assert [a[0] for a in actions] == [
        "template.add",
        "template.add",
        "permission.denied",
        "permission.denied",
        "permission.denied",
    ]
    assert actions[1][2].startswith(f"provider={staff['kim_prov']} attachments=0")
    assert all(a[1] == "denied" for a in actions[2:])

    with db.readonly_session() as s:
        kim_rows = tpl.list_templates(s, kim)
        raj_rows = tpl.list_templates(s, raj)
        desk_as_kim = tpl.list_templates(s, desk, for_provider_id=staff["kim_prov"])
        admin_all = tpl.list_templates(s, admin, everyone=True)
        kim_everyone = tpl.list_templates(s, kim, everyone=True)  # needs Setup: ignored
    assert [(r.id, r.owner, r.may_edit) for r in kim_rows] == [
        (practice_id, "Practice", False),
        (kim_id, "Kim Albright", True),
    ]
    assert [r.id for r in raj_rows] == [practice_id]
    assert [r.id for r in desk_as_kim] == [practice_id, kim_id]  # writing as Kim (From)
    assert [(r.id, r.may_edit) for r in admin_all] == [(practice_id, True), (kim_id, True)]
    assert [r.id for r in kim_everyone] == [practice_id, kim_id]

    # Setup edits a provider's template and keeps it theirs; the provider deletes it.
    with db.session() as s:
        tpl.save_template(
            s,
            admin,
            _input("Post-op (Kim)", personal=True, provider_id=staff["kim_prov"]),
            kim_id,
        )
    with db.session() as s:
        tpl.delete_template(s, kim, kim_id)
    with db.session() as s, pytest.raises(NotFound):
        tpl.delete_template(s, kim, kim_id)
    assert [a[0] for a in _actions(db)[-2:]] == ["template.save", "template.delete"]


def test_validation_messages(db: Database, staff: dict[str, int]) -> None:
    admin = StaffActor(staff["admin"])
    with db.session() as s:
        tpl.save_template(s, admin, _input("Recall"))
    bad = _input(
        " ",
        subject="Hello [PatientFname]",
        body="Hi [patientfname] and [Bogus]",
        attachment_names=("care.pdf", "CARE.pdf", "a/b.pdf"),
        notify_unread_days=0,
    )
    with db.session() as s, pytest.raises(tpl.TemplateInvalid) as caught:
        tpl.save_template(s, admin, bad)
    problems = caught.value.problems
    assert problems["name"].startswith("Enter a name")
    assert problems["subject"].startswith("[PatientFname] is not a merge field")
    assert problems["body"].startswith("[patientfname], [Bogus] are not merge fields")
    assert "[PatientFName]" in problems["body"]
    assert problems["attachments"] == "A file is listed twice; remove one."
    assert problems["notify_unread_days"].startswith("Notify if unread after 1 to 60 days")
    with db.session() as s, pytest.raises(tpl.TemplateInvalid, match="has this name"):
        tpl.save_template(s, admin, _input("RECALL"))
    with db.session() as s, pytest.raises(tpl.TemplateInvalid, match="rename the file"):
        tpl.save_template(s, admin, _input("Files", attachment_names=("x:y.pdf",)))
    with db.session() as s:  # the same name is fine in a provider's own templates
        own = tpl.save_template(
            s,
            StaffActor(staff["kim"]),
            _input(
                "Recall",
                personal=True,
                attachment_names=("Post-op care.pdf",),
                allow_reply=False,
                notify_unread_days=3,
            ),
        )
    with db.readonly_session() as s:
        row = next(r for r in tpl.list_templates(s, admin, everyone=True) if r.id == own)
    assert (row.attachment_names, row.allow_reply, row.notify_unread_days) == (
        ("Post-op care.pdf",),
        False,
        3,
    )
    assert tpl.shared_folder("\\\\server\\AtoZ") == "\\\\server\\AtoZ\\EmailAttachments"
    assert tpl.shared_folder("/srv/atoz/") == "/srv/atoz/EmailAttachments"
    assert tpl.shared_folder(" ") == ""


def test_resolve_fills_for_the_message_and_hides_other_providers_templates(
    db: Database, staff: dict[str, int]
) -> None:
    kim, raj = StaffActor(staff["kim"]), StaffActor(staff["raj"])
    with db.session() as s:
        own = tpl.save_template(
            s,
            kim,
            _input(
                "Results",
                personal=True,
                subject="X-ray results for [RegardingFName]",
                body="Dear [PatientFName] [PatientLName],\n[ProviderName]\nNext: [NextAptDate]",
            ),
        )
    request = MergeRequest(staff["patient"], staff["patient"], staff["kim_prov"])
    with db.readonly_session() as s:
        filled = tpl.resolve_template(s, kim, own, request)
    assert filled.subject == "X-ray results for Zoe"
    assert filled.body == "Dear Zoe Robinson,\nKim Albright\nNext: [NextAptDate]"
    assert filled.unresolved == ("[NextAptDate]",)
    assert filled.reasons["[NextAptDate]"] == NO_APPOINTMENTS
    with db.readonly_session() as s, pytest.raises(NotFound):
        tpl.resolve_template(s, raj, own, MergeRequest(staff["patient"], staff["patient"], None))
    with db.readonly_session() as s:  # writing as Kim, Raj's user may use Kim's template
        assert tpl.resolve_template(s, raj, own, request).subject == "X-ray results for Zoe"


# -- signatures -----------------------------------------------------------------------------


def test_signatures_who_sets_them_and_appending_once(db: Database, staff: dict[str, int]) -> None:
    kim, raj, admin = (StaffActor(staff[k]) for k in ("kim", "raj", "admin"))
    with db.session() as s:
        signatures.set_signature(s, kim, staff["kim_prov"], "\nDr. Kim Albright  \n<b>DDS</b>\n\n")
    with db.session() as s:
        signatures.set_signature(s, admin, staff["raj_prov"], "Dr. Chen")
    with db.session() as s, pytest.raises(PermissionDenied, match="another provider's signature"):
        signatures.set_signature(s, raj, staff["kim_prov"], "hijacked")
    with db.session() as s, pytest.raises(ValidationError, match="at most 1,000"):
        signatures.set_signature(s, kim, staff["kim_prov"], "x" * 1001)
    with db.readonly_session() as s:
        sig = signatures.signature_of(s, staff["kim_prov"])
        assert signatures.signature_of(s, None) == ""
        assert s.get(Provider, staff["raj_prov"]).signature == "Dr. Chen"  # type: ignore[union-attr]
        opening = load_opening(s, staff["patient"], staff["kim"])
    assert sig == "Dr. Kim Albright\n<b>DDS</b>"
    assert opening.signature == sig  # the default From (Kim) signs a new message
    body = signatures.with_signature("", sig)
    assert body == "\n\nDr. Kim Albright\n<b>DDS</b>"
    assert signatures.with_signature(body, sig) == body  # a reopened draft: not twice
    typed = signatures.with_signature("Rinse gently.\n", sig)
    assert typed == "Rinse gently.\n\nDr. Kim Albright\n<b>DDS</b>"
    assert signatures.without_signature(typed, sig) == "Rinse gently."
    assert signatures.without_signature(body, sig) == ""
    assert signatures.with_signature("text", "") == "text"
    assert [a[0] for a in _actions(db)] == [
        "provider.signature",
        "provider.signature",
        "permission.denied",
    ]


def test_unresolved_fields_block_send_and_preview() -> None:
    ready = dict(
        may_send=True,
        checking=False,
        has_problems=False,
        fields_ok=True,
        has_provider=True,
        attachments_busy=False,
        busy=False,
    )
    assert Eligibility.of(**ready).can_send
    blocked = Eligibility.of(**ready, unresolved_fields=True)
    assert blocked.blockers == (Blocker.UNKNOWN_MERGE_FIELDS,)
    assert not blocked.can_send and not blocked.can_preview
    assert blocked.send_reasons() == [Blocker.UNKNOWN_MERGE_FIELDS.value]
