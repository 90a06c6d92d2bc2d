"""Consistent copies of a SQLite database (online backup API), verified after writing; checks, rotation, restore.

Backups beside a database live in ``<folder>/backups/`` and are named
``<stem>-<YYYYmmdd-HHMMSS>-<kind>.sqlite3`` (local time); the kinds are ``daily``, ``manual``,
``before-upgrade-from-<revision>`` and ``replaced-by-restore``. Rotation only ever touches files that match this
pattern, and only the automatic kinds (see :class:`RotationPolicy` and docs/database.md).

Long copies report progress through a plain ``(done_pages, total_pages)`` callable; the callable may raise any
exception (the GUI's Cancel), which stops the copy and removes the partly written file. Storage knows nothing of
the services' progress protocol: services adapt it.
"""

from __future__ import annotations

import datetime as dt
import enum
import glob
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Message, say
from barium_tracker.domain.system_errors import reason_said
from barium_tracker.storage.image_files import (
    CopiedImages,
    ImageFiles,
    backup_image_folder,
    copy_images_of,
    image_folder,
)
from barium_tracker.storage.private import new_private_file, private_file, private_folder
from barium_tracker.storage.schema import CORE_TABLES, shipped_revisions
from barium_tracker.storage.scratch import fsync_folder, remove_scratch, scratch_path

log = logging.getLogger(__name__)

PageProgress = Callable[[int, int], None]
"""Called as ``progress(pages_done, pages_total)`` during a copy; may raise to cancel it."""

PAGES_PER_STEP = 1024  # 4 MiB per step with SQLite's default 4 KiB pages: a progress report every few milliseconds
BACKUP_FOLDER = "backups"
BACKUP_SUFFIX = ".sqlite3"
STAMP_FORMAT = "%Y%m%d-%H%M%S"

# Tables every Barium Tracker schema has had since the first revision: tells "ours, but newer" from "not ours".


class BackupError(UserError):
    """A backup could not be written or did not verify; the original database is untouched."""


class RestoreRefused(UserError):
    """A restore was refused before anything was replaced; the message names the file and the reason."""


# -- copying ----------------------------------------------------------------------------------------------------


def _connect_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise sqlite3.OperationalError(f"unable to open database file: {path} does not exist")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _online_copy(source: Path, partial: Path, progress: PageProgress | None) -> None:
    """Copy ``source`` into the new file ``partial`` page by page, from one snapshot of the source.

    The read transaction is held across all steps: in WAL mode the copy sees one consistent snapshot while other
    connections keep committing (without it SQLite restarts the copy after every foreign write, and a busy database
    would never finish). The copy is switched to a self-contained rollback-journal file and fsynced.
    """
    with closing(_connect_read_only(source)) as src, closing(sqlite3.connect(partial, isolation_level=None)) as dst:
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # starts the read transaction (the snapshot)
        try:
            if progress is None:
                src.backup(dst)
            else:

                def report(_status: int, remaining: int, total: int) -> None:
                    progress(total - remaining, total)

                src.backup(dst, pages=PAGES_PER_STEP, progress=report)
        finally:
            src.execute("COMMIT")
        dst.execute("PRAGMA journal_mode=DELETE")
    _fsync_file(partial)


def backup_sqlite(source: Path, destination: Path, *, progress: PageProgress | None = None) -> Path:
    """Copy ``source`` to ``destination`` with SQLite's online backup, safe while other connections write.

    The copy is written to ``.<destination>.partial-<host>-<pid>`` (:mod:`storage.scratch`), integrity-checked, then
    renamed into place; on any failure
    (or an exception raised by ``progress``, which propagates unchanged) no partial file is left behind.
    """
    private_folder(destination.parent)
    partial = scratch_path(destination, "partial")
    try:
        remove_scratch(partial)
        new_private_file(partial)
        _online_copy(source, partial, progress)
        problems = integrity_problems(partial)
        if problems:
            raise BackupError(
                say(N_("The backup of {source} did not verify: {problems}"), source=source, problems=said(problems))
            )
        # The films before the file that names them: a backup file in place always finds its images.
        images = copy_images_of(
            partial, ImageFiles(image_folder(source)), ImageFiles(backup_image_folder(destination.parent))
        )
        partial.replace(destination)
        fsync_folder(destination.parent)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(
            say(
                N_("Could not back up {source} to {destination}: {reason}. No partial copy was left."),
                source=source,
                destination=destination,
                reason=reason_said(exc),
            )
        ) from exc
    finally:
        remove_scratch(partial)
    if images.copied:
        log.info("Copied %d new image(s), %d bytes, beside %s", images.copied, images.bytes_copied, destination)
    return destination


