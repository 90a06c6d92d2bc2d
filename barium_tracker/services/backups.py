"""Backups and restore for the GUI and the command line: back up now, the daily backup, list, check and restore.

SQLite files are copied with SQLite's online backup API (safe while the app is open) into ``backups/`` beside the
database; see docs/database.md for the names and the rotation policy. PostgreSQL is backed up by the server's own
tools (``pg_dump``), never by the app. No Qt here: the GUI runs these off its thread with a progress callback.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.engine import URL

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Message, say
from barium_tracker.services.progress import Progress, no_progress
from barium_tracker.storage.backup import (
    BACKUP_SUFFIX,
    STAMP_FORMAT,
    BackupCheck,
    BackupKind,
    BackupVerdict,
    PageProgress,
    backup_folder,
    backup_sqlite,
    find_backups,
    restore_sqlite,
    rotate_backups,
    said,
    timestamped_backup_path,
    unused_path,
    validate_backup_file,
)
from barium_tracker.storage.database import (
    DamagedDatabase,
    Database,
    NewerSchemaError,
    resolve_url,
)
from barium_tracker.storage.image_files import backup_image_folder
from barium_tracker.storage.models import AuditEventRow, PatientRow

__all__ = [
    "BackupCheck",
    "BackupInfo",
    "BackupKind",
    "OpenDatabase",
    "RestoreReport",
    "backup_now",
    "check_backup",
    "daily_backup_if_due",
    "diagnose_open_failure",
    "diagnose_open_failure_said",
    "list_backups",
    "newest_good_backup",
    "pg_dump_command",
    "restore",
]

log = logging.getLogger(__name__)

STAGE_BACKUP = N_("Copying the database")
STAGE_RESTORE = N_("Copying the backup")


class OpenDatabase(Protocol):
    """What a backup needs of an open clinic: its database (a :class:`services.clinic.Clinic` is one).

    Backups copy a database; they need nothing else of the clinic, so this module does not import services.clinic,
    which imports this one to write the daily backup when a clinic is opened.
    """

    @property
    def db(self) -> Database: ...


def _pages(progress: Progress, stage: str) -> PageProgress:
    """Storage reports pages; the service protocol adds the stage (and lets Cancelled propagate)."""

    def report(done: int, total: int) -> None:
        progress(done, total, stage)

    return report


def pg_dump_command(url: URL, output: str = "barium-tracker-$(date +%Y%m%d).dump") -> str:
    """The pg_dump command line that backs up this PostgreSQL database (the password is never included)."""
    parts = ["pg_dump", "-Fc"]
    if url.host:
        parts += ["-h", url.host]
    if url.port:
        parts += ["-p", str(url.port)]
    if url.username:
        parts += ["-U", url.username]
    parts += ["-d", url.database or "barium", "-f", output]
    return " ".join(parts)


def _sqlite_path(clinic: OpenDatabase) -> Path:
    path = clinic.db.sqlite_path
    if path is None:
        raise UserError(
            say(
                N_(
                    "This clinic's data is on a PostgreSQL server, which the app does not copy: back it up with the "
                    "server's own tools, for example\n  {command}\n(restore with pg_restore; see 'PostgreSQL "
                    "backups' in docs/database.md)."
                ),
                command=pg_dump_command(clinic.db.url),
            )
        )
    return path


def backup_now(clinic: OpenDatabase, destination: Path | None = None, *, progress: Progress = no_progress) -> Path:
    """Write a verified copy of the open SQLite database while it stays in use; returns the file written.

    ``None``: ``backups/<stem>-<YYYYmmdd-HHMMSS>-manual.sqlite3`` beside the database. A folder: a file of that
    name inside it. A file name: that file (an existing file is overwritten only if it is itself a Barium Tracker
    database). Manual backups are never deleted by rotation. ``progress`` may raise Cancelled: no file is left.
    PostgreSQL: a UserError giving the pg_dump command.
    """
    database = _sqlite_path(clinic)
    if destination is None:
        target = unused_path(timestamped_backup_path(database, "manual"))
    elif destination.is_dir():
        stamp = dt.datetime.now().strftime(STAMP_FORMAT)
        target = unused_path(destination / f"{database.stem}-{stamp}-manual{BACKUP_SUFFIX}")
    else:
        target = destination
        if not target.parent.is_dir():
            raise UserError(say(N_("The folder {folder} does not exist; nothing was written."), folder=target.parent))
        if target.resolve() in {database.resolve(), *(Path(f"{database.resolve()}{s}") for s in ("-wal", "-shm"))}:
            raise UserError(say(N_("{path} is the database itself; choose another file for the backup."), path=target))
        if target.exists() and not validate_backup_file(target).ok:
            raise UserError(
                say(
                    N_(
                        "{path} already exists and is not a Barium Tracker backup; it was not overwritten. "
                        "Choose another name."
                    ),
                    path=target,
                )
            )
    written = backup_sqlite(database, target, progress=_pages(progress, STAGE_BACKUP))
    log.info("Backed up %s to %s", database, written)
    return written


def _holds_data(clinic: OpenDatabase) -> bool:
    """Whether anything was ever recorded (every change leaves an audit event; patients are checked too)."""
    with clinic.db.session() as session:
        return any(session.scalar(select(row.id).limit(1)) is not None for row in (PatientRow, AuditEventRow))


def daily_backup_if_due(clinic: OpenDatabase, *, now: dt.datetime | None = None) -> Path | None:
    """On the first open of a calendar day, write ``backups/<stem>-<ts>-daily.sqlite3`` and rotate; else None.

    "Due" means no daily, manual or pre-upgrade backup of this database is dated today (local time); a
    replaced-by-restore copy does not count (it holds the data that was replaced, not today's). Nothing is written
    for PostgreSQL or for a database that holds no records yet.
    """
    database = clinic.db.sqlite_path
    if database is None or not database.is_file():
        return None
    moment = now or dt.datetime.now()
    stem, folder = database.stem, backup_folder(database)
    if any(b.when.date() == moment.date() and b.kind is not BackupKind.REPLACED for b in find_backups(folder, stem)):
        return None
    if not _holds_data(clinic):
        return None
    written = backup_sqlite(database, unused_path(timestamped_backup_path(database, "daily", moment)))
    log.info("Daily backup of %s written to %s", database, written)
    rotate_backups(folder, stem)
    return written


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    when: dt.datetime  # local time, from the file name
    kind: BackupKind
    size_bytes: int
    from_revision: str | None = None  # the schema it was upgraded from, for before-upgrade backups


def list_backups(database_path: Path) -> list[BackupInfo]:
    """The backups in ``backups/`` beside a SQLite database, newest first (files not named by the app are left out)."""
    found = []
    for backup in find_backups(backup_folder(database_path), database_path.stem):
        try:
            size = backup.path.stat().st_size
        except OSError:  # deleted meanwhile
            continue
        found.append(BackupInfo(backup.path, backup.when, backup.kind, size, backup.from_revision))
    return found


def check_backup(path: Path) -> BackupCheck:
    """Integrity, foreign keys and schema version of a backup file, read-only (``.ok``, ``.reason``)."""
    return validate_backup_file(path)


def newest_good_backup(database_path: Path) -> Path | None:
    """The newest backup beside the database that passes :func:`check_backup` (replaced-by-restore copies excluded).

    Those hold data someone chose to replace, so they are never offered automatically; they are listed by
    :func:`list_backups` and can be restored by choosing them.
    """
    for backup in list_backups(database_path):
        if backup.kind is not BackupKind.REPLACED and validate_backup_file(backup.path).ok:
            return backup.path
    return None


@dataclass(frozen=True, slots=True)
class RestoreReport:
    database: Path
    source: Path
    revision: str  # the schema revision of the restored file
    upgrade_due: bool  # an older schema: upgraded (after its own backup) when the database is next opened
    replaced_kept: Path | None  # where the replaced database was kept (None: there was no database file)
    replaced_verified: bool  # False: the replaced file was damaged, so it was kept byte for byte
    images_copied: int = 0  # images the restored database refers to, copied back beside it
    images_missing: tuple[str, ...] = ()  # ... and those the backups' image store did not hold whole (by hash)
    images_folder: Path | None = None  # where they were looked for

    @property
    def message(self) -> str:
        return str(self.said)

    @property
    def said(self) -> Message:
        """What the restore did, one sentence a line (the command line renders it in its language)."""
        lines = [
            say(
                N_("Restored {database} from {source} (schema {revision})."),
                database=self.database,
                source=self.source,
                revision=self.revision,
            )
        ]
        if self.upgrade_due:
            lines.append(
                say(
                    N_(
                        "The backup has an older schema: it will be upgraded when the database is next opened, "
                        "after a backup of its own."
                    )
                )
            )
        if self.replaced_kept is not None:
            if self.replaced_verified:
                kept = N_("The database it replaced was kept as {path}.")
            else:
                kept = N_(
                    "The database it replaced was kept as {path} (it was damaged, so it was kept exactly as it was)."
                )
            lines.append(say(kept, path=self.replaced_kept))
        if self.images_copied:
            lines.append(say(N_("Images copied back beside the database: {count}."), count=self.images_copied))
        if self.images_missing:
            lines.append(
                say(
                    N_(
                        "Images the backup refers to that {folder} does not hold whole: {count} (first: {first}). "
                        "'barium-tracker db check' names them and where they were attached."
                    ),
                    folder=self.images_folder,
                    count=len(self.images_missing),
                    first=self.images_missing[0],
                )
            )
        return say(N_("{lines}"), lines=Joined(tuple(lines), "\n"))


def database_file(target: str | None = None) -> Path:
    """The SQLite file that ``--db``/$BARIUM_TRACKER_DB/the default names, without opening it (it may be damaged).

    PostgreSQL has no file to restore: the server's own tools do that (docs/database.md).
    """
    url = resolve_url(target)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise UserError(
            say(
                N_(
                    "Restoring replaces a SQLite file; a PostgreSQL database is restored with the server's own tools "
                    "(pg_restore: see 'Backups' in docs/database.md)."
                )
            )
        )
    return Path(url.database)


def restore(
    database_path: Path, source: Path, *, progress: Progress = no_progress, force: bool = False
) -> RestoreReport:
    """Replace the SQLite database with the backup ``source``; the caller must have closed the clinic first.

    The backup is checked before anything is replaced: a damaged, foreign or newer file is refused with a
    UserError naming the file and the reason, and the database is left exactly as it was. The replaced database is
    kept in ``backups/`` as ``<stem>-<ts>-replaced-by-restore.sqlite3``. ``progress`` may raise Cancelled during the
    copy: nothing is changed then. A database written by a newer version, or another program's file, is replaced
    only with ``force`` (the start-up dialog passes it: the user chose to restore over a file it named as not ours).
    """
    result = restore_sqlite(
        source, database_path, keep_replaced=True, progress=_pages(progress, STAGE_RESTORE), force=force
    )
    return RestoreReport(
        database=result.target,
        source=result.source,
        revision=result.revision,
        upgrade_due=result.check.verdict is BackupVerdict.OLDER,
        replaced_kept=result.replaced_kept,
        replaced_verified=result.replaced_verified,
        images_copied=result.images.copied,
        images_missing=tuple(result.images.unavailable),
        images_folder=backup_image_folder(result.source.parent),
    )


_DAMAGE_WORDS = ("malformed", "not a database", "not a sqlite database", "disk i/o error", "damaged", "corrupt")


def diagnose_open_failure(database_path: Path, error: BaseException) -> str | None:
    """:func:`diagnose_open_failure_said` in English (the command line's advice asks only whether there is one)."""
    diagnosis = diagnose_open_failure_said(database_path, error)
    return None if diagnosis is None else str(diagnosis)


def diagnose_open_failure_said(database_path: Path, error: BaseException) -> Message | None:
    """For the start-up dialog: why the database failed to open, and the newest good backup to restore, if any.

    Returns None when restoring a backup is not the remedy (the database is locked or read-only, the disk is full,
    the folder is missing, or it is from a newer version of the app): show the error's own message then.
    Otherwise a message saying the file is empty, damaged or not ours, and naming the newest good backup (or that
    there is none); the GUI offers to restore :func:`newest_good_backup`. Whole sentences per case, translated.
    """
    if isinstance(error, NewerSchemaError) or not database_path.is_file():
        return None
    check = validate_backup_file(database_path)
    text = str(error).lower()
    if isinstance(error, DamagedDatabase) and database_path.stat().st_size == 0:
        problem = say(
            N_("The database {path} is empty (0 bytes): a disk fault or a failed copy probably cut it short"),
            path=database_path,
        )
    elif check.verdict is BackupVerdict.DAMAGED or (
        check.verdict is not BackupVerdict.FOREIGN and any(word in text for word in _DAMAGE_WORDS)
    ):
        if check.problems:
            detail = said(check.problems, most=2)
            problem = say(
                N_("The database {path} is damaged and cannot be used safely: {detail}"),
                path=database_path,
                detail=detail,
            )
        else:
            problem = say(N_("The database {path} is damaged and cannot be used safely"), path=database_path)
    elif check.verdict is BackupVerdict.FOREIGN:
        problem = say(
            N_("The file {path} is not a Barium Tracker database ({reason})"), path=database_path, reason=check.reason
        )
    else:
        return None
    newest = newest_good_backup(database_path)
    if newest is None:
        return say(
            N_(
                "{problem}.\nNo good backup was found in {folder}. Restore a backup from elsewhere, or ask for help; "
                "the file was not changed."
            ),
            problem=problem,
            folder=backup_folder(database_path),
        )
    when = next((b.when for b in list_backups(database_path) if b.path == newest), None)
    if when is None:
        return say(
            N_(
                "{problem}.\nThe newest good backup is {backup}. Restoring it replaces the database; the current "
                "file is kept in the backups folder."
            ),
            problem=problem,
            backup=newest,
        )
    return say(
        N_(
            "{problem}.\nThe newest good backup is {backup}, written {day} {time}. Restoring it replaces the "
            "database; the current file is kept in the backups folder."
        ),
        problem=problem,
        backup=newest,
        day=when.date(),
        time=f"{when:%H:%M}",
    )
