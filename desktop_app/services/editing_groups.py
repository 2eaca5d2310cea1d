"""Setting a session's qualifying groups: checked against its classes and its laps."""

from __future__ import annotations

from typing import Any

from desktop_app.domain import groups as g
from desktop_app.services import qualifying_groups as q
from desktop_app.services.editing_base import EditsBase
from desktop_app.services.errors import EditError
from desktop_app.storage.models import RaceSession

GROUP_SOURCES = ("", q.SOURCE_LAPS, q.SOURCE_REPORTER)


class GroupEdits(EditsBase):
    def set_qualifying_groups(
        self,
        session_id: int,
        qualifying_groups: str = "",
        groups_source: str = q.SOURCE_REPORTER,
    ) -> dict[str, Any]:
        """Set (or with "" clear) the groups; returns the old values, which undo puts back.

        Refused with the reason when a class is unknown, in two groups, in none, or when
        the lap chart shows two groups on track at the same time.
        """
        race_session = self._get(RaceSession, session_id)
        if groups_source not in GROUP_SOURCES:
            raise ValueError(f"unknown groups source {groups_source!r}")
        text = self._checked_groups(race_session, qualifying_groups)
        self.changes.session_ids.add(session_id)
        return self._update(
            race_session,
            {"qualifying_groups", "groups_source"},
            {"qualifying_groups": text, "groups_source": groups_source if text else ""},
            "sessions",
            event_ids={race_session.event_id},
        )

    def _checked_groups(self, race_session: RaceSession, text: str) -> str:
        classes = q.session_classes(self.session, race_session.id)
        try:
            groups = g.check_groups(g.parse_groups(text), classes)
        except g.GroupsError as error:
            raise EditError(f"Those qualifying groups were not saved: {error}") from error
        if len(groups) == 1:
            groups = ()  # one group holding every class is the whole field
        clash = g.overlapping(groups, q.class_spans(self.session, race_session.id))
        if clash:
            raise EditError(f"Those qualifying groups were not saved: {clash}")
        return g.format_groups(groups)
