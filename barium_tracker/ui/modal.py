"""Running a dialog or message box modally, in one place.

Qt names its modal event loop ``exec()``; it has nothing to do with Python's ``exec`` builtin (no code is ever
executed from data). Calling it through here keeps that one spelling, and its explanation, in one module.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def run_modal(dialog: QDialog) -> int:
    """Show ``dialog`` modally and return its result code once the user closes it."""
    return dialog.exec()
