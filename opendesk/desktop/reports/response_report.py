"""Setup > Response report (issue 21): for a date range (local days, both included), per
provider/team and reason, the patient messages received, median and 90th percentile business
hours to the first reply, the share answered within target and how many are overdue now -
`core.services.response_report`, run on a worker (it is audited). A progress bar appears when
the run takes more than half a second. Below the table, a small QtCharts bar chart of the
median and 90th percentile per line; Export CSV writes the table (no PHI in it).

    dialog = ResponseReportDialog(ctx, parent); dialog.show(); dialog.run()
    dialog.export_to(path)
"""

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core.services import response_report
from opendesk.core.services.response_report import ReportRow
from opendesk.desktop import message_channel
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_response_report import Ui_ResponseReportDialog
from opendesk.desktop.inbox.text import day_start_utc
from opendesk.desktop.operations import WriteOp
from opendesk.desktop.tables import setup_table, size_columns

SHOW_PROGRESS_MS = 500
HEADERS = (
    "Provider / team",
    "Reason",
    "Received",
    "Answered",
    "Median h",
    "90th pct h",
    "Within target",
    "Overdue now",
)
HEADER_TIPS = (
    "",
    "",
    "Patient messages received in these days",
    "Messages that got a reply",
    "Median time to the first reply, in business hours",
    "90 % of the first replies came within this many business hours",
    "Answered by the due time (of those answered or already past due)",
    "Still open and past the due time now",
)
WIDTHS: tuple[str | None, ...] = (
    "Team: Front desk",
    None,
    "Received",
    "Answered",
    "1000.0",
    "90th pct h",
    "Within target",
    "Overdue now",
)


class _Progress(QObject):
    """Carries the worker's progress to the GUI thread (a queued signal)."""

    moved = Signal(int, int)


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _cells(r: ReportRow) -> list[str]:
    pct = "" if r.within_target_pct is None else f"{r.within_target_pct:.0f} %"
    return [
        r.recipient,
        r.reason,
        str(r.received),
        str(r.answered),
        _hours(r.median_hours),
        _hours(r.p90_hours),
        pct,
        str(r.overdue_now),
    ]


