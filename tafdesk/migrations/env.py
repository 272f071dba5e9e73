"""Alembic environment: runs on the connection tafdesk hands over (see models/migrate.py)."""

from alembic import context

from tafdesk.models.orm import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used when developers run alembic by hand
    raise SystemExit("Run migrations through tafdesk (tafdesk.models.migrate.upgrade).")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
