"""The one module that owns the database: where it is, how it is opened, its schema version and its sessions.

Errors are split the qutebrowser way: :class:`DatabaseUnavailable` means the environment failed (locked, read-only,
disk full, server down, a file that is not ours) and is shown to the user; anything else is a bug and propagates.
"""

from __future__ import annotations

import enum
import logging
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, say
from barium_tracker.storage.backup import (
    backup_folder,
    backup_sqlite,
    rotate_backups,
    timestamped_backup_path,
    unused_path,
)
from barium_tracker.storage.image_files import backup_image_folder, image_folder
from barium_tracker.storage.locations import ENV_VAR, default_database_path
from barium_tracker.storage.private import new_private_file, private_folder
from barium_tracker.storage.schema import CORE_TABLES, MIGRATIONS, shipped_revisions
from barium_tracker.storage.scratch import fsync_folder, remove_leftovers, remove_scratch, scratch_path

if TYPE_CHECKING:  # Alembic costs ~110 ms to import: it is loaded only when a migration actually runs.
    from alembic.config import Config

log = logging.getLogger(__name__)

# MIGRATIONS (storage.schema's) is read from this module at call time: this module runs those scripts, and a test
# plays "the next version of the app" by patching it here.
SQLITE_BUSY_TIMEOUT_MS = 5000


class DatabaseUnavailable(UserError):
    """The database cannot be used for a reason outside the program: say why, and change nothing."""


class NewerSchemaError(DatabaseUnavailable):
    """The database was written by a newer version of the app; opening it here could damage it."""


class NotOurDatabase(DatabaseUnavailable):
    """The file or server database holds tables, but not Barium Tracker's."""


class DamagedDatabase(DatabaseUnavailable):
    """The file at the database's path is empty or damaged: never set up afresh over it; restore a backup."""


class SchemaState(enum.StrEnum):
    EMPTY = "empty"
    CURRENT = "current"
    OUTDATED = "outdated"
    NEWER = "newer"
    FOREIGN = "foreign"
    INCOMPLETE = "incomplete"  # some of our tables and no revision: a first creation by an older version died


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    current: str | None
    head: str
    state: SchemaState


def _current_revision(conn: Connection, tables: set[str]) -> str | None:
    """What Alembic's MigrationContext.get_current_revision() returns, read with one plain SELECT."""
    if "alembic_version" not in tables:
        return None
    versions = [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))]
    if len(versions) > 1:
        raise RuntimeError(f"The alembic_version table holds more than one revision: {', '.join(versions)}")
    return versions[0] if versions else None


def resolve_url(target: str | os.PathLike[str] | None = None, environ: Mapping[str, str] = os.environ) -> URL:
    """Turn ``--db PATH|URL``, else ``$BARIUM_TRACKER_DB``, else the default file, into a SQLAlchemy URL."""
    raw = os.fspath(target) if target is not None else environ.get(ENV_VAR) or None
    if raw is None:
        path = default_database_path()
        private_folder(path.parent)
        return URL.create("sqlite", database=str(path))
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))
    try:
        url = make_url(raw)
    except sa_exc.ArgumentError:
        raise DatabaseUnavailable(f"'{raw}' is neither a file path nor a database URL") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUnavailable(
            f"Unsupported database '{url.get_backend_name()}': use a SQLite file or postgresql+psycopg://..."
        )
    return url


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    """Clinical data: foreign keys enforced, fsync on every commit, wait for a lock rather than fail at once.

    WAL is switched on once per file by :meth:`Database.upgrade` (it rewrites the file header), only after the
    file is known to be ours: a refused file is never modified.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


_ENVIRONMENT_MESSAGES = (
    ("database is locked", N_("The database is busy: another program or workstation holds a lock. Try again shortly.")),
    ("readonly database", N_("The database is read-only here: check the file's permissions or the disk.")),
    ("disk is full", N_("The disk that holds the database is full: free some space, then try again.")),
    ("disk i/o error", N_("The disk reported an input/output error: the database cannot be used safely.")),
    ("unable to open database file", N_("The database file cannot be opened: check that its folder exists.")),
    ("file is not a database", N_("The file is not a SQLite database (damaged, or another kind of file).")),
    ("database disk image is malformed", N_("The database file is damaged: restore it from a backup.")),
    ("connection refused", N_("The PostgreSQL server refused the connection: is it running, on that host and port?")),
    ("could not translate host name", N_("The PostgreSQL server's host name is unknown.")),
    ("password authentication failed", N_("PostgreSQL rejected the user name or password.")),
    ("does not exist", N_("The PostgreSQL database or user does not exist.")),
)


def environment_message(error: BaseException) -> str | None:
    """The user's words for a database failure caused by the environment, or None when it looks like a bug."""
    text = str(getattr(error, "orig", None) or error).lower()
    for needle, message in _ENVIRONMENT_MESSAGES:
        if needle in text:
            return message
    return None


