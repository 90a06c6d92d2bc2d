"""Files written beside the database while an operation runs, and what a killed run leaves of them.

A new database is built as ``.<name>.creating-<host>-<pid>``, a restore copies into ``.<name>.restoring-<host>-<pid>``
and a backup into ``backups/.<backup>.partial-<host>-<pid>`` (each with SQLite's ``-journal``/``-wal``/``-shm``
while it is open), and an image into ``.<sha256>.partial-<host>-<pid>`` at the top of its image store
(storage/image_files.py); the finished file is renamed into place. A kill leaves the scratch file behind:
:func:`remove_leftovers`, which every open of the database runs, deletes those whose process is gone (same host,
pid no longer running), and those of another host (a shared folder) once they are a day old. Files of an operation
still running, in this process or another, are never touched. Older versions' names (``<backup>.partial``,
``.<name>.restoring-<pid>``) are recognised too.
"""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

log = logging.getLogger(__name__)

KINDS = ("creating", "restoring", "partial")
FOREIGN_HOST_AGE_S = 24 * 3600  # another workstation's leftover on a shared folder: removed once it is this old
UNKNOWN_OWNER_AGE_S = 3600  # an older version's ``.partial`` carried no pid

_SIDECAR = r"(?:-journal|-wal|-shm)?"
_SCRATCH = re.compile(rf"^\.(?P<name>.+)\.(?P<kind>{'|'.join(KINDS)})-(?:(?P<host>.+)-)?(?P<pid>\d+){_SIDECAR}$")
_OLD_PARTIAL = re.compile(rf"^(?P<name>.+)\.partial{_SIDECAR}$")


def _host() -> str:
    import socket  # only when a scratch file is named or judged: every entry point imports this module first

    return socket.gethostname().replace(os.sep, "_") or "host"


def scratch_path(final: Path, kind: str) -> Path:
    """Where an operation of ``kind`` writes ``final`` before renaming it into place."""
    assert kind in KINDS
    return final.with_name(f".{final.name}.{kind}-{_host()}-{os.getpid()}")


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); folders cannot be opened for fsync on Windows, where NTFS journals renames."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def remove_scratch(path: Path) -> None:
    """The scratch file and its SQLite sidecars, quietly (they may not exist)."""
    for leftover in (path, *sidecars(path)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("Could not remove %s: %s", leftover, exc)


def process_running(pid: int) -> bool:
    """Whether a process with this pid runs on this machine (another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's live process
        return True
    return True


def _abandoned(path: Path, now: float) -> bool:
    try:
        age = now - path.stat().st_mtime
    except OSError:
        return False
    match = _SCRATCH.match(path.name)
    if match is not None:
        host, pid = match["host"], int(match["pid"])
        if host is not None and host != _host():
            return age > FOREIGN_HOST_AGE_S
        return not process_running(pid)
    return _OLD_PARTIAL.match(path.name) is not None and age > UNKNOWN_OWNER_AGE_S


def remove_leftovers(database: Path, backups: Path, image_stores: tuple[Path, ...] = ()) -> list[Path]:
    """Delete what killed runs left beside ``database``, in its ``backups`` folder and at the top of its image stores
    (where an image is written before it is renamed into its sub-folder); returns what was removed."""
    now = time.time()
    candidates: list[Path] = []
    if database.parent.is_dir():
        prefix = f".{database.name}."
        candidates += [p for p in database.parent.iterdir() if p.name.startswith(prefix)]
    for folder in (backups, *image_stores):
        if folder.is_dir():
            candidates += [p for p in folder.iterdir() if ".partial" in p.name]
    return remove_abandoned(candidates, now)


def remove_abandoned(candidates: list[Path], now: float | None = None) -> list[Path]:
    """Delete those of ``candidates`` that are scratch files of a run that is gone; returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for path in candidates:
        if path.is_file() and _abandoned(path, now):
            try:
                path.unlink()
            except OSError as exc:
                log.warning("Could not remove the leftover %s: %s", path, exc)
                continue
            log.info("Removed %s, left by an interrupted run", path)
            removed.append(path)
    return removed
