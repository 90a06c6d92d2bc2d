"""The cohort view at 10,000 patients: rows and statistics (services), and the view's refresh (issue target < 1 s)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))
if str(BENCH_DIR.parent) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from generate import ensure_database  # noqa: E402

TARGET_MS = 1000.0


def _ms(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return (time.perf_counter() - started) * 1000, result


def figures(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
        "n": len(values),
    }


def measure(path: Path, repeats: int, warmup: int) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from barium_tracker.domain.enums import ProcedureType
    from barium_tracker.domain.metrics import OUTCOME_MINUTE
    from barium_tracker.services.clinic import Clinic
    from barium_tracker.services.cohort import (
        cohort_rows,
        overall_statistics,
        procedure_statistics,
        rows_from_histories,
        rows_to_csv_text,
    )
    from barium_tracker.services.patients import load_outcome_histories

    app = QApplication.instance() or QApplication([sys.argv[0]])
    imported_ms, _ = _ms(lambda: __import__("barium_tracker.ui.cohort_view"))  # matplotlib: paid once, lazily
    from barium_tracker.ui.cohort_view import CohortView

    clinic = Clinic.open(path, migrate=False)
    settings = clinic.interpretation_settings()
    times: dict[str, list[float]] = {}

    def record(name: str, value: float, keep: bool) -> None:
        if keep:
            times.setdefault(name, []).append(value)

    view = CohortView(clinic, load=False)
    view.resize(1600, 900)
    view.show()
    app.processEvents()
    patients = 0
    for round_number in range(warmup + repeats):
        keep = round_number >= warmup
        # Services: what the CLI or a report would run.
        load_ms, histories = _ms(lambda: load_outcome_histories(clinic, minutes=(OUTCOME_MINUTE,)))
        compute_ms, _ = _ms(lambda h=histories: rows_from_histories(h, settings))
        del histories
        rows_ms, rows = _ms(lambda: cohort_rows(clinic, settings))
        stats_ms, _ = _ms(lambda r=rows: (procedure_statistics(r), overall_statistics(r)))
        csv_ms, _ = _ms(lambda r=rows: rows_to_csv_text(r))
        patients = len(rows)
        record("load_outcome_histories", load_ms, keep)
        record("rows_from_histories", compute_ms, keep)
        record("cohort_rows", rows_ms, keep)
        record("procedure_statistics", stats_ms, keep)
        record("cohort_rows_plus_statistics", rows_ms + stats_ms, keep)
        record("csv_export", csv_ms, keep)
        # The view: Reload (database, rows, filter, table model, statistics, plot) and until it is painted.
        refresh_ms, _ = _ms(view.refresh)
        painted_ms, _ = _ms(lambda: (view.repaint(), app.processEvents()))
        record("view_refresh", refresh_ms, keep)
        record("view_refresh_to_paint", refresh_ms + painted_ms, keep)
        # A filter change (no database): table model, statistics, plot.
        filter_ms, _ = _ms(lambda: view.procedure_filter.set_checked_values([ProcedureType.POEM]))
        reset_ms, _ = _ms(lambda: view.procedure_filter.set_checked_values(None))
        record("view_filter_change", filter_ms, keep)
        record("view_filter_reset", reset_ms, keep)
        # The table model alone: set_rows of every row, then a sort click each way on the change column.
        model_ms, _ = _ms(lambda r=rows: view.model.set_rows(r))
        column = view.model.column_of("h5_change_pct")
        sort_asc_ms, _ = _ms(lambda c=column: view.table.sortByColumn(c, Qt.SortOrder.AscendingOrder))
        sort_desc_ms, _ = _ms(lambda c=column: view.table.sortByColumn(c, Qt.SortOrder.DescendingOrder))
        record("table_model_set_rows", model_ms, keep)
        record("table_sort_click", sort_asc_ms, keep)
        record("table_sort_click", sort_desc_ms, keep)
        view.table.sortByColumn(view.model.column_of("name"), Qt.SortOrder.AscendingOrder)
        print(f"  {'warm-up' if not keep else f'run {round_number - warmup + 1}/{repeats}'} done", flush=True)
    view.close()
    clinic.close()
    return {
        "benchmark": "cohort",
        "patients": patients,
        "import_cohort_view_ms": round(imported_ms, 1),
        "ms": {name: figures(values) for name, values in times.items()},
    }


def print_report(summary: dict[str, Any]) -> None:
    ms = summary["ms"]
    print(f"\nCohort at {summary['patients']:,} patients, median of {summary['repeats']} runs (ms)")
    for name, f in ms.items():
        print(f"  {name:<30} median {f['median']:7.1f}  min {f['min']:7.1f}  max {f['max']:7.1f}")
    for name in ("cohort_rows_plus_statistics", "view_refresh"):
        verdict = "meets" if ms[name]["median"] < TARGET_MS else "misses"
        print(f"  {name}: {verdict} the {TARGET_MS:.0f} ms target")
    print(f"  importing ui.cohort_view (matplotlib) once: {summary['import_cohort_view_ms']:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7, help="measured runs (at least 5)")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--json-out", nargs="?", const="", help="also write the JSON (default results/cohort-DATE)")
    args = parser.parse_args(argv)
    if args.repeats < 5:
        parser.error("--repeats must be at least 5")
    path = ensure_database(args.patients)
    summary = measure(path, args.repeats, args.warmup)
    summary.update(
        {
            "date": dt.date.today().isoformat(),
            "repeats": args.repeats,
            "warmup": args.warmup,
            "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(), "system": platform.system()},
        }
    )
    print_report(summary)
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json_out is not None:
        out = Path(args.json_out) if args.json_out else RESULTS_DIR / f"cohort-{summary['date']}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
        print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
