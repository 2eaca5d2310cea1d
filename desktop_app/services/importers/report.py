"""What an import did (for the reporter) and what it would ask (ambiguous drivers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.model import SkippedRow
from desktop_app.services.importers.undo import ImportUndo


@dataclass(frozen=True)
class DriverChoice:
    """A driver already in the database that a name in the file could be."""

    driver_id: int
    name: str
    country: str = ""
    hometown: str = ""
    tags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        extras = [part for part in (self.country, self.hometown, ", ".join(self.tags)) if part]
        return f"{self.name} ({'; '.join(extras)})" if extras else self.name


@dataclass(frozen=True)
class DriverQuestion:
    """``name`` in car ``car_number`` matches several drivers: which one is it?

    Answer with a ``driver_id`` from ``candidates``, or None for "a new driver".
    ``key`` identifies the question in the answers mapping.
    """

    key: str
    name: str
    car_number: str
    candidates: tuple[DriverChoice, ...]
    reason: str = "matches more than one driver already saved"


class AmbiguousDrivers(TimingImportError):
    """Some names match more than one driver; ask the reporter, then import again."""

    def __init__(self, questions: list[DriverQuestion]) -> None:
        names = "; ".join(f"{q.name} (car #{q.car_number}) {q.reason}" for q in questions)
        super().__init__(
            f"Some names could be drivers already saved, so RaceDesk did not guess: {names}. "
            "Say which driver each one is, or that it is a new driver."
        )
        self.questions = questions


@dataclass
class ImportReport:
    file_name: str
    layout_label: str
    session_id: int
    results: int = 0
    new_results: int = 0
    new_entries: int = 0
    updated_entries: int = 0
    new_drivers: int = 0
    new_teams: int = 0
    new_classes: list[str] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    kept_cars: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    driver_differences: list[str] = field(default_factory=list)
    undo: ImportUndo | None = None
    laps: int = 0
    weather: int = 0

    def lines(self) -> list[str]:
        """The report as sentences, most important first."""
        if self.weather:
            return [f"Stored {_count(self.weather, 'weather reading')} from {self.file_name}."]
        if self.laps and not self.results:
            return [
                f"Stored {_count(self.laps, 'lap')} from {self.file_name} ({self.layout_label}) "
                "beside the session's results; order, entries and crews are unchanged.",
                *self._skipped_lines(),
            ]
        lines = [
            f"Imported {_count(self.results, 'result')} from {self.file_name} "
            f"({self.layout_label}).",
            f"{_count(self.new_entries, 'new entry', 'new entries')}, "
            f"{_count(self.new_drivers, 'new driver')}, {_count(self.new_teams, 'new team')}; "
            f"{self.updated_entries} existing entries updated.",
        ]
        if self.new_classes:
            lines.append(
                f"New classes added to the series: {', '.join(self.new_classes)} "
                "(check the class list)."
            )
        if self.kept_cars:
            cars = ", ".join(f"#{number}" for number in self.kept_cars)
            lines.append(f"Already in the session but not in the file, kept at the bottom: {cars}.")
        if self.laps:
            lines.append(f"Stored {_count(self.laps, 'lap')} of the lap chart.")
        lines.extend(self._skipped_lines())
        lines.extend(self.driver_differences)
        lines.extend(self.notes)
        return lines

    def _skipped_lines(self) -> list[str]:
        if not self.skipped:
            return ["No rows skipped."]
        return [
            f"{_count(len(self.skipped), 'row')} skipped:",
            *(f"  {row}" for row in self.skipped),
        ]

    def text(self) -> str:
        return "\n".join(self.lines())


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"
