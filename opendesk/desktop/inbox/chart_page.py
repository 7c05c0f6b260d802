"""The Chart module's WebMail tab: the selected patient's sent and received web mails, newest
first: those of their portal account and those regarding them (column "Patient is"). Every
user with Chart access sees the list; a message the user may not read (not linked to its
provider, no InboxDelegate for them, no WebMail read any) shows "(secure message)" instead of
its subject, and opening it is refused by the core with the reason. Double-click opens the
message read-only; that does not mark it read (the provider still sees it unread). File to
Chart files the selected message's whole conversation as a PDF in the patient's A-to-Z folder
(`inbox.file_to_chart`)."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext, PatientSelection
from opendesk.desktop.inbox.file_to_chart import file_to_chart
from opendesk.desktop.inbox.message_window import MessageWindow
from opendesk.desktop.inbox.models import ChartMessagesModel, ChartQuery
from opendesk.desktop.modules.base import ModulePage
from opendesk.desktop.tables import make_table, size_columns


class ChartWebMailPage(ModulePage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("chart_webmail")
        self.patient_id: int | None = None
        self.model = ChartMessagesModel(ctx, self)
        self.table = make_table("chart_messages")
        self.table.setModel(self.model)
        self.table.doubleClicked.connect(self._activated)
        self.model.loaded.connect(self._loaded)
        size_columns(self.table, ChartMessagesModel.WIDTHS)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.file_button = QPushButton("File to Chart")
        self.file_button.setObjectName("chart_file_to_chart")
        self.file_button.setToolTip(
            "Save the selected message's whole conversation as a PDF in the patient's A-to-Z "
            "folder (WebMail)"
        )
        self.file_button.setEnabled(False)
        self.file_button.clicked.connect(self.file_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.file_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection())
        self.windows: list[MessageWindow] = []
        self.patient_changed(ctx.selection)

    def patient_changed(self, selection: PatientSelection | None) -> None:
        new_id = selection.patient.id if selection is not None else None
        if new_id == self.patient_id and self.model.query is not None:
            return
        self.patient_id = new_id
        self.reload()

    def reload(self) -> None:
        if self.patient_id is None or self.ctx.user is None:
            self.model.clear()
            self.empty.setText("Select a patient to see their WebMail.")
            self.stack.setCurrentWidget(self.empty)
            return
        self.model.load_async(self.ctx, ChartQuery(self.ctx.actor, self.patient_id))

    def _selection(self) -> None:
        self.file_button.setEnabled(self.selected_id() is not None)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def file_selected(self) -> None:
        """File to Chart for the selected message's conversation (on a worker thread)."""
        message_id = self.selected_id()
        if message_id is None:
            return
        self.file_button.setEnabled(False)
        file_to_chart(self.ctx, self, message_id, lambda _f: self._selection())

    def _loaded(self) -> None:
        self._selection()
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty.setText("No WebMail for or regarding this patient.")
            self.stack.setCurrentWidget(self.empty)

    def changes(self, changes: OpChanges, initiator: object | None) -> None:
        if self.patient_id is not None and changes.touches_patient(self.patient_id):
            self.reload()

    def _activated(self, index: QModelIndex) -> None:
        self.open_row(index.row())

    def open_row(self, row: int) -> MessageWindow | None:
        message_id = self.model.id_at(row)
        if message_id is None:
            return None
        window = MessageWindow.open_window(self.ctx, message_id, self.window(), from_chart=True)
        self.windows.append(window)
        return window
