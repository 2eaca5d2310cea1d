"""Edits of a session's classification: rows, their order, positions and penalties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, case, func, inspect, select

from desktop_app.domain import classification as cls
from desktop_app.domain.classification import PenaltyKind, Status
from desktop_app.domain.sessions import ResultState
from desktop_app.services.changes import RESULT_STATES
from desktop_app.services.editing_base import EditsBase
from desktop_app.services.errors import EditError
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Entry, Penalty, RaceClass, RaceSession, Result

RESULT_FIELDS = {
    "status",
    "position",
    "class_position",
    "official_position",
    "official_class_position",
    "laps",
    "total_time_ms",
    "gap_first_ms",
    "gap_first_laps",
    "gap_previous_ms",
    "gap_previous_laps",
    "best_lap_ms",
    "best_lap_number",
    "grid_position",
    "qualifying_driver_id",
    "note",
    "sort_order",
}
PENALTY_FIELDS = {"kind", "amount_ms", "positions", "reason", "post_session"}
#: A session's last row number and whether a car is on it already: one query a keyed car.
_LAST_AND_KEYED = select(
    func.max(Result.sort_order), func.count(case((Result.entry_id == bindparam("e"), 1)))
).where(Result.session_id == bindparam("s"))
_RESULT_KEY = inspect(Result).identity_key_from_primary_key
NUMBER_FIELDS = {
    "position",
    "class_position",
    "official_position",
    "official_class_position",
    "laps",
    "best_lap_number",
    "grid_position",
}


class ResultEdits(EditsBase):
    def add_result(
        self,
        session_id: int,
        entry_id: int,
        *,
        index: int | None = None,
        renumber: bool = False,
        **fields: Any,
    ) -> int:
        """Put a car on the classification at ``index`` (default: the end)."""
        race_session = self._get(RaceSession, session_id)
        entry = self._get(Entry, entry_id)
        if entry.event_id != race_session.event_id:
            raise EditError("That car is not in this event's entry list.")
        last, keyed = self.session.execute(_LAST_AND_KEYED, {"s": session_id, "e": entry_id}).one()
        if keyed:
            raise EditError(f"Car #{entry.car_number} is already in this session's results.")
        result = Result(session_id=session_id, entry_id=entry_id, sort_order=(last or 0) + 1)
        check_values(fields)
        for name, value in fields.items():
            setattr(result, name, value)
        self.changes.session_ids.add(session_id)
        result_id = self._add(result, "results", {"entry_id": entry_id})  # held (EditsBase)
        if race_session.result_state is ResultState.NONE:
            self._set_state(race_session, ResultState.PROVISIONAL)
        if index is not None:
            self.move_result(result_id, index, renumber=False)
        if renumber:
            self.renumber(session_id)
        return result_id

    def update_result(
        self, result_id: int, *, renumber: bool = False, **fields: Any
    ) -> dict[str, Any]:
        result = self._get(Result, result_id)
        check_values(fields)
        self.changes.session_ids.add(result.session_id)
        old = self._update(result, RESULT_FIELDS, fields, "results")
        if renumber:
            self.renumber(result.session_id)
        return old

    def delete_result(self, result_id: int, *, renumber: bool = False) -> None:
        result = self._get(Result, result_id)
        session_id = result.session_id
        self.changes.session_ids.add(session_id)
        self._delete(result, "results")
        race_session = self._get(RaceSession, session_id)
        if race_session.result_state is ResultState.PROVISIONAL and not self._has_results(
            session_id
        ):
            self._set_state(race_session, ResultState.NONE)
        if renumber:
            self.renumber(session_id)

    def result_state(self, session_id: int) -> ResultState:
        return self._get(RaceSession, session_id).result_state

    def _set_state(self, race_session: RaceSession, state: ResultState) -> None:
        """A session's first keyed car makes it provisional; its last one deleted, empty
        again (official stays official: only the reporter changes that)."""
        self.changes.session_ids.add(race_session.id)
        fields = {"result_state": state}
        self._update(race_session, set(fields), fields, "sessions", announce=RESULT_STATES)

    def _has_results(self, session_id: int) -> bool:
        query = select(Result.id).where(Result.session_id == session_id).limit(1)
        return self.session.scalar(query) is not None

    def set_order(
        self, session_id: int, result_ids: Sequence[int], *, renumber: bool = False
    ) -> list[int]:
        """Rows in this order (all of the session's rows); return the old order for undo."""
        query = select(Result).where(Result.session_id == session_id)
        rows = {
            row.id: row
            for row in self.session.scalars(query.order_by(Result.sort_order, Result.id))
        }
        old = list(rows)
        if sorted(result_ids) != sorted(rows):
            raise EditError("The new order must list every row of the session exactly once.")
        for order, result_id in enumerate(result_ids, start=1):
            rows[result_id].sort_order = order
        self.changes.session_ids.add(session_id)
        self._touch_results(session_id, {"order": old}, {"order": list(result_ids)})
        if renumber:
            self.renumber(session_id)
        return old

    def move_result(self, result_id: int, index: int, *, renumber: bool = False) -> int:
        """Move one row to ``index`` (0-based, clamped); return its old index."""
        result = self._get(Result, result_id)
        order = [row.id for row in repo.session_results(self.session, result.session_id)]
        old_index = order.index(result_id)
        order.remove(result_id)
        order.insert(max(0, min(index, len(order))), result_id)
        self.set_order(result.session_id, order, renumber=renumber)
        return old_index

    def renumber(self, session_id: int) -> dict[int, dict[str, int | None]]:
        """Positions follow the row order: overall, in class, and official when official.

        Returns the old positions of the rows it changed, by result id (for undo).
        """
        moved: dict[int, dict[str, int | None]] = {}
        race_session = self._get(RaceSession, session_id)
        if race_session.result_state is ResultState.OFFICIAL:
            rows = repo.session_placings(self.session, session_id)
            placings = [_placing(row) for row in rows]
            for row, overall, in_class in zip(
                rows, cls.overall_positions(placings), cls.class_positions(placings), strict=True
            ):
                _assign(row, moved, position=overall, class_position=in_class)
            self._apply_official(rows, placings, moved)
        else:
            self._renumber_provisional(session_id, moved)
        self.changes.session_ids.add(session_id)
        self._touch_results(session_id, {}, {"renumbered": True})
        return moved

    def _renumber_provisional(
        self, session_id: int, moved: dict[int, dict[str, int | None]]
    ) -> None:
        """Compute from one column query and load only the rows whose positions move.

        Every keyed car renumbers its session; loading all its rows as objects cost more
        than the rest of the save, while a keyed car usually moves no other row.
        """
        stored = self.session.execute(
            select(
                Result.id,
                RaceClass.code,
                Result.status,
                Result.laps,
                Result.total_time_ms,
                Result.position,
                Result.class_position,
                Result.official_position,
                Result.official_class_position,
            )
            .join(Entry, Result.entry_id == Entry.id)
            .outerjoin(RaceClass, Entry.class_id == RaceClass.id)
            .where(Result.session_id == session_id)
            .order_by(Result.sort_order, Result.id)
        ).all()
        placings = [
            cls.Placing(
                key=row[0], class_code=row[1] or "", status=row[2], laps=row[3], total_ms=row[4]
            )
            for row in stored
        ]
        wanted = zip(cls.overall_positions(placings), cls.class_positions(placings), strict=True)
        moving = {
            row[0]: (overall, in_class)
            for row, (overall, in_class) in zip(stored, wanted, strict=True)
            if tuple(row[5:]) != (overall, in_class, None, None)
        }
        if not moving:
            return
        for result in self._results(list(moving)):
            overall, in_class = moving[result.id]
            _assign(
                result,
                moved,
                position=overall,
                class_position=in_class,
                official_position=None,
                official_class_position=None,
            )

    def _results(self, result_ids: list[int]) -> list[Result]:
        """The rows ``result_ids``: those this action holds already (a keyed car, the row
        renumbering usually moves) without a query, the others in one query (an import
        moves every row of a new session)."""
        held = [
            self.session.identity_map.get(_RESULT_KEY((result_id,))) for result_id in result_ids
        ]
        found = [row for row in held if isinstance(row, Result)]
        missing = [
            result_id for result_id, row in zip(result_ids, held, strict=True) if row is None
        ]
        if missing:
            found += self.session.scalars(select(Result).where(Result.id.in_(missing)))
        return found

    def make_official(self, session_id: int) -> dict[str, Any]:
        """Mark results official and compute official positions from the penalties."""
        old = self._update(
            self._get(RaceSession, session_id),
            {"result_state"},
            {"result_state": ResultState.OFFICIAL},
            "sessions",
        )
        rows = repo.session_results(self.session, session_id)
        self._apply_official(rows, [_placing(row) for row in rows])
        self.changes.session_ids.add(session_id)
        return old

    def _apply_official(
        self,
        rows: Sequence[Result],
        placings: Sequence[cls.Placing],
        moved: dict[int, dict[str, int | None]] | None = None,
    ) -> None:
        penalties = [_penalty(penalty) for row in rows for penalty in row.penalties]
        order = cls.official_order(placings, penalties)
        by_key = {row.id: row for row in rows}
        for placing, overall, in_class in zip(
            order, cls.overall_positions(order), cls.class_positions(order), strict=True
        ):
            _assign(
                by_key[placing.key],
                {} if moved is None else moved,
                official_position=overall,
                official_class_position=in_class,
            )
        self.session.flush()

    # Penalties -------------------------------------------------------------------------

    def add_penalty(
        self,
        result_id: int,
        kind: PenaltyKind,
        *,
        amount_ms: int | None = None,
        positions: int | None = None,
        reason: str = "",
        post_session: bool = True,
    ) -> int:
        result = self._get(Result, result_id)
        _check_penalty(kind, amount_ms, positions)
        penalty = Penalty(
            result_id=result_id,
            kind=kind,
            amount_ms=amount_ms,
            positions=positions,
            reason=reason.strip(),
            post_session=post_session,
        )
        self.changes.session_ids.add(result.session_id)
        return self._add(penalty, "penalties", {"kind": kind, "result_id": result_id})

    def update_penalty(self, penalty_id: int, **fields: Any) -> dict[str, Any]:
        penalty = self._get(Penalty, penalty_id)
        _check_penalty(
            fields.get("kind", penalty.kind),
            fields.get("amount_ms", penalty.amount_ms),
            fields.get("positions", penalty.positions),
        )
        self.changes.session_ids.add(penalty.result.session_id)
        return self._update(penalty, PENALTY_FIELDS, fields, "penalties")

    def delete_penalty(self, penalty_id: int) -> None:
        penalty = self._get(Penalty, penalty_id)
        self.changes.session_ids.add(penalty.result.session_id)
        self._delete(penalty, "penalties")

    def _touch_results(self, session_id: int, old: dict[str, Any], new: dict[str, Any]) -> None:
        self._touch("results", None, old, {"session_id": session_id, **new})


def _assign(row: Result, moved: dict[int, dict[str, int | None]], **values: int | None) -> None:
    """Set only what differs: an unchanged row stays clean, so the commit updates no more
    rows than renumbering actually moved (every keyed car renumbers the whole session).
    ``moved`` collects the old values of what changed, by result id."""
    for name, value in values.items():
        old = getattr(row, name)
        if old != value:
            moved.setdefault(row.id, {}).setdefault(name, old)
            setattr(row, name, value)


def _placing(row: Result) -> cls.Placing:
    race_class = row.entry.race_class
    return cls.Placing(
        key=row.id,
        class_code=race_class.code if race_class else "",
        status=row.status,
        laps=row.laps,
        total_ms=row.total_time_ms,
    )


def _penalty(row: Penalty) -> cls.Penalty:
    return cls.Penalty(
        key=row.result_id,
        kind=row.kind,
        amount_ms=row.amount_ms,
        positions=row.positions,
        post_session=row.post_session,
    )


def check_values(fields: dict[str, Any]) -> None:
    """Refuse numbers a timing sheet cannot print, before they reach the file."""
    for name in NUMBER_FIELDS & set(fields):
        value = fields[name]
        if value is not None and (not isinstance(value, int) or value < 0):
            raise EditError(
                f"{name.replace('_', ' ').capitalize()} must be a whole number "
                f"of 0 or more, not {value!r}."
            )
    if "status" in fields and not isinstance(fields["status"], Status):
        try:
            fields["status"] = cls.parse_status(str(fields["status"]))
        except cls.StatusError as error:
            raise EditError(str(error)) from error


def _check_penalty(kind: PenaltyKind, amount_ms: int | None, positions: int | None) -> None:
    if kind is PenaltyKind.TIME and amount_ms is not None and amount_ms <= 0:
        raise EditError("A time penalty must add some time, like 5.000 or 1:00.000.")
    if kind is PenaltyKind.POSITIONS and positions is not None and positions <= 0:
        raise EditError("A positions penalty must drop the car at least one place.")
