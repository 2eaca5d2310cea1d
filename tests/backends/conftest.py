"""A throwaway PostgreSQL server for the tests that run on both backends (issue 19).

``initdb`` and ``pg_ctl`` (Debian's ``postgresql`` package, under
/usr/lib/postgresql/*/bin) start one cluster per test run on a Unix socket in a
temporary folder, with no TCP port. PostgreSQL refuses to run as root, so under root (CI)
the cluster runs as the ``postgres`` user through ``runuser``. Without the binaries the
server tests skip with the reason; ``.ci/run`` installs them, so CI always runs them.

Each test gets its own database, copied (``CREATE DATABASE ... TEMPLATE``) from an empty
or a demo database built once, just as the SQLite tests copy a template file.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.services.demo import load_demo
from desktop_app.services.editing import Editor
from desktop_app.storage.database import open_database

SERVER_USER = "racedesk"
_numbers = itertools.count(1)


def server_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path and shutil.which("initdb") else None


def _version(path: str) -> int:
    number = Path(path).parents[1].name
    return int(number) if number.isdigit() else 0


@dataclass
class PgServer:
    """A running cluster: where its socket is, and how to reach a database on it."""

    socket_dir: Path
    bin_dir: Path

    def url(self, database: str) -> str:
        return f"postgresql://{SERVER_USER}@/{database}?host={self.socket_dir}"

    def admin(self, sql: str) -> None:
        """Run one statement (CREATE/DROP DATABASE) outside a transaction."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=SERVER_USER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(sql)

    def new_database(self, template: str = "template0") -> str:
        name = f"t{os.getpid()}_{next(_numbers)}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)


def _as_server_user(folder: Path) -> list[str]:
    """The command prefix that runs as an unprivileged user when we are root."""
    if os.geteuid() != 0:
        return []
    shutil.chown(folder, user="postgres", group="postgres")
    return ["runuser", "-u", "postgres", "--"]


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")


def _skip(reason: str) -> None:
    """Skip, except on CI (``.ci/run`` sets RACEDESK_REQUIRE_POSTGRES): fail there."""
    if os.environ.get("RACEDESK_REQUIRE_POSTGRES"):
        pytest.fail(f"CI needs the PostgreSQL tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL cluster for the whole run, stopped (and deleted) at the end."""
    bin_dir = server_binaries()
    if bin_dir is None:
        _skip("PostgreSQL is not installed (initdb/pg_ctl): apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _skip("psycopg is not installed: pip install -e '.[test]'")
    assert bin_dir is not None
    # a short path: a Unix socket's path must stay under 108 bytes
    folder = Path(tempfile.mkdtemp(prefix="rdpg-"))
    prefix = _as_server_user(folder)
    data = folder / "data"
    _run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", SERVER_USER, "-A", "trust",
          "-E", "UTF8", "--locale=C", "--no-sync"])  # fmt: skip
    options = f"-k {folder} -c listen_addresses='' -F"
    _run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
          "-l", str(folder / "server.log"), "-w", "start"])  # fmt: skip
    try:
        yield PgServer(folder, bin_dir)
    finally:
        _run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


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
            path = tmp_path / f"{kind}-{next(_numbers)}.sqlite3"
            if kind != "none":
                shutil.copyfile(template_files[kind], path)
            return path

        return file_target
    server: PgServer = request.getfixturevalue("pg_server")
    templates: dict[str, str] = request.getfixturevalue("pg_templates")

    def server_target(kind: str) -> str:
        return server.new_database(templates.get(kind, "template0"))

    return server_target
