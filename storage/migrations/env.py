"""Alembic environment. Run through ``oursay init`` (storage.migrate.upgrade)."""

from __future__ import annotations

from alembic import context

from storage.db import make_engine
from storage.models import Base, compared

config = context.config


def run_migrations() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url"), transactional_ddl=True)
        with engine.begin() as connection:
            _run(connection)
        engine.dispose()
    else:
        _run(connectable)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=compared,
        # All migrations in one transaction, SQLite included (see storage.db.make_engine):
        # a killed `oursay init` leaves the schema as it was, never half-built.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
