"""The least-privilege set-up README.md gives: an admin role owns the schema and runs the
migrations; a reporter's role reads and writes rows only, and cannot upgrade."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.storage import migrate
from desktop_app.storage.database import open_database
from desktop_app.storage.errors import DatabaseOpenError
from desktop_app.storage.models import Event
from desktop_app.storage.server import make_server_engine

_numbers = itertools.count(1)
GRANTS = """
CREATE ROLE {reporters} NOLOGIN;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CONNECT ON DATABASE {database} TO {reporters};
GRANT USAGE ON SCHEMA public TO {reporters};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {reporters};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {reporters};
CREATE ROLE {reporter} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE IN ROLE {reporters};
"""


def newsroom(pg_server, *, build: bool) -> tuple[str, str]:
    """(admin URL, reporter URL) of a new database owned by a new admin role."""
    n = next(_numbers)
    admin, database = f"admin{n}", f"newsroom{n}"
    pg_server.admin(f"CREATE ROLE {admin} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    pg_server.admin(f"CREATE DATABASE {database} OWNER {admin}")
    admin_url = pg_server.url(database, admin)
    if build:
        open_database(admin_url).close()
    else:  # an older RaceDesk built it
        engine = make_server_engine(admin_url)
        migrate.upgrade_to(engine, "0001_initial")
        engine.dispose()
    names = {"reporters": f"desk{n}", "reporter": f"anna{n}", "database": database}
    pg_server.admin(GRANTS.format(**names), database)
    return admin_url, pg_server.url(database, names["reporter"])


def test_a_reporter_keys_rows_without_any_ddl_right(pg_server) -> None:
    _admin, reporter = newsroom(pg_server, build=True)
    editor = Editor(open_database(reporter))
    with editor.change("New event") as edit:
        edit.create_event("Sebring")
    with editor.database.read() as session:
        assert session.scalars(select(Event.name)).all() == ["Sebring"]
    editor.database.close()


def test_only_the_admin_upgrades_the_schema(pg_server) -> None:
    admin, reporter = newsroom(pg_server, build=False)
    with pytest.raises(DatabaseOpenError, match="only its owner may make; ask your admin"):
        open_database(reporter)
    database = open_database(admin)  # the admin's open upgrades it
    with database.engine.connect() as connection:
        stamp = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert stamp == migrate.head_revision()
    database.close()
