"""Clinical files are private to the user who runs the app (POSIX modes; on Windows the per-user data folder's ACL).

Every entry point calls :func:`restrict_umask` first, so whatever the session's umask, a file the process creates is
0600 and a folder 0700 (SQLite gives a database's ``-wal``/``-shm`` the database file's own mode). The database
and backup writers also set the modes themselves (:func:`private_file`, :func:`private_folder`), so that library use
and a copy of another file's mode (``shutil.copy2``) never widen them. Only the standard library is imported here:
the window calls this before its first paint.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
PRIVATE_UMASK = 0o077


def restrict_umask() -> int:
    """Make every file and folder this process creates private to its user; returns the umask it had."""
    previous = os.umask(PRIVATE_UMASK)
    os.umask(previous | PRIVATE_UMASK)  # keep any stricter bits the session had
    return previous


def private_file(path: Path) -> Path:
    """Set ``path`` to 0600 (a file system without POSIX modes, e.g. a FAT stick, is left as it is)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE_FILE)
    return path


def new_private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 from the start (it must not exist): SQLite then writes into it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)
    return private_file(path)


def private_folder(path: Path) -> Path:
    """``mkdir -p`` with mode 0700 for every folder it creates (an existing folder is not changed)."""
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if os.name == "posix":
        for created in missing:
            with contextlib.suppress(OSError):  # mkdir's parents=True gives the parents the umask's mode
                os.chmod(created, PRIVATE_FOLDER)
    return path
