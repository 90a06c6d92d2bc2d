"""Shared fixtures: real temporary databases (a SQLite file, and a PostgreSQL server the suite starts itself)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from barium_tracker.services.clinic import Clinic
from tests.support.postgres import PostgresServer, find_pg_bindir

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite asserts English text: a Spanish workstation's locale (es_PE...) must not switch it. The tests of the
# language choice set the locale variables they need themselves (monkeypatch).
os.environ["LC_ALL"] = "C.UTF-8"

_db_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run; each test gets its own database on it."""
    if find_pg_bindir() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing on the CI machine (initdb, pg_ctl)")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed on this machine")
    with PostgresServer() as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> Iterator[str]:
    name = f"barium_test_{os.getpid()}_{next(_db_numbers)}"
    url = pg_server.create_database(name)
    yield url
    pg_server.drop_database(name)


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "clinic.sqlite3"


@pytest.fixture
def clinic(sqlite_path: Path) -> Iterator[Clinic]:
    """A fresh, migrated clinic database in a SQLite file."""
    with Clinic.open(sqlite_path) as opened:
        yield opened


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_clinic(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Clinic]:
    """The same test on a SQLite file and on a real PostgreSQL database."""
    target = str(tmp_path / "clinic.sqlite3") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with Clinic.open(target) as opened:
        yield opened
