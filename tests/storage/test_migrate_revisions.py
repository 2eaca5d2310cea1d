"""The revision constants in storage.migrate must say what the migrations folder says.

Opening a file at head trusts ``HEAD_REVISION`` instead of asking Alembic (85 ms at
start-up); a migration added without updating the constant would make RaceDesk skip
the upgrade of older files, or refuse files it wrote itself. This test catches that.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop_app.storage import migrate
from desktop_app.storage.errors import DatabaseOpenError


def test_known_revisions_are_the_migrations_folder_oldest_first() -> None:
    ordered, head = migrate.scripted_revisions()
    assert list(migrate.KNOWN_REVISIONS) == ordered
    assert migrate.HEAD_REVISION == head == migrate.head_revision()


def test_a_revision_from_a_newer_racedesk_is_refused(tmp_path) -> None:
    path = tmp_path / "newer.sqlite3"
    with pytest.raises(DatabaseOpenError, match="newer version of RaceDesk"):
        migrate.refuse_unknown(path, "9999_from_the_future")


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path) -> None:
    path = tmp_path / "at-head.sqlite3"
    script = (
        "import sys; from pathlib import Path; "
        "from desktop_app.storage.database import open_database; "
        f"p = Path({str(path)!r}); open_database(p).close(); "
        "[sys.modules.pop(m) for m in list(sys.modules) if m.startswith('alembic')]; "
        "open_database(p).close(); print('alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_the_migrations_build_exactly_the_schema_of_the_models(tmp_path) -> None:
    """An upgraded old file and a new file must hold the same tables and columns."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from desktop_app.storage.models import Base

    engine = create_engine(f"sqlite:///{tmp_path / 'upgraded.sqlite3'}")
    migrate.upgrade_to(engine, "head")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []
