"""The Chart module: the selected patient's header and family, and the pages (tabs) others
register for it (the patient's WebMail list)."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opendesk.core import timefmt
from opendesk.desktop.modules.base import register_module
from opendesk.desktop.modules.paged import PagedModule
from opendesk.desktop.text import family_line

if TYPE_CHECKING:
    from opendesk.desktop.context import AppContext, PatientSelection


@register_module
class ChartModule(PagedModule):
    key = "chart"
    title = "Chart"
    icon_name = "chart"

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("chart_module")
        layout = QVBoxLayout(self)
        header = QGroupBox("Patient")
        grid = QGridLayout(header)
        self.name_label = QLabel()
        self.name_label.setObjectName("chart_patient_name")
        self.details_label = QLabel()
        for label in (self.name_label, self.details_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setStyleSheet("font-size: 13pt; font-weight: bold;")
        grid.addWidget(self.name_label, 0, 0)
        grid.addWidget(self.details_label, 1, 0)
        self.family_list = QListWidget()
        self.family_list.setObjectName("chart_family")
        self.family_list.setMaximumHeight(120)
        grid.addWidget(QLabel("Family"), 0, 1)
        grid.addWidget(self.family_list, 1, 1, 2, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        layout.addWidget(header)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("chart_tabs")
        layout.addWidget(self.tabs, 1)
        self.placeholder = QLabel("Select a patient (toolbar: Select Patient).")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for spec in self.specs():
            self.tabs.addTab(self.page_widget(spec), spec.title)
        if not self.specs():
            self.tabs.addTab(self.placeholder, "WebMail")
        self.patient_changed(ctx.selection)

    def open_page(self, key: str) -> bool:
        page = self.page_widgets.get(key)
        if page is None:
            return False
        self.tabs.setCurrentWidget(page)
        page.activated()
        return True

    def patient_changed(self, selection: "PatientSelection | None") -> None:
        self.family_list.clear()
        self.placeholder.setText(
            "Select a patient (toolbar: Select Patient)."
            if selection is None
            else "The patient's WebMail will be listed here."
        )
        if selection is None:
            self.name_label.setText("No patient selected")
            self.details_label.setText("")
        else:
            p = selection.patient
            self.name_label.setText(p.display_name)
            born = timefmt.format_date(p.birthdate) or "-"
            self.details_label.setText(
                f"Patient #{p.id}    Birthdate {born} (age {p.age()})\n"
                f"Phone {p.phone or '-'}    E-mail {p.email or '-'}\n"
                f"Primary provider {p.primary_provider_abbr}"
            )
            for member in selection.family:
                self.family_list.addItem(family_line(member, member.id == p.id))
        super().patient_changed(selection)
