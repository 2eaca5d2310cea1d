"""Write a file so that it is either complete or not there at all.

The exporter writes to a hidden temporary file in the target's own folder (so the final
move is a rename on one disk, which is atomic), flushes it to disk, and only then replaces
the target. A crash, a full disk, a cancel or a file locked by Excel leaves the previous
file exactly as it was and no temporary file behind.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from desktop_app.storage.errors import UserFacingError


class ExportError(UserFacingError):
    """The file could not be written; the message says why and what to do."""


class ExportCancelled(Exception):  # noqa: N818 - it is not an error, the reporter asked
    """The reporter cancelled; nothing was written."""


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it becomes ``target``.

    Any exception inside the block removes the temporary file and leaves ``target``
    untouched; operating-system errors come out as one sentence (``ExportError``).
    """
    target = target.expanduser().absolute()
    _check_target(target)
    try:
        temporary = _create_temporary(target)
    except OSError as error:
        raise explain(error, target) from error
    try:
        yield temporary
        _flush_to_disk(temporary)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise explain(error, target) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _flush_folder(target.parent)


def _create_temporary(target: Path) -> Path:
    """An empty new file beside ``target`` with the permissions a normal save would give.

    ``tempfile.mkstemp`` makes files only the owner can read (0600), which a colleague's
    shared folder would inherit; here the user's umask applies, and an existing target's
    mode is kept.
    """
    for _ in range(100):
        path = target.with_name(f".{target.stem}-{secrets.token_hex(4)}.tmp{target.suffix}")
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(descriptor)
        if target.is_file():
            with suppress(OSError):
                shutil.copymode(target, path)
        return path
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _check_target(target: Path) -> None:
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name inside it instead.")
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist; choose another place.")


def _flush_to_disk(path: Path) -> None:
    """Without fsync a power cut right after the rename can leave an empty file."""
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def _flush_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows opening a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


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
