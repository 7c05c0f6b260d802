"""Alembic environment: runs on the connection that `opendesk.core.migrate` hands it."""

from alembic import context

from opendesk.core.fulltext import in_models
from opendesk.core.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a bare `alembic` command line
    raise RuntimeError("run migrations through 'opendesk-admin db upgrade'")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=in_models,  # the full-text index lives beside the models
)
with context.begin_transaction():
    context.run_migrations()
