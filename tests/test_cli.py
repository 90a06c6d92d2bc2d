"""The command line: every sub-command in-process, ``python -m barium_tracker`` in a subprocess, and user errors.

User errors (a bad path, a database from a newer version, a file that is not a database) must exit 2 with one
message on stderr, no traceback, and leave the database file byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from barium_tracker import __version__
from barium_tracker.cli import main
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.demo import DEMO_COHORT_SIZE, SEED_MRN, populate_demo

ENV_VAR = "BARIUM_TRACKER_DB"

SUMMARY_KEYS = {
    "schema",
    "schema_version",
    "app_version",
    "generated_on",
    "interpretation_settings",
    "patient",
    "timeline",
    "manometry",
    "endoscopy",
    "eckardt",
    "procedures",
    "tbe_studies",
    "responses",
}
RESPONSE_KEYS = {
    "procedure_id",
    "procedure_date",
    "procedure_type",
    "rescue",
    "reference_study_id",
    "reference_study_date",
    "follow_ups",
    "eckardt_before",
    "eckardt_after",
    "eckardt_change_pct",
    "flags",
}
FLAG_KEYS = {"rule", "title", "status", "favourable", "value", "detail", "criterion", "source"}
PATIENT_JSON_KEYS = {
    "mrn",
    "family_name",
    "given_name",
    "birth_date",
    "age_years",
    "sex",
    "diagnosis",
    "last_study_date",
    "last_procedure_date",
}


@pytest.fixture(autouse=True)
def _no_database_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their database explicitly; a developer's own $BARIUM_TRACKER_DB must never be touched."""
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo database shared by the read-only tests of this module."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    assert main(["demo", "create", str(path)]) == 0
    return path


def _new_demo(folder: Path, name: str = "demo.sqlite3") -> Path:
    path = folder / name
    assert main(["demo", "create", str(path)]) == 0
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "barium_tracker", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def _summary_json(capsys: pytest.CaptureFixture[str], target: str | Path) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["summary", SEED_MRN, "--db", str(target), "--json"]) == 0
    out = capsys.readouterr().out
    return json.loads(out)


def _response(document: dict[str, Any], procedure_type: str) -> dict[str, Any]:
    matches = [r for r in document["responses"] if r["procedure_type"] == procedure_type]
    assert len(matches) == 1, [r["procedure_type"] for r in document["responses"]]
    return matches[0]


def _all_flags(response: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The response's own flags and its follow-ups' flags, by rule id."""
    flags = list(response["flags"])
    for follow_up in response["follow_ups"]:
        flags += follow_up["flags"]
    return {f["rule"]: f for f in flags}


def _poem_numbers(document: dict[str, Any]) -> dict[str, Any]:
    """What the seed case's POEM response says, without the database row ids (they are backend bookkeeping)."""
    poem = _response(document, "poem")
    follow_up = poem["follow_ups"][0]
    change = next(c for c in follow_up["changes"] if c["minute"] == 5)
    return {
        "reference_study_date": poem["reference_study_date"],
        "follow_up_date": follow_up["study_date"],
        "days_after": follow_up["days_after"],
        "change": change,
        "eckardt_change_pct": poem["eckardt_change_pct"],
        "flags": {rule: (f["status"], f["value"], f["detail"]) for rule, f in _all_flags(poem).items()},
    }


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id" and not k.endswith("_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


# -- version and python -m -------------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"barium-tracker {__version__}"


def test_python_dash_m_prints_the_version(tmp_path: Path) -> None:
    result = _run_module("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"barium-tracker {__version__}"


# -- demo create -----------------------------------------------------------------------------------------------


def test_demo_create_makes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "create", str(path)]) == 0
    assert path.is_file()
    assert path.stat().st_size > 0
    out = capsys.readouterr().out
    assert str(path) in out
    assert SEED_MRN in out


