"""Result-line fields that come from the lap chart: the Q driver, best lap, laps led...

Split from ``context`` (which builds every view) so the lap-chart part reads on its own.
The lines are the shared result lines (``views.results``); ``driver`` turns a stored
driver id into the summary's ``DriverView`` (focus included), None when there is none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.summaries import views as v
from desktop_app.services.summaries.lap_facts import SessionFacts
from desktop_app.services.views.results import ResultLine

DriverById = Callable[[Any], v.DriverView | None]


def q_driver(
    line: ResultLine, kind: SessionKind, facts: SessionFacts, driver: DriverById
) -> v.DriverView | None:
    """The stored qualifying driver, else (qualifying) the driver of the car's best lap."""
    if line.qualifying_driver_id is not None:
        return driver(line.qualifying_driver_id)
    if kind is not SessionKind.QUALIFYING:
        return None
    return driver(facts.q_driver_id(line.entry.entry_id, line.best_lap_number))


def lap_fields(line: ResultLine, facts: SessionFacts, driver: DriverById) -> dict[str, Any]:
    """What the lap chart adds to a result line (nothing without laps)."""
    car = line.entry.entry_id
    if not facts.has_laps:
        return {"group_position": facts.group_positions.get(car)}
    best = facts.best.get(car)
    fastest = facts.fastest_in_class.get(line.entry.class_code)
    return {
        "group_position": facts.group_positions.get(car),
        "best_lap": v.LapView(best.time_ms, best.lap, driver(best.driver)) if best else None,
        "fastest_in_class": fastest is not None and fastest.car == car,
        "laps_led": facts.laps_led.get(car, 0),
        "class_laps_led": facts.class_laps_led.get(car, 0),
        "pit_stops": facts.pit_stops.get(car),
        "retired": car in facts.retired,
        "driver_laps": tuple(
            v.DriverLapsView(known, item.laps, item.best_ms)
            for item in facts.driver_laps.get(car, [])
            if (known := driver(item.driver)) is not None
        ),
    }
