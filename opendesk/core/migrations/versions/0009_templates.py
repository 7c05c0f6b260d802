"""WebMail templates and signatures (issue 22 part A): the `webmail_template` table (name,
subject, body, practice-wide or personal to a provider, shared-folder file names, message
settings) and each provider's plain-text signature.

Revision ID: 0009_templates
Revises: 0008_portal_totp
Create Date: 2026-11-30 12:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0009_templates"
down_revision: str | None = "0008_portal_totp"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mariadb").with_variant(
    mysql.DATETIME(fsp=6), "mysql"
)
LONG_TEXT = sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")


def upgrade() -> None:
    op.create_table(
        "webmail_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", LONG_TEXT, nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("attachment_names", sa.Text(), nullable=False),
        sa.Column("allow_reply", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("notify_unread_days", sa.Integer(), nullable=True),
        sa.Column("updated_at", STAMP, nullable=True),
        sa.Column("updated_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["provider.id"], name=op.f("fk_webmail_template_provider_id_provider")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_user_id"],
            ["staff_user.id"],
            name=op.f("fk_webmail_template_updated_by_user_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webmail_template")),
    )
    op.create_index("ix_webmail_template_provider", "webmail_template", ["provider_id", "name"])
    # A plain ADD COLUMN (no batch): on SQLite a batch would copy the provider table, which
    # patients and users refer to, and the foreign keys refuse that.
    op.add_column(
        "provider",
        sa.Column("signature", sa.String(length=1000), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_column("provider", "signature")  # SQLite 3.35+ drops a plain column in place
    op.drop_table("webmail_template")
