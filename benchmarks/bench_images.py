"""Films: a clinic with 10,000 attached films against the same clinic without them, in the same run.

Measures the daily backup (the online copy plus the images the backups' shared store lacks), the open-to-first-query
time in fresh processes, and the backup after one new film (it must copy one image, not 10,000). Films are small
synthetic images with distinct bytes (64 x 64, 8-bit: 4,160 bytes each), stored as an attach stores them (bytes
in ``<database>.images``, an ``image`` row with a thumbnail, an ``image_attachment`` on a study's minute).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from generate import ensure_database  # noqa: E402
from sqlalchemy import select  # noqa: E402

from barium_tracker.services.clinic import Clinic  # noqa: E402
from barium_tracker.storage.backup import backup_sqlite, timestamped_backup_path, unused_path  # noqa: E402
from barium_tracker.storage.image_files import backup_image_folder, sha256_of  # noqa: E402
from barium_tracker.storage.images import keep_bytes  # noqa: E402
from barium_tracker.storage.models import ImageAttachmentRow, ImageRow, TbeStudyRow  # noqa: E402

SIDE = 64
THUMBNAIL = bytes(600)  # about what a 64 x 64 film's PNG thumbnail weighs

OPEN_CHILD = """
import sys, time
started = time.perf_counter()
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.patients import search_patients
with Clinic.open(sys.argv[1]) as clinic:
    first = search_patients(clinic, "")
print((time.perf_counter() - started) * 1000)
"""


def _film(n: int) -> bytes:
    header = n.to_bytes(8, "big") * 8  # 64 bytes that make every film distinct
    return header + bytes((n * 7 + i) % 256 for i in range(SIDE * SIDE))


def add_films(path: Path, count: int, start: int = 0) -> None:
    """Attach ``count`` films to the clinic's studies, minutes 1, 2 and 5 in turn, as an attach stores them."""
    with Clinic.open(path) as clinic, clinic.db.session() as session:
        studies = session.execute(select(TbeStudyRow.id, TbeStudyRow.patient_id).order_by(TbeStudyRow.id)).all()
        for n in range(start, start + count):
            data = _film(n)
            digest = sha256_of(data)
            session.add(
                ImageRow(
                    sha256=digest,
                    media_type="application/dicom",
                    byte_size=len(data),
                    rows=SIDE,
                    columns=SIDE,
                    photometric="MONOCHROME2",
                    thumbnail_png=THUMBNAIL,
                    stored_by="benchmark",
                )
            )
            keep_bytes(clinic.db, session, digest, data)
            study_id, patient_id = studies[(n // 3) % len(studies)]
            session.add(
                ImageAttachmentRow(
                    image_sha256=digest,
                    patient_id=patient_id,
                    study_id=study_id,
                    minute=(1, 2, 5)[n % 3],
                    file_name=f"film-{n:05d}.dcm",
                    attached_by="benchmark",
                )
            )
            if n % 1000 == 999:
                session.flush()


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


def _open_ms(path: Path) -> float:
    out = subprocess.run([sys.executable, "-c", OPEN_CHILD, str(path)], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def run(patients: int, films: int, repeats: int) -> dict[str, Any]:
    source = ensure_database(patients)
    with tempfile.TemporaryDirectory(prefix="bench-images-") as folder:
        plain = Path(folder) / "plain" / "clinic.sqlite3"
        filmed = Path(folder) / "films" / "clinic.sqlite3"
        for target in (plain, filmed):
            target.parent.mkdir()
            shutil.copy2(source, target)
        started = time.perf_counter()
        add_films(filmed, films)
        attach_s = time.perf_counter() - started
        store_files, store_bytes = _files_and_bytes(filmed.with_name(filmed.name + ".images"))
        first_ms, first_copied = _backup(filmed)  # the first backup ever: every film copied once
        _backup(plain)
        series: dict[str, list[float]] = {"plain_backup": [], "films_backup": [], "plain_open": [], "films_open": []}
        copied_by_repeats = []
        for round_ in range(repeats):
            order = ((plain, "plain"), (filmed, "films")) if round_ % 2 == 0 else ((filmed, "films"), (plain, "plain"))
            for path, name in order:
                ms, copied = _backup(path)
                series[f"{name}_backup"].append(ms)
                if name == "films":
                    copied_by_repeats.append(copied)
                series[f"{name}_open"].append(_open_ms(path))
        add_films(filmed, 1, start=films)
        one_more_ms, one_more_copied = _backup(filmed)
        backup_store = backup_image_folder(filmed.parent / "backups")
        backup_files, backup_bytes = _files_and_bytes(backup_store)
        sizes = {"plain": plain.stat().st_size, "films": filmed.stat().st_size}
    medians = {name: round(statistics.median(values), 1) for name, values in series.items()}
    return {
        "benchmark": "images",
        "patients": patients,
        "films": films,
        "film_bytes": len(_film(0)),
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
        "repeat_backups_copied": copied_by_repeats,
        "backup_after_one_new_film_ms": round(one_more_ms, 1),
        "backup_after_one_new_film_copied": one_more_copied,
        "backup_store": {"files": backup_files, "bytes": backup_bytes},
        "runs": series,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--films", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json-out", type=Path, default=None)
    args = parser.parse_args()
    result = run(args.patients, args.films, args.repeats)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json_out:
        args.json_out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
