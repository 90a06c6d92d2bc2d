"""What the entry points (the window and every command) call first: files the app creates are private to the user.

The rules live in :mod:`barium_tracker.storage.private`; this module only passes them up a layer, and imports only the
standard library (the window calls it before its first paint).
"""

from __future__ import annotations

from barium_tracker.storage.private import PRIVATE_FILE, PRIVATE_FOLDER, private_file, private_folder, restrict_umask

__all__ = ["PRIVATE_FILE", "PRIVATE_FOLDER", "private_file", "private_folder", "restrict_umask"]
