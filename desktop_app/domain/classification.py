"""Positions from a finishing order: overall, in class, after penalties, and on the grid.

Timing sheets carry no class-position column and provisional results change after
stewards' decisions, so positions are always derived here from order and status rather
than copied from a sheet.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.words import number_word, position_label


class StatusError(ValueError):
    """A status no timing sheet prints; the message lists what is accepted instead."""


class Status(enum.StrEnum):
    """How a car ended the session; decides whether it is given a position."""

    CLASSIFIED = "classified"
    NOT_CLASSIFIED = "not_classified"
    DNF = "dnf"
    DNS = "dns"
    DSQ = "dsq"
    NOT_STARTED = "not_started"

    @property
    def label(self) -> str:
        """The word a results table shows."""
        return _STATUS_LABELS[self]

    @property
    def takes_position(self) -> bool:
        """IMSA lists retired cars as classified with a place, so DNF keeps one too."""
        return self in (Status.CLASSIFIED, Status.DNF)

    @classmethod
    def parse(cls, text: str | None) -> Status:
        """Same as :func:`parse_status`, for callers that start from the type."""
        return parse_status(text)


_STATUS_LABELS = {
    Status.CLASSIFIED: "Classified",
    Status.NOT_CLASSIFIED: "Not classified",
    Status.DNF: "DNF",
    Status.DNS: "DNS",
    Status.DSQ: "DSQ",
    Status.NOT_STARTED: "Not started",
}
_STATUS_FORMS = {
    Status.CLASSIFIED: ("Classified",),
    Status.NOT_CLASSIFIED: ("Not classified", "NC"),
    Status.NOT_STARTED: ("Not started",),
    Status.DNS: ("DNS", "Did not start"),
    Status.DNF: ("DNF", "Retired", "RET", "Did not finish"),
    Status.DSQ: ("DSQ", "Disqualified", "EXC", "Excluded"),
}


def _status_key(text: str) -> str:
    """Sheets and people vary case, spacing and "_"/"-"; none of that changes the meaning."""
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


_STATUS_ALIASES = (
    {_status_key(form): status for status, forms in _STATUS_FORMS.items() for form in forms}
    | {_status_key(status.value): status for status in Status}
    | {"": Status.CLASSIFIED}
)


def parse_status(text: str | None) -> Status:
    """Read a STATUS cell; blank means classified because many sheets leave it empty."""
    status = _STATUS_ALIASES.get(_status_key(text or ""))
    if status is None:
        accepted = ", ".join(form for forms in _STATUS_FORMS.values() for form in forms)
        raise StatusError(
            f'"{(text or "").strip()}" is not a result status '
            f"(accepted: {accepted}; blank means Classified)"
        )
    return status


class PenaltyKind(enum.StrEnum):
    """What the stewards gave; only some kinds change the classification."""

    TIME = "time"
    POSITIONS = "positions"
    DRIVE_THROUGH = "drive_through"
    STOP_AND_GO = "stop_and_go"
    GRID = "grid"
    DSQ = "dsq"
    WARNING = "warning"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The words a penalty list shows."""
        return _PENALTY_LABELS[self]


_PENALTY_LABELS = {
    PenaltyKind.TIME: "Time penalty",
    PenaltyKind.POSITIONS: "Position penalty",
    PenaltyKind.DRIVE_THROUGH: "Drive-through",
    PenaltyKind.STOP_AND_GO: "Stop and go",
    PenaltyKind.GRID: "Grid penalty",
    PenaltyKind.DSQ: "Disqualification",
    PenaltyKind.WARNING: "Warning",
    PenaltyKind.OTHER: "Other",
}


def _require_not_negative(**values: int | None) -> None:
    """Negative laps, times or amounts are import bugs; fail where they enter."""
    for name, value in values.items():
        if value is not None and value < 0:
            raise ValueError(f"{name} cannot be negative (got {value})")


@dataclass(frozen=True)
class Placing:
    """One car's line in a finishing order; ``key`` is whatever id the caller uses."""

    key: int
    class_code: str
    status: Status
    laps: int | None = None
    total_ms: int | None = None

    def __post_init__(self) -> None:
        _require_not_negative(laps=self.laps, total_ms=self.total_ms)


