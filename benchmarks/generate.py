"""Build (or reuse) a SQLite clinic database of N deterministic synthetic patients for the benchmarks."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "data"
if str(BENCH_DIR.parent) not in sys.path:  # `python benchmarks/generate.py` from a checkout without the venv
    sys.path.insert(0, str(BENCH_DIR.parent))

from barium_tracker.services.clinic import Clinic  # noqa: E402
from barium_tracker.services.demo import DEMO_RANDOM_SEED, synthetic_cohort  # noqa: E402
from barium_tracker.services.patients import count_patients  # noqa: E402
from barium_tracker.services.records import save_histories  # noqa: E402

SOURCE = "benchmark"


def default_path(n: int, seed: int = DEMO_RANDOM_SEED) -> Path:
    """benchmarks/data/patients-N.sqlite3 for the default seed, patients-N-seedS.sqlite3 otherwise."""
    suffix = "" if seed == DEMO_RANDOM_SEED else f"-seed{seed}"
    return DATA_DIR / f"patients-{n}{suffix}.sqlite3"


def _remove_database(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        candidate.unlink(missing_ok=True)


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the main file, so renaming that one file moves all the data."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    if Path(f"{path}-wal").exists():
        raise RuntimeError(f"{path}-wal is still there after the checkpoint; is another program using the file?")


def existing_count(path: Path) -> int | None:
    """How many patients an existing database file holds, or None when it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        with Clinic.open(path, migrate=False) as clinic:
            return count_patients(clinic)
    except Exception:  # a damaged or foreign file is simply rebuilt
        return None


@dataclass(frozen=True, slots=True)
class Generation:
    """What one build of a benchmark database took."""

    path: Path
    patients: int
    rows: int  # rows in every table (patients, studies, measurements, procedures, audit events...)
    seconds: float  # storing the histories, schema creation excluded

    @property
    def patients_per_second(self) -> float:
        return self.patients / self.seconds if self.seconds > 0 else float("inf")

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")

    def describe(self) -> str:
        return (
            f"{self.path}: {self.patients} patients ({self.rows:,} rows) in {self.seconds:.1f} s: "
            f"{self.patients_per_second:,.0f} patients/s, {self.rows_per_second:,.0f} rows/s"
        )


def count_rows(path: Path) -> int:
    """Rows in all of the database's own tables (Alembic's bookkeeping left out)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_") and name != "alembic_version"
        ]
        return sum(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables)
    finally:
        connection.close()


def build(n: int, seed: int = DEMO_RANDOM_SEED, out: Path | None = None) -> Generation:
    """Write a new database of ``n`` synthetic patients (replacing ``out``); the same seed gives the same data."""
    path = (out or default_path(n, seed)).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    _remove_database(partial)
    with Clinic.open(partial) as clinic:
        started = time.perf_counter()
        stored = save_histories(clinic, synthetic_cohort(n, seed), source=SOURCE)
        seconds = time.perf_counter() - started
    _checkpoint(partial)
    _remove_database(path)
    partial.replace(path)
    return Generation(path=path, patients=stored, rows=count_rows(path), seconds=seconds)


def generate(n: int, seed: int = DEMO_RANDOM_SEED, out: Path | None = None, *, quiet: bool = False) -> Path:
    """Build the database and say how fast it went."""
    result = build(n, seed, out)
    if not quiet:
        print(result.describe(), flush=True)
    return result.path


def ensure_database(n: int, seed: int = DEMO_RANDOM_SEED, out: Path | None = None, *, quiet: bool = False) -> Path:
    """The database of ``n`` patients, reused when the file exists and holds exactly ``n``, else (re)built."""
    path = (out or default_path(n, seed)).resolve()
    found = existing_count(path)
    if found == n:
        if not quiet:
            print(f"{path}: reusing existing database ({n} patients)")
        return path
    if found is not None and not quiet:
        print(f"{path}: holds {found} patients, not {n}; rebuilding")
    return generate(n, seed, path, quiet=quiet)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, required=True, help="number of synthetic patients")
    parser.add_argument("--seed", type=int, default=DEMO_RANDOM_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--out", type=Path, help="database file (default benchmarks/data/patients-N.sqlite3)")
    parser.add_argument("--reuse", action="store_true", help="keep an existing file that already holds N patients")
    args = parser.parse_args(argv)
    if args.patients < 0:
        parser.error("--patients must be >= 0")
    if args.reuse:
        ensure_database(args.patients, args.seed, args.out)
    else:
        generate(args.patients, args.seed, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
