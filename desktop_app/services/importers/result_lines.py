"""A results file's line with what it refers to, as ``apply`` writes it in bulk.

``apply._Importer`` first finds every line's class, team and drivers (making new drivers
in memory), writes the new ones together, then the entries and results: a ``Car`` carries
a line through those steps, ``result_fields`` is what its result row gets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from desktop_app.domain import classification as cls
from desktop_app.services.editing_bulk import DriverValues
from desktop_app.services.importers.alkamel import gap_fields
from desktop_app.services.importers.model import ImportedResult


@dataclass
class Car:
    """One line of the file with what it refers to: class, team and the file's drivers
    (none when the line may not name them); their ids once new ones are written."""

    result: ImportedResult
    class_id: int | None
    team: str
    people: list[DriverValues]
    names_drivers: bool

    @property
    def driver_ids(self) -> list[int]:
        return [cast(int, person.id) for person in self.people]  # written by then


def result_fields(result: ImportedResult) -> dict[str, Any]:
    """The result row's values as the file gives them (gaps split in time and laps)."""
    return {
        "status": result.status,
        "laps": result.laps,
        "total_time_ms": result.total_time_ms,
        **gap_fields("gap_first", result.gap_first),
        **gap_fields("gap_previous", result.gap_previous),
        "best_lap_ms": result.best_lap_ms,
        "best_lap_number": result.best_lap_number,
    }


def with_positions(rows: list[tuple[int, dict[str, Any]]], class_codes: dict[int, str]) -> bool:
    """New rows (entry id, result fields) of an empty session get the positions
    ``Edits.renumber`` computes from the file's order (its functions, the class codes it
    reads) before they are inserted, so renumbering them after would move none; False
    when a value is bad (left to ``add_results`` to refuse) and nothing was set."""
    try:
        placings = [
            cls.Placing(entry_id, class_codes.get(entry_id) or "", fields["status"],
                        fields["laps"], fields["total_time_ms"])
            for entry_id, fields in rows
        ]  # fmt: skip
    except ValueError:  # a negative count: add_results refuses it with its own message
        return False
    overall, in_class = cls.overall_positions(placings), cls.class_positions(placings)
    for (_entry_id, fields), position, class_position in zip(rows, overall, in_class, strict=True):
        fields["position"], fields["class_position"] = position, class_position
    return True
