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

from sqlalchemy.orm import Session

from desktop_app.services.editing import Edits
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
from desktop_app.storage.models import Driver

DETAIL_FIELDS = ("country", "hometown_city", "hometown_region")
_REASONS = {
    CLOSE: "is spelled like a driver already saved, but not the same",
    "several": "matches more than one driver already saved",
}


def driver_questions(session: Session, imported: ImportedFile) -> list[DriverQuestion]:
    """The names an import would ask about: several matches, or a close spelling."""
    index = load_index(session)
    questions: dict[str, DriverQuestion] = {}
    for result in imported.results:
        for driver in result.drivers:
            key = driver_key(driver)
            if key in questions:
                continue
            match = index.resolve(driver)
            if match.question:
                questions[key] = question(key, driver, result.car_number, match)
    return list(questions.values())


def question(
    key: str, driver: ImportedDriver, car_number: str, match: DriverMatch
) -> DriverQuestion:
    choices = tuple(
        DriverChoice(d.id, d.full_name, d.country, d.hometown, tuple(t.name for t in d.tags))
        for d in match.candidates
    )
    reason = _REASONS.get(match.question, "")
    return DriverQuestion(key, driver.full_name, car_number, choices, reason)


class DriverResolver:
    """Finds or creates the driver of each name in the file, once per name."""

    def __init__(
        self,
        edit: Edits,
        undo: ImportUndo,
        report: ImportReport,
        answers: Mapping[str, int | None],
    ) -> None:
        self.edit, self.undo, self.report, self.answers = edit, undo, report, answers
        self.index: DriverIndex = load_index(edit.session)
        self.pending: dict[str, DriverQuestion] = {}
        self._ids: dict[str, int] = {}

    def driver_id(self, driver: ImportedDriver, car_number: str) -> int:
        key = driver_key(driver)
        if key not in self._ids:
            self._ids[key] = self._resolve(key, driver, car_number)
        return self._ids[key]

    def _resolve(self, key: str, driver: ImportedDriver, car_number: str) -> int:
        match = self.index.resolve(driver)
        if match.driver is not None:
            return self._known(match.driver, driver)
        if not match.question:
            return self._create(driver)
        if key not in self.answers:
            self.pending[key] = question(key, driver, car_number, match)
            return match.candidates[0].id  # placeholder; the import is refused before commit
        chosen = self.answers[key]
        if chosen is None:
            return self._create(driver)
        picked = [d for d in match.candidates if d.id == chosen]
        if not picked:
            raise TimingImportError(f"The answer for {driver.full_name} is not one of the matches.")
        return self._known(picked[0], driver)

    def _known(self, saved: Driver, driver: ImportedDriver) -> int:
        self._learn_ids(saved, driver)
        self._compare(saved, driver)
        return saved.id

    def _create(self, driver: ImportedDriver) -> int:
        fields = {name: getattr(driver, name) for name in DETAIL_FIELDS if getattr(driver, name)}
        driver_id = self.edit.create_driver(
            driver.last_name, first_name=driver.first_name, **fields
        )
        self.undo.created_drivers.append(driver_id)
        self.report.new_drivers += 1
        created = self.edit.session.get(Driver, driver_id)
        if driver.official_ids and created is not None:
            self.edit.set_official_ids(driver_id, _free_ids(self.index, driver))
        if created is not None:
            self.index.add(created)
        return driver_id

    def _learn_ids(self, saved: Driver, driver: ImportedDriver) -> None:
        have = {(o.provider, o.official_id) for o in saved.official_ids}
        new = [pair for pair in _free_ids(self.index, driver) if pair not in have]
        if not new:
            return
        old = self.edit.set_official_ids(saved.id, [*sorted(have), *new])
        self.undo.driver_official_ids.setdefault(saved.id, old)
        for provider, official_id in new:
            self.index.add_official_id(saved, provider, official_id)

    def _compare(self, saved: Driver, driver: ImportedDriver) -> None:
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
        if blanks:
            self.undo.keep_old_driver(saved.id, self.edit.update_driver(saved.id, **blanks))
        if differences:
            self.report.driver_differences.append(
                f"{saved.full_name}: the file says {'; '.join(differences)}; the saved "
                "value was kept (change it on the Drivers page to take the file's)."
            )


_LABELS = {"country": "country", "hometown_city": "hometown", "hometown_region": "region"}


def _free_ids(index: DriverIndex, driver: ImportedDriver) -> list[tuple[str, str]]:
    """The file's ids that no saved driver holds yet (one id is one person)."""
    return [pair for pair in driver.official_ids if pair not in index.by_id]