class ResponseReportDialog(QDialog):
    finished_run = Signal(object)  # list[ReportRow], after each run

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("response_report")
        self.rows: list[ReportRow] = []
        self.running = False
        self.ui = ui = Ui_ResponseReportDialog()
        ui.setupUi(self)
        today = QDate.currentDate()
        ui.date_from.setDate(today.addDays(-30))
        ui.date_to.setDate(today)
        ui.run.clicked.connect(self.run)
        ui.export_csv.clicked.connect(lambda: self.export_to())
        ui.export_csv.setEnabled(False)
        ui.close.clicked.connect(self.close)
        ui.progress.setVisible(False)
        for label in (ui.from_label, ui.to_label):
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(label.text()) + 4)
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        for column, tip in enumerate(HEADER_TIPS):
            item = self.model.horizontalHeaderItem(column)
            if tip and item is not None:
                item.setToolTip(tip)
        self.table = setup_table(ui.table)
        self.table.setModel(self.model)
        size_columns(self.table, WIDTHS)
        self.chart = QChart()
        self.chart.setTitle("Business hours to the first reply")
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart, ui.chart_host)
        self.chart_view.setObjectName("response_chart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(200)
        ui.chartLayout.addWidget(self.chart_view)
        ui.split.setStretchFactor(0, 3)
        ui.split.setStretchFactor(1, 2)
        self.progress = _Progress(self)
        self.progress.moved.connect(self._moved)
        self.progress_timer = QTimer(self)
        self.progress_timer.setSingleShot(True)
        self.progress_timer.setInterval(SHOW_PROGRESS_MS)
        self.progress_timer.timeout.connect(self._show_progress)
        self.resize(1000, 620)  # fits a 1280x720 screen

    def _range(self) -> tuple[date, date]:
        def day(value: QDate) -> date:
            return date(value.year(), value.month(), value.day())

        return day(self.ui.date_from.date()), day(self.ui.date_to.date())

    # -- running ------------------------------------------------------------------------------
    def run(self) -> None:
        if self.running:
            return
        first, last = self._range()
        if last < first:
            message_channel.error(self, "The From day is after the To day.")
            return
        start, end = day_start_utc(first), day_start_utc(last + timedelta(days=1))
        actor, signal = self.ctx.actor, self.progress.moved

        def work(session: Session) -> list[ReportRow]:
            return response_report.response_report(
                session, actor, start, end, lambda done, total: signal.emit(done, total)
            )

        self.running = True
        self.ui.run.setEnabled(False)
        self.ui.summary.setText("Counting…")
        self.progress_timer.start()
        WriteOp(self.ctx, work, parent=self, success=self._shown).failure(
            self._failed
        ).run_in_background()

    def _show_progress(self) -> None:
        if self.running:
            self.ui.progress.setRange(0, 0)  # busy until the first step is known
            self.ui.progress.setVisible(True)

    def _moved(self, done: int, total: int) -> None:
        if total:
            self.ui.progress.setRange(0, total)
            self.ui.progress.setValue(done)

    def _stop(self) -> None:
        self.running = False
        self.progress_timer.stop()
        self.ui.progress.setVisible(False)
        self.ui.run.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        self.ui.summary.setText("")
        message_channel.show_error(self, exc)

    def _shown(self, rows: list[ReportRow]) -> None:
        self._stop()
        self.rows = rows
        self.model.removeRows(0, self.model.rowCount())
        for r in rows:
            items = [QStandardItem(text) for text in _cells(r)]
            for column, item in enumerate(items):
                item.setEditable(False)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 7 and r.overdue_now:
                    item.setForeground(Qt.GlobalColor.red)
            if r.recipient == response_report.ALL:
                for item in items:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
            self.model.appendRow(items)
        self._draw(rows)
        total = rows[-1].received if rows else 0
        self.ui.summary.setText(
            f"{total} patient message{'s' if total != 1 else ''} received in these days."
            if rows
            else "No patient messages were received in these days."
        )
        self.ui.export_csv.setEnabled(bool(rows))
        self.finished_run.emit(rows)

    def _draw(self, rows: list[ReportRow]) -> None:
        """Median and 90th percentile bars per line (the All line left out)."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        lines = [r for r in rows if r.recipient != response_report.ALL]
        if not lines:
            return
        median, p90 = QBarSet("Median"), QBarSet("90th percentile")
        for r in reversed(lines):  # the first line on top
            median.append(r.median_hours or 0.0)
            p90.append(r.p90_hours or 0.0)
        series = QHorizontalBarSeries()
        series.append(median)
        series.append(p90)
        self.chart.addSeries(series)
        labels = QBarCategoryAxis()
        labels.append([f"{r.recipient} · {r.reason}" for r in reversed(lines)])
        values = QValueAxis()
        values.setLabelFormat("%g")
        values.setRange(0, max([1.0] + [r.p90_hours or 0.0 for r in lines]))
        values.applyNiceNumbers()
        self.chart.addAxis(labels, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(labels)
        series.attachAxis(values)

    # -- export -------------------------------------------------------------------------------
    def export_to(self, path: str | None = None) -> None:
        if not self.rows:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export the response report", "response-report.csv", "CSV files (*.csv)"
            )
            if not path:
                return
        try:
            with Path(path).open("w", newline="", encoding="utf-8") as out:
                out.write(response_report.report_csv(self.rows))
        except OSError as exc:
            message_channel.error(
                self,
                f"The file could not be written ({exc.strerror or type(exc).__name__}). "
                "Choose another folder.",
            )
            return
        self.ui.summary.setText(f"Exported {len(self.rows)} lines to {path}")
