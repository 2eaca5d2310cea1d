"""Drivers as people: the rows the Drivers page shows, cell edits, and merging two records."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.drivers import cell_change, driver_rows, parse_ids
from desktop_app.services.editing import Editor
from desktop_app.services.errors import EditError
from desktop_app.services.importers.apply import apply_import, plan_import
from desktop_app.services.importers.detect import read_import_file
from desktop_app.storage.models import CrewSeat, Driver, EntryDriver, Lap

SEBRING_RACE = (
    Path(__file__).resolve().parents[1]
    / "fixtures/timing/imsa_wtsc_2024_sebring_weekend/202403160940-race-results.csv"
)


def dump(path: Path) -> list[str]:
    """Every row but the history; official ids without their row id (re-created on undo)."""
    with sqlite3.connect(path) as connection:
        lines = [line for line in connection.iterdump() if "change_log" not in line]
    ids = 'INSERT INTO "driver_official_ids" VALUES('
    return sorted(
        re.sub(r"VALUES\(\d+,", "VALUES(", ln) if ln.startswith(ids) else ln for ln in lines
    )


def driver_id(editor: Editor, first: str, last: str) -> int:
    with editor.database.read() as session:
        query = select(Driver.id).where(Driver.first_name == first, Driver.last_name == last)
        found = session.scalar(query)
    assert found is not None, (first, last)
    return found


def test_rows_show_country_name_tags_and_appearances(demo_editor: Editor) -> None:
    with demo_editor.database.read() as session:
        rows = {row.printed: row for row in driver_rows(session)}
    thompson = rows["Parker Thompson"]
    assert (thompson.country_label, thompson.tags, thompson.events) == ("CAN Canada", "Canadian", 1)
    assert rows["George Staikos"].hometown == "Trenton, ON"
    assert rows["George Staikos"].sessions == 3  # #61 has results in VPSCC Q, Race 1, Race 2


def change(editor: Editor, driver: int, field: str, text: str) -> object:
    forward, _ = cell_change(field, text)
    with editor.change("Edit a driver") as edit:
        return forward(edit, driver)


def test_an_unknown_country_is_refused_with_the_reason(demo_editor: Editor) -> None:
    staikos = driver_id(demo_editor, "George", "Staikos")
    with pytest.raises(EditError, match='"XYZ" is not an ISO 3166 country code'):
        change(demo_editor, staikos, "country", "XYZ")
    change(demo_editor, staikos, "country", "usa United States")
    change(demo_editor, staikos, "hometown", "Windsor ,  ON")
    change(demo_editor, staikos, "ids", "imsa 1379; wec 55")
    with demo_editor.database.read() as session:
        driver = session.get(Driver, staikos)
        assert (driver.country, driver.hometown) == ("USA", "Windsor, ON")
        assert [(o.provider, o.official_id) for o in driver.official_ids] == [
            ("imsa", "1379"),
            ("wec", "55"),
        ]


def test_ids_are_provider_and_id() -> None:
    assert parse_ids("IMSA 1379, wec 55") == [("imsa", "1379"), ("wec", "55")]
    with pytest.raises(EditError, match='"1379" is not an official id'):
        parse_ids("1379")


def sebring_with_duplicates(editor: Editor) -> int:
    """The race imported over the demo, every question answered "a new driver"."""
    with editor.change("Sebring") as edit:
        series = edit.ensure_series("IWSC", "IWSC")
        event = edit.create_event("Sebring")
        race = edit.create_session(event, series, SessionKind.RACE, "Race")
    imported = read_import_file(SEBRING_RACE)
    answers = {q.key: None for q in plan_import(editor.database, imported)}
    apply_import(editor, imported, race, answers)
    return race


def test_merge_moves_everything_and_undo_puts_it_back(demo_editor: Editor) -> None:
    editor = demo_editor
    race = sebring_with_duplicates(editor)
    mantell = driver_id(editor, "Anthony", "Mantell")
    mantella = driver_id(editor, "Anthony", "Mantella")
    with editor.change("The #17's crew and a lap, as the weekend importer stores them") as edit:
        seat = edit.session.scalar(select(EntryDriver).where(EntryDriver.driver_id == mantella))
        assert seat is not None
        entry_id = seat.entry_id
        crew = select(CrewSeat.driver_id).where(
            CrewSeat.session_id == race, CrewSeat.entry_id == entry_id
        )
        assert mantella in edit.session.scalars(crew).all()  # the importer stored the crew
        edit.session.add(Lap(session_id=race, entry_id=seat.entry_id, lap_number=1,
                             time_ms=120_000, driver_id=mantella))  # fmt: skip
    before = dump(editor.database.path)
    with editor.change("Merge drivers") as edit:
        record = edit.merge_drivers(mantell, mantella)
    with editor.database.read() as session:
        assert session.get(Driver, mantella) is None
        kept = session.get(Driver, mantell)
        assert [(o.provider, o.official_id) for o in kept.official_ids] == [("imsa", "2682")]
        assert [t.name for t in kept.tags] == ["Canadian"]
        rows = {r.printed: r for r in driver_rows(session)}
        merged_crew = session.scalars(crew).all()
        assert mantell in merged_crew and mantella not in merged_crew
        assert session.scalar(select(Lap.driver_id)) == mantell
    assert rows["Anthony Mantell"].events == 2
    with editor.change("Undo merge") as edit:
        edit.unmerge_drivers(record)
    assert dump(editor.database.path) == before


def test_merge_into_itself_is_refused_and_changes_nothing(demo_editor: Editor) -> None:
    staikos = driver_id(demo_editor, "George", "Staikos")
    before = dump(demo_editor.database.path)
    with pytest.raises(EditError, match="A driver cannot be merged into itself."):
        with demo_editor.change("Merge drivers") as edit:
            edit.merge_drivers(staikos, staikos)
    assert dump(demo_editor.database.path) == before


def test_an_official_id_belongs_to_one_driver(demo_editor: Editor) -> None:
    staikos = driver_id(demo_editor, "George", "Staikos")
    kacic = driver_id(demo_editor, "Marco", "Kacic")
    change(demo_editor, staikos, "ids", "imsa 77")
    with pytest.raises(EditError, match="imsa id 77 already belongs to George Staikos."):
        change(demo_editor, kacic, "ids", "imsa 77")