class Database:
    """An open database: an engine, a session factory and the schema bookkeeping."""

    def __init__(self, url: URL | str) -> None:
        self.url = make_url(url) if isinstance(url, str) else url
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            self.engine: Engine = create_engine(self.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.last_backup: Path | None = None  # the copy made before the last upgrade, if any

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @property
    def description(self) -> str:
        """Where the data lives, for the status bar and messages (never the password)."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return self.url.render_as_string(hide_password=True)

    def _fail(self, error: BaseException) -> DatabaseUnavailable:
        found = environment_message(error)
        if found is not None:
            message: Message = say(found)  # one of the N_-marked sentences above
        else:
            message = say(N_("The database reported an error: {error}"), error=getattr(error, "orig", error))
        return DatabaseUnavailable(say(N_("{message}\n({where})"), message=message, where=self.description))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends, rolls back everything if anything in it fails."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except (sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
            session.rollback()
            if environment_message(exc) is not None or isinstance(exc, sa_exc.InterfaceError):
                raise self._fail(exc) from exc
            raise
        except sa_exc.DatabaseError as exc:
            session.rollback()
            if environment_message(exc) is not None:
                raise self._fail(exc) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A raw connection in a transaction, with environment failures translated as in :meth:`session`."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa_exc.DBAPIError as exc:
            if environment_message(exc) is not None or isinstance(exc, sa_exc.OperationalError):
                raise self._fail(exc) from exc
            raise

    # -- schema -----------------------------------------------------------------------------------------------

    def _alembic_config(self, connection: Connection | None = None) -> Config:
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        return config

    def schema_status(self) -> SchemaStatus:
        """Compare the database's schema revision with the newest this version of the app knows.

        Runs at every open, so it reads the migration scripts and ``alembic_version`` directly: Alembic itself is
        imported only by :meth:`upgrade`, when there is something to migrate.
        """
        revisions = shipped_revisions(MIGRATIONS)
        with self.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            current = _current_revision(conn, tables)
        if current is None:
            ours = tables - {"alembic_version"}
            if not ours:
                state = SchemaState.EMPTY
            elif ours <= _our_tables():
                state = SchemaState.INCOMPLETE
            else:
                state = SchemaState.FOREIGN
        elif current == revisions.head:
            state = SchemaState.CURRENT
        elif current in revisions.known:
            state = SchemaState.OUTDATED
        elif tables >= CORE_TABLES:
            state = SchemaState.NEWER
        else:  # another program's Alembic revision: not a newer Barium Tracker
            state = SchemaState.FOREIGN
        return SchemaStatus(current=current, head=revisions.head, state=state)

    def refuse_unusable(self, status: SchemaStatus) -> None:
        if status.state is SchemaState.NEWER:
            raise NewerSchemaError(
                say(
                    N_(
                        "This database was written by a newer version of Barium Tracker (schema {current}); this "
                        "version knows schemas up to {head}. Install the newer version to open it. The database was "
                        "not changed.\n({where})"
                    ),
                    current=status.current,
                    head=status.head,
                    where=self.description,
                )
            )
        if status.state is SchemaState.FOREIGN:
            raise NotOurDatabase(
                say(
                    N_("This database holds tables that are not Barium Tracker's; it was not changed.\n({where})"),
                    where=self.description,
                )
            )

    def _incomplete_tables(self) -> list[str]:
        """The tables of a half-built schema (all of them ours), or a refusal when any holds a row."""
        with self.connect() as conn:
            tables = sorted(set(inspect(conn).get_table_names()) & (_our_tables() | {"alembic_version"}))
            filled = [t for t in tables if conn.execute(text(f'SELECT 1 FROM "{t}" LIMIT 1')).first() is not None]
        if filled:
            raise DatabaseUnavailable(
                say(
                    N_(
                        "This database's schema is incomplete (its creation was interrupted) but it holds data in "
                        "{tables}; it was not changed. Restore a backup, or ask for help.\n({where})"
                    ),
                    tables=", ".join(filled),
                    where=self.description,
                )
            )
        return tables

    @contextmanager
    def _migration_connection(self) -> Iterator[Connection]:
        """One transaction around a whole migration: it commits complete or not at all.

        PostgreSQL runs DDL inside a transaction as it is. Python's sqlite3 driver commits before every DDL
        statement, so a SQLite migration runs on its own engine with the driver's transaction handling off and an
        explicit ``BEGIN IMMEDIATE`` (the write lock taken at once), with foreign keys off while tables are rebuilt
        (SQLite's advice for schema changes; a batch migration's DROP TABLE would otherwise cascade) and checked
        before the commit.
        """
        if not self.is_sqlite:
            with self.connect() as conn:
                yield conn
            return
        engine = create_engine(self.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, poolclass=NullPool)

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # the driver issues no BEGIN/COMMIT of its own
            dbapi_connection.execute("PRAGMA foreign_keys=OFF")
            dbapi_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            dbapi_connection.execute("PRAGMA synchronous=FULL")

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        try:
            with engine.begin() as conn:
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"The migration broke {len(broken)} foreign keys (first: {broken[0]})")
        except sa_exc.DBAPIError as exc:
            if environment_message(exc) is not None or isinstance(exc, sa_exc.OperationalError):
                raise self._fail(exc) from exc
            raise
        finally:
            engine.dispose()

    def upgrade(self, *, backup: bool = True) -> Path | None:
        """Bring the schema to the newest revision in one transaction; a SQLite file with data is backed up first.

        Returns the backup's path, if one was made. A newer or foreign database is refused untouched; a schema whose
        first creation was interrupted (our tables, empty, no revision) is built again whole.
        """
        status = self.schema_status()
        self.refuse_unusable(status)
        leftovers = self._incomplete_tables() if status.state is SchemaState.INCOMPLETE else []
        if self.is_sqlite:
            with self.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        if status.state is SchemaState.CURRENT:
            return None
        backup_path = None
        if backup and status.state is SchemaState.OUTDATED and self.sqlite_path is not None:
            backup_path = backup_sqlite(
                self.sqlite_path,
                unused_path(timestamped_backup_path(self.sqlite_path, f"before-upgrade-from-{status.current}")),
            )
            log.info("Backed up %s to %s before upgrading", self.sqlite_path, backup_path)
            # Only after a verified backup; rotation keeps the newest good backup (this one) whatever the policy.
            rotate_backups(backup_path.parent, self.sqlite_path.stem)
        self.last_backup = backup_path
        from alembic import command

        with self._migration_connection() as conn:
            for table in leftovers:
                log.warning("Dropping the empty table %s of an interrupted first creation", table)
                conn.exec_driver_sql(f'DROP TABLE "{table}"')
            command.upgrade(self._alembic_config(conn), "head")
        return backup_path

    def dispose(self) -> None:
        self.engine.dispose()


def _our_tables() -> set[str]:
    from barium_tracker.storage.models import Base  # only for the rare file without a revision

    return set(Base.metadata.tables)


def _create_sqlite(path: Path) -> None:
    """A new SQLite database built whole beside ``path`` and then linked into place: a kill at any instant leaves
    no file at ``path`` (or the whole new one), never an empty or half-built file that a later open would have to
    guess about. Two processes creating the same file at once: the first one's file wins, the other's is dropped."""
    scratch = scratch_path(path, "creating")
    remove_scratch(scratch)
    new_private_file(scratch)  # 0600 from the start: SQLite gives its -wal and -shm the same mode
    db = Database(URL.create("sqlite", database=str(scratch)))
    try:
        try:
            db.upgrade(backup=False)
        except DatabaseUnavailable as exc:  # the message names the file the user chose, not the scratch one
            raise type(exc)(str(exc).replace(str(scratch), str(path))) from exc
        finally:
            db.dispose()  # the last connection checkpoints the WAL into the file and removes -wal/-shm
        try:
            os.link(scratch, path)  # never replaces a file another process created meanwhile
        except FileExistsError:
            log.info("%s was created by another process meanwhile; using that one", path)
        except OSError:  # a file system without hard links: rename, which replaces only a file created this instant
            if not path.exists():
                os.replace(scratch, path)
    finally:
        remove_scratch(scratch)
    fsync_folder(path.parent)


def _refuse_empty_file(path: Path) -> None:
    raise DamagedDatabase(
        say(
            N_(
                "The database file {path} is empty (0 bytes): a disk fault or a failed copy probably cut it short, so "
                "it was not set up as a new, empty database. Restore its newest backup (File > Restore from "
                "backup..., or 'barium-tracker restore'); to start a new database instead, delete the file."
            ),
            path=path,
        )
    )


def open_database(target: str | os.PathLike[str] | URL | None = None, *, migrate: bool = True) -> Database:
    """Open (and, by default, create or upgrade) the database the user chose.

    Only a SQLite path where no file exists is created (built whole, then put in place); an existing empty file is
    refused as damaged, with the newest backup named.
    """
    url = target if isinstance(target, URL) else resolve_url(target)
    if url.get_backend_name() == "sqlite" and url.database:
        path = Path(url.database)
        folder = path.parent
        if not folder.is_dir():
            raise DatabaseUnavailable(
                say(N_("The folder {folder} does not exist, so the database cannot be created there."), folder=folder)
            )
        # What a killed creation, backup, restore or image write left.
        remove_leftovers(path, backup_folder(path), (image_folder(path), backup_image_folder(backup_folder(path))))
        if not path.exists():
            if not migrate:
                raise DatabaseUnavailable(
                    say(
                        N_("There is no database at {path}: it is created when the app or a command first opens it."),
                        path=path,
                    )
                )
            _create_sqlite(path)
        elif path.is_file() and path.stat().st_size == 0:
            _refuse_empty_file(path)
    db = Database(url)
    try:
        if migrate:
            db.upgrade()
        else:
            db.refuse_unusable(db.schema_status())
    except BaseException:
        db.dispose()
        raise
    return db
