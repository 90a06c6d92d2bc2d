"""Type-ahead search: time from a keystroke (model.set_search) to the updated patient list, in-process."""

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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from generate import ensure_database  # noqa: E402

TARGET_MS = 30.0
# What a clinician types, one keystroke at a time: common names (thousands of matches in the synthetic cohort),
# a narrowing second word, an MRN, and a typo that matches nobody.
TYPED = ("quispe", "quispe mamani", "SYN-012345", "garcía rosa", "huamán", "zzz")


def keystrokes(typed: str) -> list[str]:
    """Every prefix of ``typed``, as the search box holds it after each key, except a trailing space.

    A space that ends a word changes no search word, so the model runs no query for it (0 ms): left out, so that it
    cannot flatter the median.
    """
    return [typed[:n] for n in range(1, len(typed) + 1) if not typed[:n].endswith(" ")]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def figures(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 2),
        "p90": round(percentile(values, 0.9), 2),
        "max": round(max(values), 2),
        "n": len(values),
    }


def idle_like_the_window(app: Any) -> float:
    """The event loop runs as in the window after the list is shown: a model that warms up on an idle timer (in a
    worker thread) does so now, and the measurements start once it is done (a model without one: after 0.2 s)."""
    import threading

    started = time.perf_counter()
    while time.perf_counter() - started < 0.2:
        app.processEvents()
        time.sleep(0.005)
    for thread in threading.enumerate():
        if thread.name == "patient-list-warm-up":
            thread.join(timeout=120)
    return time.perf_counter() - started


def _timed(action: Callable[[], Any], model: Any) -> tuple[float, float]:
    """Milliseconds until the model is updated, and until its total (the window's count label) is known too."""
    started = time.perf_counter()
    action()
    updated = time.perf_counter()
    _ = model.total
    counted = time.perf_counter()
    return (updated - started) * 1000, (counted - started) * 1000


def measure(path: Path, repeats: int, warmup: int) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from barium_tracker.domain.enums import Diagnosis
    from barium_tracker.services.clinic import Clinic
    from barium_tracker.ui.patient_list_model import PatientListModel

    app = QApplication.instance() or QApplication([sys.argv[0]])
    clinic = Clinic.open(path, migrate=False)
    model = PatientListModel(clinic)
    warm_up_s = idle_like_the_window(app)
    patients = model.total
    # The very first keystroke of a session also compiles the search's SQL (later ones reuse SQLAlchemy's cache).
    first_key = _timed(lambda: model.set_search(TYPED[0][0]), model)
    model.set_search("")
    keys: dict[str, list[float]] = {}
    keys_with_total: dict[str, list[float]] = {}
    sorts: dict[str, list[float]] = {}
    sorts_with_total: dict[str, list[float]] = {}
    filters: dict[str, list[float]] = {}

    def type_all(record: bool) -> None:
        for typed in TYPED:
            for text in keystrokes(typed):
                model_ms, total_ms = _timed(lambda text=text: model.set_search(text), model)
                if record:
                    keys.setdefault(text, []).append(model_ms)
                    keys_with_total.setdefault(text, []).append(total_ms)
            model.set_search("")

    def click_all(record: bool) -> None:
        for search in ("", "quispe"):
            model.set_search(search)
            for column, name in enumerate(model.COLUMNS):
                for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                    label = f"{name} {'desc' if order == Qt.SortOrder.DescendingOrder else 'asc'}"
                    label += f" ({search!r})" if search else ""
                    model_ms, total_ms = _timed(lambda c=column, o=order: model.sort(c, o), model)
                    if record:
                        sorts.setdefault(label, []).append(model_ms)
                        sorts_with_total.setdefault(label, []).append(total_ms)
            model.sort(1, Qt.SortOrder.AscendingOrder)
        model.set_search("")

    def filter_all(record: bool) -> None:
        for diagnosis in (*Diagnosis, None):
            _, total_ms = _timed(lambda d=diagnosis: model.set_diagnosis(d), model)
            if record:
                filters.setdefault(str(diagnosis and diagnosis.value), []).append(total_ms)

    for round_number in range(warmup + repeats):
        record = round_number >= warmup
        type_all(record)
        click_all(record)
        filter_all(record)
        print(f"  {'warm-up' if not record else f'run {round_number - warmup + 1}/{repeats}'} done", flush=True)
    clinic.close()
    del app

    every_key = [value for values in keys.values() for value in values]
    every_key_total = [value for values in keys_with_total.values() for value in values]
    return {
        "patients": patients,
        "idle_and_warm_up_s": round(warm_up_s, 2),
        "first_keystroke_ms": {"model": round(first_key[0], 2), "model_and_total": round(first_key[1], 2)},
        "keystrokes": {
            "model": figures(every_key),
            "model_and_total": figures(every_key_total),
            "per_key_median_ms": {text: round(statistics.median(v), 2) for text, v in keys.items()},
            "per_key_with_total_median_ms": {
                text: round(statistics.median(v), 2) for text, v in keys_with_total.items()
            },
        },
        "sort_clicks": {label: figures(values) for label, values in sorts.items()},
        "sort_clicks_with_total": {label: figures(values) for label, values in sorts_with_total.items()},
        "diagnosis_filter_with_total": {label: figures(values) for label, values in filters.items()},
    }