def integrity_problems(path: Path) -> list[Message]:
    """What SQLite's own integrity and foreign-key checks report for a file (empty when it is sound).

    Each problem is a phrase about the file ("it cannot be read as a SQLite database (...)"), never naming it: the
    sentence that shows it has named the file already. SQLite's own words stay as they are inside it.
    """
    try:
        with closing(_connect_read_only(path)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            problems = [] if rows == ["ok"] else [say(N_("SQLite's integrity check: {detail}"), detail=r) for r in rows]
            problems += [
                say(N_("a reference is broken in table {table}, row {row}"), table=r[0], row=r[1])
                for r in conn.execute("PRAGMA foreign_key_check")
            ]
            return problems
    except sqlite3.DatabaseError as exc:
        return [_unreadable(exc)]


def _unreadable(exc: sqlite3.DatabaseError) -> Message:
    return say(N_("it cannot be read as a SQLite database ({reason})"), reason=reason_said(exc))


def said(problems: Sequence[Message], most: int = 3) -> Joined:
    """The first few problems as one list ("...; ...")."""
    return Joined(tuple(problems[:most]), "; ")


# -- names --------------------------------------------------------------------------------------------------------


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def timestamped_backup_path(source: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """``<folder>/backups/<name>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3`` beside the database file."""
    stamp = (now or dt.datetime.now()).strftime(STAMP_FORMAT)
    return backup_folder(source) / f"{source.stem}-{stamp}-{reason}{BACKUP_SUFFIX}"


def unused_path(path: Path) -> Path:
    """``path``, or ``<name>-2.sqlite3``, ``-3``... when a file of that name exists (two backups in one second)."""
    candidate, number = path, 1
    while candidate.exists() or any(candidate.parent.glob(f".{glob.escape(candidate.name)}.partial-*")):
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


class BackupKind(enum.StrEnum):
    DAILY = "daily"
    MANUAL = "manual"
    BEFORE_UPGRADE = "before-upgrade"
    REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class BackupName:
    """What a backup's file name says: when it was written and why."""

    path: Path
    when: dt.datetime
    kind: BackupKind
    from_revision: str | None = None  # for before-upgrade backups


def _name_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(stem)}-(?P<stamp>\d{{8}}-\d{{6}})-"
        r"(?:(?P<daily>daily)|(?P<manual>manual)|(?P<replaced>replaced-by-restore)"
        r"|before-upgrade-from-(?P<revision>[A-Za-z0-9_.]+?))"
        rf"(?:-(?P<number>\d+))?{re.escape(BACKUP_SUFFIX)}$"
    )


def parse_backup_name(path: Path, stem: str) -> BackupName | None:
    """The parts of one of our backup file names, or None for any other file (which we never touch)."""
    match = _name_pattern(stem).match(path.name)
    if match is None:
        return None
    try:
        when = dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    if match["daily"]:
        kind = BackupKind.DAILY
    elif match["manual"]:
        kind = BackupKind.MANUAL
    elif match["replaced"]:
        kind = BackupKind.REPLACED
    else:
        kind = BackupKind.BEFORE_UPGRADE
    return BackupName(path=path, when=when, kind=kind, from_revision=match["revision"])


def find_backups(folder: Path, stem: str) -> list[BackupName]:
    """Our backups of the database named ``stem`` in ``folder``, newest first (other files are ignored)."""
    if not folder.is_dir():
        return []
    found = [name for path in folder.iterdir() if path.is_file() and (name := parse_backup_name(path, stem))]
    return sorted(found, key=lambda b: (b.when, b.path.name), reverse=True)


# -- checking -----------------------------------------------------------------------------------------------------


