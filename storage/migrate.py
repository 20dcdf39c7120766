"""Create or migrate the database (``oursay init``) and seed the council registry."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import database_url, get_engine
from storage.models import Council

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    return config


def upgrade(url: str | None = None) -> None:
    url = url or database_url()
    engine = get_engine(url)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with Session(engine) as session:
        seed_councils(session)
        session.commit()


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
            "type": entry.type or None,
            "platform": entry.platform or None,
            "base_url": entry.base_url or None,
            "verify_tls": entry.verify_tls,
            "browser": entry.browser,
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
