"""A throwaway PostgreSQL cluster for tests and benchmarks (issue 19).

``initdb`` and ``pg_ctl`` (Debian's ``postgresql`` package, under
/usr/lib/postgresql/*/bin) start a cluster on a Unix socket in a temporary folder, with
no TCP port. PostgreSQL refuses to run as root, so under root (CI) the cluster runs as
the ``postgres`` user through ``runuser``. Without the binaries the fixtures skip with the
reason, except where RACEDESK_REQUIRE_POSTGRES is set (``.ci/run``): there they fail.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER_USER = "racedesk"
NUMBERS = itertools.count(1)  # unique names within one run


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
    prefix: list[str]  # runs the server's programs as its unprivileged user
    running: bool = False

    @property
    def data(self) -> Path:
        return self.socket_dir / "data"

    def start(self) -> None:
        options = f"-k {self.socket_dir} -c listen_addresses='' -F"
        _run([*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options,
              "-l", str(self.socket_dir / "server.log"), "-w", "start"])  # fmt: skip
        self.running = True

    def stop(self) -> None:
        """Stop at once, as a crashed or unplugged server would (once: a test that
        failed while it was stopped still tears down)."""
        if not self.running:
            return
        self.running = False
        _run([*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.data),
              "-m", "immediate", "-w", "stop"])  # fmt: skip

    def url(self, database: str, user: str = SERVER_USER) -> str:
        return f"postgresql://{user}@/{database}?host={self.socket_dir}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run statements (CREATE DATABASE, GRANT...) as the superuser, outside a
        transaction."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=SERVER_USER, dbname=database, autocommit=True
        ) as connection:
            connection.execute(sql)

    def new_database(self, template: str = "template0") -> str:
        name = f"t{os.getpid()}_{next(NUMBERS)}"
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


def running_cluster() -> Iterator[PgServer]:
    """Start a cluster, yield it, stop it and delete its folder (a fixture's body)."""
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
    server = PgServer(folder, bin_dir, _as_server_user(folder))
    _run([*server.prefix, str(bin_dir / "initdb"), "-D", str(server.data), "-U", SERVER_USER,
          "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])  # fmt: skip
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
