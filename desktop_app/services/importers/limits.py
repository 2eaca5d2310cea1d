"""How much of a file RaceDesk will read, and refusing what is not a plain file.

The largest real timing file seen (the laps of a 12-hour race) is 2.7 MB and 17,000 rows;
the limits below are ten times that and more, so they stop only size bombs, devices and
damaged files. Each refusal says which limit was hit. Tests lower these constants to
prove the limits hold without writing gigabytes.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path

from desktop_app.services.importers.errors import TimingImportError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 1_000
MAX_XLSX_UNCOMPRESSED = 64 * 1024 * 1024  # all parts of a workbook, unpacked
MAX_XLSX_COLUMNS = 256  # columns read from a sheet; timing sheets have under 100
_READ_CHUNK = 1024 * 1024


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def check_regular_file(path: Path) -> int:
    """The file's size; a sentence for a folder, device, pipe, or a path that cannot be read.

    A pipe or ``/dev/zero`` would block or never end, so only regular files are read.
    """
    try:
        info = os.stat(path)
    except OSError as error:
        raise TimingImportError(
            f"{path.name or path} could not be read: {_reason(error)}."
        ) from error
    if stat.S_ISDIR(info.st_mode):
        raise TimingImportError(f"{path} is a folder, not a timing file.")
    if not stat.S_ISREG(info.st_mode):
        raise TimingImportError(
            f"{path} is not a regular file (a device or a pipe), so it cannot be a timing file."
        )
    return info.st_size


def read_file(path: Path, max_bytes: int) -> bytes:
    """The whole file, read in chunks and stopped as soon as it is over ``max_bytes``."""
    size = check_regular_file(path)
    if size > max_bytes:
        raise too_large(path.name, max_bytes)
    chunks: list[bytes] = []
    total = 0
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_READ_CHUNK):
                total += len(chunk)
                if total > max_bytes:  # grew while being read
                    raise too_large(path.name, max_bytes)
                chunks.append(chunk)
    except OSError as error:
        raise TimingImportError(f"{path.name} could not be read: {_reason(error)}.") from error
    return b"".join(chunks)


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose parts unpack to more than :data:`MAX_XLSX_UNCOMPRESSED`.

    An xlsx is a zip archive; a few KB can unpack to gigabytes (a zip bomb). The sizes
    the archive declares are an upper bound: Python stops reading a part at its declared
    size and fails its checksum if the part holds more.
    """
    size = check_regular_file(path)
    if size > MAX_FILE_BYTES:
        raise too_large(path.name, MAX_FILE_BYTES)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise TimingImportError(
            f"{path.name} is not an Excel workbook RaceDesk can read."
        ) from error
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        raise TimingImportError(
            f"{path.name} unpacks to more than {megabytes(MAX_XLSX_UNCOMPRESSED)}, far more "
            "than any timing workbook, so it was not read."
        )


def too_large(name: str, max_bytes: int) -> TimingImportError:
    return TimingImportError(
        f"{name} is larger than {megabytes(max_bytes)}, far more than any timing file, "
        "so it was not read."
    )


def too_many(name: str, what: str, limit: int, line: int) -> TimingImportError:
    return TimingImportError(
        f"{name} has more than {limit:,} {what} (line {line}), far more than any timing "
        "file, so nothing was imported."
    )


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "it is a link that points back to itself"
    if error.errno == errno.ENAMETOOLONG:
        return "its name is too long"
    return (error.strerror or str(error)).lower()
