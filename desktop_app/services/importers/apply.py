"""Save an imported file into a session: ONE transaction through ``services.editing``.

Entries are matched by car number (text: ``01`` is not ``1``), drivers by official id
then name across spellings (:mod:`identity`), classes through their aliases. Results follow
the file's order and positions are computed as ``Edits.renumber`` does. Re-importing updates
rows in place, so the reporter's notes, tags and penalties stay. Names that match more
than one saved driver, or are only spelled alike, are never guessed: :func:`plan_import`
lists them as questions and :func:`apply_import` takes the answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from sqlalchemy import select

from desktop_app.domain.sessions import ResultState
from desktop_app.services.editing import Editor, Edits
from desktop_app.services.editing_bulk import NewEntry
from desktop_app.services.editing_entries import clean_car_number
from desktop_app.services.editing_results import RESULT_FIELDS
from desktop_app.services.errors import EditError
from desktop_app.services.importers.apply_laps import SavedEntry, attach_laps, store_weather
from desktop_app.services.importers.batch_memory import BatchMemory
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.file_classes import classes_to_add
from desktop_app.services.importers.identity import DriverResolver, driver_questions
from desktop_app.services.importers.model import (
    ImportedFile,
    ImportedResult,
    Layout,
)
from desktop_app.services.importers.report import AmbiguousDrivers, DriverQuestion, ImportReport
from desktop_app.services.importers.result_lines import Car, result_fields, with_positions
from desktop_app.services.importers.undo import ImportUndo
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database
from desktop_app.storage.models import Entry, RaceSession, Result

Answers = Mapping[str, int | None]
_RESULT_NAMES = sorted(RESULT_FIELDS)


class _SavedResult(NamedTuple):
    """A saved result as a re-import reads it: its fields (what undo puts back)."""

    id: int
    entry_id: int
    car_number: str | None
    fields: dict[str, Any]


def plan_import(database: Database, imported: ImportedFile) -> list[DriverQuestion]:
    """The questions an import would ask (several matches, or a close spelling)."""
    with database.read() as session:
        return driver_questions(session, imported)


def apply_import(
    editor: Editor, imported: ImportedFile, session_id: int, answers: Answers | None = None
) -> ImportReport:
    """Save ``imported`` into the session; all or nothing. Returns what it did."""
    action = f"Import {imported.name}"
    try:
        with editor.change(action) as edit:
            return import_into(edit, imported, session_id, answers)
    except EditError as error:
        raise TimingImportError(f"{imported.name} was not imported: {error}") from error


def import_into(
    edit: Edits,
    imported: ImportedFile,
    session_id: int,
    answers: Answers | None = None,
    *,
    memory: BatchMemory | None = None,
) -> ImportReport:
    """Save one read file into a session inside an open action (see ``weekend_apply``).

    Results files set results, entries and the session's crews; a lap chart attaches its
    laps (and, in a session without results, gives each car a result from its laps);
    a weather file replaces the session's readings. ``memory``: what the earlier files
    of the same action read (saved drivers, classes, teams, cars), kept in step.
    """
    if imported.layout is Layout.WEATHER:
        return store_weather(edit, imported, session_id)
    if imported.layout is Layout.LAP_CHART:
        if edit.session.scalar(select(Result.id).where(Result.session_id == session_id).limit(1)):
            return attach_laps(edit, imported, session_id)
        importer = _Importer(edit, imported, session_id, dict(answers or {}), memory)
        importer.lap_chart = True
        report = importer.run()
        return attach_laps(edit, imported, session_id, report)
    return _Importer(edit, imported, session_id, dict(answers or {}), memory).run()


class _Importer:
    def __init__(
        self,
        edit: Edits,
        imported: ImportedFile,
        session_id: int,
        answers: dict[str, Any],
        memory: BatchMemory | None = None,
    ) -> None:
        race_session = edit.session.get(RaceSession, session_id)
        if race_session is None:
            raise TimingImportError(f"The session to import into no longer exists ({session_id}).")
        self.edit, self.imported, self.answers = edit, imported, answers
        self.lap_chart = False
        # the rows went into a session without results with the positions renumbering
        # gives them (same functions, same class codes): renumbering would move none
        self.placed = False
        self.crews: dict[int, list[int]] = {}
        self.race_session = race_session
        self.undo = ImportUndo(session_id)
        self.report = ImportReport(imported.name, imported.layout.label, session_id, undo=self.undo)
        self.memory = memory = memory if memory is not None else BatchMemory()
        self.spellings = memory.class_spellings(edit.session, self.series_id)
        self.teams = memory.team_ids(edit.session)
        self.new_teams: dict[str, None] = {}  # names to create, in the file's order
        index = memory.driver_index(edit.session)
        self.drivers = DriverResolver(edit, self.undo, self.report, answers, index, memory.sure)
        self.entries = memory.entries(edit.session, self.event_id, self.series_id)

    @property
    def event_id(self) -> int:
        return self.race_session.event_id

    @property
    def series_id(self) -> int:
        return self.race_session.series_id

    def run(self) -> ImportReport:
        existing = self._saved_results()
        self.undo.old_results = {row.id: row.fields for row in existing}
        by_entry = {row.entry_id: row.id for row in existing}
        self._add_new_classes()
        cars = [self._car(result) for result in self.imported.results]
        if self.drivers.pending:
            raise AmbiguousDrivers(list(self.drivers.pending.values()))
        self._write_new_teams()
        self.drivers.write_new()
        order = self._results(cars, self._entries(cars), by_entry)
        kept = [row for row in existing if row.id not in order]
        old_crews = self.edit.set_session_crews(self.race_session.id, self.crews)
        for entry_id, crew in old_crews.items():
            self.undo.old_crews.setdefault(entry_id, crew)
        if existing:  # else the rows were added in the file's order already
            self.edit.set_order(self.race_session.id, order + [row.id for row in kept])
        if existing or not self.placed or self.race_session.result_state is ResultState.OFFICIAL:
            self.edit.renumber(self.race_session.id)
        self._mark_provisional()
        self.report.kept_cars = [row.car_number or "?" for row in kept]
        self.report.results = len(order)
        self.report.skipped = list(self.imported.skipped)
        self.report.notes = list(self.imported.notes)
        return self.report

    def _saved_results(self) -> list[_SavedResult]:
        """The session's saved results in order, as plain values (one column query)."""
        columns = [Result.__table__.c[name] for name in _RESULT_NAMES]
        query = (
            select(Result.id, Result.entry_id, Entry.car_number, *columns)
            .join(Entry, Result.entry_id == Entry.id)
            .where(Result.session_id == self.race_session.id)
            .order_by(Result.sort_order, Result.id)
        )
        return [
            _SavedResult(row[0], row[1], row[2], dict(zip(_RESULT_NAMES, row[3:], strict=True)))
            for row in self.edit.session.execute(query)
        ]

    def _mark_provisional(self) -> None:
        if self.race_session.result_state is ResultState.NONE:
            old = self.edit.update_session(
                self.race_session.id, result_state=ResultState.PROVISIONAL
            )
            self.undo.session_fields = old

    def _car(self, result: ImportedResult) -> Car:
        """A line's class, team and drivers, found or (for drivers) made in memory.

        A lap chart prints names in one cell ("Luis Perez Companc"), split by guess: it
        must not add such guesses to a car the entry list already has."""
        class_id = self._class(result.class_code)
        team = self._team_name(result.team)
        names = not (self.lap_chart and result.car_number in self.entries)
        people = [self.drivers.person(d, result.car_number) for d in result.drivers if names]
        return Car(result, class_id, team, list({id(p): p for p in people}.values()), names)

    def _entries(self, cars: list[Car]) -> list[int]:
        """Each line's entry: saved ones updated where the file differs, new cars added
        together (one insert); the file's drivers are this session's crew."""
        new: list[NewEntry] = []
        for car in cars:
            result, team_id = car.result, self.teams.get(car.team)
            entry = self.entries.get(result.car_number)
            if entry is None:
                line_up = tuple(car.driver_ids)
                new.append(
                    NewEntry(result.car_number, car.class_id, team_id, result.vehicle, line_up)
                )
            else:
                self._update_entry(entry, car.class_id, team_id, result.vehicle, car.driver_ids)
        created = self.edit.add_entries(self.event_id, self.series_id, new)
        self.undo.created_entries.extend(created)
        self.report.new_entries += len(created)
        fresh = iter(created)
        entry_ids = [
            entry.id if (entry := self.entries.get(car.result.car_number)) else next(fresh)
            for car in cars
        ]
        for made, entry_id in zip(new, created, strict=True):  # the batch's next files know it
            self.entries[clean_car_number(made.car_number)] = SavedEntry(
                entry_id, made.class_id, made.team_id, made.vehicle.strip(), list(made.driver_ids)
            )
        for car, entry_id in zip(cars, entry_ids, strict=True):
            if car.driver_ids and not self.lap_chart:
                self.crews[entry_id] = car.driver_ids  # written at the end, one statement
        return entry_ids

    def _results(
        self, cars: list[Car], entry_ids: list[int], by_entry: dict[int, int]
    ) -> list[int]:
        """Result rows in the file's order: saved ones updated, new ones added together."""
        new: list[tuple[int, dict[str, Any]]] = []
        for car, entry_id in zip(cars, entry_ids, strict=True):
            result_id = by_entry.get(entry_id)
            if result_id is None:
                new.append((entry_id, result_fields(car.result)))
            else:
                self.edit.update_result(result_id, **result_fields(car.result))
        if new and not by_entry:
            codes = self._class_codes([entry_id for entry_id, _fields in new])
            self.placed = with_positions(new, codes)
        created = self.edit.add_results(self.race_session.id, new)
        self.undo.created_results.extend(created)
        self.report.new_results += len(created)
        fresh = iter(created)
        return [by_entry.get(entry_id) or next(fresh) for entry_id in entry_ids]

    def _class_codes(self, entry_ids: list[int]) -> dict[int, str]:
        """Each new row's class code as renumber reads it: the entry's class as saved by
        now (the batch keeps its cars in step with what it writes)."""
        codes = self.memory.class_codes(self.edit.session, self.series_id)
        class_of = {entry.id: entry.class_id for entry in self.entries.values()}
        return {entry_id: codes.get(class_of.get(entry_id) or 0, "") for entry_id in entry_ids}

    def _update_entry(
        self,
        entry: SavedEntry,
        class_id: int | None,
        team_id: int | None,
        vehicle: str,
        drivers: list[int],
    ) -> None:
        """Change only what the file says and differs; an empty cell keeps what is saved.

        The entry's seats are the car's drivers over the weekend: drivers new to the car
        are added after the others, nobody is removed (each session has its own crew).
        A lap chart only fills what the entry lacks: it names makers, not vehicles.
        """
        wanted = {"class_id": class_id, "team_id": team_id, "vehicle": vehicle or None}
        changed = {
            name: value
            for name, value in wanted.items()
            if value is not None
            and getattr(entry, name) != value
            and not (self.lap_chart and getattr(entry, name))
        }
        if changed:
            self.undo.keep_old_entry(entry.id, self.edit.update_entry(entry.id, **changed))
            for name, value in changed.items():  # the plain copy follows the saved row
                setattr(entry, name, value)
        current = list(entry.driver_ids)
        union = current + [driver for driver in drivers if driver not in current]
        if union != current:
            old = self.edit.set_entry_drivers(entry.id, union)
            self.undo.entry_drivers.setdefault(entry.id, old)
            entry.driver_ids = union
        if changed or union != current:
            self.report.updated_entries += 1

    def _class(self, code: str) -> int | None:
        """The class of a line (every class of the file is saved by then)."""
        return self.spellings[repo.normalise_code(code)] if code.strip() else None

    def _add_new_classes(self) -> None:
        """The classes the file names and the series lacks, added together."""
        codes = (result.class_code for result in self.imported.results)
        new, aliases = classes_to_add(self.edit, self.race_session.series, codes, self.spellings)
        self.undo.created_aliases += aliases
        created = self.edit.add_classes(self.series_id, new)
        class_codes = self.memory.class_codes(self.edit.session, self.series_id)
        for made, class_id in zip(new, created, strict=True):
            class_codes[class_id] = made.code
            self.undo.created_classes.append(class_id)
            self.report.new_classes.append(made.code)
            for spelling in (made.code, made.name or made.code, *made.aliases):
                self.spellings.setdefault(repo.normalise_code(spelling), class_id)

    def _team_name(self, name: str) -> str:
        """The team's name; a team not saved yet is created with the others of the file."""
        clean = name.strip()
        if clean and clean not in self.teams:
            self.new_teams.setdefault(clean, None)
        return clean

    def _write_new_teams(self) -> None:
        created = self.edit.add_teams(list(self.new_teams))
        self.teams.update(zip(self.new_teams, created, strict=True))
        self.undo.created_teams.extend(created)
        self.report.new_teams += len(created)
