"""Alembic environment: always run by barium_tracker.storage.database with a live connection."""

from __future__ import annotations

from alembic import context

from barium_tracker.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable by running the alembic CLI directly
    raise RuntimeError("Run migrations through 'barium-tracker db upgrade', not the alembic command.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
