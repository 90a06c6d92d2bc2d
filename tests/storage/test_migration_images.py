"""Schema 0002 (images) upgrades a 0001 database in place on SQLite and PostgreSQL, keeping every film record, whose
lengths are then "typed"."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, text

from barium_tracker.storage.database import Database, SchemaState, resolve_url


def insert_patient_and_study(conn: Connection) -> None:
    """Patient 1 (OLD-1) and their TBE study 1, written as the first schemas' columns (every later one keeps them)."""
    conn.execute(
        text(
            "INSERT INTO patient (id, mrn, family_name, given_name, sex, diagnosis, notes, search_text, created_at,"
            " created_by, updated_at, updated_by, version) VALUES (1, 'OLD-1', 'Quispe', 'Juan', 'male',"
            " 'achalasia', '', '', '2024-01-01', 'x', '2024-01-01', 'x', 1)"
        )
    )
    conn.execute(
        text(
            "INSERT INTO tbe_study (id, patient_id, study_date, barium_type, position, tablet_result, notes,"
            " created_at, created_by, updated_at, updated_by, version) VALUES (1, 1, '2024-03-14', '', 'upright',"
            " 'not_given', '', '2024-01-01', 'x', '2024-01-01', 'x', 1)"
        )
    )


def _at_0001_with_a_film(db: Database) -> None:
    with db._migration_connection() as conn:
        command.upgrade(db._alembic_config(conn), "0001_initial")
    with db.engine.begin() as conn:
        insert_patient_and_study(conn)
        conn.execute(
            text("INSERT INTO column_measurement (id, study_id, minute, height_cm, width_cm) VALUES (1, 1, 5, 12, 3)")
        )
    assert db.schema_status().current == "0001_initial"


def _check_upgraded(db: Database) -> None:
    db.upgrade()
    assert db.schema_status().state is SchemaState.CURRENT
    with db.engine.connect() as conn:
        film = conn.execute(
            text(
                "SELECT minute, height_cm, width_cm, height_source, width_source, image_attachment_id,"
                " calibration_json FROM column_measurement"
            )
        ).one()
        assert (film[0], float(film[1]), float(film[2])) == (5, 12.0, 3.0)
        assert film[3:] == ("typed", "typed", None, None)
        assert conn.execute(text("SELECT count(*) FROM image")).scalar() == 0
        assert conn.execute(text("SELECT mrn FROM patient")).scalar() == "OLD-1"


def test_a_0001_sqlite_file_upgrades_in_place_keeping_its_films(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database(resolve_url(path))
    try:
        _at_0001_with_a_film(db)
        _check_upgraded(db)
    finally:
        db.dispose()
    assert (tmp_path / "backups").is_dir()  # the file was backed up before the upgrade


@pytest.mark.postgres
def test_a_0001_postgresql_database_upgrades_in_place_keeping_its_films(pg_url: str) -> None:
    db = Database(resolve_url(pg_url))
    try:
        _at_0001_with_a_film(db)
        _check_upgraded(db)
    finally:
        db.dispose()
