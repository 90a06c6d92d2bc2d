"""The open clinic database as the GUI and the command line hold it: they never see a session or a query."""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, say
from barium_tracker.domain.rules import InterpretationSettings
from barium_tracker.services.backups import daily_backup_if_due, diagnose_open_failure, newest_good_backup
from barium_tracker.storage.backup import BackupKind, backup_folder, find_backups, integrity_problems
from barium_tracker.storage.database import (
    DamagedDatabase,
    Database,
    DatabaseUnavailable,
    SchemaState,
    default_database_path,
    open_database,
    resolve_url,
)
from barium_tracker.storage.images import image_problems
from barium_tracker.storage.models import ClinicSettingRow

ECKARDT_SUCCESS_MAX_KEY = "eckardt_success_max"
SANAGAPALLI_AREA_KEY = "sanagapalli_area"
CLINIC_NAME_KEY = "clinic_name"
CLINIC_NAME_MAX = 120

log = logging.getLogger(__name__)


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
    problems: tuple[str | Message, ...]

    @property
    def ok(self) -> bool:
        return self.state == SchemaState.CURRENT and not self.problems


class Clinic:
    """One clinic database, opened (and migrated) once, with the user who works on it."""

    def __init__(self, database: Database, user: str | None = None) -> None:
        self.db = database
        self.user = user or current_user()
        self.last_backup: Path | None = None
        #: Why the daily backup of this open failed (shown by the caller), None when it did not fail or did not run.
        self.backup_problem: str | None = None

    @classmethod
    def open(
        cls, target: str | os.PathLike[str] | None = None, *, migrate: bool = True, daily_backup: bool = False
    ) -> Clinic:
        """Open the chosen database; a SQLite file is created, and an older schema backed up then upgraded.

        ``daily_backup=True`` (the GUI and the CLI's working commands pass it; tests and library use do not) also
        writes the day's automatic backup on the first open of a calendar day (services.backups). A failed daily
        backup does not stop the work: its message is kept in ``backup_problem`` for the caller to show.
        """
        db = open_database(target, migrate=migrate)
        clinic = cls(db)
        clinic.last_backup = db.last_backup
        if daily_backup and migrate:
            try:
                daily_backup_if_due(clinic)
            except UserError as exc:
                clinic._refuse_if_damaged()  # the copy did not verify because the database itself is damaged
                log.info("The daily backup of %s failed: %s", clinic.location, exc)  # the caller shows it
                clinic.backup_problem = str(exc)
        return clinic

    def _refuse_if_damaged(self) -> None:
        path = self.db.sqlite_path
        problems = integrity_problems(path) if path is not None else []
        if problems:
            self.close()
            detail = problems[0]
            raise DamagedDatabase(
                say(
                    N_(
                        "The database file {path} is damaged and cannot be used safely: {detail}. Restore its newest "
                        "good backup; the file was not changed."
                    ),
                    path=path,
                    detail=detail,
                )
            )

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
        # A replaced-by-restore copy holds the data that was replaced, not a copy of what is open now.
        copies = [b for b in find_backups(backup_folder(path), path.stem) if b.kind is not BackupKind.REPLACED]
        return (copies[0].path, copies[0].when) if copies else None

    def close(self) -> None:
        self.db.dispose()

    def check(self) -> SchemaReport:
        """Schema version and (for SQLite) the file's integrity, without changing anything."""
        status = self.db.schema_status()
        problems: list[str | Message] = []
        if self.db.sqlite_path is not None:
            problems = list(integrity_problems(self.db.sqlite_path))
        if not problems and status.state is SchemaState.CURRENT:
            problems += image_problems(self.db)  # every stored film read and checked against its hash
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
            eckardt = session.get(ClinicSettingRow, ECKARDT_SUCCESS_MAX_KEY)
            area = session.get(ClinicSettingRow, SANAGAPALLI_AREA_KEY)
            values = (None if eckardt is None else eckardt.value, None if area is None else area.value)
        defaults = InterpretationSettings()
        return InterpretationSettings(
            eckardt_success_max=defaults.eckardt_success_max if values[0] is None else int(values[0]),
            sanagapalli_area=defaults.sanagapalli_area if values[1] is None else values[1],  # type: ignore[arg-type]
        )

    def set_interpretation_settings(self, settings: InterpretationSettings) -> None:
        with self.db.session() as session:
            session.merge(ClinicSettingRow(key=ECKARDT_SUCCESS_MAX_KEY, value=str(settings.eckardt_success_max)))
            session.merge(ClinicSettingRow(key=SANAGAPALLI_AREA_KEY, value=settings.sanagapalli_area.value))

    def clinic_name(self) -> str:
        """The clinic's name as reports print it ("" until set in Preferences)."""
        with self.db.session() as session:
            row = session.get(ClinicSettingRow, CLINIC_NAME_KEY)
        return row.value if row is not None else ""

    def set_clinic_name(self, name: str) -> None:
        name = check_clinic_name(name)
        with self.db.session() as session:
            session.merge(ClinicSettingRow(key=CLINIC_NAME_KEY, value=name))

    def __enter__(self) -> Clinic:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_clinic_name(name: str) -> str:
    """The name with its spaces tidied, or UserError when it is too long for a report's header."""
    name = " ".join(name.split())
    if len(name) > CLINIC_NAME_MAX:
        raise UserError(
            say(
                N_("The clinic name is {length} characters long; at most {most} fit a report."),
                length=len(name),
                most=CLINIC_NAME_MAX,
            )
        )
    return name


def default_location() -> Path:
    return default_database_path()


def sqlite_file(target: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file that ``Clinic.open(target)`` opens (``--db``, else ``$BARIUM_TRACKER_DB``, else the default
    file); None for a server URL or a target that names nothing usable."""
    try:
        url = resolve_url(target)
    except DatabaseUnavailable:
        return None
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def open_failure_advice(target: str | os.PathLike[str] | None, error: UserError) -> Message | None:
    """What the command line adds after the error when a database cannot be opened and restoring a backup is the
    remedy: the newest good backup and the command that restores it (the window offers the same as a button)."""
    path = sqlite_file(target)
    if path is None or diagnose_open_failure(path, error) is None:
        return None
    newest = newest_good_backup(path)
    if newest is None:
        return say(N_("No good backup of it was found in {folder}."), folder=backup_folder(path))
    return say(
        N_("The newest good backup is {backup}. To restore it: barium-tracker restore --db {path} {backup}"),
        backup=newest,
        path=path,
    )
