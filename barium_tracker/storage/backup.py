"""Consistent copies of a SQLite database (online backup API), verified after writing."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from barium_tracker.domain.errors import UserError


class BackupError(UserError):
    """A backup could not be written or did not verify; the original database is untouched."""


def integrity_problems(path: Path) -> list[str]:
    """What SQLite's own integrity and foreign-key checks report for a file (empty when it is sound)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            problems = [] if rows == ["ok"] else rows
            problems += [f"foreign key broken in {r[0]} row {r[1]}" for r in conn.execute("PRAGMA foreign_key_check")]
            return problems
    except sqlite3.DatabaseError as exc:
        return [f"{path} cannot be read as a SQLite database ({exc})"]


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy ``source`` to ``destination`` with SQLite's online backup, safe while other connections write."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    try:
        with (
            closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
            closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        problems = integrity_problems(partial)
        if problems:
            raise BackupError(f"The backup of {source} did not verify: {'; '.join(problems[:3])}")
        partial.replace(destination)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"Could not back up {source} to {destination}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return destination


def timestamped_backup_path(source: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """``<folder>/backups/<name>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3`` beside the database file."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return source.parent / "backups" / f"{source.stem}-{stamp}-{reason}.sqlite3"
