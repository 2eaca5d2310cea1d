"""How the grids are laid out: the reporter's own column widths and the results columns
shown per session kind (the header's column chooser).

Plain Python over the one settings store (``services.settings``), so the choices survive
a restart and each test gets its own through ``RACEDESK_HOME``. Widths are kept by column
key, not position, so a column added in a later version does not inherit another's width.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.settings import load_settings, save_settings

if TYPE_CHECKING:  # the widths are read at start-up, before SQLAlchemy is imported
    from desktop_app.storage.database import Database

#: Results columns the reporter may hide (Pos, PIC, No., Class and Drivers always show;
#: Grp and the official columns show when the session has them).
OPTIONAL = (
    "team", "vehicle", "laps", "total", "gap", "best_lap", "best_lap_number", "status",
    "qualifying_driver", "grid", "penalty",
)  # fmt: skip
_TIMED = ("team", "vehicle", "best_lap", "gap", "laps")
DEFAULT_SHOWN: dict[str, tuple[str, ...]] = {
    SessionKind.PRACTICE: _TIMED,
    SessionKind.WARM_UP: _TIMED,
    SessionKind.QUALIFYING: (*_TIMED, "qualifying_driver"),
    SessionKind.RACE: ("team", "vehicle", "laps", "total", "gap", "best_lap", "status"),
}


def shown_columns(kind: str) -> frozenset[str]:
    """The optional columns shown for a session of ``kind``: the reporter's choice, or
    the defaults (a practice has no total time or status worth a column)."""
    saved = load_settings().shown_columns.get(kind)
    if isinstance(saved, list):
        return frozenset(key for key in saved if key in OPTIONAL)
    return frozenset(DEFAULT_SHOWN.get(kind, DEFAULT_SHOWN[SessionKind.RACE]))


def remember_shown_columns(kind: str, keys: Iterable[str]) -> None:
    settings = load_settings()
    settings.shown_columns[kind] = [key for key in OPTIONAL if key in set(keys)]
    save_settings(settings)


def session_kind(database: Database, session_id: int) -> str:
    """The kind of a session (race when it is gone: the grid then shows nothing)."""
    from desktop_app.storage.models import RaceSession

    with database.read() as session:
        race = session.get(RaceSession, session_id)
        return str(race.kind) if race is not None else str(SessionKind.RACE)


def user_widths(grid: str) -> dict[str, int]:
    """The widths the reporter set by hand in ``grid``, by column key."""
    saved: object = load_settings().column_widths.get(grid, {})
    if not isinstance(saved, dict):  # a hand-edited settings file
        return {}
    return {k: v for k, v in saved.items() if isinstance(v, int) and 16 <= v <= 2000}


def remember_widths(grid: str, widths: dict[str, int]) -> None:
    """Add ``widths`` (column key: pixels) to the ones remembered for ``grid``."""
    settings = load_settings()
    settings.column_widths[grid] = {**settings.column_widths.get(grid, {}), **widths}
    save_settings(settings)


def forget_widths(grid: str) -> None:
    """Back to fitted widths (the header menu's "Fit columns to contents")."""
    settings = load_settings()
    settings.column_widths.pop(grid, None)
    save_settings(settings)
