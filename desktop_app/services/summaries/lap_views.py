"""Result-line fields that come from the lap chart: the Q driver, best lap, laps led...

Split from ``context`` (which builds every view) so the lap-chart part reads on its own.
``to_view`` turns a stored driver into the summary's ``DriverView`` (focus included).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, object_session

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.summaries import views as v
from desktop_app.services.summaries.lap_facts import SessionFacts
from desktop_app.storage.models import Driver, Result

ToView = Callable[[Driver], v.DriverView]


def q_driver(row: Result, facts: SessionFacts, to_view: ToView) -> v.DriverView | None:
    """The stored qualifying driver, else (qualifying) the driver of the car's best lap."""
    if row.qualifying_driver is not None:
        return to_view(row.qualifying_driver)
    if row.session.kind is not SessionKind.QUALIFYING:
        return None
    found = _known_driver(row, facts.q_driver_id(row.entry_id, row.best_lap_number))
    return to_view(found) if found else None


def _known_driver(row: Result, driver_id: Any) -> Driver | None:
    if driver_id is None:
        return None
    for driver in row.entry.drivers:
        if driver.id == driver_id:
            return driver
    return orm_session(row).get(Driver, driver_id)


def lap_fields(row: Result, facts: SessionFacts, to_view: ToView) -> dict[str, Any]:
    """What the lap chart adds to a result line (nothing without laps)."""
    if not facts.has_laps:
        return {"group_position": facts.group_positions.get(row.entry_id)}
    best = facts.best.get(row.entry_id)
    code = row.entry.race_class.code if row.entry.race_class else ""
    fastest = facts.fastest_in_class.get(code)
    return {
        "group_position": facts.group_positions.get(row.entry_id),
        "best_lap": _lap_view(row, best.time_ms, best.lap, best.driver, to_view) if best else None,
        "fastest_in_class": fastest is not None and fastest.car == row.entry_id,
        "laps_led": facts.laps_led.get(row.entry_id, 0),
        "class_laps_led": facts.class_laps_led.get(row.entry_id, 0),
        "pit_stops": facts.pit_stops.get(row.entry_id),
        "retired": row.entry_id in facts.retired,
        "driver_laps": tuple(
            v.DriverLapsView(to_view(known), item.laps, item.best_ms)
            for item in facts.driver_laps.get(row.entry_id, [])
            if (known := _known_driver(row, item.driver)) is not None
        ),
    }


def _lap_view(row: Result, time_ms: int, lap: int, driver_id: Any, to_view: ToView) -> v.LapView:
    found = _known_driver(row, driver_id)
    return v.LapView(time_ms, lap, to_view(found) if found else None)


def orm_session(row: Any) -> Session:
    found = object_session(row)
    if found is None:  # pragma: no cover - rows always come from an open session
        raise RuntimeError("a summary row outside its session")
    return found
