"""A session's laps are written several to a statement; every lap is saved as given,
whatever their number (whole statements, a shorter last one, or only that), on both
backends."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.services.editing_weekend import LAP_FIELDS
from desktop_app.storage.database import open_database
from desktop_app.storage.models import Lap, Result


def _lap(entry_id: int, number: int) -> dict[str, Any]:
    return {
        "entry_id": entry_id,
        "lap_number": number,
        "time_ms": 100_000 + number,
        "driver_id": None,
        "driver_number": number % 3 or None,
        "pit_in": number % 7 == 0,
        "pit_time_ms": 30_000 + number if number % 7 == 0 else None,
        "flag": "FCY" if number % 5 == 0 else "GF",
        "time_of_day_ms": 36_000_000 + 100_000 * number,
        "elapsed_ms": 100_000 * number,
        "s1_ms": 30_000 + number,
        "s2_ms": None if number % 4 == 0 else 40_000,
        "s3_ms": 30_000,
        "kph": 180.5 + number,
        "top_speed_kph": None,
    }


@pytest.mark.parametrize("count", [1, 25, 26, 51])
def test_every_lap_is_saved_as_given_however_many(new_target, count: int) -> None:
    editor = Editor(open_database(new_target("demo")))
    try:
        with editor.database.read() as session:
            result = session.scalars(select(Result).order_by(Result.id)).first()
            assert result is not None
            session_id, entry_id = result.session_id, result.entry_id
        laps = [_lap(entry_id, number) for number in range(1, count + 1)]
        with editor.change("Laps") as edit:
            edit.replace_laps(session_id, laps)
        columns = [getattr(Lap, name) for name in LAP_FIELDS]
        with editor.database.read() as session:
            saved = session.execute(
                select(*columns).where(Lap.session_id == session_id).order_by(Lap.lap_number)
            ).all()
        assert [dict(zip(LAP_FIELDS, row, strict=True)) for row in saved] == laps
    finally:
        editor.database.close()
