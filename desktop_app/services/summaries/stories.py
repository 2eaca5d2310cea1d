"""A race told by class: each class's winner and margin, fastest lap, cars in focus.

Built from the result views (so stored corrections count) and the lap facts; the race
preset turns it into sentences ("Winward Racing's #57 won GTD by 1.234s").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from desktop_app.domain import laps as L
from desktop_app.services.summaries import views as v


def class_stories(
    results: Sequence[v.ResultView],
    focus: Sequence[v.ResultView],
    wanted: Collection[str],
) -> tuple[v.ClassStory, ...]:
    """One story per class in ``wanted`` (class order), in classification order."""
    by_class: dict[str, list[v.ResultView]] = {}
    for result in sorted(results, key=lambda r: r.entry.class_order):
        if result.entry.class_code in wanted:
            by_class.setdefault(result.entry.class_code, []).append(result)
    return tuple(_story(code, cars, focus) for code, cars in by_class.items())


def _story(code: str, cars: Sequence[v.ResultView], focus: Sequence[v.ResultView]) -> v.ClassStory:
    winner = _placed(cars, 1)
    second = _placed(cars, 2)
    margin_ms, margin_laps = _margin(winner, second)
    fastest = next((car for car in cars if car.fastest_in_class), None)
    return v.ClassStory(
        class_code=code,
        class_name=cars[0].entry.class_name,
        winner=winner,
        margin_ms=margin_ms,
        margin_laps=margin_laps,
        fastest=fastest.best_lap if fastest else None,
        fastest_entry=fastest.entry if fastest else None,
        results=tuple(
            r for r in focus if r.entry.class_code == code and not _told_as_winner(r, winner)
        ),
    )


def _told_as_winner(result: v.ResultView, winner: v.ResultView | None) -> bool:
    """A winner in focus is named in the "won" sentence, unless penalties decided it."""
    return result is winner and result.entry.in_focus and result.move is None


def _placed(cars: Sequence[v.ResultView], place: int) -> v.ResultView | None:
    """The car in that class place: the official one once the session is official."""
    for car in cars:
        final = car.official_class_position or car.place
        if final == place and car.status == "classified":
            return car
    return None


def _margin(
    winner: v.ResultView | None, second: v.ResultView | None
) -> tuple[int | None, int | None]:
    """Time when both did the same laps, else laps; (None, None) when not known."""
    if winner is None or second is None or winner.laps is None or second.laps is None:
        return None, None
    if winner.move is not None or second.move is not None:
        return None, None  # penalties decided it: the totals are not the margin
    if second.laps < winner.laps:
        return None, winner.laps - second.laps
    if winner.total_time_ms is None or second.total_time_ms is None:
        return None, None
    return second.total_time_ms - winner.total_time_ms, None


def flag_view(summary: L.FlagSummary | None) -> v.FlagView | None:
    """None when the flag never came out."""
    if summary is None or summary.periods == 0:
        return None
    return v.FlagView(summary.periods, summary.laps, summary.time_ms)
