"""One typed "what changed" signal (Anki's OpChanges).

An operation that writes declares what it changed; after it succeeds the ChangeHub emits
`changed(OpChanges, initiator)` once, and every open view (module, list, alert count) decides
for itself whether to refresh. No view polls or pokes another.
"""

from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class OpChanges:
    """What an operation changed. `patient_ids`, when given, narrows `patients`/`messages` to
    these patients (an empty set means "unknown: maybe any")."""

    patients: bool = False
    providers: bool = False
    messages: bool = False
    alerts: bool = False
    preferences: bool = False
    users: bool = False
    patient_ids: frozenset[int] = frozenset()

    def __or__(self, other: "OpChanges") -> "OpChanges":
        values: dict[str, object] = {}
        for f in fields(self):
            if f.name == "patient_ids":
                values[f.name] = self.patient_ids | other.patient_ids
            else:
                values[f.name] = getattr(self, f.name) or getattr(other, f.name)
        return OpChanges(**values)  # type: ignore[arg-type]

    def touches_patient(self, patient_id: int) -> bool:
        return (self.patients or self.messages) and (
            not self.patient_ids or patient_id in self.patient_ids
        )

    @property
    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "patient_ids")


NOTHING = OpChanges()


class ChangeHub(QObject):
    """`changed(changes: OpChanges, initiator: object | None)` after every writing operation.

    `initiator` is the object that ran the operation (a view may skip refreshing itself)."""

    changed = Signal(object, object)

    def publish(self, changes: OpChanges, initiator: object | None = None) -> None:
        if changes.any:
            self.changed.emit(changes, initiator)
