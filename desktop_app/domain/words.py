"""Numbers as a reporter writes them: "row five", "second fastest", "P4", "21st"."""

from __future__ import annotations

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_UNITS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_ORDINAL_TENS = [
    "_",
    "_",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
]
_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def _in_words_range(n: int) -> bool:
    """House style spells out 1-99; anything else reads better as digits."""
    return 1 <= n <= 99


def number_word(n: int) -> str:
    """Spell 1-99 out ("five", "twenty-one") as prose does; other numbers stay digits."""
    if not _in_words_range(n):
        return str(n)
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] if unit == 0 else f"{_TENS[tens]}-{_UNITS[unit]}"


def ordinal_word(n: int) -> str:
    """Spell 1st-99th out ("second fastest", "twenty-second"); beyond that use "101st"."""
    if not _in_words_range(n):
        return ordinal(n)
    if n < 20:
        return _ORDINAL_UNITS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _ORDINAL_TENS[tens]
    return f"{_TENS[tens]}-{_ORDINAL_UNITS[unit]}"


def ordinal(n: int) -> str:
    """Digits with the English suffix ("1st", "12th", "22nd"); 11-13 always take "th"."""
    if n < 0:
        raise ValueError(f"{n} has no ordinal: places start at 1")
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{_SUFFIXES.get(n % 10, 'th')}"


def position_label(n: int) -> str:
    """The "P4" shorthand used in results lines; a place below 1 is a bug upstream."""
    if n < 1:
        raise ValueError(f"{n} is not a position: positions start at 1")
    return f"P{n}"