@dataclass(frozen=True)
class Penalty:
    """A stewards' decision against the car with ``key``; in-session ones are already served."""

    key: int
    kind: PenaltyKind
    amount_ms: int | None = None
    positions: int | None = None
    post_session: bool = True

    def __post_init__(self) -> None:
        _require_not_negative(amount_ms=self.amount_ms, positions=self.positions)


def overall_positions(placings: Sequence[Placing]) -> list[int | None]:
    """Number cars 1..n in order, skipping those whose status earns no place."""
    positions: list[int | None] = []
    taken = 0
    for placing in placings:
        if placing.status.takes_position:
            taken += 1
            positions.append(taken)
        else:
            positions.append(None)
    return positions


def _class_key(class_code: str) -> str:
    """Sheets of one event disagree on case ("DPi" vs "DPI"); that is the same class."""
    return class_code.strip().casefold()


def class_positions(placings: Sequence[Placing]) -> list[int | None]:
    """Place within class, from overall order: sheets have no class-position column."""
    taken: dict[str, int] = {}
    positions: list[int | None] = []
    for placing in placings:
        if placing.status.takes_position:
            key = _class_key(placing.class_code)
            taken[key] = taken.get(key, 0) + 1
            positions.append(taken[key])
        else:
            positions.append(None)
    return positions


def _summed(penalties: Sequence[Penalty], kind: PenaltyKind) -> dict[int, int]:
    """Several post-session penalties of one kind against a car add up."""
    sums: dict[int, int] = {}
    for penalty in penalties:
        amount = penalty.amount_ms if kind is PenaltyKind.TIME else penalty.positions
        if penalty.post_session and penalty.kind is kind and amount:
            sums[penalty.key] = sums.get(penalty.key, 0) + amount
    return sums


def _finished_ahead(other: Placing, car: Placing) -> bool:
    """A penalised car falls behind every car on its lap whose total is <= its new total."""
    if other.laps != car.laps or other.total_ms is None or car.total_ms is None:
        return False
    return other.total_ms <= car.total_ms


def _sink(order: list[Placing], index: int) -> None:
    """Move the car at ``index`` down past the cars it now finished behind."""
    car = order.pop(index)
    stop = index
    while stop < len(order) and _finished_ahead(order[stop], car):
        stop += 1
    order.insert(stop, car)


def _apply_time(order: list[Placing], added: dict[int, int]) -> list[Placing]:
    """Add time to totals, then re-place the penalised cars from the bottom up.

    Bottom-up keeps everything below the car being moved already in final order, so two
    penalised cars end up sorted against each other too (an insertion sort).
    """
    order = [_with_time(placing, added.get(placing.key, 0)) for placing in order]
    for index in reversed(range(len(order))):
        car = order[index]
        if car.key in added and car.laps is not None and car.total_ms is not None:
            _sink(order, index)
    return order


def _with_time(placing: Placing, extra_ms: int) -> Placing:
    """A car without a total cannot be re-timed; it keeps its place."""
    if not extra_ms or placing.total_ms is None:
        return placing
    return dataclasses.replace(placing, total_ms=placing.total_ms + extra_ms)


def _drop(order: list[Placing], index: int, places: int) -> None:
    """Move a car down ``places`` classified cars; unplaced cars are not counted or passed."""
    car = order.pop(index)
    insert_at = index
    for offset in range(index, len(order)):
        if places == 0:
            break
        if order[offset].status.takes_position:
            places -= 1
            insert_at = offset + 1
    order.insert(insert_at, car)


def _apply_positions(order: list[Placing], drops: dict[int, int]) -> list[Placing]:
    """Bottom-up so that each penalised car loses its places to unpenalised cars."""
    order = list(order)
    for index in reversed(range(len(order))):
        car = order[index]
        if car.key in drops and car.status.takes_position:
            _drop(order, index, drops[car.key])
    return order


def _apply_disqualifications(order: list[Placing], keys: set[int]) -> list[Placing]:
    """Disqualified cars go to the very end, in their provisional order, marked DSQ."""
    kept = [placing for placing in order if placing.key not in keys]
    out = [dataclasses.replace(p, status=Status.DSQ) for p in order if p.key in keys]
    return kept + out


