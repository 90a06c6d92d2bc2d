"""Progress and cancellation for long work (import, export, report, backup), the same for the GUI and the CLI.

A long service function takes ``progress: Progress = no_progress`` and calls it regularly with how far it is. The
caller's callback may raise :class:`Cancelled` (the GUI's does when the user pressed Cancel); the service lets it
propagate, so a database transaction it is inside rolls back and a partly written output file is removed. Services
call ``progress`` *inside* their transaction, never after committing, so cancel leaves the database as it was.
"""

from __future__ import annotations

from typing import Protocol

from barium_tracker.domain.errors import UserError


class Cancelled(UserError):
    """The user cancelled; nothing was changed."""

    def __init__(self, message: str = "Cancelled: nothing was changed.") -> None:
        super().__init__(message)


class Progress(Protocol):
    def __call__(self, done: int, total: int | None, stage: str) -> None:
        """``done`` of ``total`` units (``total`` None when unknown) of the named ``stage`` ("Reading rows")."""


def no_progress(done: int, total: int | None, stage: str) -> None:
    """The default callback: report nothing, never cancel."""
