"""The first search keystroke after start-up against the later ones, in fresh processes, at 100,000 patients.

Each run is a new process that starts Barium Tracker the way ``barium-tracker --db FILE`` does
(``ui.app.open_main_window``: the first page painted, then the database opened behind it), waits until the
database is open and then an idle second (a clinician's hand reaching the keyboard; on a loaded machine also until
the list's warm-up thread is done, reported as ``open_to_keys_s``), then types ``TYPED`` into the search field one
key at a time. Each key is timed from the key press (``QTest.keyClick`` on the focused search field, the search's
120 ms pause skipped by running its timer's slot at once) to "list + total" (the model reset with the new page and
``model.total`` read, as bench_search.py times it) and to "shown" (then the events that follow: the count label,
the repaint). The first key of the process is reported apart from the later ones.

``--tree DIR`` runs another checkout's package (a worktree of the commit to compare with) in the same run;
variants alternate run after run (order reversed every other round) so that they share the machine's noise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
TARGET_MS = 16.0
IDLE_S = 1.0
TYPED = "quispe"


def child(path: str, expected: int) -> dict[str, Any]:
    """One start, then the keystrokes (runs in the fresh process)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from barium_tracker.ui import app as ui_app

    config = tempfile.mkdtemp(prefix="bench-first-key-")
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, config)
    app = ui_app.make_application([sys.argv[0]])
    window = ui_app.open_main_window(path)
    if window is None:
        raise RuntimeError("the window did not open")
    deadline = time.perf_counter() + 60
    while not window.is_open:
        if time.perf_counter() > deadline:
            raise RuntimeError("the database was never opened behind the window")
        app.processEvents()
    opened = time.perf_counter()
    idle_until = opened + IDLE_S
    while time.perf_counter() < idle_until:
        app.processEvents()
        time.sleep(0.005)
    import threading

    for thread in threading.enumerate():  # a warm-up still running (a loaded machine): the keys wait for it
        if thread.name == "patient-list-warm-up":
            thread.join(timeout=120)
    warm_up_s = time.perf_counter() - opened
    if window.model.total != expected:
        raise AssertionError(f"the list counts {window.model.total} patients, not {expected}")
    pane = window.patient_list
    pane.search.setFocus()
    keys: list[float] = []
    models: list[float] = []
    counts: list[str] = []
    for letter in TYPED:
        started = time.perf_counter()
        QTest.keyClick(pane.search, letter, Qt.KeyboardModifier.NoModifier)
        pane.apply_search()  # what the search timer's timeout runs, without its pause
        _ = window.model.total  # the count the label asks for next (bench_search's "+ total")
        models.append((time.perf_counter() - started) * 1000)
        app.processEvents()  # the count label set after the reset, the repaint
        keys.append((time.perf_counter() - started) * 1000)
        if f"{window.model.total}" not in pane.count_label.text().replace(",", ""):
            raise AssertionError(f"the count label does not show the total after {pane.search.text()!r}")
        counts.append(pane.count_label.text())
    shown = window.model.rowCount()
    window.clinic.close()
    return {
        "keys_ms": keys,
        "model_ms": models,
        "counts": counts,
        "rows": shown,
        "search": pane.search.text(),
        "open_to_keys_s": round(warm_up_s, 2),
    }


def _spawn(tree: Path, path: Path, expected: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); "
        "from bench_first_key import child; print(json.dumps(child(sys.argv[2], int(sys.argv[3]))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(BENCH_DIR), str(path), str(expected)],
        env=env,
        cwd=str(tree),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _figures(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 2),
        "min": round(min(values), 2),
        "max": round(max(values), 2),
        "n": len(values),
    }


def run(
    patients: int, repeats: int, warmup: int, trees: dict[str, Path], json_out: Path | None = None
) -> dict[str, Any]:
    sys.path.insert(0, str(BENCH_DIR))
    from generate import ensure_database

    database = ensure_database(patients)
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    names = list(trees)
    for round_number in range(warmup + repeats):
        order = names if round_number % 2 == 0 else names[::-1]
        for name in order:
            result = _spawn(trees[name], database, patients)
            if round_number >= warmup:
                results[name].append(result)
        print(f"  {'warm-up' if round_number < warmup else f'round {round_number - warmup + 1}/{repeats}'}", flush=True)
    summary: dict[str, Any] = {
        "benchmark": "first_key",
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "patients": patients,
        "typed": TYPED,
        "repeats": repeats,
        "idle_s": IDLE_S,
        "variants": {},
    }
    print(f"\nFirst keystroke after start-up, {patients:,} patients, {repeats} fresh processes per variant")
    for name, runs in results.items():
        first = [run["keys_ms"][0] for run in runs]
        later = [value for run in runs for value in run["keys_ms"][1:]]
        first_model = [run["model_ms"][0] for run in runs]
        later_model = [value for run in runs for value in run["model_ms"][1:]]
        per_key = [round(statistics.median(run["keys_ms"][n] for run in runs), 2) for n in range(len(TYPED))]
        summary["variants"][name] = {
            "tree": str(trees[name]),
            "first_key_ms": _figures(first),
            "later_keys_ms": _figures(later),
            "first_key_list_and_total_ms": _figures(first_model),
            "later_keys_list_and_total_ms": _figures(later_model),
            "open_to_keys_s": _figures([run["open_to_keys_s"] for run in runs]),
            "per_key_median_ms": dict(zip([TYPED[: n + 1] for n in range(len(TYPED))], per_key, strict=True)),
            "counts": runs[0]["counts"],
        }
        verdict = "meets" if statistics.median(first) < TARGET_MS else "misses"
        print(
            f"  {name:<10} first key {statistics.median(first):6.1f} ms (min {min(first):.1f}, max {max(first):.1f})"
            f"  later keys {statistics.median(later):6.1f} ms  ({verdict} the {TARGET_MS:.0f} ms target)"
        )
        print(
            f"             list + total (no paint): first {statistics.median(first_model):.1f} ms,"
            f" later {statistics.median(later_model):.1f} ms; per key shown: {per_key}"
        )
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(f"\nWrote {json_out}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7, help="fresh processes per variant (default %(default)s)")
    parser.add_argument("--warmup", type=int, default=1, help="rounds run first and dropped (default %(default)s)")
    parser.add_argument(
        "--tree",
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="also run the package of another checkout (e.g. baseline=/tmp/main-worktree); repeatable",
    )
    parser.add_argument(
        "--json-out",
        type=Path,
        nargs="?",
        const=RESULTS_DIR / f"first-key-{dt.date.today().isoformat()}.json",
        help="write the figures as JSON (default path benchmarks/results/first-key-<date>.json)",
    )
    args = parser.parse_args(argv)
    trees = {"this": BENCH_DIR.parent}
    for item in args.tree:
        name, _, folder = item.partition("=")
        trees[name] = Path(folder).resolve()
    run(args.patients, args.repeats, args.warmup, trees, args.json_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