def official_order(placings: Sequence[Placing], penalties: Sequence[Penalty]) -> list[Placing]:
    """Provisional order plus post-session penalties: time, then positions, then DSQ.

    In-session penalties were served on track and are already in the order; warnings,
    drive-throughs, grid drops and penalties with no amount change nothing here.
    """
    keys = [placing.key for placing in placings]
    if len(set(keys)) != len(keys):
        raise ValueError("each placing needs its own key to apply penalties")
    order = _apply_time(list(placings), _summed(penalties, PenaltyKind.TIME))
    order = _apply_positions(order, _summed(penalties, PenaltyKind.POSITIONS))
    disqualified = {p.key for p in penalties if p.post_session and p.kind is PenaltyKind.DSQ}
    return _apply_disqualifications(order, disqualified)


@dataclass(frozen=True)
class PositionChange:
    """A car's place before and after something (penalties, a lap, the start)."""

    before: int
    after: int

    def __post_init__(self) -> None:
        if self.before < 1 or self.after < 1:
            raise ValueError(f"positions start at 1 (got {self.before} and {self.after})")

    @property
    def delta(self) -> int:
        """Places gained; negative when places were lost."""
        return self.before - self.after

    @property
    def arrow(self) -> str:
        """Compact marker for tables: "▲1", "▼2", or nothing when unchanged."""
        if self.delta > 0:
            return f"\u25b2{self.delta}"
        if self.delta < 0:
            return f"\u25bc{-self.delta}"
        return ""

    def describe(self) -> str:
        """Phrase for an article: "elevated from P8 to P7"."""
        before, after = position_label(self.before), position_label(self.after)
        if self.delta > 0:
            return f"elevated from {before} to {after}"
        if self.delta < 0:
            return f"dropped from {before} to {after}"
        return f"unchanged at {before}"


def position_changes(
    before: Sequence[Placing], after: Sequence[Placing], *, in_class: bool = True
) -> dict[int, PositionChange]:
    """Per car key, how its (class or overall) place moved between two orders.

    Cars without a place in either order are left out: there is no change to report.
    """
    number = class_positions if in_class else overall_positions
    was = {p.key: n for p, n in zip(before, number(before), strict=True) if n is not None}
    now = {p.key: n for p, n in zip(after, number(after), strict=True) if n is not None}
    return {key: PositionChange(was[key], now[key]) for key in was if key in now}


GridSide = Literal["inside", "outside"]


@dataclass(frozen=True)
class GridSlot:
    """Where a car starts on a two-by-two grid."""

    row: int
    side: GridSide

    def describe(self) -> str:
        """Phrase for an article: "inside row five"."""
        return f"{self.side} row {number_word(self.row)}"


def grid_slot(position: int) -> GridSlot:
    """Two-by-two grid: odd places start inside, even outside, two cars to a row."""
    if position < 1:
        raise ValueError(f"{position} is not a grid position: positions start at 1")
    return GridSlot(row=(position + 1) // 2, side="inside" if position % 2 else "outside")


def gap_to_best(best_ms: int, own_ms: int) -> int:
    """How far off the top a time is ("0.150 off the top spot"); never negative."""
    if best_ms < 0 or own_ms < 0:
        raise ValueError(f"times cannot be negative (got {best_ms} and {own_ms})")
    if own_ms < best_ms:
        raise ValueError(f"{own_ms} ms is quicker than the best time {best_ms} ms")
    return own_ms - best_ms


def validate_class_positions(
    placings: Sequence[Placing], stated: Sequence[int | None]
) -> list[int]:
    """Indexes where a sheet's own class position disagrees with the computed one.

    Used to warn the reporter, never to fix: the order is the source of truth. A stated
    None means the sheet gave no class position and is not checked.
    """
    if len(stated) != len(placings):
        raise ValueError(f"{len(stated)} stated positions for {len(placings)} placings")
    computed = class_positions(placings)
    return [
        index
        for index, (mine, theirs) in enumerate(zip(computed, stated, strict=True))
        if theirs is not None and mine != theirs
    ]
