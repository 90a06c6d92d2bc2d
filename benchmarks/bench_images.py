"""Films: a clinic with 10,000 films attached through the real service against the same clinic without them.

Films are attached with ``services.images.library.attach_film`` (decoded, thumbnailed, stored by hash with their
thumbnails, audited), as small synthetic PNGs with distinct pixels (64 x 64, 8-bit grey). In the same run, medians
of alternated rounds: the daily backup (the online copy, its integrity check, and the images the backups' shared
store lacks), the open-to-first-query time in fresh processes, where a backup's time goes (its phases, and the
one-``stat``-per-image scan it replaced), and the backup after one new film (it must copy one film and its thumbnail,
not 10,000). ``--large N`` adds N real-sized films (3,000 x 3,000, 16-bit DICOM) as a second figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

BENCH_DIR = Path(__file__).resolve().parent
for folder in (BENCH_DIR, BENCH_DIR.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from generate import ensure_database  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from barium_tracker.services.clinic import Clinic  # noqa: E402
from barium_tracker.services.images.library import attach_film  # noqa: E402
from barium_tracker.storage.backup import (  # noqa: E402
    _online_copy,
    backup_sqlite,
    integrity_problems,
    timestamped_backup_path,
    unused_path,
)
from barium_tracker.storage.image_files import (  # noqa: E402
    ImageFiles,
    backup_image_folder,
    image_folder,
    referenced_images,
)
from barium_tracker.storage.models import PatientRow, TbeStudyRow  # noqa: E402
from tests.support.radiographs import write_png, write_radiograph_dicom  # noqa: E402

SIDE = 64
LARGE_SIDE = 3000
MINUTES = (1, 2, 5)

OPEN_CHILD = """
import sys, time
started = time.perf_counter()
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patients import search_patients
with Clinic.open(sys.argv[1]) as clinic:
    first = search_patients(clinic, "")
print((time.perf_counter() - started) * 1000)
"""


def _film_pixels(n: int) -> np.ndarray:
    """64 x 64 grey noise seeded by ``n`` (about 4 KB as PNG): every film's bytes, and its thumbnail, distinct."""
    return np.random.default_rng(n).integers(0, 256, size=(SIDE, SIDE), dtype=np.uint8)


def _studies(clinic: Clinic) -> list[tuple[str, dt.date]]:
    """(MRN, date) of every study that is its patient's only one that day (attach_film finds a study by both)."""
    with clinic.db.session() as session:
        rows = session.execute(
            select(PatientRow.mrn, TbeStudyRow.study_date)
            .join(PatientRow, PatientRow.id == TbeStudyRow.patient_id)
            .group_by(PatientRow.mrn, TbeStudyRow.study_date)
            .having(func.count() == 1)
            .order_by(PatientRow.mrn, TbeStudyRow.study_date)
        ).all()
    return [(mrn, date) for mrn, date in rows]


