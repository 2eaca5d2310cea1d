"""The focus rule read for services: a saved or typed rule, and a driver as the rule sees it.

Summaries, the workbook and the CLI all read the reporter's focus through here, so a
rule that cannot be read is refused with the same sentence everywhere.
"""

from __future__ import annotations

from desktop_app.domain.focus import FocusError, FocusRule, Person, parse_focus
from desktop_app.services.errors import EditError
from desktop_app.storage.models import Driver


def read_rule(text: str) -> FocusRule:
    """The focus rule, or one sentence saying why it cannot be read."""
    try:
        return parse_focus(text)
    except FocusError as error:
        raise EditError(f"The focus cannot be read: {error}") from error


def person(driver: Driver) -> Person:
    return Person(driver.country, driver.hometown, tuple(tag.name for tag in driver.tags))
