"""Writing files for people (exports, reports, research files): a failure is one sentence, and leaves nothing.

Every writer builds its file(s) under a scratch name in the destination folder and renames them into place only when
complete; :func:`writing` wraps that work: it creates the folders that are missing (0700 under the app's umask),
and when the disk is full, a file-size limit is reached or anything else fails with an ``OSError``, it removes the
folders it created (if nothing else was put there) and raises :class:`OutputFailed`, a user error that names what and
where and why in one sentence. The writer's own ``finally`` removes its scratch files.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from barium_tracker.domain.errors import UserError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota of this account is used up",
    errno.EFBIG: "the file would be larger than this account may write (a file-size limit)",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk reported an input/output error",
}


class OutputFailed(UserError):
    """A file for people could not be written; nothing of it was left behind."""


def reason(error: OSError) -> str:
    """The plain words for an OSError (the disk is full, permission denied...)."""
    return _REASONS.get(error.errno or 0) or (error.strerror or str(error)).rstrip(".")


def _missing_folders(folder: Path) -> list[Path]:
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing  # deepest first


@contextmanager
def writing(destination: Path, what: str, *, folder: bool = False) -> Iterator[None]:
    """Around the writing of ``what`` ("The export", "The report") to ``destination`` (a file, or with ``folder``
    a folder the files go into): missing folders are created, and removed again if the writing fails."""
    destination = Path(destination)
    created = _missing_folders(destination if folder else destination.parent)
    try:
        for path in reversed(created):
            path.mkdir(mode=0o700)
        yield
    except OSError as exc:
        for path in created:  # deepest first; a folder someone else put files in stays
            with suppress(OSError):
                path.rmdir()
        raise OutputFailed(
            f"{what} could not be written to {destination}: {reason(exc)}. Nothing was left there."
        ) from exc
