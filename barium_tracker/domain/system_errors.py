"""The plain words for what the operating system refuses (a full disk, a file-size limit, permission denied...), as
messages: the writers of backups (storage) and of exports and reports (services) say the same thing the same way."""

from __future__ import annotations

import errno
import sqlite3

from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, say

_REASONS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota of this account is used up"),
    errno.EFBIG: N_("the file would be larger than this account may write (a file-size limit)"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EIO: N_("the disk reported an input/output error"),
}


def reason_said(error: OSError | sqlite3.Error) -> Message | str:
    """The plain words for an OSError (or SQLite's "database or disk is full") as a message; the system's own words
    when none is known."""
    if isinstance(error, sqlite3.Error):
        text = str(error)
        if "full" in text:
            return say(_REASONS[errno.ENOSPC])
        if "disk i/o error" in text.lower():
            return say(_REASONS[errno.EIO])
        if "file is not a database" in text:
            return say(N_("it is not a SQLite database file"))
        if "malformed" in text:
            return say(N_("its pages are damaged (SQLite: {detail})"), detail=text)
        return text
    known = _REASONS.get(error.errno or 0)
    return say(known) if known else (error.strerror or str(error)).rstrip(".")
