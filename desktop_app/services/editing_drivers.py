"""Edits of drivers as people: their official ids, and merging two records of one person."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from desktop_app.services.editing_base import EditsBase
from desktop_app.services.errors import EditError
from desktop_app.storage.models import Driver, DriverOfficialId

OfficialIds = list[tuple[str, str]]


class DriverEdits(EditsBase):
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

    def add_official_id(self, driver_id: int, provider: str, official_id: str) -> OfficialIds:
        """Add one id (kept when the driver has it already); return the old ids."""
        driver = self._get(Driver, driver_id)
        current = [(o.provider, o.official_id) for o in driver.official_ids]
        return self.set_official_ids(driver_id, [*current, (provider, official_id)])

    def _id_holder(self, provider: str, official_id: str) -> Driver | None:
        query = select(DriverOfficialId).where(
            DriverOfficialId.provider == provider, DriverOfficialId.official_id == official_id
        )
        found = self.session.scalar(query)
        return found.driver if found is not None else None
