"""Migration 0006_closed_loop on a practice database that already holds users and messages:
existing rows keep their data, stay outside the loop (no state, not urgent), users get an
empty notice address, and the five default reasons are there; and it goes down again."""

from datetime import datetime

from sqlalchemy import MetaData, Table, select
from sqlalchemy.engine import URL

from opendesk.core import migrate
from opendesk.core.db import Database

NOW = datetime(2026, 11, 30, 9, 0)
TEXT_COLUMNS = {
    "patient": (
        "middle_initial preferred_name home_phone wireless_phone work_phone email address "
        "address2 city state zip last_name_key first_name_key home_phone_digits "
        "wireless_phone_digits"
    ).split(),
}


def _insert_old_rows(database: Database) -> None:
    with database.engine.begin() as conn:
        meta = MetaData()
        provider, patient, user, message = (
            Table(name, meta, autoload_with=conn)
            for name in ("provider", "patient", "staff_user", "webmail_message")
        )
        conn.execute(
            provider.insert().values(
                id=1,
                abbr="DOC",
                first_name="A",
                last_name="B",
                suffix="",
                specialty="",
                is_hidden=False,
                created_at=NOW,
            )
        )
        conn.execute(
            patient.insert().values(
                id=1,
                last_name="Lee",
                first_name="Ann",
                status="patient",
                primary_provider_id=1,
                created_at=NOW,
                **dict.fromkeys(TEXT_COLUMNS["patient"], ""),
            )
        )
        conn.execute(
            user.insert().values(
                id=1,
                username="doc",
                password_hash="x",
                is_disabled=False,
                must_change_password=False,
                failed_logins=0,
                created_at=NOW,
            )
        )
        conn.execute(
            message.insert().values(
                id=1,
                status=4,
                patient_id=1,
                regarding_patient_id=1,
                provider_id=1,
                subject="Old",
                body="Old body",
                has_attachments=False,
                is_hidden=False,
                sent_at=NOW,
                created_at=NOW,
            )
        )


def test_upgrade_keeps_existing_messages_and_seeds_reasons(empty_db_url: str | URL) -> None:
    database = Database(empty_db_url)
    try:
        migrate.upgrade(database.engine, "0001")
        _insert_old_rows(database)
        migrate.upgrade(database.engine, "0006_closed_loop")
        with database.engine.connect() as conn:
            meta = MetaData()
            message = Table("webmail_message", meta, autoload_with=conn)
            user = Table("staff_user", meta, autoload_with=conn)
            reason = Table("message_reason", meta, autoload_with=conn)
            row = conn.execute(select(message)).one()
            assert (row.subject, row.body, row.loop_state, row.due_at) == (
                "Old",
                "Old body",
                None,
                None,
            )
            assert not row.is_urgent and row.owner_user_id is None
            assert conn.execute(select(user.c.notice_email)).scalar_one() == ""
            names = conn.execute(select(reason.c.name).order_by(reason.c.sort_order)).scalars()
            assert list(names) == [
                "Appointment",
                "Billing",
                "Question for my provider",
                "Prescription",
                "Other",
            ]
        migrate.downgrade(database.engine, "0001")
        with database.engine.connect() as conn:
            message = Table("webmail_message", MetaData(), autoload_with=conn)
            assert "loop_state" not in message.c
            assert conn.execute(select(message.c.subject)).scalar_one() == "Old"
    finally:
        database.dispose()
