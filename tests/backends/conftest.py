"""A throwaway PostgreSQL server for the tests that run on both backends (issue 19).

The cluster itself is ``tests/pg_cluster.py`` (started once per run); each test gets its
own database, copied (``CREATE DATABASE ... TEMPLATE``) from an empty or a demo database
built once, just as the SQLite tests copy a template file.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pg_cluster import NUMBERS, PgServer, running_cluster

from desktop_app.services.demo import load_demo
from desktop_app.services.editing import Editor
from desktop_app.storage.database import open_database


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL cluster for the whole run, stopped (and deleted) at the end."""
    yield from running_cluster()


@pytest.fixture(scope="session")
def pg_templates(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Names of an empty and a demo database at head, built once per run."""
    home = tmp_path_factory.mktemp("pg-home")
    names = {"empty": "racedesk_empty", "demo": "racedesk_demo"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RACEDESK_HOME", str(home))
        for kind, name in names.items():
            pg_server.admin(f'CREATE DATABASE "{name}"')
            database = open_database(pg_server.url(name))
            if kind == "demo":
                load_demo(Editor(database))
            database.close()  # a template must have no open connection
    return names


Target = Callable[[str], "Path | str"]


@pytest.fixture(params=["sqlite", "postgresql"])
def new_target(
    request: pytest.FixtureRequest, tmp_path: Path, template_files: dict[str, Path]
) -> Target:
    """``new_target("empty" | "demo" | "none")``: a database of that kind on this test's
    backend: a file path for SQLite, a URL for PostgreSQL ("none": nothing there yet)."""
    if request.param == "sqlite":

        def file_target(kind: str) -> Path:
            path = tmp_path / f"{kind}-{next(NUMBERS)}.sqlite3"
            if kind != "none":
                shutil.copyfile(template_files[kind], path)
            return path

        return file_target
    server: PgServer = request.getfixturevalue("pg_server")
    templates: dict[str, str] = request.getfixturevalue("pg_templates")

    def server_target(kind: str) -> str:
        return server.new_database(templates.get(kind, "template0"))

    return server_target
