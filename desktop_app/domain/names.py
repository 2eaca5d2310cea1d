"""The one driver-name parser: how sheets print names, read into first and last name.

Timing sheets and reporters write the same person many ways: ``THOMPSON Parker``,
``Parker THOMPSON``, ``Thompson, Parker``, ``Kelvin van der Linde``, ``Rui Pinto de
Andrade``, ``Fred Poordad Jr.``. Official IMSA files give first and second name apart
(:func:`from_parts`); everything else goes through :func:`parse_name`. Words already in
mixed case (``De Phillippi``, ``van der Linde``) are kept; only shouted words are re-cased.

:func:`identity_keys` and :func:`is_close_spelling` say when two spellings are one person
(``DeAngelis`` = ``De Angelis``, ``Larry Voorde`` = ``Larry ten Voorde``) or only look like
one (``Mantell`` ~ ``Mantella``), which an importer must ask about, never guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SUFFIXES = {"JR": "Jr", "JR.": "Jr.", "SR": "Sr", "SR.": "Sr.", "II": "II", "III": "III"}
SUFFIXES |= {"IV": "IV"}
PARTICLES = frozenset(
    {"van", "von", "der", "den", "ten", "ter", "de", "da", "di", "du", "dos", "das", "del"}
    | {"della", "la", "le", "zu", "st", "st."}
)
_LOWER_PARTICLES = frozenset({"van", "von", "der", "den", "ten", "ter", "zu", "dos", "das"})
_PIECES = re.compile(r"([\-'\u2019])")
_SEPARATORS = re.compile(r"[\s\-'\u2019.`]+")


@dataclass(frozen=True)
class PersonName:
    """A driver's name as stored: the first name may be empty (``Morad`` alone)."""

    first_name: str
    last_name: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _is_shouted(word: str) -> bool:
    """A word in capitals (``DOLAN``, ``CRUBILÉ``); ``PJ``-style initials count too."""
    return any(char.isalpha() for char in word) and word == word.upper() and word != word.lower()


def _is_suffix(word: str) -> bool:
    return word.upper() in SUFFIXES


def proper_word(word: str) -> str:
    """``DOLAN`` -> ``Dolan``, ``KIMBER-SMITH`` -> ``Kimber-Smith``, ``MCKAY`` -> ``McKay``."""
    if _is_suffix(word):
        return SUFFIXES[word.upper()]
    return "".join(_proper_piece(piece) for piece in _PIECES.split(word))


def _proper_piece(piece: str) -> str:
    if len(piece) > 3 and piece.upper().startswith("MC"):
        return "Mc" + piece[2:].capitalize()
    return piece.capitalize()


def proper_name(text: str, *, keep_initials: bool = True) -> str:
    """Re-case the shouted words of a first name; ``PJ``/``LP`` initials stay."""
    return " ".join(
        proper_word(word)
        if _is_shouted(word) and not (keep_initials and _is_initials(word))
        else word
        for word in text.split()
    )


def _is_initials(word: str) -> bool:
    """``LP``, ``PJ``, ``A.J.``: two letters at most, kept in capitals."""
    return sum(char.isalpha() for char in word) <= 2


def proper_surname(text: str) -> str:
    """``VAN DER ZANDE`` -> ``van der Zande``, ``DE ANGELIS`` -> ``De Angelis``."""
    words = text.split()
    cased = []
    for index, word in enumerate(words):
        if not _is_shouted(word):
            cased.append(word)
        elif index < len(words) - 1 and word.casefold() in _LOWER_PARTICLES:
            cased.append(word.casefold())
        else:
            cased.append(proper_word(word))
    return " ".join(cased)


def from_parts(first: str, last: str) -> PersonName:
    """First and second name as an official file gives them, re-cased when shouted."""
    first_name = proper_name(" ".join(first.split()))
    last_name = proper_surname(" ".join(last.split()))
    if not last_name:
        return PersonName("", proper_surname(first_name))
    return PersonName(first_name, last_name)