class BackupVerdict(enum.StrEnum):
    CURRENT = "current"  # our schema, the newest this app knows
    OLDER = "older"  # our schema, older: upgraded (after its own backup) the next time it is opened
    NEWER = "newer"  # written by a newer version of the app
    FOREIGN = "foreign"  # a SQLite file, but not a Barium Tracker database
    DAMAGED = "damaged"  # fails SQLite's integrity or foreign-key checks, or is not SQLite at all
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class BackupCheck:
    path: Path
    verdict: BackupVerdict
    revision: str | None
    head: str
    problems: tuple[Message, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether this file may be restored (an older schema may: it is upgraded when next opened)."""
        return self.verdict in (BackupVerdict.CURRENT, BackupVerdict.OLDER)

    @property
    def reason(self) -> Message:
        """What the file is, as a phrase a user can act on (the sentence around it names the file)."""
        match self.verdict:
            case BackupVerdict.CURRENT:
                return say(N_("a sound Barium Tracker database (schema {revision})"), revision=self.revision)
            case BackupVerdict.OLDER:
                return say(
                    N_(
                        "a sound Barium Tracker database with an older schema ({revision}); it will be upgraded to "
                        "{head} when it is next opened, after a backup of its own"
                    ),
                    revision=self.revision,
                    head=self.head,
                )
            case BackupVerdict.NEWER:
                return say(
                    N_(
                        "it was written by a newer version of Barium Tracker (schema {revision}; this version "
                        "knows schemas up to {head})"
                    ),
                    revision=self.revision,
                    head=self.head,
                )
            case BackupVerdict.FOREIGN if self.problems:
                return say(N_("it is not a Barium Tracker database ({detail})"), detail=self.problems[0])
            case BackupVerdict.FOREIGN:
                return say(N_("it is not a Barium Tracker database"))
            case BackupVerdict.MISSING:
                return say(N_("the file does not exist"))
            case _:
                return say(N_("it is damaged: {problems}"), problems=said(self.problems))


def validate_backup_file(path: Path) -> BackupCheck:
    """Whether ``path`` is a sound Barium Tracker database this version can open; read-only, it is never modified.

    Runs SQLite's integrity and foreign-key checks, then reads ``alembic_version``: a revision this app ships is
    ours (current or older), an unknown revision over our tables is a newer app's, anything else is foreign.
    """
    shipped = shipped_revisions()
    head, known = shipped.head, shipped.known
    if not path.is_file():
        return BackupCheck(path, BackupVerdict.MISSING, None, head)
    problems = integrity_problems(path)
    if problems:
        return BackupCheck(path, BackupVerdict.DAMAGED, None, head, tuple(problems))
    try:
        with closing(_connect_read_only(path)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revisions = (
                [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in tables
                else []
            )
    except sqlite3.DatabaseError as exc:
        return BackupCheck(path, BackupVerdict.DAMAGED, None, head, (_unreadable(exc),))
    if len(revisions) != 1:
        detail = say(N_("it holds no tables")) if not tables else say(N_("it has no Barium Tracker schema version"))
        return BackupCheck(path, BackupVerdict.FOREIGN, None, head, (detail,))
    revision = revisions[0]
    if revision == head:
        return BackupCheck(path, BackupVerdict.CURRENT, revision, head)
    if revision in known:
        return BackupCheck(path, BackupVerdict.OLDER, revision, head)
    if tables >= CORE_TABLES:
        return BackupCheck(path, BackupVerdict.NEWER, revision, head)
    unknown = say(N_("its schema version {revision} is unknown"), revision=revision)
    return BackupCheck(path, BackupVerdict.FOREIGN, revision, head, (unknown,))


# -- rotation -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RotationPolicy:
    """How many automatic backups to keep (the documented default is :data:`DEFAULT_ROTATION`).

    Daily backups are thinned like ``restic forget``: the newest of each of the last ``daily`` days that have one,
    of each of the last ``weekly`` ISO weeks and of each of the last ``monthly`` months; a backup kept by any rule
    stays. Counting days *that have a backup* (not calendar days back from today) means a workstation switched off
    for a month does not lose its history. The newest ``before_upgrade`` pre-upgrade backups are kept. Manual and
    replaced-by-restore copies are never deleted.
    """

    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    before_upgrade: int = 5


DEFAULT_ROTATION = RotationPolicy()


def _newest_per_bucket(backups: Sequence[BackupName], bucket: Callable[[dt.datetime], object], limit: int) -> set[Path]:
    kept: set[Path] = set()
    seen: set[object] = set()
    for backup in backups:  # newest first: the first of a bucket is its newest
        key = bucket(backup.when)
        if key in seen:
            continue
        if len(seen) >= limit:
            break
        seen.add(key)
        kept.add(backup.path)
    return kept


def plan_rotation(backups: Iterable[BackupName], policy: RotationPolicy = DEFAULT_ROTATION) -> set[Path]:
    """Which of ``backups`` the policy would delete (only daily and before-upgrade ones are ever candidates)."""
    ordered = sorted(backups, key=lambda b: (b.when, b.path.name), reverse=True)
    daily = [b for b in ordered if b.kind is BackupKind.DAILY]
    upgrades = [b for b in ordered if b.kind is BackupKind.BEFORE_UPGRADE]
    keep = _newest_per_bucket(daily, lambda when: when.date(), policy.daily)
    keep |= _newest_per_bucket(daily, lambda when: when.isocalendar()[:2], policy.weekly)
    keep |= _newest_per_bucket(daily, lambda when: (when.year, when.month), policy.monthly)
    keep |= {b.path for b in upgrades[: policy.before_upgrade]}
    return {b.path for b in daily + upgrades} - keep


def rotate_backups(
    folder: Path,
    stem: str,
    policy: RotationPolicy = DEFAULT_ROTATION,
    *,
    is_good: Callable[[Path], bool] | None = None,
) -> list[Path]:
    """Delete the automatic backups of ``stem`` in ``folder`` that ``policy`` does not keep; returns what went.

    Never deletes the newest good backup (``is_good``, by default :func:`validate_backup_file`, is asked about the
    newest files in turn until one passes), never a manual or replaced-by-restore copy, never a file whose name
    is not ours. A file that cannot be deleted is logged and left.
    """
    backups = find_backups(folder, stem)
    doomed = plan_rotation(backups, policy)
    if not doomed:
        return []
    good = is_good or (lambda path: validate_backup_file(path).ok)
    for backup in backups:  # newest first
        if good(backup.path):
            doomed.discard(backup.path)
            break
    deleted = []
    for backup in backups:
        if backup.path in doomed:
            try:
                backup.path.unlink()
            except OSError as exc:
                log.warning("Could not delete the old backup %s: %s", backup.path, exc)
                continue
            deleted.append(backup.path)
    if deleted:
        log.info("Rotated backups of %s: deleted %s", stem, ", ".join(p.name for p in deleted))
    return deleted


# -- restoring ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RestoreResult:
    target: Path
    source: Path
    revision: str
    check: BackupCheck
    replaced_kept: Path | None  # where the database that was replaced was kept (None: there was none)
    replaced_verified: bool  # False when the replaced file was damaged and kept byte for byte instead
    images: CopiedImages = field(default_factory=CopiedImages)  # the films copied back, and any the backup lacked


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _checkpoint_alone(target: Path) -> bool:
    """Fold the target's WAL into its main file, proving no other connection has it open.

    Leaving WAL mode needs the only connection to the file: "database is locked" means the app (or another
    program) still has it open. Returns False when the file cannot be read as SQLite (it is damaged).
    """
    try:
        with closing(sqlite3.connect(target, timeout=1.0, isolation_level=None)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE").fetchone()
            return True
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise RestoreRefused(
                say(
                    N_(
                        "{target} is in use (Barium Tracker or another program has it open on this or another "
                        "workstation). Close it everywhere, then restore again. Nothing was changed."
                    ),
                    target=target,
                )
            ) from exc
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise _read_only(target) from exc
        return False
    except sqlite3.DatabaseError:
        return False


def _keep_replaced(target: Path) -> tuple[Path, bool]:
    """Keep the database about to be replaced: a verified online copy, else (damaged) the raw bytes and its WAL."""
    kept = unused_path(timestamped_backup_path(target, "replaced-by-restore"))
    if target.stat().st_size > 0 and _checkpoint_alone(target):
        try:
            return backup_sqlite(target, kept), True
        except BackupError as exc:
            log.warning("The database being replaced did not copy cleanly (%s); keeping its bytes as they are", exc)
    private_folder(kept.parent)
    try:
        shutil.copy2(target, kept)
        private_file(kept)  # copy2 copied the damaged file's own mode
        wal = target.with_name(target.name + "-wal")
        if wal.is_file():
            private_file(Path(shutil.copy2(wal, kept.with_name(kept.name + "-wal"))))
        _fsync_file(kept)
    except OSError as exc:
        raise RestoreRefused(
            say(
                N_("Could not keep a copy of {target} before replacing it: {reason}. Nothing was changed."),
                target=target,
                reason=reason_said(exc),
            )
        ) from exc
    return kept, False


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _read_only(target: Path) -> RestoreRefused:
    return RestoreRefused(
        say(
            N_(
                "{target} is read-only here (its permissions, or a read-only disk or share), so it cannot be "
                "replaced. Make it writable, then restore again. Nothing was changed."
            ),
            target=target,
        )
    )


def _refuse_replacing(target: Path) -> None:
    """A restore replaces a damaged, empty, older or equal Barium Tracker database; anything else only when forced."""
    if not target.is_file() or target.stat().st_size == 0:
        return
    found = validate_backup_file(target)
    if found.verdict is BackupVerdict.NEWER:
        raise RestoreRefused(
            say(
                N_(
                    "{target} was written by a newer version of Barium Tracker (schema {revision}; this version "
                    "knows schemas up to {head}): a backup restored over it would replace newer data. To replace it "
                    "all the same, restore again with --force (the replaced file is kept in backups/). Nothing was "
                    "changed."
                ),
                target=target,
                revision=found.revision,
                head=found.head,
            )
        )
    if found.verdict is BackupVerdict.FOREIGN:
        raise RestoreRefused(
            say(
                N_(
                    "{target} is not a Barium Tracker database ({detail}): it may be another program's file. To "
                    "replace it all the same, restore again with --force (the replaced file is kept in backups/). "
                    "Nothing was changed."
                ),
                target=target,
                detail=found.problems[0] if found.problems else say(N_("other tables")),
            )
        )


def restore_sqlite(
    source: Path,
    target: Path,
    *,
    keep_replaced: bool = True,
    progress: PageProgress | None = None,
    force: bool = False,
) -> RestoreResult:
    """Replace the database file ``target`` with the backup ``source``, after checking it; nothing may hold target open.

    1. ``source`` is checked (:func:`validate_backup_file`): damaged, foreign or newer files are refused with
       :class:`RestoreRefused` and nothing is touched. An older schema is accepted; it is upgraded when next opened.
    2. It is copied with the online backup API to a temporary file in the target's folder, verified and fsynced
       (an exception from ``progress`` stops here, leaving no file behind and the target untouched).
    3. The current target is kept as ``backups/<stem>-<ts>-replaced-by-restore.sqlite3`` (verified, or byte for byte
       when it is damaged).
    4. The target's stale ``-wal``/``-shm``/``-journal`` files are removed and the copy is renamed into place.

    A target written by a newer version, or that is not a Barium Tracker database, is replaced only with ``force``
    (a damaged or empty one is what a restore is for); a read-only or busy target is refused with its own reason.
    """
    check = validate_backup_file(source)
    if not check.ok:
        raise RestoreRefused(
            say(N_("{source} cannot be restored: {reason}. Nothing was changed."), source=source, reason=check.reason)
        )
    assert check.revision is not None
    if target.exists() and source.resolve() == target.resolve():
        raise RestoreRefused(
            say(N_("{source} is the database itself; choose a backup file. Nothing was changed."), source=source)
        )
    if not target.parent.is_dir():
        raise RestoreRefused(say(N_("The folder {folder} does not exist. Nothing was changed."), folder=target.parent))
    if target.exists() and not _writable(target):  # said first: SQLite calls a read-only WAL file a disk I/O error
        raise _read_only(target)
    if not force:
        _refuse_replacing(target)
    partial = scratch_path(target, "restoring")
    try:
        try:
            remove_scratch(partial)
            new_private_file(partial)
            _online_copy(source, partial, progress)
        except (sqlite3.Error, OSError) as exc:
            raise RestoreRefused(
                say(
                    N_("Could not copy {source} next to {target}: {reason}. Nothing was changed."),
                    source=source,
                    target=target,
                    reason=reason_said(exc),
                )
            ) from exc
        problems = integrity_problems(partial)
        if problems:
            raise RestoreRefused(
                say(
                    N_("The copy of {source} did not verify: {problems}. Nothing was changed."),
                    source=source,
                    problems=said(problems),
                )
            )
        images = _restore_images(partial, source, target)
        kept, verified = None, True
        if target.exists():
            if keep_replaced:
                kept, verified = _keep_replaced(target)
            else:
                _checkpoint_alone(target)
        for sidecar in _sidecars(target):
            sidecar.unlink(missing_ok=True)
        os.replace(partial, target)
        fsync_folder(target.parent)
    finally:
        remove_scratch(partial)
    log.info("Restored %s from %s (replaced file kept as %s)", target, source, kept)
    return RestoreResult(
        target=target,
        source=source,
        revision=check.revision,
        check=check,
        replaced_kept=kept,
        replaced_verified=verified,
        images=images,
    )


def _restore_images(restored: Path, source: Path, target: Path) -> CopiedImages:
    """Bring into the target's image store the images the restored file refers to: from the backups' shared store
    beside ``source``, else (a backup of this same clinic) they are there already. Missing ones are reported."""
    try:
        return copy_images_of(
            restored, ImageFiles(backup_image_folder(source.parent)), ImageFiles(image_folder(target))
        )
    except (sqlite3.Error, OSError) as exc:
        raise RestoreRefused(
            say(
                N_("Could not copy the images of {source} beside {target}: {reason}. The database was not replaced."),
                source=source,
                target=target,
                reason=reason_said(exc),
            )
        ) from exc
