"""The command line under faults: a closed pipe, a too-long name, a file-size limit (a full
disk as the process sees it), and an export killed outright. Each runs RaceDesk in a real
child process where the fault needs one, and checks stderr holds one sentence at most."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.storage import leftovers


def run_child(code: str, home: Path, tmpdir: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, RACEDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    # CI measures coverage in every process; a child whose files may not grow (ulimit -f)
    # could not save its measurements and would print that on stderr.
    env.pop("COVERAGE_PROCESS_START", None)
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    assert main(["--db", str(db_path), "demo"]) == 0
    assert main(["--db", str(db_path), "events"]) == 0  # today's daily copy is made
    return db_path


def test_events_into_head_is_not_a_traceback(tmp_path: Path, demo_db: Path, racedesk_home) -> None:
    with sqlite3.connect(demo_db) as connection:
        connection.executemany(
            "INSERT INTO events (name, circuit, time_zone) VALUES (?, 'Sebring', 'UTC')",
            [(f"Weekend {n}",) for n in range(3000)],  # far more than a pipe buffer
        )
    command = f"{sys.executable} -m desktop_app --db {demo_db} events | head -1"
    env = dict(os.environ, RACEDESK_HOME=str(racedesk_home))
    done = subprocess.run(
        ["bash", "-c", command], env=env, check=False, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.count("\n") == 1 and done.stdout.startswith("[")
    assert done.stderr == ""


def test_a_too_long_export_name_is_a_sentence(capsys, demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / ("r" * 250 + ".xlsx")
    code = main(
        ["--db", str(demo_db), "export", "--event", "Roar Before the 24", "-o", str(target)]
    )
    err = capsys.readouterr().err
    assert code == 1 and "the file name is too long; choose a shorter one" in err
    assert err.count("\n") == 1


def test_a_full_disk_export_prints_one_sentence_and_no_zipfile_noise(
    demo_db: Path, tmp_path: Path, racedesk_home: Path
) -> None:
    """``ulimit -f``: writing past the limit fails with EFBIG, as a full disk fails."""
    target = tmp_path / "exports" / "roar.xlsx"
    target.parent.mkdir()
    done = run_child(
        f"""
        import resource, signal, sys
        from desktop_app.cli.main import main
        from desktop_app import files
        create = files._create_temporary

        def disk_fills(target):  # no file may now grow past 14 KB (the workbook: 17 KB)
            if target.suffix != ".xlsx":  # e.g. the clean-check note, when the run is slow
                return create(target)
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (14000, 14000))
            return create(target)

        files._create_temporary = disk_fills
        sys.exit(main(["--db", {str(demo_db)!r}, "export", "--event", "Roar Before the 24",
                       "-o", {str(target)!r}]))
        """,
        racedesk_home,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("racedesk: roar.xlsx could not be saved")
    assert done.stderr.count("\n") == 1 and "Exception ignored" not in done.stderr
    assert list(target.parent.iterdir()) == []


def test_a_killed_export_is_cleaned_up_at_the_next_start(
    demo_db: Path, tmp_path: Path, racedesk_home: Path
) -> None:
    target = tmp_path / "exports" / "roar.xlsx"
    target.parent.mkdir()
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    done = run_child(
        f"""
        import os, signal
        from pathlib import Path
        from openpyxl import Workbook
        from desktop_app.services.export.atomic import atomic_target
        book = Workbook(write_only=True)
        with atomic_target(Path({str(target)!r})) as temporary:
            for n in range(3):
                sheet = book.create_sheet(f"Session {{n}}")
                for row in range(2000):
                    sheet.append([row, "Porsche 911 GT3 R (992)"])
            os.kill(os.getpid(), signal.SIGKILL)
        """,
        racedesk_home,
        system_temp,
    )
    assert done.returncode == -9
    left = sorted(item.name for item in target.parent.iterdir())
    assert len(left) == 2 and left[0].startswith(".roar-") and left[0].endswith(".tmp.xlsx")
    assert len(list((target.parent / left[1]).iterdir())) == 3  # openpyxl's parts, beside
    assert list(system_temp.iterdir()) == []  # nothing in the system temp folder

    assert main(["--db", str(demo_db), "events"]) == 0  # the next start
    assert list(target.parent.iterdir()) == []
    assert not (racedesk_home / "data" / leftovers.LIST_FILE).exists()


def test_a_running_process_keeps_its_temporaries(tmp_path: Path) -> None:
    mine = tmp_path / ".mine.tmp.xlsx"
    mine.write_bytes(b"")
    leftovers.remember(mine)
    assert leftovers.sweep() == [] and mine.exists()
    leftovers.forget(mine)
