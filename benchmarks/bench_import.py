"""Importing a 100,000-study CSV file against inserting the same rows with sqlite3's executemany (target: within 3x).

Both runs write into a fresh, migrated SQLite clinic file (same schema, same PRAGMAs: WAL, synchronous=FULL) in one
transaction. The import is the whole `import_files` call: reading and decoding the file, reading every cell,
the domain's validators, duplicate checks against the database, the bulk inserts, the audit events and the commit.
The baseline inserts the already-built row tuples (patients, studies, films) with `sqlite3.executemany` and
commits: the floor any importer has to pay. Runs alternate (import, baseline, import, ...) so they share the
machine's noise; the figure is the ratio of the medians.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
if str(BENCH_DIR.parent) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR.parent))

from barium_tracker.domain.records import PatientHistory  # noqa: E402
from barium_tracker.services.clinic import Clinic  # noqa: E402
from barium_tracker.services.demo import DEMO_RANDOM_SEED, synthetic_cohort  # noqa: E402
from barium_tracker.services.exchange import import_files  # noqa: E402
from barium_tracker.services.exchange.tables import STANDARD_FILM_MINUTES, study_header, text_value  # noqa: E402
from barium_tracker.services.records import search_key  # noqa: E402

TARGET_RATIO = 3.0
_PATIENT_COLUMNS = ("mrn", "family_name", "given_name", "birth_date", "sex", "diagnosis")


def cohort_with_studies(studies: int, seed: int = DEMO_RANDOM_SEED) -> list[PatientHistory]:
    """Synthetic patients (in memory) until they hold ``studies`` TBE studies; the last one is trimmed to fit."""
    histories: list[PatientHistory] = []
    count = 0
    for history in synthetic_cohort(10 * studies, seed):
        history.studies = history.studies[: studies - count]
        count += len(history.studies)
        histories.append(history)
        if count >= studies:
            break
    return histories


def write_studies_csv(histories: list[PatientHistory], path: Path) -> int:
    """The canonical studies table (patient columns on every row, films 1, 2, 5 min); returns the rows written."""
    minutes = list(STANDARD_FILM_MINUTES)
    header = study_header(minutes, extras=False)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for history in histories:
            patient = history.patient
            for study in history.studies:
                films = {m.minute: m for m in study.measurements}
                values: list[Any] = [getattr(patient, name) for name in _PATIENT_COLUMNS]
                values += [study.study_date, study.barium_volume_ml]
                for minute in minutes:
                    film = films.get(minute)
                    values += [film.height_cm, film.width_cm] if film else [None, None]
                values.append(study.notes)
                writer.writerow([text_value(v) for v in values])
                rows += 1
    return rows


def baseline_rows(histories: list[PatientHistory], user: str) -> dict[str, list[tuple[Any, ...]]]:
    """The same rows as plain tuples, as sqlite3 would be given them (values already in their stored form)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    patients, studies, films = [], [], []
    study_id = 0
    for patient_id, history in enumerate(histories, start=1):
        p = history.patient
        patients.append(
            (
                patient_id,
                p.mrn,
                p.family_name,
                p.given_name,
                p.birth_date.isoformat() if p.birth_date else None,
                p.sex.value,
                p.diagnosis.value,
                None,
                "",
                search_key(p),
                now,
                user,
                now,
                user,
                1,
            )
        )
        for study in history.studies:
            study_id += 1
            volume = float(study.barium_volume_ml) if study.barium_volume_ml is not None else None
            studies.append(
                (
                    study_id,
                    patient_id,
                    study.study_date.isoformat(),
                    None,
                    volume,
                    "",
                    "upright",
                    "not_given",
                    None,
                    study.notes,
                    now,
                    user,
                    now,
                    user,
                    1,
                )
            )
            for m in study.measurements:
                if m.minute in STANDARD_FILM_MINUTES:
                    films.append(
                        (
                            study_id,
                            m.minute,
                            float(m.height_cm) if m.height_cm is not None else None,
                            float(m.width_cm) if m.width_cm is not None else None,
                        )
                    )
    return {"patient": patients, "tbe_study": studies, "column_measurement": films}


