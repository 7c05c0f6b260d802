"""Issue 24 in the desktop: a patient's preferred language is edited in Patient edit (default
English; saved and audited like every field) and staff see it in the compose window's To line
("Brighton, Harold (Spanish), ...")."""

from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from opendesk.core.models import AuditEntry, Patient
from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.patient_edit import PatientEditDialog
from tests.desktop.compose_support import (
    PortalServer,
    close_compose_windows,
    open_compose,
    portal_server,
    ready_for_webmail,
)
from tests.desktop.conftest import Practice, login

assert portal_server and close_compose_windows  # fixtures


def test_patient_edit_sets_the_preferred_language(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice
) -> None:
    dialog = PatientEditDialog(provider_ctx, patient_id=practice.head.id)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.ui.language
    assert [combo.itemText(i) for i in range(combo.count())] == ["English", "Spanish"]
    assert combo.currentData() == "en"  # every patient starts in English
    assert dialog.ui.language_label.buddy() is combo  # Alt+G reaches it
    combo.setCurrentIndex(combo.findData("es"))
    with qtbot.waitSignal(provider_ctx.changes.changed):
        dialog.save()
    with provider_ctx.db.readonly_session() as s:
        patient = s.get(Patient, practice.head.id)
        assert patient is not None and patient.language == "es"
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.action == "patient.update")
        ).scalar_one()
    assert entry.detail == "fields: language"
    again = PatientEditDialog(provider_ctx, patient_id=practice.head.id)
    qtbot.addWidget(again)
    assert again.ui.language.currentText() == "Spanish"


def test_the_compose_to_line_names_the_recipients_language(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    with ctx.db.session() as s:
        s.execute(update(Patient).where(Patient.id == practice.head.id).values(language="es"))
        s.commit()
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.child.id)
    assert window.ui.recipient.text() == (
        "Brighton, Harold (Spanish), in their patient portal account "
        "(Brighton, Tom has no account of their own)"
    )
    window.close()
