"""Each patient's preferred language (issue 24): the portal's interface and the notice
e-mails use it; English for every existing patient.

Revision ID: 0011_patient_language
Revises: 0010_message_settings
Create Date: 2026-11-30 12:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_patient_language"
down_revision: str | None = "0010_message_settings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ALTER TABLE (no batch copy, also on SQLite, as 0004): the patient table references
# itself, so SQLite's copy-and-drop would trip its foreign keys.


def upgrade() -> None:
    op.add_column(
        "patient", sa.Column("language", sa.String(length=10), nullable=False, server_default="en")
    )


def downgrade() -> None:
    op.drop_column("patient", "language")
