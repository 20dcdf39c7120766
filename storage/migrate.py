"""Create or migrate the database (``oursay init``) and seed the council registry.

The whole schema is built in one transaction, on SQLite as on PostgreSQL, so a process
killed halfway leaves the database as it was. A half-built schema left by an older
oursay (tables, but no schema version) is repaired by ``oursay init`` when its tables
are empty, and refused in one line otherwise.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from storage.db import database_url, get_engine, make_engine, normalise_url
from storage.models import Base, Council

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
# Any fixed number: concurrent `oursay init`s on PostgreSQL take turns on it.
POSTGRES_INIT_LOCK = 7_226_115


class SchemaError(ValueError):
    """The database's schema is missing, half-built or unknown; the message is one line."""


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    url = normalise_url(url) if url else database_url()
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str | None = None, *, repair: bool = False) -> str | None:
    """Build or migrate the schema to the newest revision and seed the councils, all in
    one transaction. With ``repair`` (``oursay init``), a half-built schema whose tables
    are empty is dropped and built again; returns a line saying so, else None.

    Raises SchemaError, with one line, for anything it cannot build on.
    """
    url = normalise_url(url) if url else database_url()
    sqlite = url.startswith("sqlite")
    # A private engine on SQLite: transactional DDL changes how its connections begin.
    engine = make_engine(url, transactional_ddl=True) if sqlite else get_engine(url)
    config = alembic_config(url)
    try:
        with engine.begin() as connection:
            if not sqlite:
                connection.execute(select(func.pg_advisory_xact_lock(POSTGRES_INIT_LOCK)))
            note = _repair_half_built(connection, url) if repair else None
            problem = _schema_problem(connection, config, fresh_is_fine=True)
            if problem:
                raise SchemaError(f"database {safe_url(url)}: {problem}")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            with Session(bind=connection) as session:
                seed_councils(session)
                session.flush()
    except CommandError as error:
        raise SchemaError(f"database {safe_url(url)}: {_first_line(error)}") from error
    except SQLAlchemyError as error:
        raise SchemaError(
            f"database {safe_url(url)}: could not build the schema: {_first_line(error)}"
        ) from error
    finally:
        if sqlite:
            engine.dispose()
    return note


def check_schema(url: str | None = None) -> None:
    """SchemaError, with one line, unless the database is built to the newest revision."""
    url = normalise_url(url) if url else database_url()
    config = alembic_config(url)
    try:
        with get_engine(url).connect() as connection:
            problem = _schema_problem(connection, config, fresh_is_fine=False)
            if problem is None and _version(connection) != _head(config):
                problem = "its schema is out of date; run `oursay init` to migrate it"
    except SQLAlchemyError as error:
        problem = f"cannot be read: {_first_line(error)}"
    if problem:
        raise SchemaError(f"database {safe_url(url)}: {problem}")


def _schema_problem(connection: Connection, config: Config, *, fresh_is_fine: bool) -> str | None:
    """What stops the schema from being used or migrated, in a few words; None if nothing."""
    present = set(inspect(connection).get_table_names())
    ours = set(Base.metadata.tables)
    version = _version(connection) if VERSION_TABLE in present else None
    if version is None:
        if not present & ours:
            return None if fresh_is_fine else "not initialised; run `oursay init`"
        return (
            f"half-built schema ({len(present & ours)} of {len(ours)} tables and no schema "
            "version: an interrupted `oursay init`?); run `oursay init` to repair it"
        )
    known = {revision.revision for revision in ScriptDirectory.from_config(config).walk_revisions()}
    if version not in known:
        return f"schema revision {version} is unknown to this oursay (a newer version's?)"
    if version == _head(config) and ours - present:
        missing = ", ".join(sorted(ours - present))
        return f"tables missing from a built schema: {missing}"
    return None


def _repair_half_built(connection: Connection, url: str) -> str | None:
    """Drop a half-built schema's tables if they hold nothing; SchemaError if they do."""
    present = set(inspect(connection).get_table_names())
    if VERSION_TABLE in present and _version(connection) is not None:
        return None
    built = [t for t in reversed(Base.metadata.sorted_tables) if t.name in present]
    if not built:
        return None
    holding = [t.name for t in built if connection.scalar(select(func.count()).select_from(t))]
    if holding:
        raise SchemaError(
            f"database {safe_url(url)}: half-built schema with data in "
            f"{', '.join(sorted(holding))} and no schema version; not touching it"
        )
    for stale in built:
        stale.drop(connection)
    return (
        f"repaired a half-built schema (an interrupted `oursay init`): "
        f"{len(built)} empty tables dropped and built again"
    )


def _version(connection: Connection) -> str | None:
    if VERSION_TABLE not in inspect(connection).get_table_names():
        return None
    return connection.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))


def _head(config: Config) -> str | None:
    return ScriptDirectory.from_config(config).get_current_head()


def _first_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None)
    message = str(orig if orig is not None else error).strip()
    return message.splitlines()[0] if message else type(error).__name__


def safe_url(url: str) -> str:
    """The database URL without a password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def seed_councils(session: Session) -> int:
    """Insert or update every council of the registry; returns how many changed."""
    from storage.councils import load_registry

    existing = {c.code: c for c in session.scalars(select(Council))}
    changed = 0
    for entry in load_registry():
        values = {
            "gss_code": entry.gss_code or None,
            "name": entry.name,
            "nice_name": entry.nice_name or None,
            "nation": entry.nation or None,
            "region": entry.region or None,
            "type": entry.type or None,
            "platform": entry.platform or None,
            "base_url": entry.base_url or None,
            "verify_tls": entry.verify_tls,
            "browser": entry.browser,
            "start_date": entry.start_date,
            "end_date": entry.end_date,
            "successors": "|".join(entry.successors) or None,
            "robots": entry.robots or None,
        }
        council = existing.get(entry.code)
        if council is None:
            session.add(Council(code=entry.code, **values))
            changed += 1
        elif any(getattr(council, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(council, key, value)
            changed += 1
    return changed
