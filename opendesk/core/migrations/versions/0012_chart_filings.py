"""Conversations filed to the chart as PDF (issue 23): the chart_filing table.

Revision ID: 0012_chart_filings
Revises: 0011_patient_language
Create Date: 2026-11-30 12:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0012_chart_filings"
down_revision: str | None = "0011_patient_language"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Timestamp = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mariadb").with_variant(
    mysql.DATETIME(fsp=6), "mysql"
)


def upgrade() -> None:
    op.create_table(
        "chart_filing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filed_at", Timestamp, nullable=False),
        sa.Column("filed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("filed_by", sa.String(length=100), nullable=False),
        sa.Column("message_ids", sa.Text(), nullable=False),
        sa.Column("last_message_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["filed_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_chart_filing_filed_by_user_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_chart_filing_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["webmail_message.id"],
            name=op.f("fk_chart_filing_thread_id_webmail_message"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chart_filing")),
    )
    op.create_index(
        "ix_chart_filing_patient", "chart_filing", ["patient_id", "filed_at"], unique=False
    )
    op.create_index(
        "uq_chart_filing_version", "chart_filing", ["thread_id", "version"], unique=True
    )


def downgrade() -> None:
    # The table takes its indexes with it (MariaDB will not drop uq_chart_filing_version on its
    # own: the thread_id foreign key uses it).
    op.drop_table("chart_filing")
