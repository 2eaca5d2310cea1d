"""An import passes what it read: on a server, a plan applied after someone else changed
its target session is refused in words and nothing is imported; planned again, it goes
in. Two reporters, two connections, one real PostgreSQL database (issue 19)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.services.editing import Editor
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.weekend import Choices, WeekendPlan, plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.storage.database import open_database
from desktop_app.storage.models import ImportedFileRecord, RaceSession, Result

SEBRING = (
    Path(__file__).resolve().parents[1] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)
RESULTS = "202403141005-practice-1-results.csv"
CHOICES = Choices("Sebring", "IWSC", time_zone="America/New_York")


@pytest.fixture
def reporters(pg_server, pg_templates):
    """(anna, bob): two editors, each on its own connection pool to one database."""
    url = pg_server.new_database(pg_templates["empty"])
    anna, bob = Editor(open_database(url)), Editor(open_database(url))
    anna.author, bob.author = "anna", "bob"
    yield anna, bob
    anna.database.close()
    bob.database.close()


def plan(editor: Editor, folder: Path) -> WeekendPlan:
    return plan_weekend(editor.database, read_batch([folder]), CHOICES)


def corrected_results(tmp_path: Path) -> Path:
    """The organiser's corrected sheet: the same file with car 31's lap count changed."""
    folder = tmp_path / "corrected"
    folder.mkdir(parents=True)
    with (SEBRING / RESULTS).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    laps = [name.strip() for name in rows[0]].index("LAPS")
    car_31 = next(row for row in rows[1:] if row[1] == "31")
    car_31[laps] = "30"
    with (folder / RESULTS).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


def result_of(editor: Editor, number: str) -> int:
    with editor.database.read() as session:
        return next(r.id for r in session.scalars(select(Result)) if r.entry.car_number == number)


def laps_of(editor: Editor, number: str) -> int | None:
    with editor.database.read() as session:
        return session.get(Result, result_of(editor, number)).laps


def imported_files(editor: Editor) -> int:
    with editor.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(ImportedFileRecord)) or 0)


def first_import(bob: Editor, tmp_path: Path) -> None:
    folder = tmp_path / "first"
    folder.mkdir()
    shutil.copy(SEBRING / RESULTS, folder)
    apply_weekend(bob, plan(bob, folder))


def test_a_plan_is_refused_when_another_reporter_changed_its_session(reporters, tmp_path) -> None:
    anna, bob = reporters
    first_import(bob, tmp_path)
    assert laps_of(anna, "31") == 29
    corrected = plan(bob, corrected_results(tmp_path))  # bob reads the plan ...
    with anna.change("Fix laps of #31", since=anna.version()) as edit:  # ... anna keys
        edit.update_result(result_of(anna, "31"), laps=28)
    with pytest.raises(TimingImportError) as refused:
        apply_weekend(bob, corrected)  # ... and bob applies what he read
    message = str(refused.value)
    assert message.startswith("Nothing was imported: the results of IWSC Practice 1 were ")
    assert "changed by anna at " in message
    assert message.endswith(" since the plan was read; plan again.")
    assert laps_of(bob, "31") == 28  # anna's value was not overwritten
    assert imported_files(bob) == 1  # and nothing of the corrected file went in
    apply_weekend(bob, plan(bob, corrected_results(tmp_path / "again")))  # planned again
    assert laps_of(anna, "31") == 30


def test_ones_own_changes_and_other_sessions_do_not_block_a_plan(reporters, tmp_path) -> None:
    anna, bob = reporters
    first_import(bob, tmp_path)
    corrected = plan(bob, corrected_results(tmp_path))
    with bob.change("Own fix", since=bob.version()) as edit:  # bob, in his own window
        edit.update_result(result_of(bob, "31"), laps=27)
    with anna.change("Other event") as edit:
        edit.create_event("Long Beach")
    apply_weekend(bob, corrected)
    assert laps_of(anna, "31") == 30


def test_a_session_added_meanwhile_refuses_a_plan_that_would_add_it_again(
    reporters, tmp_path
) -> None:
    anna, bob = reporters
    first_import(bob, tmp_path)
    folder = tmp_path / "practice-2"
    folder.mkdir()
    shutil.copy(SEBRING / "202403141505-practice-2-results.csv", folder)
    practice_2 = plan(bob, folder)
    assert practice_2.targets[0].is_new
    with anna.database.read() as session:
        existing = session.scalars(select(RaceSession)).one()
        event_id, series_id, kind = existing.event_id, existing.series_id, existing.kind
    with anna.change("Add Practice 2") as edit:
        edit.create_session(event_id, series_id, kind, "Practice 2")
    with pytest.raises(TimingImportError, match=r"a session \(Practice 2\) was added to the "):
        apply_weekend(bob, practice_2)
    with bob.database.read() as session:
        names = sorted(s.name for s in session.scalars(select(RaceSession)))
    assert names == ["Practice 1", "Practice 2"]  # not a second Practice 2
