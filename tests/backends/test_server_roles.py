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


def group_and_reporter(pg_server, n: int) -> tuple[str, str]:
    """What only the server's superuser may do: a NOLOGIN group and a reporter in it."""
    group, reporter = f"desk{n}", f"anna{n}"
    pg_server.admin(f"CREATE ROLE {group} NOLOGIN")
    pg_server.admin(f"CREATE ROLE {reporter} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    pg_server.admin(f"GRANT {group} TO {reporter}")
    return group, reporter


def racedesk(capsys, *argv: str) -> tuple[int, str, str]:
    from desktop_app.cli.main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def refused_sql(url: str, sql: str) -> str:
    """Run ``sql`` as the URL's role; the server's refusal (it must refuse)."""
    import psycopg

    from desktop_app.storage.server import conninfo

    with psycopg.connect(conninfo(url)) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
            connection.execute(sql)
    return str(refused.value)


def test_admin_grant_gives_a_group_the_rows_and_never_the_schema(pg_server, capsys) -> None:
    n = next(_numbers)
    admin, database = f"admin{n}", f"newsroom{n}"
    pg_server.admin(f"CREATE ROLE {admin} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    pg_server.admin(f"CREATE DATABASE {database} OWNER {admin}")
    group, reporter = group_and_reporter(pg_server, n)
    admin_url, reporter_url = pg_server.url(database, admin), pg_server.url(database, reporter)
    code, out, err = racedesk(capsys, "--db", admin_url, "admin", "grant", group)
    assert (code, err) == (0, "")
    assert out == (
        f"{group} may now read and write the rows of {admin}@{database} on local socket, "
        "also in tables later upgrades add; not change the schema.\n"
    )
    editor = Editor(open_database(reporter_url))
    with editor.change("New event") as edit:
        edit.create_event("Sebring")
    with editor.database.read() as session:
        assert session.scalars(select(Event.name)).all() == ["Sebring"]
    editor.database.close()
    assert "must be owner" in refused_sql(reporter_url, "DROP TABLE laps")
    assert "must be owner" in refused_sql(reporter_url, "ALTER TABLE events ADD COLUMN x int")
    assert "permission denied" in refused_sql(reporter_url, "CREATE TABLE mine (x int)")
    assert "permission denied" in refused_sql(reporter_url, "DELETE FROM alembic_version")


def test_admin_upgrade_migrates_and_grants_the_new_tables_again(pg_server, capsys) -> None:
    admin, reporter = newsroom(pg_server, build=False)  # at 0001, granted the old way
    group = reporter.split("://")[1].split("@")[0].replace("anna", "desk")  # annaN in deskN
    code, out, err = racedesk(capsys, "--db", admin, "admin", "upgrade")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Upgraded {open_label(admin)} from revision 0001_initial to {migrate.head_revision()}.",
        f"Row rights granted again to: {group}.",
    ]
    editor = Editor(open_database(reporter))  # every edit writes change_log, new in 0002
    with editor.change("New event") as edit:
        edit.create_event("Sebring")
    editor.database.close()


def test_a_reporter_missing_a_new_table_is_told_to_ask_for_admin_upgrade(pg_server, capsys) -> None:
    admin, reporter = newsroom(pg_server, build=False)
    assert racedesk(capsys, "--db", admin, "events")[0] == 0  # upgraded, not granted
    database = open_database(reporter)
    with pytest.raises(DatabaseOpenError) as refused:
        Editor(database)  # its first read of the change history
    assert str(refused.value).startswith("The server refused your login (permission denied ")
    assert str(refused.value).endswith(
        "ask your admin to run racedesk admin upgrade, which grants the reporters' rights again."
    )
    code, out, _err = racedesk(capsys, "--db", admin, "admin", "upgrade")
    assert code == 0
    assert out.splitlines()[0].endswith(f" is already at revision {migrate.head_revision()}; "
                                        "nothing to upgrade.")  # fmt: skip
    editor = Editor(database)
    with editor.change("New event") as edit:
        edit.create_event("Sebring")
    database.close()


def test_admin_commands_are_refused_to_a_reporter_in_words(pg_server, capsys) -> None:
    _admin, reporter = newsroom(pg_server, build=True)
    code, out, err = racedesk(capsys, "--db", reporter, "admin", "grant", "public")
    assert (code, out) == (1, "")
    assert err.startswith("racedesk: Only the owner of ")
    assert err.endswith(
        "run this as the admin role that owns the database (nothing was changed).\n"
    )
    code, _out, err = racedesk(capsys, "admin", "upgrade")
    assert code == 1
    assert err == (
        "racedesk: racedesk admin works on a server database: give --db "
        "postgresql://admin@host/db.\n"
    )


def open_label(url: str) -> str:
    from desktop_app.storage.location import server_label

    return server_label(url)
