"""Files the app creates: private to the user (what the entry points call first), and whether the process that
left a scratch file still runs.

The rules live in :mod:`barium_tracker.storage.private` and :mod:`barium_tracker.storage.scratch`; this module only
passes them up a layer, and imports only the standard library (the window calls it before its first paint).
"""

from __future__ import annotations

from barium_tracker.storage.private import PRIVATE_FILE, PRIVATE_FOLDER, private_file, private_folder, restrict_umask

__all__ = ["PRIVATE_FILE", "PRIVATE_FOLDER", "private_file", "private_folder", "process_running", "restrict_umask"]


def process_running(pid: int) -> bool:
    """Whether a process with this pid runs on this machine (storage.scratch, imported only when asked: every entry
    point imports this module before anything else, and scratch brings logging)."""
    from barium_tracker.storage.scratch import process_running as running

    return running(pid)
