"""Writing files for people (exports, reports, research files): a failure is one sentence, and leaves nothing.

Every writer builds its file(s) under a scratch name in the destination folder and renames them into place only when
complete; :func:`writing` wraps that work: it creates the folders that are missing (0700 under the app's umask),
and when the disk is full, a file-size limit is reached or anything else fails with an ``OSError``, it removes the
folders it created (if nothing else was put there) and raises :class:`OutputFailed`, a user error that names what and
where and why in one sentence. The writer's own ``finally`` removes its scratch files.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import say
from barium_tracker.domain.system_errors import reason_said

#: One whole sentence per kind of output (Spanish nouns have gender).
FAILED = {
    "export": N_("The export could not be written to {path}: {reason}. Nothing was left there."),
    "fhir": N_("The FHIR export could not be written to {path}: {reason}. Nothing was left there."),
    "research": N_("The research export could not be written to {path}: {reason}. Nothing was left there."),
    "cohort": N_("The cohort table could not be written to {path}: {reason}. Nothing was left there."),
    "report": N_("The report could not be written to {path}: {reason}. Nothing was left there."),
}


class OutputFailed(UserError):
    """A file for people could not be written; nothing of it was left behind."""


def reason(error: OSError) -> str:
    """The plain words for an OSError (the disk is full, permission denied...), in English."""
    return str(reason_said(error))


def _missing_folders(folder: Path) -> list[Path]:
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing  # deepest first


@contextmanager
def writing(destination: Path, what: str, *, folder: bool = False) -> Iterator[None]:
    """Around the writing of ``what`` (a key of :data:`FAILED`: "export", "report"...) to ``destination`` (a file,
    or with ``folder`` a folder the files go into): missing folders are created, and removed again if it fails."""
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
        raise OutputFailed(say(FAILED[what], path=destination, reason=reason_said(exc))) from exc
