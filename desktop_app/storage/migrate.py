"""Bring a database file to the schema this RaceDesk expects.

Cookbook rules (Alembic docs): a new file gets ``create_all`` and is stamped at head; an
older file is upgraded on RaceDesk's own connection after a backup copy is kept; a file
stamped with a revision this RaceDesk does not know was written by a newer version and
is refused untouched.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from desktop_app.storage.errors import DatabaseOpenError
from desktop_app.storage.models import Base

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "RaceDesk ships at least one migration"
    return head


def known_revisions() -> set[str]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def refuse_unknown(path: Path, revision: str | None) -> None:
    """A revision we do not ship means a newer RaceDesk wrote this file."""
    if revision is not None and revision not in known_revisions():
        raise DatabaseOpenError(
            f"{path} was saved by a newer version of RaceDesk; "
            "update RaceDesk to open it (the file has not been changed)."
        )


def create_schema(engine: Engine) -> None:
    """A brand-new file: build today's schema directly and stamp it at head."""
    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        command.stamp(alembic_config(connection), "head")


def upgrade_schema(engine: Engine) -> None:
    """An older file: run the migrations in order, in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    """Build a file at an older revision (tests use it to prove upgrades work)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
