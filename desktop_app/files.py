"""Write a file so that it is either complete or not there at all: the one atomic writer.

The new content goes to a hidden temporary file in the target's own folder (so the final
move is a rename on one disk, which is atomic), is flushed to disk, and only then
replaces the target. A crash, a full disk, a cancel or a file locked by another program
leaves the previous file exactly as it was and no temporary file behind. Exports,
settings, summary templates, remembered column mappings and the open-check records all
write through here.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; when the block ends normally it becomes ``target``.

    Any exception inside the block removes the temporary file and leaves ``target``
    untouched; operating-system errors are raised as they are (callers explain them).
    """
    temporary = _create_temporary(target)
    try:
        yield temporary
        _flush_to_disk(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _flush_folder(target.parent)


def write_text_atomically(target: Path, text: str, *, newline: str | None = None) -> None:
    """``text`` (UTF-8) as the whole new content of ``target``, or nothing at all."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8", newline=newline)


def _create_temporary(target: Path) -> Path:
    """An empty new file beside ``target`` with the permissions a normal save would give.

    ``tempfile.mkstemp`` makes files only the owner can read (0600), which a colleague's
    shared folder would inherit; here the user's umask applies, and an existing target's
    mode is kept.
    """
    for _ in range(100):
        import secrets  # here, not at start-up: it brings hashlib and hmac (~5 ms)

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
