"""Focus rules in summaries: the session's own crew decides, only focus drivers are named."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.services.summaries import Selection, summarise
from desktop_app.storage import repository as repo
from desktop_app.storage.models import CrewSeat, Driver

RACE_1 = (
    "Race 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P4 in LMP3, "
    "George Staikos was P8 in LMP3, while Jesse Lazare finished P13 in GSX."
)


def _ids(editor: Editor) -> tuple[int, int, int]:
    with editor.database.read() as session:
        roar = repo.find_events(session, "Roar Before the 24")[0].id
        race_1 = repo.find_sessions(session, roar, "VPSCC Race 1")[0].id
        lazare = session.scalar(select(Driver.id).where(Driver.last_name == "Lazare"))
        assert lazare is not None
        return roar, race_1, lazare


def test_rules_pick_drivers_by_country_hometown_and_tag(demo_editor: Editor) -> None:
    roar, race_1, _ = _ids(demo_editor)

    def text(rule: str) -> str:
        return summarise(demo_editor.database, Selection(roar, race_1, rule), preset="race").text

    assert text("country:CAN").strip() == RACE_1
    assert text("tag:Canadian").strip() == RACE_1
    assert text("hometown:*, QC").strip() == (
        "Race 1 in the VP Racing SportsCar Challenge saw Jesse Lazare finishing P13 in GSX."
    )
    assert text("hometown:Kelowna*, hometown:Trenton*").strip() == (
        "Race 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P4 in LMP3, "
        "while George Staikos finished P8 in LMP3."
    )


def test_a_session_crew_decides_who_is_in_the_car(demo_editor: Editor) -> None:
    """Lazare's car with another crew in Race 1 (as a weekend import stores it): in that
    session the car is not in focus; the other sessions keep the entry's drivers."""
    roar, race_1, lazare = _ids(demo_editor)
    with demo_editor.change("Race 1 crew") as edit:
        seats = [s for e in repo.event_entries(edit.session, roar) for s in e.seats]
        seat = next(s for s in seats if s.driver_id == lazare)
        other = edit.create_driver("Substitute", first_name="A.", country="USA")
        edit.session.add(
            CrewSeat(session_id=race_1, entry_id=seat.entry_id, seat=1, driver_id=other)
        )
    result = summarise(demo_editor.database, Selection(roar, race_1, "country:CAN"), preset="race")
    assert result.text.strip() == (
        "Race 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P4 in LMP3, "
        "while George Staikos finished P8 in LMP3."
    )
    weekend = summarise(demo_editor.database, Selection(roar, None, "country:CAN")).text
    assert "Jesse Lazare finished P4 in GSX" in weekend  # Race 2: the entry's own driver
