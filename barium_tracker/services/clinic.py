"""The open clinic database as the GUI and the command line hold it: they never see a session or a query."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from barium_tracker.domain.rules import InterpretationSettings
from barium_tracker.storage.database import Database, SchemaState, default_database_path, open_database
from barium_tracker.storage.models import ClinicSettingRow

ECKARDT_SUCCESS_MAX_KEY = "eckardt_success_max"


def current_user() -> str:
    """Who is working: the operating-system account until the app has its own sign-in."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no LOGNAME/USER
        return os.environ.get("USERNAME", "unknown")


@dataclass(frozen=True, slots=True)
class SchemaReport:
    location: str
    backend: str
    current: str | None
    head: str
    state: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.state == SchemaState.CURRENT and not self.problems


class Clinic:
    """One clinic database, opened (and migrated) once, with the user who works on it."""

    def __init__(self, database: Database, user: str | None = None) -> None:
        self.db = database
        self.user = user or current_user()
        self.last_backup: Path | None = None

    @classmethod
    def open(cls, target: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Clinic:
        """Open the chosen database; a SQLite file is created, and an older schema backed up then upgraded."""
        db = open_database(target, migrate=migrate)
        clinic = cls(db)
        clinic.last_backup = db.last_backup
        return clinic

    @property
    def location(self) -> str:
        return self.db.description

    @property
    def is_sqlite(self) -> bool:
        return self.db.is_sqlite

    def latest_backup(self) -> tuple[Path, dt.datetime] | None:
        """The newest backup file beside a SQLite database, and when it was written (None for PostgreSQL)."""
        path = self.db.sqlite_path
        if path is None:
            return None
        folder = path.parent / "backups"
        candidates = (
            sorted(folder.glob(f"{path.stem}-*.sqlite3"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
        )
        if not candidates:
            return None
        newest = candidates[-1]
        return newest, dt.datetime.fromtimestamp(newest.stat().st_mtime)

    def close(self) -> None:
        self.db.dispose()

    def check(self) -> SchemaReport:
        """Schema version and (for SQLite) the file's integrity, without changing anything."""
        from barium_tracker.storage.backup import integrity_problems

        status = self.db.schema_status()
        problems: list[str] = []
        if self.db.sqlite_path is not None:
            problems = integrity_problems(self.db.sqlite_path)
        return SchemaReport(
            location=self.location,
            backend="sqlite" if self.is_sqlite else "postgresql",
            current=status.current,
            head=status.head,
            state=status.state.value,
            problems=tuple(problems),
        )

    def interpretation_settings(self) -> InterpretationSettings:
        """Clinic-wide interpretation settings (stored in the database: they are clinical, not UI state)."""
        with self.db.session() as session:
            row = session.get(ClinicSettingRow, ECKARDT_SUCCESS_MAX_KEY)
        if row is None:
            return InterpretationSettings()
        return InterpretationSettings(eckardt_success_max=int(row.value))

    def set_interpretation_settings(self, settings: InterpretationSettings) -> None:
        with self.db.session() as session:
            session.merge(ClinicSettingRow(key=ECKARDT_SUCCESS_MAX_KEY, value=str(settings.eckardt_success_max)))

    def __enter__(self) -> Clinic:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_location() -> Path:
    return default_database_path()
