"""Errors a user can act on, as opposed to bugs: the CLI prints these without a traceback, the GUI in a dialog."""

from __future__ import annotations


class UserError(Exception):
    """Something the user or the environment can fix; ``str(error)`` is the whole message, in the user's words."""


class NotFound(UserError):
    """The record asked for does not exist (or no longer exists: someone else deleted it)."""


class ConflictError(UserError):
    """Someone else saved this record after it was loaded here; nothing was overwritten."""
