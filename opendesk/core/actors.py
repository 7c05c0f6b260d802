"""Who is acting: a staff user at a workstation, a portal account holder, or the system."""

import socket
from dataclasses import dataclass

from opendesk.core.enums import ActorKind


@dataclass(frozen=True)
class StaffActor:
    user_id: int
    workstation: str = socket.gethostname()

    kind = ActorKind.USER


@dataclass(frozen=True)
class PortalActor:
    account_id: int
    patient_id: int
    client: str = ""  # the client's address, for the audit log

    kind = ActorKind.PORTAL


@dataclass(frozen=True)
class SystemActor:
    name: str = "system"
    workstation: str = socket.gethostname()

    kind = ActorKind.SYSTEM


Actor = StaffActor | PortalActor | SystemActor
