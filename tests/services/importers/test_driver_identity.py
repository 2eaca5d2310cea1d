"""One identity per driver on import: official id, name across spellings, close spellings asked.

Checked against the real Sebring 2024 files (parsed independently with ``csv``) and the
demo weekend's hand-keyed drivers (``Anthony Mantell``, ``Roman DeAngelis``, ``Goikhberg``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from import_helpers import TIMING, dump, make_session
from sqlalchemy import select

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers.apply import apply_import, plan_import
from desktop_app.services.importers.detect import read_import_file
from desktop_app.services.importers.report import AmbiguousDrivers
from desktop_app.services.importers.undo import undo_import
from desktop_app.storage.models import Driver, DriverOfficialId

SEBRING = TIMING / "imsa_wtsc_2024_sebring_weekend"
SEBRING_RACE = SEBRING / "202403160940-race-results.csv"
SEBRING_QUALIFYING = SEBRING / "202403151250-qualifying-results.csv"


def file_drivers(path: Path) -> dict[str, tuple[str, str, str]]:
    """IMSA driver id -> (first, second name, country), read with plain csv."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    found = {}
    for row in rows:
        for n in range(1, 7):
            official = row[f"DRIVER{n}_IMSA_DriverId"]
            if official:
                found[official] = (
                    row[f"DRIVER{n}_FIRSTNAME"],
                    row[f"DRIVER{n}_SECONDNAME"],
                    row[f"DRIVER{n}_COUNTRY"],
                )
    return found


def stored_ids(editor: Editor) -> dict[str, tuple[str, str, str]]:
    with editor.database.read() as session:
        rows = session.scalars(select(DriverOfficialId).where(DriverOfficialId.provider == "imsa"))
        return {
            r.official_id: (r.driver.first_name, r.driver.last_name, r.driver.country) for r in rows
        }


def sebring_session(editor: Editor, kind: SessionKind = SessionKind.RACE) -> int:
    return make_session(editor, "IWSC", kind, event=f"Sebring {kind.label}")


def test_every_driver_keeps_the_official_id_of_the_file(editor: Editor) -> None:
    apply_import(editor, read_import_file(SEBRING_RACE), sebring_session(editor))
    assert stored_ids(editor) == file_drivers(SEBRING_RACE)


def test_official_id_wins_over_a_changed_name(editor: Editor) -> None:
    apply_import(editor, read_import_file(SEBRING_RACE), sebring_session(editor))
    with editor.database.read() as session:
        thompson = session.scalar(select(Driver).where(Driver.last_name == "Thompson"))
        assert thompson is not None
        thompson_id = thompson.id
    with editor.change("The reporter's spelling") as edit:
        edit.update_driver(thompson_id, first_name="P.", last_name="Thomson")
        edit.set_driver_tags(thompson_id, ["Canadian"])
    report = apply_import(
        editor,
        read_import_file(SEBRING_QUALIFYING),
        sebring_session(editor, SessionKind.QUALIFYING),
    )
    assert report.new_drivers == 0
    with editor.database.read() as session:
        assert len(session.scalars(select(Driver)).all()) == len(file_drivers(SEBRING_RACE))
        assert [t.name for t in session.get(Driver, thompson_id).tags] == ["Canadian"]


def demo_driver(editor: Editor, last_name: str) -> Driver:
    with editor.database.read() as session:
        found = session.scalar(select(Driver).where(Driver.last_name == last_name))
        assert found is not None, last_name
        session.expunge(found)
        return found


def test_article_drivers_keep_their_tags_and_close_spellings_are_asked(
    demo_editor: Editor,
) -> None:
    editor = demo_editor
    deangelis = demo_driver(editor, "DeAngelis").id
    mantell = demo_driver(editor, "Mantell").id
    goikhberg = demo_driver(editor, "Goikhberg").id
    session_id = sebring_session(editor)
    imported = read_import_file(SEBRING_RACE)
    questions = {q.name: q for q in plan_import(editor.database, imported)}
    assert set(questions) >= {"Anthony Mantella", "Misha Goikhberg", "Zacharie Robichon"}
    assert "Roman De Angelis" not in questions  # DeAngelis = De Angelis: no question
    assert [c.driver_id for c in questions["Anthony Mantella"].candidates] == [mantell]
    assert questions["Anthony Mantella"].candidates[0].tags == ("Canadian",)  # read for it
    assert "spelled like" in questions["Anthony Mantella"].reason
    before = dump(editor.database.path)
    with pytest.raises(AmbiguousDrivers, match="Anthony Mantella"):
        apply_import(editor, imported, session_id)
    assert dump(editor.database.path) == before  # refused: nothing saved, no duplicates
    answers = {q.key: (q.candidates[0].driver_id) for q in questions.values()}
    apply_import(editor, imported, session_id, answers)
    ids = stored_ids(editor)
    with editor.database.read() as session:
        for driver_id, official in ((deangelis, "1379"), (mantell, "2682"), (goikhberg, "168")):
            driver = session.get(Driver, driver_id)
            assert [t.name for t in driver.tags] == ["Canadian"]
            assert [(o.provider, o.official_id) for o in driver.official_ids] == [
                ("imsa", official)
            ]
        canadians = session.scalars(select(Driver).where(Driver.country == "CAN")).all()
        untagged = {d.full_name for d in canadians if not d.tags}
    assert untagged == {"James Hinchcliffe", "Scott Hargrove"}  # not in the article
    assert len(ids) == len(file_drivers(SEBRING_RACE))


def test_a_new_driver_answer_creates_one(demo_editor: Editor) -> None:
    editor = demo_editor
    session_id = sebring_session(editor)
    imported = read_import_file(SEBRING_RACE)
    answers = {q.key: None for q in plan_import(editor.database, imported)}
    report = apply_import(editor, imported, session_id, answers)
    with editor.database.read() as session:
        names = [d.full_name for d in session.scalars(select(Driver))]
    assert "Anthony Mantell" in names and "Anthony Mantella" in names
    assert report.new_drivers >= len(answers)


def test_a_different_country_is_reported_and_the_saved_one_kept(editor: Editor) -> None:
    with editor.change("Known driver") as edit:
        thompson = edit.create_driver("Thompson", first_name="Parker", country="USA")
    report = apply_import(editor, read_import_file(SEBRING_RACE), sebring_session(editor))
    assert (
        "Parker Thompson: the file says country CAN (saved: USA); the saved value was kept "
        "(change it on the Drivers page to take the file's)."
    ) in report.text()
    with editor.database.read() as session:
        assert session.get(Driver, thompson).country == "USA"


def test_undo_forgets_the_learned_official_ids(editor: Editor) -> None:
    with editor.change("Known driver") as edit:
        thompson = edit.create_driver("Thompson", first_name="Parker", tags=["Canadian"])
    report = apply_import(editor, read_import_file(SEBRING_RACE), sebring_session(editor))
    assert report.undo is not None
    undo_import(editor, report.undo)
    with editor.database.read() as session:
        assert session.get(Driver, thompson).official_ids == []
        assert len(session.scalars(select(Driver)).all()) == 1
