"""Schema 0003 (film measurements) upgrades a 0002 database in place on SQLite and PostgreSQL: every film record and
its sources are kept; the traced area and the marks are empty until a film is measured."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from barium_tracker.storage.database import Database, SchemaState, resolve_url
from tests.storage.test_migration_images import insert_patient_and_study


def _at_0002_with_a_film(db: Database) -> None:
    with db._migration_connection() as conn:
        command.upgrade(db._alembic_config(conn), "0002_images")
    with db.engine.begin() as conn:
        insert_patient_and_study(conn)
        conn.execute(
            text(
                "INSERT INTO column_measurement (id, study_id, minute, height_cm, width_cm, height_source,"
                " width_source, calibration_json) VALUES (1, 1, 5, 12, 3, 'image', 'typed', '{\"source\": \"none\"}')"
            )
        )
    assert db.schema_status().current == "0002_images"


def _check_upgraded(db: Database) -> None:
    db.upgrade()
    status = db.schema_status()
    assert status.state is SchemaState.CURRENT and status.current == "0003_film_measurements"
    with db.engine.connect() as conn:
        film = conn.execute(
            text(
                "SELECT minute, height_cm, width_cm, height_source, width_source, calibration_json, traced_area_cm2,"
                " geometry_json FROM column_measurement"
            )
        ).one()
    assert (film[0], float(film[1]), float(film[2])) == (5, 12.0, 3.0)
    assert film[3:] == ("image", "typed", '{"source": "none"}', None, None)


def test_a_0002_sqlite_file_upgrades_in_place_keeping_its_films(tmp_path: Path) -> None:
    db = Database(resolve_url(tmp_path / "old.sqlite3"))
    try:
        _at_0002_with_a_film(db)
        _check_upgraded(db)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_0002_postgresql_database_upgrades_in_place_keeping_its_films(pg_url: str) -> None:
    db = Database(resolve_url(pg_url))
    try:
        _at_0002_with_a_film(db)
        _check_upgraded(db)
    finally:
        db.dispose()
