"""Fixtures for the desktop tests: an application context on the test database with a
synchronous task manager, a small practice made with the factories, and a logged-on user."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.models import Patient, Provider
from opendesk.core.services import staff_auth
from opendesk.core.services.staff_auth import LoggedOnUser
from opendesk.core.settings import WorkstationSettings
from opendesk.desktop import message_channel
from opendesk.desktop.context import AppContext
from opendesk.desktop.taskman import TaskManager
from tests import factories


@dataclass
class Practice:
    kim: Provider
    marcus: Provider
    nouser: Provider
    head: Patient
    spouse: Patient
    child: Patient
    other: Patient
    provider_user: str
    frontdesk_user: str
    readonly_user: str


@pytest.fixture
def practice(db: Database) -> Practice:
    with db.session() as s:
        kim = Provider(abbr="KA", first_name="Kim", last_name="Albright", suffix="DDS")
        marcus = Provider(abbr="MB", first_name="Marcus", last_name="Bell", specialty="Perio")
        nouser = Provider(abbr="XN", first_name="Nora", last_name="Nash")
        s.add_all([kim, marcus, nouser])
        s.flush()
        providers = factories.group(
            s, "Providers", Permission.WEBMAIL_SEND, Permission.PATIENT_EDIT
        )
        front = factories.group(s, "Front desk", Permission.PATIENT_EDIT)
        viewer = factories.group(s, "Viewers")
        factories.user(s, "kalbright", prov=kim, groups=[providers])
        factories.user(s, "mbell", prov=marcus, groups=[providers])
        factories.user(s, "frontdesk", groups=[front])
        factories.user(s, "viewer", groups=[viewer])
        head = factories.patient(
            s,
            kim,
            last="Brighton",
            first="Harold",
            birthdate=date(1970, 3, 4),
            home_phone="(503) 555-0142",
            wireless_phone="(971) 555-0199",
        )
        spouse = factories.patient(
            s, kim, last="Brighton", first="Alice", guarantor=head, birthdate=date(1972, 5, 6)
        )
        child = factories.patient(
            s, kim, last="Brighton", first="Tom", guarantor=head, birthdate=date(2012, 7, 8)
        )
        other = factories.patient(
            s, marcus, last="Bristow", first="Zoe", birthdate=date(1990, 1, 31)
        )
        s.commit()
    return Practice(
        kim, marcus, nouser, head, spouse, child, other, "kalbright", "frontdesk", "viewer"
    )


@pytest.fixture
def ctx(db: Database, tmp_path: Path, qapp: object) -> Iterator[AppContext]:
    context = AppContext(
        db,
        WorkstationSettings(tmp_path / "settings.json"),
        taskman=TaskManager(synchronous=True),
        workstation="test-ws",
    )
    yield context
    context.taskman.wait_for_done()


def login(ctx: AppContext, username: str) -> LoggedOnUser:
    with ctx.db.session() as s:
        user = staff_auth.login(s, username, factories.PASSWORD, ctx.workstation)
    ctx.set_user(user)
    return user


@pytest.fixture
def provider_ctx(ctx: AppContext, practice: Practice) -> AppContext:
    login(ctx, practice.provider_user)
    return ctx


@pytest.fixture
def shown_messages(qtbot: QtBot) -> Iterator[list[tuple[str, str]]]:
    """Every message the channel shows during the test, as (level, text)."""
    seen: list[tuple[str, str]] = []

    def record(level: str, text: str) -> None:
        seen.append((level, text))

    message_channel.channel().shown.connect(record)
    yield seen
    message_channel.channel().shown.disconnect(record)
    for box in message_channel.channel().open_boxes:
        if shiboken6.isValid(box) and box.isVisible():
            box.close()
