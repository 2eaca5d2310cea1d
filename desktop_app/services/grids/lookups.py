"""Look-ups the session and entry grids share, run inside an edit's transaction."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.domain.sessions import E, parse_enum
from desktop_app.services.editing import Edits
from desktop_app.services.errors import EditError
from desktop_app.storage import repository as repo
from desktop_app.storage.models import RaceSession, Series


def series_for(edit: Edits, text: str) -> int:
    """The series typed by code or name; a new code makes a new series."""
    clean = " ".join(text.split())
    if not clean:
        raise EditError("Type the series code, like IWSC.")
    found = repo.series_by_code(edit.session, clean)
    return found.id if found else edit.ensure_series(clean, clean)


def default_series(edit: Edits, event_id: int, typed: str) -> int:
    """What a new row's series is when none was typed: the event's, or the only one."""
    if typed.strip():
        return series_for(edit, typed)
    used = edit.session.scalar(
        select(RaceSession.series_id)
        .where(RaceSession.event_id == event_id)
        .order_by(RaceSession.sort_order.desc())
    )
    if used is not None:
        return int(used)
    every = list(edit.session.scalars(select(Series.id)))
    if len(every) == 1:
        return int(every[0])
    raise EditError("Type the series code first (like IWSC), then the rest of the row.")


def enum_value(kind: type[E], text: str) -> E:
    try:
        return parse_enum(kind, text)
    except ValueError as error:
        raise EditError(str(error)) from error
