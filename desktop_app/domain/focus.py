"""Focus rules: who the reporter's articles follow, as one line of text.

A rule is terms joined by commas, meaning "or"::

    country:CAN, hometown:*, QC, tag:Canadian

``country:`` takes an ISO 3166 alpha-3 code, ``hometown:`` a pattern on the hometown as
printed (``Windsor, ON``; ``*`` and ``?`` wildcards, any case), ``tag:`` a tag on the
driver or on the car. A word without a colon is a tag (``Canadian`` = ``tag:Canadian``),
which is how focus was written before rules. A hometown's own comma (``*, QC``) stays in
the term: a new term starts only where a ``key:`` follows the comma. An empty rule means
every driver (the summary covers the whole field).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from desktop_app.domain.countries import is_country

KEYS = ("country", "hometown", "tag")
_EXAMPLES = {"country": "country:CAN", "hometown": "hometown:*, QC", "tag": "tag:Canadian"}
_KEYED = re.compile(r"^\s*([A-Za-z_]+)\s*:(.*)$", re.DOTALL)


class FocusError(ValueError):
    """A rule that cannot be read; the message says why in one sentence."""


@dataclass(frozen=True)
class Person:
    """What a rule can look at: a driver's country, hometown and tags."""

    country: str = ""
    hometown: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    key: str  # "country", "hometown" or "tag"
    value: str

    def __str__(self) -> str:
        return f"{self.key}:{self.value}"

    def matches(self, person: Person) -> bool:
        if self.key == "country":
            return person.country.strip().upper() == self.value
        if self.key == "hometown":
            return fnmatchcase(_squash(person.hometown).casefold(), self.value.casefold())
        return any(tag.strip().casefold() == self.value.casefold() for tag in person.tags)


@dataclass(frozen=True)
class FocusRule:
    terms: tuple[Term, ...] = ()

    def __str__(self) -> str:
        return ", ".join(str(term) for term in self.terms)

    @property
    def everyone(self) -> bool:
        return not self.terms

    def driver(self, person: Person) -> bool:
        """Is this driver in focus? With no terms, everyone is."""
        return self.everyone or any(term.matches(person) for term in self.terms)

    def car_tags(self, tags: Iterable[str]) -> bool:
        """Is a car with these tags in focus by itself (``tag:`` terms only)?"""
        car = Person(tags=tuple(tags))
        return any(term.key == "tag" and term.matches(car) for term in self.terms)


def parse_focus(text: str) -> FocusRule:
    """Read a rule; raise :class:`FocusError` naming the term that is wrong."""
    terms: list[Term] = []
    for piece in (text or "").split(","):
        keyed = _KEYED.match(piece)
        if keyed is None and terms and terms[-1].key == "hometown" and piece.strip():
            last = terms.pop()
            terms.append(Term("hometown", f"{last.value}, {_squash(piece)}"))
        elif keyed is None:
            if piece.strip():
                terms.append(_term("tag", piece))
        else:
            terms.append(_term(keyed.group(1).strip().casefold(), keyed.group(2)))
    return FocusRule(tuple(dict.fromkeys(terms)))


def _term(key: str, raw: str) -> Term:
    value = _squash(raw)
    if key not in KEYS:
        raise FocusError(
            f'"{key}:{value}" is not a focus term: use country:, hometown: or tag: '
            '(for example "country:CAN, tag:Canadian").'
        )
    if not value:
        raise FocusError(f'"{key}:" needs a value after the colon, as in "{_EXAMPLES[key]}".')
    if key == "country":
        value = value.upper()
        if not is_country(value):
            raise FocusError(
                f'"{value}" is not an ISO country code: use three letters such as CAN or USA.'
            )
    return Term(key, value)


def _squash(text: str) -> str:
    """Spaces as one (``Windsor ,  ON`` -> ``Windsor , ON``), and around commas as printed."""
    return re.sub(r"\s*,\s*", ", ", " ".join(text.split())).strip()
