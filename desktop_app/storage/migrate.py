"""Bring a database file to the schema this RaceDesk expects.

Cookbook rules (Alembic docs): a new file gets ``create_all`` and is stamped at head; an
older file is upgraded on RaceDesk's own connection after a backup copy is kept; a file
stamped with a revision this RaceDesk does not know was written by a newer version and
is refused untouched.

Alembic is imported only when a file is created or upgraded (it costs ~85 ms at start-up):
opening a file already at head compares its stamp with ``HEAD_REVISION``, a constant that
tests/storage/test_migrate_revisions.py keeps equal to the migrations folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.storage.errors import DatabaseOpenError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# oldest first, as in versions/
KNOWN_REVISIONS = ("0001_initial", "0002_change_log", "0003_weekend_data", "0004_laps_one_index")
HEAD_REVISION = KNOWN_REVISIONS[-1]


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this RaceDesk ships (no Alembic import)."""
    return HEAD_REVISION


def known_revisions() -> set[str]:
    return set(KNOWN_REVISIONS)


def scripted_revisions() -> tuple[list[str], str | None]:
    """What Alembic itself reads from the migrations folder: (oldest first, head)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    ordered = [script.revision for script in scripts.walk_revisions()]
    return list(reversed(ordered)), scripts.get_current_head()


def refuse_unknown(where: Path | str, revision: str | None, *, what: str = "file") -> None:
    """A revision we do not ship means a newer RaceDesk wrote this file (or server
    database: ``what`` is the word the sentence uses)."""
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseOpenError(
            f"{where} was saved by a newer version of RaceDesk; "
            f"update RaceDesk to open it (the {what} has not been changed)."
        )


def create_schema(engine: Engine) -> None:
    """A brand-new file: build today's schema directly and stamp it at head."""
    from alembic import command

    from desktop_app.storage.models import Base

    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        command.stamp(alembic_config(connection), "head")


def upgrade_schema(engine: Engine) -> None:
    """An older file: run the migrations in order, in one transaction."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    """Build a file at an older revision (tests use it to prove upgrades work)."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
