"""An event built through the editing service with every value the exporters must get right."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from desktop_app.domain.classification import PenaltyKind, Status
from desktop_app.domain.sessions import Coverage, ResultState, SessionKind
from desktop_app.services.editing import Editor

ZONE = ZoneInfo("America/Toronto")


@dataclass(frozen=True)
class Crafted:
    event_id: int
    race_id: int
    practice_id: int
    twin_ids: tuple[int, int]


@pytest.fixture
def crafted(editor: Editor) -> Crafted:
    """CTMP weekend: a formula-like team, car 01, Sébastien, keyed times, an official race."""
    with editor.change("Build test weekend") as edit:
        event_id = edit.create_event(
            "Grand Prix de Trois-Rivières",
            circuit="Canadian Tire Motorsport Park",
            time_zone="America/Toronto",
            start_date=dt.date(2024, 5, 17),
        )
        series_id = edit.ensure_series("NASCAR/Pinty's: Series?", "NASCAR Pinty's Series")
        class_id = edit.ensure_class(series_id, "PRO", "Pro")
        sebastien = edit.create_driver("Bourdais", first_name="Sébastien", tags=["Canadian"])
        other = edit.create_driver("Smith", first_name="Jo")
        teams = ["=1+1", "@SUM(A1)", "+1", "-1"]
        entries = [
            edit.create_entry(
                event_id,
                series_id,
                number,
                class_id=class_id,
                team_id=edit.ensure_team(team),
                vehicle="Chevrolet",
                driver_ids=[driver],
            )
            for number, team, driver in zip(
                ["01", "7", "12", "33"], teams, [sebastien, other, other, other], strict=True
            )
        ]
        starts = dt.datetime(2024, 5, 18, 14, 30, tzinfo=ZONE)
        race_id = edit.create_session(
            event_id,
            series_id,
            SessionKind.RACE,
            "Race 1",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1, minutes=45),
            result_state=ResultState.OFFICIAL,
        )
        edit.create_broadcast(
            event_id, "Pinty's Race 1", "TSN", starts, session_id=race_id, coverage=Coverage.LIVE
        )
        first = edit.add_result(
            race_id, entries[0], position=2, class_position=2, official_position=1,
            official_class_position=1, laps=50, total_time_ms=5_400_123, best_lap_ms=107_123,
            best_lap_number=17,
        )  # fmt: skip
        edit.add_result(
            race_id, entries[1], position=1, class_position=1, official_position=2,
            official_class_position=2, laps=50, gap_first_ms=1_250, best_lap_ms=107_500,
        )  # fmt: skip
        edit.add_result(
            race_id, entries[2], position=3, class_position=3, laps=49, gap_first_laps=1
        )
        edit.add_result(race_id, entries[3], status=Status.DNF, laps=12, gap_first_laps=38)
        edit.add_penalty(first, PenaltyKind.TIME, amount_ms=30_000, reason="Pit lane speeding")
        practice_id = edit.create_session(event_id, series_id, SessionKind.PRACTICE, "Practice")
        edit.add_result(practice_id, entries[0], position=1, best_lap_ms=47_123)
        twins = (
            edit.create_session(event_id, series_id, SessionKind.PRACTICE, "Practice"),
            edit.create_session(event_id, series_id, SessionKind.PRACTICE, "practice"),
        )
    return Crafted(event_id, race_id, practice_id, twins)
