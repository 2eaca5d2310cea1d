"""Exports are written through the one atomic writer (``desktop_app.files``).

A crash, a full disk, a cancel or a file locked by Excel leaves the previous file exactly
as it was and no temporary file behind; what went wrong is told in one sentence.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.files import atomic_path
from desktop_app.storage.errors import UserFacingError


class ExportError(UserFacingError):
    """The file could not be written; the message says why and what to do."""


class ExportCancelled(Exception):  # noqa: N818 - it is not an error, the reporter asked
    """The reporter cancelled; nothing was written."""


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it becomes ``target`` (``files``).

    Any exception inside the block removes the temporary file and leaves ``target``
    untouched; operating-system errors come out as one sentence (``ExportError``).
    """
    target = target.expanduser().absolute()
    _check_target(target)
    try:
        with atomic_path(target) as temporary:
            yield temporary
    except OSError as error:
        raise explain(error, target) from error


def _check_target(target: Path) -> None:
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name inside it instead.")
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist; choose another place.")


def explain(error: OSError, target: Path) -> ExportError:
    """One sentence for the reporter about why ``target`` could not be written."""
    name = target.name
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportError(f"The disk is full, so {name} was not saved; free some space.")
    if isinstance(error, IsADirectoryError):
        return ExportError(f"{target} is a folder; choose a file name inside it instead.")
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return ExportError(
            f"{name} could not be saved: it is open in another program (close it in Excel) "
            f"or the folder {target.parent} is read-only. The previous file is unchanged."
        )
    reason = error.strerror or str(error)
    return ExportError(f"{name} could not be saved ({reason}). The previous file is unchanged.")
