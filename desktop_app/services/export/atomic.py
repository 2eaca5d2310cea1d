"""Write a file so that it is either complete or not there at all.

Exports are written through the one atomic writer (``desktop_app.files``): a crash, a
full disk, a cancel or a file locked by Excel leaves the previous file exactly as it was
and no temporary file behind; what went wrong is told in one sentence.

openpyxl's write-only sheets spill to temporary files of their own, by default in the
system temp folder; during a write they go to a hidden folder beside the target instead.
Both the temporary file and that folder are listed in :mod:`storage.leftovers` while they
exist, so a write killed outright is cleaned up at the next start.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import errno
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from desktop_app.files import atomic_path
from desktop_app.storage import leftovers
from desktop_app.storage.errors import UserFacingError

_PARTS_FOLDER: contextvars.ContextVar[Path | None] = contextvars.ContextVar(
    "openpyxl_parts", default=None
)


class ExportError(UserFacingError):
    """The file could not be written; the message says why and what to do."""


class ExportCancelled(Exception):  # noqa: N818 - it is not an error, the reporter asked
    """The reporter cancelled; nothing was written."""


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; when the block ends normally it becomes ``target``.

    Any exception inside the block removes the temporary file and leaves ``target``
    untouched; operating-system errors come out as one sentence (``ExportError``).
    """
    target = target.expanduser().absolute()
    try:
        _check_target(target)
        with atomic_path(target) as temporary, _parts_beside(temporary):
            yield temporary
    except OSError as error:
        raise explain(error, target) from error


@contextmanager
def _parts_beside(temporary: Path) -> Iterator[None]:
    """openpyxl's spill files go to a hidden folder beside the target while it writes;
    the folder and the temporary file are listed as leftovers until they are gone."""
    parts = temporary.with_name(temporary.name + ".parts")
    leftovers.remember(temporary)
    leftovers.remember(parts)
    token = _PARTS_FOLDER.set(parts)
    route_openpyxl_temporaries()
    try:
        yield
    finally:
        _PARTS_FOLDER.reset(token)
        shutil.rmtree(parts, ignore_errors=True)
        leftovers.forget(parts)
        leftovers.forget(temporary)


def save_workbook(book: Any, path: Path) -> None:
    """``book.save(path)``, except that a failed save (full disk) closes its zip file quietly.

    openpyxl leaves the half-written archive open; Python would close it later and print
    "Exception ignored in ZipFile.__del__" with a traceback after the reporter's sentence.
    """
    from openpyxl.writer.excel import ExcelWriter

    if not book.worksheets:
        book.create_sheet()
    archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        now = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
        book.properties.modified = now  # as openpyxl's own save does
        ExcelWriter(book, archive).save()
    except BaseException:
        handle, archive.fp = archive.fp, None
        if handle is not None:
            with suppress(OSError, ValueError):
                handle.close()
        raise


def _create_parts_file(suffix: str = "") -> str:
    """openpyxl's ``create_temporary_file``, in the parts folder beside the target."""
    from openpyxl.worksheet import _writer

    folder = _PARTS_FOLDER.get()
    if folder is not None:
        folder.mkdir(exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed at once, kept by name
        mode="w+", suffix=suffix, prefix="openpyxl.", delete=False, dir=folder
    )
    handle.close()
    _writer.ALL_TEMP_FILES.append(handle.name)
    return handle.name


def route_openpyxl_temporaries() -> None:
    """Send openpyxl's spill files to the parts folder (once openpyxl is imported)."""
    module = sys.modules.get("openpyxl.worksheet._writer")
    if module is not None and getattr(module, "create_temporary_file", None) is not None:
        setattr(module, "create_temporary_file", _create_parts_file)  # noqa: B010


def _check_target(target: Path) -> None:
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name inside it instead.")
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist; choose another place.")


def explain(error: OSError, target: Path) -> ExportError:
    """One sentence for the reporter about why ``target`` could not be written."""
    name = target.name
    if error.errno == errno.ENAMETOOLONG:
        return ExportError(
            f"{name[:40]}... was not saved: the file name is too long; choose a shorter one."
        )
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
