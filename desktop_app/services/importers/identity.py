"""Drivers of an imported file to saved drivers, inside the import's transaction.

``apply.py`` calls :func:`driver_questions` before an import (what to ask the reporter)
and :class:`DriverResolver` during it. Matching rules are in :mod:`matching`; this module
decides what to do with a match: use it, ask, or create a driver. A sure match learns
the file's official id, and keeps its stored country and hometown: where the file says
something else, the import report says so and nothing is overwritten (the reporter can
take the file's value on the Drivers page). Tags belong to the person and so stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from desktop_app.services.editing import Edits
from desktop_app.services.editing_bulk import DriverValues
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.matching import (
    CLOSE,
    DriverIndex,
    DriverMatch,
    driver_key,
    load_index,
)
from desktop_app.services.importers.model import ImportedDriver, ImportedFile
from desktop_app.services.importers.report import DriverChoice, DriverQuestion, ImportReport
from desktop_app.services.importers.undo import ImportUndo
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver

DETAIL_FIELDS = ("country", "hometown_city", "hometown_region")
_REASONS = {
    CLOSE: "is spelled like a driver already saved, but not the same",
    "several": "matches more than one driver already saved",
}


def driver_questions(
    session: Session, imported: ImportedFile, known: KnownMatches | None = None
) -> list[DriverQuestion]:
    """The names an import would ask about: several matches, or a close spelling.
    ``known``: the index and matches of the batch's earlier files (a weekend's five
    results files name the same drivers; each is looked up once)."""
    known = known or KnownMatches(load_index(session))
    questions: dict[str, DriverQuestion] = {}
    for result in imported.results:
        for driver in result.drivers:
            key = driver_key(driver)
            if key in questions:
                continue
            match = known.resolve(driver)
            if match.question:
                questions[key] = question(session, key, driver, result.car_number, match)
    return list(questions.values())


@dataclass
class KnownMatches:
    """Saved drivers indexed once, and each name's match (by what resolving reads: the
    name and the official ids) remembered for the rest of the batch."""

    index: DriverIndex
    matches: dict[tuple[str, str, tuple[tuple[str, str], ...]], DriverMatch] = field(
        default_factory=dict
    )

    def resolve(self, driver: ImportedDriver) -> DriverMatch:
        key = (driver.first_name, driver.last_name, driver.official_ids)
        match = self.matches.get(key)
        if match is None:
            match = self.matches[key] = self.index.resolve(driver)
        return match


def question(
    session: Session, key: str, driver: ImportedDriver, car_number: str, match: DriverMatch
) -> DriverQuestion:
    """The question about one name; each candidate shown with its tags (read here, for
    the few candidates: the index does not hold them)."""
    tags = repo.driver_tag_names(session, [d.id for d in match.candidates if d.id is not None])
    choices = tuple(
        DriverChoice(d.id, d.full_name, d.country, d.hometown, tags.get(d.id, ()))
        for d in match.candidates
        if d.id is not None
    )
    reason = _REASONS.get(match.question, "")
    return DriverQuestion(key, driver.full_name, car_number, choices, reason)


class DriverResolver:
    """Finds or creates the driver of each name in the file, once per name.

    New drivers are made in memory first (:meth:`person`), so later names of the file
    match them, and written together by :meth:`write_new` (one insert for a whole file).
    """

    def __init__(
        self,
        edit: Edits,
        undo: ImportUndo,
        report: ImportReport,
        answers: Mapping[str, int | None],
        index: DriverIndex | None = None,
        sure: dict[ImportedDriver, DriverValues] | None = None,
    ) -> None:
        self.edit, self.undo, self.report, self.answers = edit, undo, report, answers
        self.index: DriverIndex = index if index is not None else load_index(edit.session)
        # names an earlier file of the batch matched (or made) for sure, with nothing
        # left to learn or report: the same name and ids are the same driver again
        self.sure: dict[ImportedDriver, DriverValues] = {} if sure is None else sure
        self.pending: dict[str, DriverQuestion] = {}
        self.new: list[DriverValues] = []
        self._people: dict[str, DriverValues] = {}

    def person(self, driver: ImportedDriver, car_number: str) -> DriverValues:
        """The saved or new driver of this name (a new one has its id after write_new)."""
        key = driver_key(driver)
        if key not in self._people:
            found = self.sure.get(driver)
            self._people[key] = found or self._resolve(key, driver, car_number)
        return self._people[key]

    def write_new(self) -> None:
        """Save the drivers the file adds, with one insert."""
        self.undo.created_drivers.extend(self.edit.add_drivers(self.new))
        self.report.new_drivers += len(self.new)
        self.new = []

    def _resolve(self, key: str, driver: ImportedDriver, car_number: str) -> DriverValues:
        match = self.index.resolve(driver)
        if match.question:
            return self._answered(key, driver, car_number, match)
        reported = len(self.report.driver_differences)
        if match.driver is not None:
            person = self._known(match.driver, driver)
        else:
            person = self._create(driver)
        if len(self.report.driver_differences) == reported:  # else each file reports it
            self.sure[driver] = person
        return person

    def _answered(
        self, key: str, driver: ImportedDriver, car_number: str, match: DriverMatch
    ) -> DriverValues:
        """A name that is a question: the reporter's answer, or a question to ask."""
        if key not in self.answers:
            self.pending[key] = question(self.edit.session, key, driver, car_number, match)
            return match.candidates[0]  # placeholder; the import is refused before commit
        chosen = self.answers[key]
        if chosen is None:
            return self._create(driver)
        picked = [d for d in match.candidates if d.id == chosen]
        if not picked:
            raise TimingImportError(f"The answer for {driver.full_name} is not one of the matches.")
        return self._known(picked[0], driver)

    def _known(self, saved: DriverValues, driver: ImportedDriver) -> DriverValues:
        if any(saved is made for made in self.new):  # new in this file: takes this line's
            self._complete_new(saved, driver)
            return saved
        self._learn_ids(saved, driver)
        self._compare(saved, driver)
        return saved

    def _create(self, driver: ImportedDriver) -> DriverValues:
        details = {name: getattr(driver, name) for name in DETAIL_FIELDS if getattr(driver, name)}
        created = self.edit.new_driver(
            driver.last_name,
            first_name=driver.first_name,
            official_ids=_free_ids(self.index, driver),
            **details,
        )
        self.new.append(created)
        self.index.add(created)
        return created

    def _complete_new(self, new: DriverValues, driver: ImportedDriver) -> None:
        """A second line naming a driver new to this file: blanks filled, ids learnt."""
        for name in ("first_name", *DETAIL_FIELDS):
            value = getattr(driver, name).strip()
            if value and not getattr(new, name):
                setattr(new, name, value.upper() if name == "country" else value)
        for provider, official_id in _free_ids(self.index, driver):
            if (provider, official_id) not in new.official_ids:
                new.official_ids.append((provider, official_id))
                self.index.add_official_id(new, provider, official_id)

    def _learn_ids(self, saved: DriverValues, driver: ImportedDriver) -> None:
        have = set(saved.official_ids)
        new = [pair for pair in _free_ids(self.index, driver) if pair not in have]
        if not new or saved.id is None:
            return
        old = self.edit.set_official_ids(saved.id, [*sorted(have), *new])
        self.undo.driver_official_ids.setdefault(saved.id, old)
        saved.official_ids = [*sorted(have), *new]  # the value follows the saved row
        for provider, official_id in new:
            self.index.add_official_id(saved, provider, official_id)

    def _compare(self, saved: DriverValues, driver: ImportedDriver) -> None:
        """Fill what is blank (a first name keyed as a surname alone too); report (never
        overwrite) what the file says differently."""
        blanks = {
            name: getattr(driver, name)
            for name in ("first_name", *DETAIL_FIELDS)
            if getattr(driver, name) and not getattr(saved, name)
        }
        differences = [
            f"{_LABELS[name]} {getattr(driver, name)} (saved: {getattr(saved, name)})"
            for name in DETAIL_FIELDS
            if getattr(driver, name)
            and getattr(saved, name)
            and getattr(driver, name).casefold() != getattr(saved, name).casefold()
        ]
        if blanks and saved.id is not None:
            self.undo.keep_old_driver(saved.id, self.edit.update_driver(saved.id, **blanks))
            row = self.edit.session.get(Driver, saved.id)  # as saved (trimmed, upper case)
            for name in blanks:  # the value follows the saved row
                setattr(saved, name, getattr(row, name))
        if differences:
            self.report.driver_differences.append(
                f"{saved.full_name}: the file says {'; '.join(differences)}; the saved "
                "value was kept (change it on the Drivers page to take the file's)."
            )


_LABELS = {"country": "country", "hometown_city": "hometown", "hometown_region": "region"}


def _free_ids(index: DriverIndex, driver: ImportedDriver) -> list[tuple[str, str]]:
    """The file's ids that no saved driver holds yet (one id is one person)."""
    return [pair for pair in driver.official_ids if pair not in index.by_id]
