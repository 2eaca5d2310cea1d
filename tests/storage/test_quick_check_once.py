"""SQLite's quick_check runs when it can find something: first open of the day, changed file.

It reads the whole file (30 ms on ten seasons), so a file left exactly as it was checked
clean today is trusted; any write (by RaceDesk or anything else) means checking again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.storage import checks
from desktop_app.storage.database import open_database
from desktop_app.storage.errors import DatabaseOpenError


@pytest.fixture
def quick_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Which files quick_check really read (a spy; the real check still runs)."""
    seen: list[Path] = []
    real = checks._integrity_problem

    def spy(path: Path, *, full: bool) -> str:
        seen.append(path)
        return real(path, full=full)

    monkeypatch.setattr(checks, "_integrity_problem", spy)
    monkeypatch.setattr(checks, "RACY_SECONDS", 0.0)  # tests need not wait for coarse clocks
    return seen


def test_an_untouched_file_is_checked_once_a_day(db_path: Path, quick_checks: list[Path]) -> None:
    open_database(db_path).close()  # a new file: nothing to check yet
    open_database(db_path).close()
    open_database(db_path).close()
    assert quick_checks == [db_path]


def test_a_new_day_checks_again(db_path: Path, quick_checks: list[Path]) -> None:
    open_database(db_path).close()
    open_database(db_path).close()
    records = json.loads(checks._checks_file().read_text(encoding="utf-8"))
    for record in records.values():
        record["day"] = "2001-01-01"
    checks._checks_file().write_text(json.dumps(records), encoding="utf-8")
    open_database(db_path).close()
    assert quick_checks == [db_path, db_path]


def test_a_file_damaged_after_its_clean_check_is_refused(
    db_path: Path, demo_editor, quick_checks: list[Path]
) -> None:
    demo_editor.database.close()
    open_database(db_path).close()  # checked clean and remembered
    data = bytearray(db_path.read_bytes())
    data[3 * 4096 : 4 * 4096] = b"\xff" * 4096  # same size, header intact
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseOpenError, match="damaged"):
        open_database(db_path)
    assert db_path.read_bytes() == bytes(data)


def test_a_file_changed_seconds_ago_is_not_trusted(db_path: Path) -> None:
    open_database(db_path).close()
    open_database(db_path).close()  # written moments ago: file times may not show the next write
    assert not checks._checks_file().exists() or str(db_path.resolve()) not in json.loads(
        checks._checks_file().read_text(encoding="utf-8")
    )


def test_an_unreadable_record_only_means_checking(db_path: Path, quick_checks: list[Path]) -> None:
    open_database(db_path).close()
    open_database(db_path).close()
    checks._checks_file().write_text("{not json", encoding="utf-8")
    open_database(db_path).close()
    assert quick_checks == [db_path, db_path]
