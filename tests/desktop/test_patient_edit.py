"""Patient edit: problems shown next to their fields, nothing typed lost, a valid save audited
and announced on the changes signal; refused without the PatientEdit permission."""

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.core.models import AuditEntry, Patient
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.patient_edit import PatientEditDialog
from tests.desktop.conftest import Practice, login


def _dialog(qtbot: QtBot, ctx: AppContext, **kw: object) -> PatientEditDialog:
    dialog = PatientEditDialog(ctx, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_validation_messages_next_to_the_fields(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    dialog = _dialog(qtbot, provider_ctx, patient_id=practice.head.id)
    assert dialog.field("last_name").text() == "Brighton"
    assert dialog.field("birthdate").text() == "03/04/1970"
    assert dialog.ui.primary_provider_id.text() == "KA - Kim Albright, DDS"
    dialog.field("first_name").clear()
    dialog.field("birthdate").setText("2/30/1970")
    dialog.field("email").setText("harold@")
    dialog.field("zip").setText("9730")
    dialog.field("home_phone").setText("555-01")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.problems == {
        "first_name": "First name is required.",
        "birthdate": "Type the birthdate as month/day/year, for example 1/31/1980.",
        "home_phone": "Home phone needs 10 digits, for example (503) 555-0142.",
        "email": "This is not an e-mail address (name@example.com).",
        "zip": "ZIP code has 5 digits (or 5+4, 97302-1234).",
    }
    assert dialog.ui.messageLabel.text() == "Please correct the 5 highlighted fields."
    assert dialog.field("email").text() == "harold@"  # nothing typed is lost
    dialog.field("birthdate").setText("1/1/2999")
    dialog.save()
    assert dialog.problems["birthdate"] == "The birthdate is in the future."


def test_a_valid_save_is_audited_and_announced(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    provider_ctx.select_patient(practice.head.id)
    dialog = _dialog(qtbot, provider_ctx, patient_id=practice.head.id)
    dialog.field("email").setText("harold@example.org")
    dialog.field("wireless_phone").setText("971 555 0100")
    with qtbot.waitSignal(provider_ctx.changes.changed) as blocker:
        dialog.save()
    changes = blocker.args[0]
    assert isinstance(changes, OpChanges) and changes.patient_ids == {practice.head.id}
    assert not dialog.isVisible()
    with provider_ctx.db.readonly_session() as s:
        patient = s.get(Patient, practice.head.id)
        assert patient is not None
        assert patient.wireless_phone == "(971) 555-0100"
        assert patient.wireless_phone_digits == "9715550100"
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.action == "patient.update")
        ).scalar_one()
    assert entry.detail == "fields: wireless_phone,email"  # names only, no values
    assert provider_ctx.selection is not None
    assert provider_ctx.selection.patient.email == "harold@example.org"  # reloaded


def test_add_a_family_member(qtbot: QtBot, provider_ctx: AppContext, practice: Practice) -> None:
    dialog = _dialog(qtbot, provider_ctx, guarantor_id=practice.head.id)
    assert dialog.windowTitle() == "Add Family Member"
    assert dialog.field("last_name").text() == "Brighton"
    assert dialog.ui.guarantor_id.currentData() == practice.head.id
    dialog.field("first_name").setText("Ruth")
    dialog.field("birthdate").setText("4-5-15")
    with qtbot.waitSignal(dialog.saved) as blocker:
        dialog.save()
    with provider_ctx.db.readonly_session() as s:
        ruth = s.get(Patient, blocker.args[0])
        assert ruth is not None and ruth.guarantor_id == practice.head.id
        assert ruth.birthdate is not None and ruth.birthdate.year == 2015


def test_refused_without_permission(
    qtbot: QtBot, ctx: AppContext, practice: Practice, shown_messages: list[tuple[str, str]]
) -> None:
    login(ctx, practice.readonly_user)
    dialog = _dialog(qtbot, ctx, patient_id=practice.other.id)
    dialog.field("first_name").setText("Zoey")
    dialog.save()
    assert shown_messages == [("warning", "You are not allowed to edit patients.")]
    assert dialog.isVisible() and dialog.field("first_name").text() == "Zoey"
    with ctx.db.readonly_session() as s:
        assert (
            s.execute(
                select(AuditEntry.outcome).where(AuditEntry.action == "permission.denied")
            ).scalar_one()
            == "denied"
        )
