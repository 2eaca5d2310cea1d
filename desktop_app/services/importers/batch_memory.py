"""What the files of one import batch read once and share (one action, one transaction).

A weekend's five results files name the same drivers, teams, classes and cars. Each
file used to read them all again (two to four queries per file, and the driver index);
now the first file that needs a piece reads it and every file keeps it in step with what
it adds or changes, as the database holds it by then.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.services.editing_bulk import DriverValues
from desktop_app.services.importers.apply_laps import SavedEntry, entries_by_number
from desktop_app.services.importers.matching import DriverIndex, load_index
from desktop_app.services.importers.model import ImportedDriver
from desktop_app.storage import repository as repo
from desktop_app.storage.models import RaceClass, Team

ClassSpellings = dict[int, dict[str, int]]  # series id -> normalised spelling -> class id


@dataclass
class BatchMemory:
    """Read on first use; the importer updates each piece with what it writes."""

    drivers: DriverIndex | None = None
    sure: dict[ImportedDriver, DriverValues] = field(default_factory=dict)  # see DriverResolver
    classes: ClassSpellings = field(default_factory=dict)
    codes: dict[int, dict[int, str]] = field(default_factory=dict)  # series -> class codes
    teams: dict[str, int] | None = None  # every saved team's id by name
    cars: dict[tuple[int, int], dict[str | None, SavedEntry]] = field(default_factory=dict)

    def driver_index(self, session: Session) -> DriverIndex:
        """Every saved driver, indexed (new drivers join it as they are made)."""
        if self.drivers is None:
            self.drivers = load_index(session)
        return self.drivers

    def class_spellings(self, session: Session, series_id: int) -> dict[str, int]:
        """The series' classes by every spelling (a class a file adds joins it)."""
        if series_id not in self.classes:
            self.classes[series_id] = repo.class_spellings(session, series_id)
        return self.classes[series_id]

    def class_codes(self, session: Session, series_id: int) -> dict[int, str]:
        """The series' class codes by class id (a class a file adds joins it)."""
        if series_id not in self.codes:
            query = select(RaceClass.id, RaceClass.code).where(RaceClass.series_id == series_id)
            self.codes[series_id] = {class_id: code for class_id, code in session.execute(query)}
        return self.codes[series_id]

    def team_ids(self, session: Session) -> dict[str, int]:
        """Every saved team at once: one query instead of one per car (names are unique)."""
        if self.teams is None:
            self.teams = {
                name: team_id for name, team_id in session.execute(select(Team.name, Team.id))
            }
        return self.teams

    def entries(
        self, session: Session, event_id: int, series_id: int
    ) -> dict[str | None, SavedEntry]:
        """The event's cars of the series by number (new cars join it as they are made)."""
        key = (event_id, series_id)
        if key not in self.cars:
            self.cars[key] = entries_by_number(session, event_id, series_id)
        return self.cars[key]