def parse_name(text: str) -> PersonName:
    """One printed or typed name into first and last name (empty text: both empty)."""
    clean = " ".join(text.split())
    if "," in clean:
        before, _, after = clean.partition(",")
        if after.strip() and not _is_suffix(after.strip()):
            return from_parts(after, before)
        clean = f"{before} {after}".strip()
    words = clean.split(" ") if clean else []
    suffix = [words.pop()] if len(words) > 1 and _is_suffix(words[-1]) else []
    if not words:
        return PersonName("", "")
    start, end = _surname_span(words)
    first = words[:start] + words[end:]
    surname = words[start:end] + suffix
    return PersonName(proper_name(" ".join(first)), proper_surname(" ".join(surname)))


def _surname_span(words: list[str]) -> tuple[int, int]:
    """Where the surname is: a run of CAPITALS (timing-sheet style), else the last word
    with its particles (and, before particles, one more word: ``Pinto de Andrade``)."""
    if len(words) == 1:
        return 0, 1
    shouted = _shouted_run(words)
    if shouted is not None:
        return shouted
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in PARTICLES:
        start -= 1
    if start < len(words) - 1 and start > 1:
        start -= 1
    return start, len(words)


def _shouted_run(words: list[str]) -> tuple[int, int] | None:
    """The run of capitals that is a surname: not every word, and not only initials."""
    flags = [_is_shouted(word) and not _is_suffix(word) for word in words]
    if all(flags) or not any(flags):
        return None
    start = flags.index(True)
    end = start
    while end < len(words) and flags[end]:
        end += 1
    if not any(len(word) >= 3 for word in words[start:end]):
        return None
    while start > 0 and words[start - 1].casefold() in PARTICLES and start > 1:
        start -= 1  # Kelvin van der LINDE
    return start, end


# Identity ---------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case, accents, hyphens, apostrophes and dots folded: ``Crubilé`` = ``CRUBILE``."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", plain).strip().casefold()


def _surname_words(last_name: str) -> list[str]:
    return [word for word in fold(last_name).split() if word.upper() not in SUFFIXES]


def surname_keys(last_name: str) -> frozenset[str]:
    """``De Angelis``/``DeAngelis`` share ``deangelis``; ``ten Voorde``/``Voorde`` ``voorde``."""
    words = _surname_words(last_name)
    core = [word for word in words[:-1] if word not in PARTICLES] + words[-1:]
    return frozenset({"".join(words), "".join(core)})


def identity_keys(first_name: str, last_name: str) -> frozenset[str]:
    """Keys that are equal for two spellings of one person (see :func:`surname_keys`)."""
    first = fold(first_name).replace(" ", "")
    return frozenset(f"{first}|{key}" for key in surname_keys(last_name))


def same_person(a: PersonName, b: PersonName) -> bool:
    return bool(identity_keys(a.first_name, a.last_name) & identity_keys(b.first_name, b.last_name))


def is_close_spelling(a: PersonName, b: PersonName) -> bool:
    """Looks like one person but is not spelled the same: ask, never guess.

    One name part equal and the other a letter or two apart (``Anthony Mantell`` ~
    ``Anthony Mantella``, ``Mikael`` ~ ``Mickael Grenier``), or a surname alone
    (``Goikhberg``) ~ the same surname with a first name (``Misha Goikhberg``).
    Two people who differ in both names (``Ricky``/``Jordan Taylor``) are not close.
    """
    if same_person(a, b):
        return False
    same_surname = bool(surname_keys(a.last_name) & surname_keys(b.last_name))
    if same_surname and (not a.first_name or not b.first_name):
        return True
    first_a, first_b = _compact(a.first_name), _compact(b.first_name)
    if same_surname:
        return _near(first_a, first_b)
    return first_a == first_b and _near(_compact(a.last_name), _compact(b.last_name))


def _compact(text: str) -> str:
    return fold(text).replace(" ", "")


def _near(a: str, b: str) -> bool:
    """A letter apart (two for long names); empty names are never near."""
    limit = 1 if min(len(a), len(b)) < 8 else 2
    return bool(a and b) and edit_distance(a, b, limit) <= limit


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early once it is over ``limit`` (returns limit + 1)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
