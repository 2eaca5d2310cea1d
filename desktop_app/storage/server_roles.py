"""Reporters' rights on a server database: rows only, never the schema (issue 19).

The newsroom's admin role owns the database and its tables and alone runs migrations;
reporters log in as members of a group role (``newsroom``) that may read and write rows
and nothing else. ``grant_rows`` gives a group those rights on every table there is now
and, through default privileges, on every table a later migration creates; ``upgrade``
runs the migrations and grants again to each group that already had the rights, so one
command after installing a newer RaceDesk is enough. Both run as the owner: PostgreSQL
refuses them to anyone else, and that refusal is said in words.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from desktop_app.storage import migrate
from desktop_app.storage.database import Database
from desktop_app.storage.errors import UserFacingError

ROW_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"
GRANTS = (
    "GRANT CONNECT ON DATABASE {database} TO {role}",
    "GRANT USAGE ON SCHEMA {schema} TO {role}",
    f"GRANT {ROW_RIGHTS} ON ALL TABLES IN SCHEMA {{schema}} TO {{role}}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
    # the schema's stamp is read by every RaceDesk, written by the admin's only
    "REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {role}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA {{schema}} GRANT {ROW_RIGHTS} ON TABLES TO {{role}}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {role}",
)
OWNS_TABLES = """
SELECT pg_has_role(current_user, tableowner, 'USAGE') FROM pg_tables
WHERE schemaname = current_schema() AND tablename = 'events'
"""
GRANTEES = """
SELECT DISTINCT grantee FROM information_schema.role_table_grants
WHERE table_schema = current_schema() AND table_name = 'events'
  AND privilege_type = 'INSERT' AND grantee <> current_user
ORDER BY grantee
"""


@dataclass(frozen=True)
class Upgrade:
    before: str | None  # the revision found (None: an empty database, now built)
    after: str
    roles: list[str]  # the groups granted again


def grant_rows(database: Database, role: str) -> None:
    """Give ``role`` (an existing role, usually a NOLOGIN group) the reporters' rights."""
    with _as_owner(database, f"grant rights to {role}") as connection:
        _grant(connection, role)


def upgrade(database: Database, before: str | None) -> Upgrade:
    """After ``open_database`` (which migrated, as the owner): grant again to every
    group that may write rows, for the tables the migrations added."""
    with _as_owner(database, "grant the rights again") as connection:
        roles = [str(name) for name in connection.execute(text(GRANTEES)).scalars()]
        for role in roles:
            _grant(connection, role)
    return Upgrade(before, migrate.head_revision(), roles)


def _grant(connection: Connection, role: str) -> None:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    if found.first() is None:
        raise UserFacingError(
            f'There is no role "{role}" on the server; its admin creates it first '
            f"(CREATE ROLE {role} NOLOGIN) and adds each reporter to it."
        )
    quote = connection.dialect.identifier_preparer.quote
    names = {
        "role": quote(role),
        "database": quote(str(connection.exec_driver_sql("SELECT current_database()").scalar())),
        "schema": quote(str(connection.exec_driver_sql("SELECT current_schema()").scalar())),
    }
    for statement in GRANTS:
        connection.exec_driver_sql(statement.format(**names))


@contextmanager
def _as_owner(database: Database, what: str) -> Iterator[Connection]:
    """One transaction; "permission denied" becomes: only the owner may do this."""
    try:
        with database.engine.begin() as connection:
            if not connection.execute(text(OWNS_TABLES)).scalar():  # GRANT would only warn
                raise PermissionError
            yield connection
    except (DBAPIError, PermissionError) as error:
        if not _refused(error):
            raise
        raise UserFacingError(
            f"Only the owner of {database.label} may {what}; run this as the admin role "
            "that owns the database (nothing was changed)."
        ) from error


def _refused(error: DBAPIError | PermissionError) -> bool:
    if isinstance(error, PermissionError):
        return True
    message = str(error.orig)
    return "permission denied" in message or "must be owner" in message
