"""Undo of a weekend import deletes what it created one table at a time (issue 13): the
database's own cascades take the laps, seats and penalties, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from desktop_app.domain.classification import PenaltyKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers.weekend import Choices, plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend, undo_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.storage.database import open_database
from desktop_app.storage.models import CrewSeat, Driver, Entry, Lap, Penalty, RaceSession, Result

SEBRING = (
    Path(__file__).resolve().parents[1] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)
CHOICES = Choices("Sebring 2024", series="IWSC", time_zone="America/New_York")
TABLES = (Lap, CrewSeat, Penalty, Result, Entry, Driver, RaceSession)


def counts(editor: Editor) -> dict[str, int]:
    with editor.database.read() as session:
        return {
            model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in TABLES
        }


def test_undo_of_two_sessions_with_a_penalty_leaves_the_database_as_before(new_target) -> None:
    editor = Editor(open_database(new_target("empty")))
    before = counts(editor)
    files = sorted(SEBRING.glob("20240314*-practice-[12]-*.csv"))
    report = apply_weekend(editor, plan_weekend(editor.database, read_batch(files), CHOICES))
    imported = counts(editor)
    assert imported["Lap"] - before["Lap"] == report.total("laps") > 3000
    assert imported["CrewSeat"] > before["CrewSeat"]
    first = min(report.undo.imports[0].created_results)
    with editor.change("Penalty") as edit:
        edit.add_penalty(first, PenaltyKind.TIME, amount_ms=5_000)
    undo_weekend(editor, report.undo)
    assert counts(editor) == before
    editor.database.close()
