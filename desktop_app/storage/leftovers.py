"""Temporary files a killed RaceDesk could leave behind, listed so the next start removes them.

A write that is interrupted by SIGKILL, a power cut or a crash cannot clean up after
itself. So every temporary file or folder is written down (with the writing process's
id) in ``leftovers.txt`` in the data folder before it is created, and struck off once it
is gone. At start, :func:`sweep` deletes what a process that no longer runs left listed.
"""

from __future__ import annotations

import os
import shutil
from contextlib import suppress
from pathlib import Path

from desktop_app import paths

LIST_FILE = "leftovers.txt"


def _list_file() -> Path:
    return paths.data_dir() / LIST_FILE


def remember(path: Path) -> None:
    """Write ``path`` down before it is created (best effort: a failure only means no sweep)."""
    with suppress(OSError):
        _list_file().parent.mkdir(parents=True, exist_ok=True)
        with _list_file().open("a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\t{path.absolute()}\n")


def forget(path: Path) -> None:
    """Strike ``path`` off once it has been removed or renamed into place."""
    wanted = f"{os.getpid()}\t{path.absolute()}"
    _rewrite(lambda line: line != wanted)


def sweep() -> list[Path]:
    """Delete what processes that are no longer running left listed; return what went."""
    removed: list[Path] = []

    def keep(line: str) -> bool:
        pid_text, _, name = line.partition("\t")
        if not pid_text.isdigit() or not name:
            return False
        if _running(int(pid_text)):
            return True
        if _remove(Path(name)):
            removed.append(Path(name))
        return False

    _rewrite(keep)
    return removed


def _rewrite(keep: object) -> None:
    target = _list_file()
    try:
        lines = target.read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    kept = [line for line in lines if line and keep(line)]  # type: ignore[operator]
    with suppress(OSError):
        if kept:
            partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
            partial.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
            partial.replace(target)
        else:
            target.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        else:
            return False
    except OSError:
        return False
    return True
