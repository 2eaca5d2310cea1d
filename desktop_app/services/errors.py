"""The error every service raises for input a reporter can fix."""

from __future__ import annotations

from desktop_app.storage.errors import UserFacingError


class EditError(UserFacingError):
    """An edit was refused; the message says why in the reporter's words. Nothing changed."""
