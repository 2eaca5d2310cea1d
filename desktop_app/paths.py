"""Every user path RaceDesk touches, from platformdirs.

Tests point these at ``tmp_path`` by setting ``RACEDESK_HOME`` (see tests/conftest.py), so no
test ever writes into the real user folders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "RaceDesk"
APP_AUTHOR = "RaceDesk"
DATABASE_NAME = "racedesk.sqlite3"


def _home_override() -> Path | None:
    """A single folder that replaces all user folders (tests, portable installs)."""
    value = os.environ.get("RACEDESK_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    """Where the default database and its backups live."""
    home = _home_override()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    """Where settings and user templates live."""
    home = _home_override()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def default_database() -> Path:
    """The database opened when no ``--db`` is given."""
    return data_dir() / DATABASE_NAME


def backups_dir(database: Path) -> Path:
    """Backups sit beside the database they protect, in a ``backups`` folder."""
    return database.parent / "backups"


def user_templates_dir() -> Path:
    """The reporter's own copies of summary templates."""
    return config_dir() / "templates"


def resources_dir() -> Path:
    """Shipped resources: demo data, preset templates, icons.

    In a PyInstaller build they sit under ``sys._MEIPASS``; from a checkout or an editable
    install they are the repository's top-level ``resources/`` folder.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
