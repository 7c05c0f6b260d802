"""The audit report window: opening it is audited and shows whether the chain verifies; it
lists the session's actions, filters by user, patient, action and dates, sorts, and exports a
CSV that is read back; without AuditView it is refused."""

import csv
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from opendesk.core.models import AuditEntry
from opendesk.core.services import patients, practice_setup, staff_auth
from opendesk.core.services.patients import PatientEdit
from opendesk.core.services.practice_setup import ProviderInput
from opendesk.desktop.context import AppContext
from opendesk.desktop.setup.audit_window import AuditReportWindow
from tests import factories
from tests.desktop.setup_helpers import ADMIN, ADMIN_PASSWORD, init_practice, screenshot


def _session(ctx: AppContext) -> int:
    """A short demo session: the administrator logs in, adds a provider and a patient;
    returns the patient id."""
    init_practice(ctx)
    with ctx.db.session() as s:
        staff = staff_auth.login(s, ADMIN, ADMIN_PASSWORD, ctx.workstation)
    ctx.set_user(staff)
    with ctx.db.session() as s:
        pid = practice_setup.save_provider(s, staff.actor, ProviderInput("DR1", "Dana", "Ruiz"))
    with ctx.db.session() as s:
        edit = PatientEdit(
            last_name="Parker",
            first_name="Pia",
            birthdate="1/31/1980",
            wireless_phone="(503) 555-0142",
            primary_provider_id=pid,
        )
        return patients.create_patient(s, staff.actor, edit)


def _window(qtbot: QtBot, ctx: AppContext) -> AuditReportWindow:
    window = AuditReportWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def _actions(window: AuditReportWindow) -> list[str]:
    rows = [window.model.row_at(i) for i in range(window.model.rowCount())]
    return [r.action for r in rows if r is not None]


def test_report_lists_filters_sorts_and_exports(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    patient_id = _session(ctx)
    window = _window(qtbot, ctx)
    assert window.chain is not None and window.chain.intact
    assert window.ui.chainLabel.text().startswith("Audit chain verified:")
    assert "#1b5e20" in window.ui.chainLabel.styleSheet()
    newest_first = _actions(window)
    assert newest_first[0] == "audit.report.view"  # opening the report is itself audited
    assert set(newest_first) >= {"practice.init", "staff.login", "provider.save"}
    assert window.ui.countLabel.text() == f"{len(newest_first)} entries"

    window.ui.action.setCurrentText("provider.")
    window.apply()
    assert _actions(window) == ["provider.save"]
    window.ui.action.setCurrentIndex(0)
    window.set_user(ADMIN)
    window.apply()
    assert "practice.init" not in _actions(window)  # the system's, not boss's
    window.ui.user.setCurrentIndex(0)
    window.set_patient(patient_id, "Parker, Pia")
    rows = [window.model.row_at(i) for i in range(window.model.rowCount())]
    assert rows and all(r is not None and r.patient_id == patient_id for r in rows)
    assert window.ui.patient.text() == f"Parker, Pia (#{patient_id})"
    window.ui.patientClear.click()

    # Sorting by action (the header) and back to time.
    window.ui.entriesView.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    by_action = _actions(window)
    assert by_action == sorted(by_action)

    # Dates: an impossible range says so next to the dates; an old range finds nothing.
    window.ui.date_from_enabled.setChecked(True)
    window.ui.date_to_enabled.setChecked(True)
    window.ui.date_from.setDate(date(2001, 1, 2))
    window.ui.date_to.setDate(date(2001, 1, 1))
    window.apply()
    assert window.ui.date_error.text() == "The From date is after the To date."
    window.ui.date_from.setDate(date(2000, 1, 1))
    window.apply()
    assert not window.ui.date_error.isVisible() and window.model.rowCount() == 0
    window.ui.date_from_enabled.setChecked(False)
    window.ui.date_to_enabled.setChecked(False)
    window.apply()
    screenshot(qtbot, window, "audit_report")

    target = tmp_path / "audit.csv"
    with qtbot.waitSignal(window.exported, timeout=10000) as blocker:
        window.export(str(target))
    with target.open(encoding="utf-8", newline="") as f:
        rows_read = list(csv.DictReader(f))
    assert blocker.args == [len(rows_read), str(target)]
    assert [r["action"] for r in rows_read][:2] == ["practice.init", "staff.login"]
    assert rows_read[-1]["action"] == "audit.report.view"
    parker = [r for r in rows_read if r["patient id"] == str(patient_id)]
    assert parker and all(r["patient"] == "Parker, Pia" for r in parker)
    with ctx.db.readonly_session() as s:
        export = s.execute(
            select(AuditEntry).where(AuditEntry.action == "audit.export")
        ).scalar_one()
        assert export.detail == f"rows={len(rows_read)}"
    assert _actions(window)[0] == "audit.export"  # the list shows the export now


def test_a_broken_chain_shows_red(qtbot: QtBot, ctx: AppContext) -> None:
    _session(ctx)
    with ctx.db.begin() as s:
        s.execute(
            update(AuditEntry).where(AuditEntry.action == "provider.save").values(detail="edited")
        )
    window = _window(qtbot, ctx)
    assert window.chain is not None and not window.chain.intact
    assert window.ui.chainLabel.text().startswith("Audit chain BROKEN")
    assert "#b00020" in window.ui.chainLabel.styleSheet()
    screenshot(qtbot, window, "audit_report_broken")


def test_without_audit_view_the_report_is_refused(
    qtbot: QtBot, ctx: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    _session(ctx)
    with ctx.db.session() as s:
        group = factories.group(s, "Nobody")
        factories.user(s, "nobody", groups=[group])
        s.commit()
    with ctx.db.session() as s:
        ctx.set_user(staff_auth.login(s, "nobody", factories.PASSWORD, ctx.workstation))
    refused: list[bool] = []
    window = AuditReportWindow(ctx)
    qtbot.addWidget(window)
    window.refused.connect(lambda: refused.append(True))
    assert window.chain is None and not window.isVisible()
    assert shown_messages[-1] == ("warning", "You are not allowed to view the audit log.")
    with ctx.db.readonly_session() as s:
        last = s.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
        assert last is not None
        assert (last.action, last.outcome, last.detail) == (
            "permission.denied",
            "denied",
            "AuditView",
        )
        assert not s.execute(
            select(AuditEntry).where(
                AuditEntry.action == "audit.report.view", AuditEntry.user_id == ctx.actor.user_id
            )
        ).first()