def print_report(summary: dict[str, Any]) -> None:
    keys = summary["keystrokes"]
    print(f"\nSearch at {summary['patients']:,} patients, {summary['repeats']} runs after {summary['warmup']} warm-up")
    for name, label in (("model", "list updated"), ("model_and_total", "list + total")):
        f = keys[name]
        verdict = "meets" if f["median"] < TARGET_MS else "misses"
        print(
            f"  keystroke -> {label:<13} median {f['median']:6.1f} ms  p90 {f['p90']:6.1f}  max {f['max']:6.1f}"
            f"  (n={f['n']}; {verdict} the {TARGET_MS:.0f} ms median target)"
        )
    first = summary["first_keystroke_ms"]
    print(
        f"  first keystroke of the session (cold): {first['model']:.1f} ms, + total {first['model_and_total']:.1f} ms"
    )
    print("  per keystroke (median ms, list updated / + total):")
    shown: set[str] = set()
    for typed in TYPED:
        texts = [text for text in keystrokes(typed) if text not in shown]
        shown.update(texts)
        cells = [
            f"{text!r} {keys['per_key_median_ms'][text]:.0f}/{keys['per_key_with_total_median_ms'][text]:.0f}"
            for text in texts
        ]
        print("    " + ", ".join(cells))
    print("  sort clicks (median ms, list updated; p90):")
    for label, f in summary["sort_clicks"].items():
        total = summary["sort_clicks_with_total"][label]["median"]
        print(f"    {label:<34} {f['median']:7.1f}  p90 {f['p90']:7.1f}  (+ total {total:7.1f})")
    print("  diagnosis filter (median ms, list + total):")
    for label, f in summary["diagnosis_filter_with_total"].items():
        print(f"    {label:<34} {f['median']:7.1f}")


def run(patients: int = 100_000, repeats: int = 5, warmup: int = 1, json_out: Path | None = None) -> dict[str, Any]:
    import PySide6
    import sqlalchemy

    database = ensure_database(patients)
    print(f"Search benchmark on {database}", flush=True)
    summary = {
        "benchmark": "search",
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "processor": platform.processor() or platform.machine(),
        },
        "pyside6": PySide6.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "typed": list(TYPED),
        "repeats": repeats,
        "warmup": warmup,
        **measure(database, repeats, warmup),
    }
    print_report(summary)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(f"\nWrote {json_out}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=100_000, help="patients in the database (default %(default)s)")
    parser.add_argument(
        "--repeats", type=int, default=5, help="recorded passes over every keystroke (default %(default)s)"
    )
    parser.add_argument("--warmup", type=int, default=1, help="passes run first and dropped (default %(default)s)")
    parser.add_argument(
        "--json-out",
        type=Path,
        nargs="?",
        const=RESULTS_DIR / f"search-{dt.date.today().isoformat()}.json",
        help="write the figures as JSON (default path benchmarks/results/search-<date>.json)",
    )
    args = parser.parse_args(argv)
    run(args.patients, args.repeats, args.warmup, args.json_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
