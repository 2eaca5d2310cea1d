"""The series catalogue, series and class edits with undo, series names in summaries."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.domain.sessions import SessionKind
from desktop_app.services import catalogue
from desktop_app.services.editing import Editor
from desktop_app.services.errors import EditError
from desktop_app.services.series_classes import series_rows
from desktop_app.services.summaries import Selection, summarise


def test_the_catalogue_names_the_usual_series_and_their_classes() -> None:
    raw = json.loads((paths.resources_dir() / "series_catalogue.json").read_text("utf-8"))
    assert [s["name"] for s in raw] == [
        "IMSA WeatherTech SportsCar Championship",
        "Michelin Pilot Challenge",
        "VP Racing SportsCar Challenge",
        "Mazda MX-5 Cup",
        "FIA World Endurance Championship",
        "European Le Mans Series",
    ]
    iwsc = catalogue.find_series("imsa")
    assert iwsc is not None and iwsc.code == "IWSC"
    assert [c.code for c in iwsc.classes] == ["GTP", "LMP2", "LMP3", "GTD PRO", "GTD"]
    assert "GTDPRO" in iwsc.classes[3].aliases
    assert catalogue.find_series("FIA WEC") == catalogue.find_series("wec")
    assert catalogue.find_series("Nowhere Cup") is None


def test_a_series_keyed_by_its_code_is_written_by_its_name(editor: Editor) -> None:
    with editor.change("Key a race") as edit:
        series = edit.ensure_series("IWSC", "IWSC")
        event = edit.create_event("Test")
        race = edit.create_session(event, series, SessionKind.RACE, "Race")
        klass = edit.ensure_class(series, "GTD")
        driver = edit.create_driver("Thompson", first_name="Parker", tags=["Canadian"])
        entry = edit.create_entry(event, series, "12", class_id=klass, driver_ids=[driver])
        edit.add_result(race, entry, renumber=True)
    text = summarise(editor.database, Selection(event), preset="weekend").text
    assert "\nIMSA WeatherTech SportsCar Championship Race\nParker Thompson won GTD" in text


def test_fill_from_catalogue_edit_names_and_undo(editor: Editor, db_path: Path) -> None:
    with editor.change("Add series") as edit:
        series = edit.ensure_series("IWSC", "IWSC")
        edit.ensure_class(series, "GTD")
    with editor.change("Fill from catalogue") as edit:
        state = edit.fill_from_catalogue(series)
    (row,) = series_rows(editor.database)
    assert (row.name, row.in_catalogue) == ("IMSA WeatherTech SportsCar Championship", True)
    assert [(c.code, c.name) for c in row.classes][:2] == [("GTD", "GTD"), ("GTP", "GTP")]
    pro = next(c for c in row.classes if c.code == "GTD PRO")
    # GTDPRO and GTD-PRO already match "GTD PRO" (codes compare without spaces and dashes)
    assert (pro.name, pro.aliases) == ("GTD Pro", ())
    with editor.change("Rename") as edit:
        old = edit.update_class(pro.id, name="GTD PRO")
        old_aliases = edit.set_class_aliases(pro.id, aliases=["GTDPRO"])
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT name FROM classes WHERE id=?", (pro.id,)).fetchone() == (
            "GTD PRO",
        )
    with editor.change("Undo rename") as edit:
        edit.set_class_aliases(pro.id, **old_aliases)
        edit.update_class(pro.id, **old)
    with editor.change("Undo fill") as edit:
        edit.unfill_from_catalogue(series, state)
    (row,) = series_rows(editor.database)
    assert (row.name, [c.code for c in row.classes]) == ("IWSC", ["GTD"])


def test_bad_series_and_class_edits_are_refused(editor: Editor) -> None:
    with editor.change("Add series") as edit:
        iwsc = edit.ensure_series("IWSC", "IMSA")
        edit.ensure_series("IMPC", "Michelin")
        gtd = edit.ensure_class(iwsc, "GTD")
        edit.ensure_class(iwsc, "GTD PRO", aliases=["GTDPRO"])
    for change, message in [
        (lambda e: e.update_series(iwsc, name="  "), "A series needs a name."),
        (lambda e: e.update_series(iwsc, code="impc"), 'The code "impc" is already'),
        (lambda e: e.update_class(gtd, code="GTDPRO"), '"GTDPRO" already means class GTD PRO.'),
    ]:
        with pytest.raises(EditError) as refused:
            with editor.change("Bad edit") as edit:
                change(edit)
        assert message in str(refused.value)
