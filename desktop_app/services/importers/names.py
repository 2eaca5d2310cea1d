"""Driver names and hometowns as articles print them, from the way timing files print them.

WEC/ELMS files say ``Simon DOLAN`` (surname in capitals); IMSA files split first and second
name but sometimes shout one of them. Names already in mixed case (``van der Linde``,
``De Phillippi``) are kept exactly; only all-capital words are re-cased.
"""

from __future__ import annotations

import re

_KEEP_UPPER = frozenset({"II", "III", "IV", "V", "VI"})
_SUFFIXES = {"JR": "Jr", "JR.": "Jr.", "SR": "Sr", "SR.": "Sr."}
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "da", "di", "du", "dos", "del", "la", "le"}
)
_PIECES = re.compile(r"([\-'\u2019])")


def _is_shouted(word: str) -> bool:
    """A word in capitals (``DOLAN``, ``CRUBILÉ``); ``PJ``-style initials count too."""
    return any(char.isalpha() for char in word) and word == word.upper() and word != word.lower()


def proper_word(word: str) -> str:
    """``DOLAN`` -> ``Dolan``, ``KIMBER-SMITH`` -> ``Kimber-Smith``, ``MCKAY`` -> ``McKay``."""
    if word in _KEEP_UPPER:
        return word
    if word in _SUFFIXES:
        return _SUFFIXES[word]
    pieces = _PIECES.split(word)
    return "".join(_proper_piece(piece) for piece in pieces)


def _proper_piece(piece: str) -> str:
    if len(piece) > 3 and piece.upper().startswith("MC"):
        return "Mc" + piece[2:].capitalize()
    return piece.capitalize()


def proper_name(text: str, *, keep_initials: bool = True) -> str:
    """Re-case the shouted words of a name part; leave mixed-case words alone."""
    words = text.split()
    return " ".join(
        proper_word(word)
        if _is_shouted(word) and not (keep_initials and len(word) <= 2 and word.isalpha())
        else word
        for word in words
    )


def split_full_name(text: str) -> tuple[str, str]:
    """``Simon DOLAN`` -> (Simon, Dolan); ``Sheldon van der Linde`` -> (Sheldon, van der Linde)."""
    words = text.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return "", proper_name(words[0], keep_initials=False)
    start = _surname_start(words)
    first = " ".join(words[:start])
    last = " ".join(words[start:])
    return proper_name(first), _proper_surname(last)


def _surname_start(words: list[str]) -> int:
    """The trailing run of capitals; failing that, the last word with its particles."""
    if all(_is_shouted(word) for word in words):
        return 1
    start = len(words)
    while start > 1 and _is_shouted(words[start - 1]):
        start -= 1
    if start < len(words):
        return start
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return start


def _proper_surname(text: str) -> str:
    return " ".join(proper_word(word) if _is_shouted(word) else word for word in text.split())


def split_hometown(text: str) -> tuple[str, str]:
    """``Zolder, Belgium`` -> (Zolder, Belgium); ``Windsor , ON`` -> (Windsor, ON)."""
    city, _, region = text.partition(",")
    return " ".join(city.split()), " ".join(region.split())


def country_code(text: str) -> str:
    """A 2- or 3-letter code as files print it (``GBR``); anything longer is not a code."""
    code = text.strip().upper()
    return code if 2 <= len(code) <= 3 and code.isalpha() else ""
