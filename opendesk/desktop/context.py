"""The session context every window, module and dialog receives: the database, the workstation
settings, the task manager, the changes hub, the logged-on user and the selected patient with
their family.

    ctx.user            LoggedOnUser | None (core.services.staff_auth), ctx.actor its StaffActor
    ctx.selection       PatientSelection | None: .patient (PatientRow) and .family
    ctx.patientChanged  Signal(object): the new PatientSelection or None
    ctx.userChanged     Signal(object): the new LoggedOnUser or None
    ctx.draftRequested  Signal(int): open this WebMail draft in the compose window (emitted by
                        the inbox's Drafts mailbox; the compose window's module listens)
    ctx.changes         ChangeHub: changed(OpChanges, initiator)
    ctx.select_patient(patient_id) loads the row and family off the GUI thread, then emits
"""

import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from opendesk.core import preferences, timefmt
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.errors import PermissionDenied
from opendesk.core.services import patients
from opendesk.core.services.patients import PatientRow
from opendesk.core.services.staff_auth import LoggedOnUser
from opendesk.core.settings import PORTAL_URL, WorkstationSettings, read_machine_config
from opendesk.desktop.changes import ChangeHub, OpChanges
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.taskman import TaskManager


@dataclass(frozen=True)
class PatientSelection:
    """The selected patient and their family (guarantor first)."""

    patient: PatientRow
    family: tuple[PatientRow, ...]

    @property
    def guarantor(self) -> PatientRow:
        head = self.patient.family_head_id
        return next((p for p in self.family if p.id == head), self.patient)

    @property
    def family_ids(self) -> frozenset[int]:
        return frozenset(p.id for p in self.family)


def load_selection(session: Session, patient_id: int) -> PatientSelection:
    row = patients.patient_row(session, patient_id)
    return PatientSelection(row, tuple(patients.family_rows(session, patient_id)))


class AppContext(QObject):
    patientChanged = Signal(object)
    userChanged = Signal(object)
    draftRequested = Signal(int)

    def __init__(
        self,
        db: Database,
        settings: WorkstationSettings,
        *,
        taskman: TaskManager | None = None,
        workstation: str | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.taskman = taskman or TaskManager()
        self.changes = ChangeHub()
        self.workstation = workstation or socket.gethostname()
        self.user: LoggedOnUser | None = None
        self.selection: PatientSelection | None = None
        self._practice: dict[str, Any] = {}
        self.practice = {}  # (the workstation's time zone until the preferences are read)
        # The machine configuration (the registry on Windows) is read once, here at start-up,
        # never again on the GUI thread.
        self.machine_portal_url = str(read_machine_config().get("PORTALURL", ""))
        self.changes.changed.connect(self._on_changes)

    # -- user ---------------------------------------------------------------------------------
    @property
    def actor(self) -> StaffActor:
        if self.user is None:
            raise PermissionDenied("Log on first.")
        return self.user.actor

    def set_user(self, user: LoggedOnUser | None) -> None:
        self.user = user
        self.userChanged.emit(user)

    # -- patient ------------------------------------------------------------------------------
    @property
    def patient(self) -> PatientRow | None:
        return self.selection.patient if self.selection else None

    def set_selection(self, selection: PatientSelection | None) -> None:
        self.selection = selection
        self.patientChanged.emit(selection)

    def select_patient(
        self,
        patient_id: int | None,
        parent: QWidget | None = None,
        then: Callable[[PatientSelection], None] | None = None,
    ) -> None:
        if patient_id is None:
            self.set_selection(None)
            return

        def done(selection: PatientSelection) -> None:
            self.set_selection(selection)
            if then is not None:
                then(selection)

        ReadOp(
            self, lambda s: load_selection(s, patient_id), parent=parent, success=done
        ).run_in_background()

    def _on_changes(self, changes: OpChanges, _initiator: object) -> None:
        if self.selection is not None and changes.touches_patient(self.selection.patient.id):
            self.select_patient(self.selection.patient.id)
        if changes.preferences:
            self.load_practice()

    # -- preferences and settings ---------------------------------------------------------------
    @property
    def practice(self) -> dict[str, Any]:
        """The practice preferences (core.preferences); setting them also sets the time zone
        every date and time of the client is shown in (core.timefmt)."""
        return self._practice

    @practice.setter
    def practice(self, values: dict[str, Any]) -> None:
        self._practice = values
        timefmt.set_display_zone(timefmt.practice_zone(values))

    def load_practice(self, then: Callable[[], None] | None = None) -> None:
        """Read the practice preferences (core.preferences) into `self.practice`."""

        def done(values: dict[str, Any]) -> None:
            self.practice = values
            if then is not None:
                then()

        ReadOp(self, preferences.get_all, success=done).run_in_background()

    @property
    def workstation_portal_url(self) -> str:
        """The portal address this workstation checks: its settings file (in memory), else the
        machine configuration read at start-up; "" when neither sets one."""
        return self.settings.get(PORTAL_URL) or self.machine_portal_url

    @property
    def portal_url(self) -> str:
        """The workstation's portal URL, else the practice preference."""
        return self.workstation_portal_url or str(
            self.practice.get(preferences.PORTAL_URL.name, "")
        )