def add_films(path: Path, count: int, scratch: Path, start: int = 0) -> None:
    """Attach ``count`` films through the service, to minutes 1, 2 and 5 of the clinic's studies in turn."""
    scratch.mkdir(exist_ok=True)
    with Clinic.open(path) as clinic:
        studies = _studies(clinic)
        for n in range(start, start + count):
            film = write_png(scratch / f"film-{n:05d}.png", _film_pixels(n))
            mrn, study_date = studies[(n // len(MINUTES)) % len(studies)]
            attach_film(clinic, mrn, study_date, MINUTES[n % len(MINUTES)], film)
            film.unlink()


def _files_and_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _backup(path: Path) -> tuple[float, int]:
    """One backup as the daily one writes it; milliseconds and the images it copied."""
    store = backup_image_folder(path.parent / "backups")
    before = _files_and_bytes(store)[0] if store.is_dir() else 0
    started = time.perf_counter()
    backup_sqlite(path, unused_path(timestamped_backup_path(path, "daily")))
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, _files_and_bytes(store)[0] - before


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _phases(path: Path, scratch: Path) -> dict[str, float]:
    """Where a daily backup's time goes, each piece timed alone (milliseconds)."""
    copy = scratch / "phase-copy.sqlite3"
    copy.unlink(missing_ok=True)
    started = time.perf_counter()
    _online_copy(path, copy, None)
    online = _ms(started)
    started = time.perf_counter()
    integrity_problems(copy)
    integrity = _ms(started)
    started = time.perf_counter()
    wanted = referenced_images(copy)
    referenced = _ms(started)
    store = ImageFiles(backup_image_folder(path.parent / "backups"))
    started = time.perf_counter()
    held = store.names()
    listing = _ms(started)
    started = time.perf_counter()
    stats = sum(store.has(sha256) for sha256 in wanted)  # what the backup did before: one stat per image
    assert stats == len(held & set(wanted))
    copy.unlink()
    return {
        "online_copy": online,
        "integrity_check": integrity,
        "referenced_hashes": referenced,
        "list_backup_store": listing,
        "stat_each_image_replaced": _ms(started),
    }


def _open_ms(path: Path) -> float:
    out = subprocess.run([sys.executable, "-c", OPEN_CHILD, str(path)], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def _large_films(path: Path, count: int, scratch: Path) -> dict[str, Any]:
    """Attach ``count`` real-sized films (3,000 x 3,000 16-bit DICOM, 18 MB) and back up twice."""
    with Clinic.open(path) as clinic:
        mrn, study_date = _studies(clinic)[-1]
        with clinic.db.session() as session:
            patient = session.scalar(select(PatientRow).where(PatientRow.mrn == mrn))
            assert patient is not None
            name = f"{patient.family_name}^{patient.given_name}"
        attach_ms = []
        for n in range(count):
            rng = np.random.default_rng(n)
            pixels = rng.integers(0, 4096, size=(LARGE_SIDE, LARGE_SIDE), dtype=np.uint16)
            film = write_radiograph_dicom(
                scratch / f"large-{n}.dcm",
                rows=LARGE_SIDE,
                cols=LARGE_SIDE,
                pixels=pixels,
                pixel_spacing=(0.14, 0.14),
                patient_id=mrn,
                patient_name=name,
                study_date=study_date,
            )
            film_bytes = film.stat().st_size
            started = time.perf_counter()
            attach_film(clinic, mrn, study_date, MINUTES[n % len(MINUTES)], film, confirm_mismatch=True)
            attach_ms.append(_ms(started))
            film.unlink()
    with sqlite3.connect(path) as conn:
        thumbs = conn.execute("SELECT thumbnail_sha256 FROM image ORDER BY stored_at DESC LIMIT ?", (count,)).fetchall()
    live = ImageFiles(image_folder(path))
    thumb_bytes = [live.path(t).stat().st_size for (t,) in thumbs]
    first_ms, first_copied = _backup(path)
    again_ms, again_copied = _backup(path)
    return {
        "count": count,
        "film_bytes": film_bytes,
        "attach_ms": [round(ms, 1) for ms in attach_ms],
        "thumbnail_bytes": thumb_bytes,
        "first_backup_ms": round(first_ms, 1),
        "first_backup_copied": first_copied,
        "next_backup_ms": round(again_ms, 1),
        "next_backup_copied": again_copied,
        "database_bytes": path.stat().st_size,
    }


def run(patients: int, films: int, repeats: int, large: int) -> dict[str, Any]:
    source = ensure_database(patients)
    with tempfile.TemporaryDirectory(prefix="bench-images-") as folder:
        scratch = Path(folder) / "scratch"
        plain = Path(folder) / "plain" / "clinic.sqlite3"
        filmed = Path(folder) / "films" / "clinic.sqlite3"
        for target in (plain, filmed):
            target.parent.mkdir(parents=True)
            shutil.copy2(source, target)
        started = time.perf_counter()
        add_films(filmed, films, scratch)
        attach_s = time.perf_counter() - started
        store_files, store_bytes = _files_and_bytes(image_folder(filmed))
        first_ms, first_copied = _backup(filmed)  # the first backup ever: every film copied once
        _backup(plain)
        series: dict[str, list[float]] = {"plain_backup": [], "films_backup": [], "plain_open": [], "films_open": []}
        phases: dict[str, dict[str, list[float]]] = {"plain": {}, "films": {}}
        copied_by_repeats = []
        for round_ in range(repeats):
            order = ((plain, "plain"), (filmed, "films")) if round_ % 2 == 0 else ((filmed, "films"), (plain, "plain"))
            for path, name in order:
                ms, copied = _backup(path)
                series[f"{name}_backup"].append(ms)
                if name == "films":
                    copied_by_repeats.append(copied)
                series[f"{name}_open"].append(_open_ms(path))
                for phase, phase_ms in _phases(path, scratch).items():
                    phases[name].setdefault(phase, []).append(phase_ms)
        add_films(filmed, 1, scratch, start=films)
        one_more_ms, one_more_copied = _backup(filmed)
        backup_files, backup_bytes = _files_and_bytes(backup_image_folder(filmed.parent / "backups"))
        sizes = {"plain": plain.stat().st_size, "films": filmed.stat().st_size}
        large_result = _large_films(filmed, large, scratch) if large else None
    medians = {name: round(statistics.median(values), 1) for name, values in series.items()}
    return {
        "benchmark": "images",
        "patients": patients,
        "films": films,
        "film": f"PNG {SIDE} x {SIDE} 8-bit grey, attached with attach_film",
        "repeats": repeats,
        "attach_seconds": round(attach_s, 2),
        "database_bytes": sizes,
        "image_store": {"files": store_files, "bytes": store_bytes},
        "first_backup_ms": round(first_ms, 1),
        "first_backup_copied": first_copied,
        "medians_ms": medians,
        "ratios": {
            "backup": round(medians["films_backup"] / medians["plain_backup"], 2),
            "open": round(medians["films_open"] / medians["plain_open"], 2),
        },
        "backup_phases_median_ms": {
            name: {phase: round(statistics.median(values), 1) for phase, values in by_phase.items()}
            for name, by_phase in phases.items()
        },
        "repeat_backups_copied": copied_by_repeats,
        "backup_after_one_new_film_ms": round(one_more_ms, 1),
        "backup_after_one_new_film_copied": one_more_copied,
        "backup_store": {"files": backup_files, "bytes": backup_bytes},
        "large_films": large_result,
        "runs": series,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--films", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--large", type=int, default=0, help="real-sized 3000 x 3000 16-bit films to add at the end")
    parser.add_argument("--json-out", type=Path, default=None)
    args = parser.parse_args()
    result = run(args.patients, args.films, args.repeats, args.large)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json_out:
        args.json_out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
