"""The old ORM line builder, kept as a test oracle for the one-query reader.

The grid, the workbook and the summaries read result lines with
``views.results.read_result_lines``; this builds the same lines from eagerly loaded ORM
rows (``repository.session_results``), written apart from the reader, so tests can check
that every stored field, penalty and crew arrives the same way through both.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from desktop_app.services.editing_results import RESULT_FIELDS
from desktop_app.services.views.penalties import PenaltyLine
from desktop_app.services.views.results import ResultLine, entry_info
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Penalty, Result

#: The ``results`` columns a line holds: every editable column but the ones no reader
#: shows (taken from the editor's list, not from the reader under test).
STORED = RESULT_FIELDS - {"gap_previous_ms", "gap_previous_laps", "sort_order"}


def penalty_line(penalty: Penalty) -> PenaltyLine:
    return PenaltyLine(
        penalty.kind, penalty.amount_ms, penalty.positions, penalty.reason, penalty.post_session
    )


def result_line(result: Result) -> ResultLine:
    """From a loaded result (what ``repository.session_results`` loads eagerly)."""
    return ResultLine(
        result_id=result.id,
        entry=entry_info(result.entry),
        penalties=tuple(penalty_line(penalty) for penalty in result.penalties),
        **{name: getattr(result, name) for name in STORED},
    )


def result_lines(results: Iterable[Result]) -> list[ResultLine]:
    return [result_line(result) for result in results]


def orm_lines(session: Session, session_id: int) -> list[ResultLine]:
    """A session's lines from its eagerly loaded ORM rows, in grid order."""
    return result_lines(repo.session_results(session, session_id))
