"""The demo weekend holds what the reference article states, once."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop_app.domain.sessions import ResultState
from desktop_app.services.demo import load_demo
from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, Entry, Event, Result


def test_demo_twice_does_not_duplicate(demo_editor: Editor) -> None:
    report = load_demo(demo_editor)
    assert report.created == []
    with demo_editor.database.read() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 2
        assert session.scalar(select(func.count()).select_from(Entry)) == 20
        assert session.scalar(select(func.count()).select_from(Driver)) == 22


def test_staikos_is_elevated_after_the_penalty_against_ware(demo_editor: Editor) -> None:
    with demo_editor.database.read() as session:
        roar = repo.find_events(session, "roar before the 24")[0]
        race2 = repo.find_sessions(session, roar.id, "VPSCC Race 2")[0]
        rows = {r.entry.drivers[0].last_name: r for r in repo.session_results(session, race2.id)}
        assert race2.result_state is ResultState.OFFICIAL
        assert (rows["Staikos"].class_position, rows["Staikos"].official_class_position) == (8, 7)
        assert rows["Ware"].class_position == 2
        assert rows["Ware"].penalties[0].post_session
        assert rows["Ware"].entry.car_number is None  # the article does not give it


def test_focus_drivers_carry_tags_and_hometowns(demo_editor: Editor) -> None:
    with demo_editor.database.read() as session:
        staikos = repo.drivers_named(session, "George", "Staikos")[0]
        assert (staikos.hometown, [t.name for t in staikos.tags]) == ("Trenton, ON", ["Canadian"])
        ortiz = repo.drivers_named(session, "Brian", "Ortiz")[0]
        assert ortiz.tags == [] and ortiz.hometown == ""


def test_qualifying_lists_class_and_overall_as_stated(demo_editor: Editor) -> None:
    with demo_editor.database.read() as session:
        roar = repo.find_events(session, "Roar Before the 24")[0]
        quali = repo.find_sessions(session, roar.id, "IWSC Qualifying")[0]
        rows = repo.session_results(session, quali.id)
        first = rows[0]
        assert (first.entry.car_number, first.class_position, first.position) == ("12", 1, 3)
        assert first.qualifying_driver.full_name == "Parker Thompson"
        lmp2 = rows[-1]
        assert (lmp2.entry.car_number, lmp2.class_position, lmp2.position) == ("8", 13, None)
        assert "red flag" in quali.notes
        count = session.scalar(select(func.count()).select_from(Result))
        assert count == 27
