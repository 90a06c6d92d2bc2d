"""A throwaway PostgreSQL server for the test suite.

`PostgresServer` runs ``initdb`` in a fresh temporary directory, starts the server with ``pg_ctl`` on a free
TCP port of 127.0.0.1 and removes everything again on `PostgresServer.stop`. No Docker and no network are
involved; the PostgreSQL server binaries must be installed on the machine (see `find_pg_bindir`).

PostgreSQL refuses to run as root. When the tests run as root (as in CI), the server programs run as the
unprivileged ``postgres`` system user instead, and the temporary directory is created directly under /tmp
(pytest's ``tmp_path`` lives in a mode-700 directory that user cannot traverse) and handed to that user.

Usage::

    with PostgresServer() as server:
        url = server.create_database("barium_test")  # postgresql+psycopg://barium@127.0.0.1:PORT/barium_test
        ...
        server.drop_database("barium_test")

The server is configured for speed, not durability (``fsync=off`` and friends): never keep data in it.
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql

#: Superuser created by ``initdb``; it needs no password (``-A trust``).
SUPERUSER = "barium"
#: System user that runs the server programs when the tests run as root.
SERVICE_USER = "postgres"
HOST = "127.0.0.1"

_REQUIRED_PROGRAMS = ("initdb", "pg_ctl")
_START_ATTEMPTS = 3  # a new port per attempt: another process may grab the free port before the server binds it
_LOG_TAIL_LINES = 40


def _has_server_programs(directory: Path) -> bool:
    return all(os.access(directory / name, os.X_OK) for name in _REQUIRED_PROGRAMS)


def _version_key(path: Path) -> tuple[int, ...]:
    """Sort key for /usr/lib/postgresql/<version>/bin: the numbers of <version>."""
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))


def find_pg_bindir() -> Path | None:
    """Return a directory holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed.

    Looks, in order: on PATH, at ``pg_config --bindir``, then at /usr/lib/postgresql/*/bin (Debian and Ubuntu),
    highest version first.
    """
    candidates: list[Path] = []
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True)
        except (OSError, subprocess.SubprocessError):
            pass
        else:
            candidates.append(Path(result.stdout.strip()))
    candidates.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True))
    return next((directory for directory in candidates if _has_server_programs(directory)), None)


def _free_port() -> int:
    """Return a TCP port of 127.0.0.1 that is free right now (it may be taken again before it is used)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A private PostgreSQL server in a temporary directory, for tests only.

    Call `start` (or enter the context manager) before anything else; `stop` shuts the server down and
    deletes its directory. An ``atexit`` hook calls `stop` in case the test process ends without doing so
    (a failure, Ctrl-C). Nothing can clean up after SIGKILL: such a server keeps running until killed by hand
    (``pg_ctl stop -D /tmp/barium-pg-*/data``).
    """

    def __init__(self, bindir: Path | str | None = None) -> None:
        found = Path(bindir) if bindir is not None else find_pg_bindir()
        if found is None:
            raise RuntimeError("PostgreSQL server programs (initdb, pg_ctl) were not found")
        self.bindir = found
        self.port: int | None = None
        self.base_dir: Path | None = None  # the temporary directory; holds data_dir and log_path
        self._run_as: pwd.struct_passwd | None = pwd.getpwnam(SERVICE_USER) if os.geteuid() == 0 else None

    # -- paths ------------------------------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        """The cluster directory (``PGDATA``); the Unix socket lives here too."""
        return self._base() / "data"

    @property
    def log_path(self) -> Path:
        """The server log written by ``pg_ctl -l``."""
        return self.data_dir / "server.log"

    @property
    def running(self) -> bool:
        return self.port is not None

    def _base(self) -> Path:
        if self.base_dir is None:
            raise RuntimeError("the PostgreSQL server has not been started")
        return self.base_dir

    # -- lifecycle --------------------------------------------------------------------------------------------

    def start(self) -> PostgresServer:
        """Create a cluster in a new temporary directory and start the server; return self.

        Raises RuntimeError (with initdb's output or the tail of the server log) when that fails.
        """
        if self.base_dir is not None:
            raise RuntimeError("the PostgreSQL server was already started")
        # Under root the directory must sit where the service user can reach it: /tmp itself, not $TMPDIR.
        self.base_dir = Path(tempfile.mkdtemp(prefix="barium-pg-", dir="/tmp" if self._run_as else None))
        atexit.register(self.stop)
        try:
            if self._run_as is not None:
                os.chown(self.base_dir, self._run_as.pw_uid, self._run_as.pw_gid)
            self._initdb()
            self._start_server()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server (fast shutdown: open sessions are ended) and delete its directory. Idempotent."""
        atexit.unregister(self.stop)
        self.port = None
        # postmaster.pid rather than self.port: a start interrupted half-way may have left a server behind.
        if self.base_dir is not None and (self.data_dir / "postmaster.pid").exists():
            for mode in ("fast", "immediate"):
                result = self._run(self._pg_ctl("stop", "-m", mode))
                if result.returncode == 0:
                    break
        if self.base_dir is not None:
            shutil.rmtree(self.base_dir, ignore_errors=True)
            self.base_dir = None

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- databases --------------------------------------------------------------------------------------------

    def url(self, database: str) -> str:
        """SQLAlchemy URL of ``database`` on this server (psycopg 3 driver, no password)."""
        if self.port is None:
            raise RuntimeError("the PostgreSQL server is not running")
        return f"postgresql+psycopg://{SUPERUSER}@{HOST}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create database ``name`` and return its SQLAlchemy URL."""
        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` if it exists, ending any sessions still connected to it."""
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def _admin(self, statement: sql.Composable) -> None:
        """Run one statement in the ``postgres`` maintenance database (autocommit: CREATE DATABASE needs it)."""
        if self.port is None:
            raise RuntimeError("the PostgreSQL server is not running")
        with psycopg.connect(
            host=HOST, port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True, connect_timeout=10
        ) as conn:
            conn.execute(statement)

    # -- internals --------------------------------------------------------------------------------------------

    def _initdb(self) -> None:
        command = [
            str(self.bindir / "initdb"),
            "-D",
            str(self.data_dir),
            "-A",
            "trust",
            "-U",
            SUPERUSER,
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",  # skip flushing the new cluster to disk: it is thrown away anyway
        ]
        result = self._run(command)
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")

    def _start_server(self) -> None:
        failure = ""
        for _ in range(_START_ATTEMPTS):
            port = _free_port()
            options = (
                f"-p {port} -c listen_addresses={HOST} -k {shlex.quote(str(self.data_dir))}"
                " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
            )
            result = self._run(self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.log_path), "-o", options))
            if result.returncode == 0:
                self.port = port
                return
            failure = f"pg_ctl start failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
            if "already in use" not in self._log_tail():
                break
            # pg_ctl has given up; make sure no half-started server is left before trying another port.
            self._run(self._pg_ctl("stop", "-m", "immediate"))
        raise RuntimeError(f"{failure}\n--- tail of {self.log_path} ---\n{self._log_tail()}")

    def _pg_ctl(self, action: str, *options: str) -> list[str]:
        return [str(self.bindir / "pg_ctl"), action, "-D", str(self.data_dir), *options]

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError as error:
            return f"(no server log: {error})"
        return "\n".join(lines[-_LOG_TAIL_LINES:])

    def _run(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        """Run a server program and capture its output; as the service user when we are root."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}  # no stray PGDATA etc.
        env["LC_ALL"] = "C"
        account = self._run_as
        if account is not None:
            env.update(HOME=account.pw_dir, USER=account.pw_name, LOGNAME=account.pw_name)
        return subprocess.run(
            command,
            cwd=self._base(),  # a directory the service user may enter
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            # Drop root: setgid, setgroups([]) and setuid in the child before exec (like runuser, without it).
            user=account.pw_uid if account else None,
            group=account.pw_gid if account else None,
            extra_groups=[] if account else None,
        )
