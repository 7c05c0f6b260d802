"""The preferences' change marker (issue 18): a one-row table whose `version` every
preference write moves in its own transaction, so the portal can keep the preferences in
memory and still see a change made from the desktop or another portal process at once.

Revision ID: 0015_preference_marker
Revises: 0014_inbox_search
Create Date: 2026-11-30 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_preference_marker"
down_revision: str | None = "0014_inbox_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    marker = op.create_table(
        "preference_marker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preference_marker")),
    )
    op.bulk_insert(marker, [{"id": 1, "version": 1}])


def downgrade() -> None:
    op.drop_table("preference_marker")
