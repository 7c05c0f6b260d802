"""Setup > Audit Report (ONC 170.315(d)(3)-style): who did what, when, to which patient.

Opening the window calls `audit_report.open_report` (AuditView permission; the opening is
audited; the chain is verified and shown in green or red at the top). The entries are a lazy
model over `report_ids`/`report_rows` (pages of 200 as the view scrolls); filters are the date
range, the user, the patient (the Select Patient dialog) and the action (a prefix); clicking a
Time, Who, Patient or Action header sorts. Export CSV writes the filtered report on a worker
(`audit_report.export_csv`, audited) with a progress bar.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHeaderView, QWidget
from sqlalchemy.orm import Session

from opendesk.core import timefmt
from opendesk.core.actors import StaffActor
from opendesk.core.audit import ChainReport
from opendesk.core.services import audit_report, patients, setup_views
from opendesk.core.services.audit_report import AuditFilter, AuditRow, AuditSort
from opendesk.desktop import message_channel
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_audit_report import Ui_AuditReportWindow
from opendesk.desktop.models.base import Column, LazyIdTableModel
from opendesk.desktop.operations import ReadOp, WriteOp

PAGE = 200
ACTIONS = (
    "",
    "staff.",
    "webmail.",
    "portal.",
    "patient.",
    "user.",
    "provider.",
    "group.",
    "preferences.",
    "audit.",
    "permission.denied",
)
GOOD = "color: #1b5e20; font-weight: bold;"
BAD = "color: #b00020; font-weight: bold;"


@dataclass(frozen=True)
class AuditQuery:
    actor: StaffActor
    filter: AuditFilter
    sort: AuditSort = AuditSort.TIME
    descending: bool = True


class AuditModel(LazyIdTableModel[AuditQuery, AuditRow]):
    columns = (
        Column("Time", lambda r: timefmt.format_datetime(r.at, seconds=True)),
        Column("Who", lambda r: r.who),
        Column("Action", lambda r: r.action),
        Column("Outcome", lambda r: r.outcome),
        Column("Patient", lambda r: f"{r.patient_name} (#{r.patient_id})" if r.patient_id else ""),
        Column("Object", lambda r: r.object),
        Column("Workstation", lambda r: r.workstation),
        Column("Detail", lambda r: r.detail),
    )
    SORTS = {0: AuditSort.TIME, 1: AuditSort.USER, 2: AuditSort.ACTION, 4: AuditSort.PATIENT}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx.db, parent)
        self.ctx = ctx

    def fetch_ids(
        self, session: Session, query: AuditQuery, cursor: Any
    ) -> tuple[Sequence[int], Any]:
        offset = int(cursor or 0)
        ids = audit_report.report_ids(
            session, query.actor, query.filter, query.sort, query.descending, offset, PAGE
        )
        return ids, (offset + PAGE if len(ids) == PAGE else None)

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> dict[int, AuditRow]:
        return {row.id: row for row in audit_report.report_rows(session, list(ids))}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.query is None or column not in self.SORTS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.load_async(
            self.ctx, replace(self.query, sort=self.SORTS[column], descending=descending)
        )


class AuditReportWindow(QWidget):
    """A window of its own. `opened(ChainReport)` after the permission check, `refused()`
    (then the window closes), `exported(rows, path)`."""

    opened = Signal(object)
    refused = Signal()
    exported = Signal(int, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.ui = Ui_AuditReportWindow()
        self.ui.setupUi(self)
        self.setObjectName("audit_report")
        self.actor = ctx.actor
        self.patient_id: int | None = None
        self.chain: ChainReport | None = None
        self.exporting = False
        self.ui.date_error.setVisible(False)
        self.ui.chainLabel.setWordWrap(True)
        today = QDate.currentDate()
        self.ui.date_from.setDate(today.addDays(-30))
        self.ui.date_to.setDate(today)
        for check, edit in (
            (self.ui.date_from_enabled, self.ui.date_from),
            (self.ui.date_to_enabled, self.ui.date_to),
        ):
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        self.ui.action.addItems([a or "(all actions)" for a in ACTIONS])
        self.ui.user.addItem("(all users)", None)

        self.model = AuditModel(ctx, self)
        view = self.ui.entriesView
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 110, 150, 65, 170, 100, 100)):
            view.setColumnWidth(column, width)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        self.model.loaded.connect(self._update_count)

        self.ui.applyButton.clicked.connect(self.apply)
        self.ui.patientButton.clicked.connect(self.choose_patient)
        self.ui.patientClear.clicked.connect(lambda: self.set_patient(None, ""))
        self.ui.exportButton.clicked.connect(lambda: self.export())
        self.ui.closeButton.clicked.connect(self.close)
        self._set_enabled(False)
        actor = self.actor
        WriteOp(
            ctx,
            lambda s: audit_report.open_report(s, actor),
            parent=self,
            success=self._opened,
        ).failure(self._refused).with_progress("Verifying the audit chain…").run_in_background()

    # -- opening --------------------------------------------------------------------------------
    def _set_enabled(self, on: bool) -> None:
        for widget in (self.ui.applyButton, self.ui.exportButton, self.ui.entriesView):
            widget.setEnabled(on)

    def _refused(self, exc: BaseException) -> None:
        self.ui.chainLabel.setText(
            message_channel.user_message(exc) if message_channel.is_expected(exc) else ""
        )
        message_channel.show_error(self.parentWidget(), exc)
        self.refused.emit()
        self.close()

    def _opened(self, report: ChainReport) -> None:
        self.chain = report
        self.ui.chainLabel.setText(
            f"Audit chain verified: {report.rows_checked} entries, none changed or removed."
            if report.intact
            else f"Audit chain BROKEN at entry {report.broken_id}: {report.reason}; "
            f"{report.rows_checked} entries before it verified. Report this to your IT support."
        )
        self.ui.chainLabel.setStyleSheet(GOOD if report.intact else BAD)
        self._set_enabled(True)
        actor = self.actor
        ReadOp(
            self.ctx,
            lambda s: setup_views.user_names(s, actor),
            parent=self,
            success=self._fill_users,
        ).run_in_background()
        self.apply()
        self.opened.emit(report)

    def _fill_users(self, users: list[tuple[int, str]]) -> None:
        for uid, name in users:
            self.ui.user.addItem(name, uid)

    # -- filters --------------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter | None:
        def day(check: Any, edit: Any) -> date | None:
            return edit.date().toPython() if check.isChecked() else None

        start = day(self.ui.date_from_enabled, self.ui.date_from)
        end = day(self.ui.date_to_enabled, self.ui.date_to)
        if start and end and start > end:
            self.ui.date_error.setText("The From date is after the To date.")
            self.ui.date_error.setVisible(True)
            return None
        self.ui.date_error.setVisible(False)
        action = self.ui.action.currentText().strip()
        return AuditFilter(
            date_from=start,
            date_to=end,
            user_id=self.ui.user.currentData(),
            patient_id=self.patient_id,
            action="" if action.startswith("(all") else action,
            zone=timefmt.display_zone(),  # the days shown are days of the practice's zone
        )

    def set_user(self, username: str) -> None:
        index = self.ui.user.findText(username)
        if index < 0:
            raise LookupError(username)
        self.ui.user.setCurrentIndex(index)

    def apply(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        header = self.ui.entriesView.horizontalHeader()
        sort = AuditModel.SORTS.get(header.sortIndicatorSection(), AuditSort.TIME)
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self.model.load_async(self.ctx, AuditQuery(self.actor, flt, sort, descending))

    def choose_patient(self) -> None:
        from opendesk.desktop.dialogs.select_patient import SelectPatientDialog

        dialog = SelectPatientDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.patientChosen.connect(self._patient_chosen)
        self.patient_dialog = dialog
        dialog.open()

    def _patient_chosen(self, patient_id: int) -> None:
        ReadOp(
            self.ctx,
            lambda s: patients.patient_row(s, patient_id),
            parent=self,
            success=lambda row: self.set_patient(patient_id, row.display_name),
        ).run_in_background()

    def set_patient(self, patient_id: int | None, name: str) -> None:
        self.patient_id = patient_id
        self.ui.patient.setText(f"{name} (#{patient_id})" if patient_id else "")
        self.apply()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        more = "+" if self.model.canFetchMore(self.model.index(-1, -1)) else ""
        self.ui.countLabel.setText(f"{count}{more} entries")

    # -- export ---------------------------------------------------------------------------------
    def export(self, path: str | None = None) -> None:
        flt = self.current_filter()
        if flt is None or self.exporting:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export the audit report", "audit-report.csv", "CSV files (*.csv)"
            )
            if not path:
                return
        actor = self.actor
        target = path

        def work(session: Session) -> int:
            with open(target, "w", newline="", encoding="utf-8") as out:
                return audit_report.export_csv(session, actor, flt, out)

        self.exporting = True
        self.ui.exportButton.setEnabled(False)
        self.ui.exportProgress.setVisible(True)
        WriteOp(
            self.ctx, work, parent=self, success=lambda rows: self._exported(rows, target)
        ).failure(self._export_failed).with_progress(
            "Exporting the audit report…"
        ).run_in_background()

    def _export_done(self) -> None:
        self.exporting = False
        self.ui.exportButton.setEnabled(True)
        self.ui.exportProgress.setVisible(False)

    def _exported(self, rows: int, path: str) -> None:
        self._export_done()
        self.ui.countLabel.setText(f"Exported {rows} entries to {path}")
        self.exported.emit(rows, path)
        self.apply()  # the export itself is now in the log

    def _export_failed(self, exc: BaseException) -> None:
        self._export_done()
        if isinstance(exc, OSError):
            message_channel.error(
                self,
                f"The file could not be written ({exc.strerror or type(exc).__name__}). "
                "Choose another folder.",
            )
        else:
            message_channel.show_error(self, exc)
