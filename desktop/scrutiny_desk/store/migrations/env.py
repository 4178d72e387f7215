"""Alembic environment: runs on the connection that ``store.db`` hands over."""

from __future__ import annotations

from alembic import context

from scrutiny_desk.store.orm import Base
from scrutiny_desk.store.search_index import include_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic revision --autogenerate`
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url") or "").connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=include_object,  # the full-text index is SQL of its own (0004)
)
with context.begin_transaction():
    context.run_migrations()
