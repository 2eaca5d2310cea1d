"""Edits of drivers as people: their official ids, and merging two records of one person.

A merge is one user action and one undo step: every reference to the second driver
(seats, session crews, laps, qualifying drivers) moves to the first, tags and official ids
are joined, and the second record is deleted; :class:`MergeRecord` holds what undo needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update

from desktop_app.services.editing_entries import EntryEdits
from desktop_app.services.errors import EditError
from desktop_app.storage.models import (
    CrewSeat,
    Driver,
    DriverOfficialId,
    Entry,
    EntryDriver,
    Lap,
    Result,
)

OfficialIds = list[tuple[str, str]]


class DriverEdits(EntryEdits):
    def set_official_ids(self, driver_id: int, ids: Iterable[tuple[str, str]]) -> OfficialIds:
        """Replace a driver's official ids (provider, id); return the old ones (for undo).

        An id another driver already holds is refused: one id is one person.
        """
        driver = self._get(Driver, driver_id)
        old = [(o.provider, o.official_id) for o in driver.official_ids]
        wanted = list(
            dict.fromkeys((p.strip(), i.strip()) for p, i in ids if p.strip() and i.strip())
        )
        for provider, official_id in wanted:
            holder = self._id_holder(provider, official_id)
            if holder is not None and holder.id != driver_id:
                raise EditError(
                    f"{provider} id {official_id} already belongs to {holder.full_name}."
                )
        driver.official_ids.clear()
        self.session.flush()
        driver.official_ids.extend(DriverOfficialId(provider=p, official_id=i) for p, i in wanted)
        self._touch("drivers", driver_id, {"official_ids": old}, {"official_ids": wanted})
        return old

    def _id_holder(self, provider: str, official_id: str) -> Driver | None:
        query = select(DriverOfficialId).where(
            DriverOfficialId.provider == provider, DriverOfficialId.official_id == official_id
        )
        found = self.session.scalar(query)
        return found.driver if found is not None else None

    # Merging -----------------------------------------------------------------------------

    def merge_drivers(self, keep_id: int, gone_id: int) -> MergeRecord:
        """Make ``gone`` part of ``keep``: seats, crews, laps, results, tags and ids move,
        blank details are filled from ``gone``, then ``gone`` is deleted. One user action;
        the record returned is what :meth:`unmerge_drivers` needs to put it all back."""
        if keep_id == gone_id:
            raise EditError("A driver cannot be merged into itself.")
        keep, gone = self._get(Driver, keep_id), self._get(Driver, gone_id)
        record = MergeRecord(keep_id, _snapshot(gone))
        record.lineups = self._move_seats(gone_id, keep_id)
        record.crews, record.laps, record.results = self._move_references(gone_id, keep_id)
        gone_ids = [(o.provider, o.official_id) for o in gone.official_ids]
        tags = [t.name for t in keep.tags] + [t.name for t in gone.tags]
        blanks = {name: getattr(gone, name) for name in _DETAILS if not getattr(keep, name)}
        self.set_official_ids(gone_id, [])
        record.keep_ids = self.add_official_ids(keep_id, gone_ids)
        record.keep_tags = self.set_driver_tags(keep_id, tags)
        record.keep_fields = self.update_driver(keep_id, **blanks) if blanks else {}
        self.delete_driver(gone_id)
        return record

    def unmerge_drivers(self, record: MergeRecord) -> None:
        """Undo of :meth:`merge_drivers`: the second driver comes back with the same id."""
        self.set_official_ids(record.keep_id, record.keep_ids)
        self.set_driver_tags(record.keep_id, record.keep_tags)
        if record.keep_fields:
            self.update_driver(record.keep_id, **record.keep_fields)
        gone_id = self._restore(record.gone)
        for entry_id, line_up in record.lineups.items():
            self.set_entry_drivers(entry_id, line_up)
        for session_id, entry_id, seat in record.crews:
            self.session.merge(CrewSeat(session_id=session_id, entry_id=entry_id, seat=seat,
                                        driver_id=gone_id))  # fmt: skip
        self._point(Lap, Lap.driver_id, record.laps, gone_id)
        self._point(Result, Result.qualifying_driver_id, record.results, gone_id)
        self.session.flush()

    def add_official_ids(self, driver_id: int, ids: list[tuple[str, str]]) -> OfficialIds:
        driver = self._get(Driver, driver_id)
        current = [(o.provider, o.official_id) for o in driver.official_ids]
        return self.set_official_ids(driver_id, [*current, *ids])

    def _move_seats(self, gone_id: int, keep_id: int) -> dict[int, list[int]]:
        seats = self.session.scalars(select(EntryDriver).where(EntryDriver.driver_id == gone_id))
        old: dict[int, list[int]] = {}
        for entry_id in sorted({seat.entry_id for seat in seats}):
            entry = self._get(Entry, entry_id)
            line_up = [keep_id if s.driver_id == gone_id else s.driver_id for s in entry.seats]
            old[entry_id] = self.set_entry_drivers(entry_id, list(dict.fromkeys(line_up)))
        return old

    def _move_references(
        self, gone_id: int, keep_id: int
    ) -> tuple[list[tuple[int, int, int]], list[int], list[int]]:
        crews = list(self.session.scalars(select(CrewSeat).where(CrewSeat.driver_id == gone_id)))
        moved = [(c.session_id, c.entry_id, c.seat) for c in crews]
        for crew in crews:
            query = select(CrewSeat).where(
                CrewSeat.session_id == crew.session_id,
                CrewSeat.entry_id == crew.entry_id,
                CrewSeat.driver_id == keep_id,
            )
            if self.session.scalar(query) is not None:
                self.session.delete(crew)  # already in that crew: one seat is enough
            else:
                crew.driver_id = keep_id
        laps = list(self.session.scalars(select(Lap.id).where(Lap.driver_id == gone_id)))
        results = list(
            self.session.scalars(select(Result.id).where(Result.qualifying_driver_id == gone_id))
        )
        self._point(Lap, Lap.driver_id, laps, keep_id)
        self._point(Result, Result.qualifying_driver_id, results, keep_id)
        self._touch("drivers", keep_id, {}, {"merged": gone_id})
        return moved, laps, results

    def _point(self, model: Any, column: Any, ids: list[int], driver_id: int) -> None:
        if ids:
            self.session.execute(update(model).where(model.id.in_(ids)).values({column: driver_id}))
        self.session.flush()

    def _restore(self, saved: dict[str, Any]) -> int:
        fields = dict(saved)
        tags, ids = fields.pop("tags"), fields.pop("official_ids")
        driver = Driver(**fields)
        self._add(driver, "drivers", {"restored": fields["id"]})
        self.set_driver_tags(driver.id, tags)
        self.set_official_ids(driver.id, ids)
        return driver.id


_DETAILS = ("first_name", "display_name", "country", "hometown_city", "hometown_region")


@dataclass
class MergeRecord:
    """What a merge changed, to put back: the second driver and every moved reference."""

    keep_id: int
    gone: dict[str, Any]
    lineups: dict[int, list[int]] = field(default_factory=dict)
    crews: list[tuple[int, int, int]] = field(default_factory=list)
    laps: list[int] = field(default_factory=list)
    results: list[int] = field(default_factory=list)
    keep_ids: OfficialIds = field(default_factory=list)
    keep_tags: list[str] = field(default_factory=list)
    keep_fields: dict[str, Any] = field(default_factory=dict)


def _snapshot(driver: Driver) -> dict[str, Any]:
    fields = ("id", "first_name", "last_name", *_DETAILS[1:])
    saved: dict[str, Any] = {name: getattr(driver, name) for name in fields}
    saved["tags"] = [tag.name for tag in driver.tags]
    saved["official_ids"] = [(o.provider, o.official_id) for o in driver.official_ids]
    return saved