def test_demo_create_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _new_demo(tmp_path)
    before = _sha256(path)
    capsys.readouterr()
    assert main(["demo", "create", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(path) in captured.err
    assert "already exists" in captured.err
    assert "Traceback" not in captured.err
    assert _sha256(path) == before


def test_demo_create_twice_via_python_dash_m_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    first = _run_module("demo", "create", str(path), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert path.is_file()
    second = _run_module("demo", "create", str(path), cwd=tmp_path)
    assert second.returncode == 2
    assert second.stdout == ""
    assert str(path) in second.stderr
    assert "Traceback" not in second.stderr
    assert second.stderr.startswith("barium-tracker: ")


# -- patients --------------------------------------------------------------------------------------------------


def test_patients_lists_the_seed_case_and_the_cohort(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patients", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    expected = DEMO_COHORT_SIZE + 1
    assert expected == 41
    assert f"{expected} patient(s)" in out
    rows = [line for line in out.splitlines() if line.startswith(("DEMO-", "SYN-"))]
    assert len(rows) == expected
    assert sum(line.startswith(SEED_MRN) for line in rows) == 1


def test_patients_search_ignores_accents_and_case(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patients", "--db", str(demo_db), "--search", "quispe huaman"]) == 0
    out = capsys.readouterr().out
    assert SEED_MRN in out
    assert "Quispe Huamán" in out
    assert "1 patient(s)" in out


def test_patients_search_without_match(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patients", "--db", str(demo_db), "--search", "zzqx-no-such-patient"]) == 0
    out = capsys.readouterr().out
    assert "No patients match." in out
    assert SEED_MRN not in out


def test_patients_json_lines(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patients", "--db", str(demo_db), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == DEMO_COHORT_SIZE + 1
    records = [json.loads(line) for line in lines]
    for record in records:
        assert isinstance(record, dict)
        assert set(record) == PATIENT_JSON_KEYS
        assert all(key == key.lower() and " " not in key and "-" not in key for key in record)
    seed = next(r for r in records if r["mrn"] == SEED_MRN)
    assert seed["family_name"] == "Quispe Huamán"
    assert seed["diagnosis"] == "achalasia_type_ii"
    assert seed["last_procedure_date"] == "2025-06-10"
    assert seed["last_study_date"] == "2025-07-10"


def test_patients_json_search_prints_nothing_without_match(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patients", "--db", str(demo_db), "--json", "--search", "zzqx-no-such-patient"]) == 0
    assert capsys.readouterr().out == ""


def test_output_into_a_closed_pipe_prints_no_traceback(demo_db: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    process = subprocess.Popen(
        [sys.executable, "-m", "barium_tracker", "patients", "--db", str(demo_db), "--json"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like 'head' exiting before the first line is written
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    process.wait(timeout=120)
    assert "Traceback" not in stderr
    assert "BrokenPipeError" not in stderr


# -- summary ---------------------------------------------------------------------------------------------------


def test_summary_json_schema(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _summary_json(capsys, demo_db)
    assert set(document) == SUMMARY_KEYS
    assert document["schema"] == "barium-tracker/patient-summary"
    assert document["schema_version"] == 1
    assert document["app_version"] == __version__
    assert document["patient"]["mrn"] == SEED_MRN
    assert [r["procedure_type"] for r in document["responses"]] == ["lhm", "balloon_dilation", "poem"]
    for response in document["responses"]:
        assert set(response) == RESPONSE_KEYS
        for flag in _all_flags(response).values():
            assert set(flag) == FLAG_KEYS
            assert isinstance(flag["source"], str)
            assert flag["source"].strip()


def test_summary_json_poem_response(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    poem = _response(_summary_json(capsys, demo_db), "poem")
    assert poem["rescue"] is True
    assert poem["reference_study_date"] == "2025-06-09"
    assert poem["reference_study_id"] is not None
    changes = [c for fu in poem["follow_ups"] for c in fu["changes"] if c["minute"] == 5]
    assert len(changes) == 1
    change = changes[0]
    assert change["pre_height_cm"] == 12
    assert change["post_height_cm"] == 2.7
    assert change["height_change_cm"] == -9.3
    assert change["height_change_pct"] == -77.5
    assert poem["eckardt_change_pct"] == -83.3

    flags = _all_flags(poem)
    assert flags["vaezi_height_5min"]["status"] == "not_met"
    assert flags["rohof_stasis"]["status"] == "not_met"
    assert flags["eckardt_success"]["status"] == "met"
    assert flags["suwatthanarak_concordance"]["status"] == "not_met"
    assert flags["suwatthanarak_concordance"]["detail"].startswith("Concordant response: ")
    for flag in flags.values():
        assert flag["source"].strip(), flag


def test_summary_json_lhm_has_no_reference_study(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lhm = _response(_summary_json(capsys, demo_db), "lhm")
    assert lhm["reference_study_id"] is None
    assert lhm["reference_study_date"] is None


def test_summary_text(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", SEED_MRN, "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "77.5" in out
    assert "2.7 cm" in out
    assert SEED_MRN in out


def test_summary_unknown_mrn(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "NOPE", "--db", str(demo_db)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No patient with MRN NOPE" in captured.err
    assert "Traceback" not in captured.err


# -- db check / upgrade ----------------------------------------------------------------------------------------


def test_db_check_on_a_fresh_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _new_demo(tmp_path)
    capsys.readouterr()
    assert main(["db", "check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "up to date" in out
    assert "Integrity:     ok" in out


def test_db_check_on_a_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "holiday-photo.sqlite3"
    path.write_bytes(random.Random(20251124).randbytes(16384))
    before = path.read_bytes()
    assert main(["db", "check", "--db", str(path)]) == 2
    captured = capsys.readouterr()
    assert "not a SQLite database" in captured.err
    assert "Traceback" not in captured.err
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_not_a_database_via_python_dash_m_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(random.Random(7).randbytes(8192))
    before = path.read_bytes()
    result = _run_module("patients", "--db", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "not a SQLite database" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_db_upgrade_creates_the_schema_in_a_new_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.sqlite3"
    assert main(["db", "upgrade", "--db", str(path)]) == 0
    assert path.is_file()
    with closing(sqlite3.connect(path)) as conn:
        versions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert len(versions) == 1
    assert len(tables - {"alembic_version"}) >= 5, tables
    out = capsys.readouterr().out
    assert versions[0] in out
    capsys.readouterr()
    assert main(["db", "check", "--db", str(path)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _new_demo(tmp_path)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _sha256(path)
    capsys.readouterr()
    assert main(["patients", "--db", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "newer version" in captured.err
    assert "Traceback" not in captured.err
    assert _sha256(path) == before
    assert not (tmp_path / "backups").exists()
    with closing(sqlite3.connect(path)) as conn:
        assert [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")] == ["9999_future"]


def test_db_in_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "no-such-folder"
    assert main(["patients", "--db", str(folder / "clinic.sqlite3")]) == 2
    captured = capsys.readouterr()
    assert str(folder) in captured.err
    assert "Traceback" not in captured.err
    assert not folder.exists()


# -- choosing the database -------------------------------------------------------------------------------------


def test_environment_variable_is_used_without_db(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_VAR, str(demo_db))
    assert main(["patients", "--search", "quispe"]) == 0
    out = capsys.readouterr().out
    assert SEED_MRN in out
    assert main(["patients"]) == 0
    assert f"{DEMO_COHORT_SIZE + 1} patient(s)" in capsys.readouterr().out


def test_db_option_wins_over_the_environment_variable(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.sqlite3"
    monkeypatch.setenv(ENV_VAR, str(demo_db))
    assert main(["patients", "--db", str(empty)]) == 0
    assert "No patients yet." in capsys.readouterr().out


def test_db_and_demo_together_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--demo", "--db", str(tmp_path / "x.sqlite3")])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert "--demo" in captured.err
    assert "--db" in captured.err
    assert not (tmp_path / "x.sqlite3").exists()


# -- PostgreSQL ------------------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_summary_json_on_postgresql_matches_sqlite(
    pg_url: str, demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Clinic.open(pg_url) as clinic:
        assert populate_demo(clinic) == DEMO_COHORT_SIZE + 1
    on_postgres = _summary_json(capsys, pg_url)
    on_sqlite = _summary_json(capsys, demo_db)

    poem = _poem_numbers(on_postgres)
    assert poem["change"]["pre_height_cm"] == 12
    assert poem["change"]["post_height_cm"] == 2.7
    assert poem["change"]["height_change_cm"] == -9.3
    assert poem["change"]["height_change_pct"] == -77.5
    assert poem["eckardt_change_pct"] == -83.3
    assert poem == _poem_numbers(on_sqlite)
    # Everything else too, apart from row ids and the day the summary was made.
    for document in (on_postgres, on_sqlite):
        document.pop("generated_on")
    assert _without_ids(on_postgres) == _without_ids(on_sqlite)


def test_settings_show_and_change_what_every_workstation_shares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _new_demo(tmp_path)
    capsys.readouterr()
    assert main(["settings", "--db", str(path)]) == 0
    shown = capsys.readouterr().out
    assert "Settings of" in shown and "urn:barium-tracker:mrn" in shown and "total <= 3" in shown

    changed = [
        "settings",
        "--db",
        str(path),
        "--clinic-name",
        "Servicio de Gastroenterología",
        "--fhir-mrn-system",
        "urn:oid:2.16.604.1.99.1",
        "--eckardt-success-max",
        "2",
    ]
    assert main(changed) == 0
    assert "Settings changed" in capsys.readouterr().out
    with Clinic.open(path) as clinic:
        from barium_tracker.services.fhir_export import mrn_system

        assert clinic.clinic_name() == "Servicio de Gastroenterología"
        assert mrn_system(clinic) == "urn:oid:2.16.604.1.99.1"
        assert clinic.interpretation_settings().eckardt_success_max == 2

    # One bad value: a clear message, and nothing changed (not even the good values given beside it).
    for bad, words in (
        (["--fhir-mrn-system", "hospital mrn"], "MRN identifier system must be an absolute URI"),
        (["--eckardt-success-max", "13"], "between 0 and 12"),
        (["--clinic-name", "x" * 200], "at most 120"),
    ):
        argv = ["settings", "--db", str(path), "--clinic-name", "Other", *bad]
        if bad[0] == "--clinic-name":
            argv = ["settings", "--db", str(path), "--fhir-mrn-system", "urn:oid:1.2.3", *bad]
        assert main(argv) == 2, bad
        assert words in capsys.readouterr().err
        with Clinic.open(path) as clinic:
            assert clinic.clinic_name() == "Servicio de Gastroenterología"
            assert mrn_system(clinic) == "urn:oid:2.16.604.1.99.1"

    assert main(["settings", "--db", str(path), "--fhir-mrn-system", ""]) == 0  # back to the default
    assert "urn:barium-tracker:mrn" in capsys.readouterr().out
