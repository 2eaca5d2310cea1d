"""Which bytes a timing CSV is: its text encoding, or a file that is not text at all.

Official files are UTF-8 with a byte-order mark; re-saved copies are Windows-1252 (Excel
on Windows), sometimes with a UTF-8 mark left in front; Excel's "Unicode text" is UTF-16
with a mark (UTF-32 is seen too). Pictures, PDFs and workbooks are named for what they are.
"""

from __future__ import annotations

import codecs

from desktop_app.services.importers.errors import TimingImportError

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive or Excel workbook",
    b"\xd0\xcf\x11\xe0": "an old Excel or Word file",
}

_WIDE_BOMS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """UTF-16/32 by their byte-order mark; UTF-8 (with or without BOM); else Windows-1252.

    A UTF-8 mark followed by Windows-1252 text (a file re-saved by a tool that adds the
    mark without converting) is read as Windows-1252 without the mark.
    """
    wide = _wide_encoding(data)
    if wide is not None:
        encoding, start = wide
        try:
            return data[start:].decode(encoding), encoding.removesuffix("-le").removesuffix("-be")
        except UnicodeDecodeError as error:
            raise TimingImportError(f"{name} is damaged: it is not valid {encoding}.") from error
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise TimingImportError(
            f"{name} is not a text file RaceDesk can read (neither UTF-8 nor Windows-1252)."
        ) from error


def _wide_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, bytes to skip) for UTF-16/32 text, with a mark or (UTF-16) without one."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    head = data[:400]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        zeros_even = head[0::2].count(0)
        zeros_odd = head[1::2].count(0)
        if zeros_odd > 3 * max(zeros_even, 1) // 2 and zeros_even * 10 < len(head):
            return "utf-16-le", 0
        if zeros_even > 3 * max(zeros_odd, 1) // 2 and zeros_odd * 10 < len(head):
            return "utf-16-be", 0
    return None


def refuse_binary(data: bytes, name: str) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise TimingImportError(f"{name} is {what}, not a CSV timing file.")
    if _wide_encoding(data) is None and b"\x00" in data[:4096]:
        raise TimingImportError(f"{name} is not a text file, so it cannot be a CSV timing file.")
