"""The one error type importers raise: a sentence for the reporter, with row numbers.

Anything that goes wrong while reading a file a reporter picked (wrong kind of file,
missing columns, unreadable times) ends up as :class:`TimingImportError`, so callers
catch one type and show its message; the database is never touched when it is raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.storage.errors import UserFacingError

_SHOWN_PROBLEMS = 8


@dataclass(frozen=True)
class RowProblem:
    """A cell that could not be read; ``row`` is the line number in the file (header = 1)."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


class TimingImportError(UserFacingError):
    """A file could not be imported; nothing was changed."""

    def __init__(self, message: str, problems: Sequence[RowProblem] = ()) -> None:
        self.problems = list(problems)
        self.headline = message
        super().__init__(_with_problems(message, self.problems))

    @property
    def rows(self) -> list[int]:
        """Line numbers of the rows the message is about (for highlighting)."""
        return [problem.row for problem in self.problems]


class ImportCancelled(TimingImportError):
    """The reporter cancelled a long import; nothing was changed."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was changed.")


def _with_problems(message: str, problems: Sequence[RowProblem]) -> str:
    """The headline, then the first few problems; a long list would hide the point."""
    if not problems:
        return message
    lines = [message, *(f"  {problem}" for problem in problems[:_SHOWN_PROBLEMS])]
    hidden = len(problems) - _SHOWN_PROBLEMS
    if hidden > 0:
        lines.append(f"  ...and {hidden} more rows like these.")
    return "\n".join(lines)
