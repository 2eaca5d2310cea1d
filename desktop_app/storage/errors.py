"""Errors the reporter can do something about, shown in words (never a traceback).

Anything else is a bug and is allowed to fail loudly.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """A problem with the user's files or input, explained in one sentence."""


class DatabaseOpenError(UserFacingError):
    """The database file cannot be opened safely; it has not been touched."""


class ServerAway(DatabaseOpenError):
    """The server cannot be reached (down, restarting, network gone): nothing was saved,
    and the same action may succeed once it is back (see storage.server)."""
