"""Closed-loop messaging (issue 21): teams, message reasons (seeded with the five defaults),
ownership/due columns on webmail_message with the indexes of the loop views, and the staff
users' notice address.

Revision ID: 0006_closed_loop
Revises: 0005_outbox_attempt_started
Create Date: 2026-11-30 09:40:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0006_closed_loop"
down_revision: str | None = "0005_outbox_attempt_started"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mariadb").with_variant(
    mysql.DATETIME(fsp=6), "mysql"
)
DEFAULT_REASONS = ("Appointment", "Billing", "Question for my provider", "Prescription", "Other")


def upgrade() -> None:
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("name", name=op.f("uq_team_name")),
    )
    op.create_table(
        "team_member",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_team_member_team_id_team"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["staff_user.id"],
            name=op.f("fk_team_member_user_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_team_member")),
    )
    op.create_index("ix_team_member_user", "team_member", ["user_id"])
    reason = op.create_table(
        "message_reason",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("recipient_kind", sa.String(length=10), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("target_hours", sa.Integer(), nullable=False),
        sa.Column("backup_user_id", sa.Integer(), nullable=True),
        sa.Column("backup_team_id", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_message_reason_team_id_team")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["provider.id"], name=op.f("fk_message_reason_provider_id_provider")
        ),
        sa.ForeignKeyConstraint(
            ["backup_user_id"],
            ["staff_user.id"],
            name=op.f("fk_message_reason_backup_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["backup_team_id"], ["team.id"], name=op.f("fk_message_reason_backup_team_id_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_reason")),
        sa.UniqueConstraint("name", name=op.f("uq_message_reason_name")),
    )
    op.create_index("ix_message_reason_order", "message_reason", ["is_active", "sort_order"])
    created = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(
        reason,
        [
            {
                "name": name,
                "recipient_kind": "primary",
                "target_hours": 8,
                "is_active": True,
                "sort_order": (i + 1) * 10,
                "created_at": created,
            }
            for i, name in enumerate(DEFAULT_REASONS)
        ],
    )
    with op.batch_alter_table("staff_user") as batch:
        batch.add_column(
            sa.Column("notice_email", sa.String(length=254), nullable=False, server_default="")
        )
    with op.batch_alter_table("webmail_message") as batch:
        batch.add_column(sa.Column("reason_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("owner_user_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("loop_state", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("due_at", STAMP, nullable=True))
        batch.add_column(sa.Column("escalated_at", STAMP, nullable=True))
        batch.add_column(
            sa.Column("is_urgent", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.create_foreign_key(
            op.f("fk_webmail_message_reason_id_message_reason"),
            "message_reason",
            ["reason_id"],
            ["id"],
        )
        batch.create_foreign_key(
            op.f("fk_webmail_message_team_id_team"), "team", ["team_id"], ["id"]
        )
        batch.create_foreign_key(
            op.f("fk_webmail_message_owner_user_id_staff_user"),
            "staff_user",
            ["owner_user_id"],
            ["id"],
        )
        batch.create_index(
            "ix_webmail_loop_provider",
            ["provider_id", "loop_state", "owner_user_id", "is_urgent", "due_at", "id"],
        )
        batch.create_index(
            "ix_webmail_loop_team",
            ["team_id", "loop_state", "owner_user_id", "is_urgent", "due_at", "id"],
        )
        batch.create_index(
            "ix_webmail_loop_owner", ["owner_user_id", "loop_state", "is_urgent", "due_at", "id"]
        )
        batch.create_index(
            "ix_webmail_loop_due",
            ["loop_state", "escalated_at", "due_at", "owner_user_id", "team_id", "provider_id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("webmail_message") as batch:
        # Foreign keys first: MariaDB will not drop an index a foreign key still uses.
        batch.drop_constraint(op.f("fk_webmail_message_owner_user_id_staff_user"), "foreignkey")
        batch.drop_constraint(op.f("fk_webmail_message_team_id_team"), "foreignkey")
        batch.drop_constraint(op.f("fk_webmail_message_reason_id_message_reason"), "foreignkey")
        batch.drop_index("ix_webmail_loop_due")
        batch.drop_index("ix_webmail_loop_owner")
        batch.drop_index("ix_webmail_loop_team")
        batch.drop_index("ix_webmail_loop_provider")
        for column in (
            "is_urgent",
            "escalated_at",
            "due_at",
            "loop_state",
            "owner_user_id",
            "team_id",
            "reason_id",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("staff_user") as batch:
        batch.drop_column("notice_email")
    op.drop_table("message_reason")
    op.drop_table("team_member")
    op.drop_table("team")