_BASELINE_SQL = {
    "patient": "INSERT INTO patient (id, mrn, family_name, given_name, birth_date, sex, diagnosis, diagnosis_date, "
    "notes, search_text, created_at, created_by, updated_at, updated_by, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "tbe_study": "INSERT INTO tbe_study (id, patient_id, study_date, study_time, barium_volume_ml, barium_type, "
    "position, tablet_result, tablet_minute, notes, created_at, created_by, updated_at, updated_by, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "column_measurement": "INSERT INTO column_measurement (study_id, minute, height_cm, width_cm) VALUES (?, ?, ?, ?)",
}


def fresh_database(folder: Path, name: str) -> Path:
    path = folder / f"{name}.sqlite3"
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    Clinic.open(path).close()  # migrated, WAL
    return path


def time_import(path: Path, csv_path: Path) -> tuple[float, Any]:
    with Clinic.open(path, migrate=False) as clinic:
        clinic.user = "bench"
        started = time.perf_counter()
        report = import_files(clinic, [csv_path])
        return time.perf_counter() - started, report


def time_baseline(path: Path, rows: dict[str, list[tuple[Any, ...]]]) -> float:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA synchronous=FULL")
        started = time.perf_counter()
        connection.execute("BEGIN")
        for table, values in rows.items():
            connection.executemany(_BASELINE_SQL[table], values)
        connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


def run(studies: int, repeats: int) -> dict[str, Any]:
    histories = cohort_with_studies(studies)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder_name:
        folder = Path(folder_name)
        csv_path = folder / "studies.csv"
        written = write_studies_csv(histories, csv_path)
        rows = baseline_rows(histories, "bench")
        print(
            f"{written:,} studies of {len(histories):,} patients, {len(rows['column_measurement']):,} films; "
            f"{csv_path.stat().st_size / 1e6:.1f} MB CSV",
            flush=True,
        )
        imports: list[float] = []
        baselines: list[float] = []
        for round_number in range(repeats):
            for kind in ("import", "baseline") if round_number % 2 == 0 else ("baseline", "import"):
                path = fresh_database(folder, kind)
                if kind == "import":
                    seconds, report = time_import(path, csv_path)
                    assert report.tables["studies"].new == written, report.summary_lines()
                    imports.append(seconds)
                else:
                    baselines.append(time_baseline(path, rows))
                latest = (imports if kind == "import" else baselines)[-1]
                print(f"  round {round_number + 1}/{repeats} {kind}: {latest:.2f} s", flush=True)
    median_import, median_baseline = statistics.median(imports), statistics.median(baselines)
    return {
        "benchmark": "import",
        "date": dt.date.today().isoformat(),
        "studies": written,
        "patients": len(histories),
        "films": len(rows["column_measurement"]),
        "repeats": repeats,
        "import_s": {"median": round(median_import, 2), "min": round(min(imports), 2), "max": round(max(imports), 2)},
        "baseline_s": {
            "median": round(median_baseline, 2),
            "min": round(min(baselines), 2),
            "max": round(max(baselines), 2),
        },
        "ratio": round(median_import / median_baseline, 2),
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(), "system": platform.system()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3, help="rounds of (import, baseline); medians reported")
    parser.add_argument("--json-out", nargs="?", const="", help="also write the JSON (default results/import-DATE)")
    args = parser.parse_args(argv)
    summary = run(args.studies, args.repeats)
    verdict = "meets" if summary["ratio"] <= TARGET_RATIO else "misses"
    print(
        f"\nimport {summary['import_s']['median']:.2f} s, sqlite3 executemany {summary['baseline_s']['median']:.2f} s "
        f"(medians of {summary['repeats']}): {summary['ratio']:.2f}x, {verdict} the {TARGET_RATIO:.0f}x target"
    )
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json_out is not None:
        out = Path(args.json_out) if args.json_out else RESULTS_DIR / f"import-{summary['date']}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
        print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
