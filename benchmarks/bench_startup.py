"""Startup: time to open an N-patient database and list the patients, against a bare PySide6 window, same run."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
CHILD = BENCH_DIR / "startup_child.py"
PACKAGE_DIR = BENCH_DIR.parent / "barium_tracker"
RESULTS_DIR = BENCH_DIR / "results"
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from generate import ensure_database  # noqa: E402

VARIANTS = ("baseline", "baseline_db", "app")
DESCRIPTIONS = {
    "baseline": "bare PySide6: QMainWindow + QTableView over an empty QStandardItemModel",
    "baseline_db": "bare PySide6 + stdlib sqlite3: same window showing the first 200 patients of the same file",
    "app": "Barium Tracker as `barium-tracker --db FILE` starts: cli parser + ui.app.open_main_window (first page read"
    " without SQLAlchemy, the clinic opened after the first paint), first page listed",
}
# What each figure means, for the JSON and the table.
METRICS = {
    "script_ms": "child's first line to first paint of the list (interpreter start excluded)",
    "to_paint_ms": "parent's spawn to first paint (interpreter start included)",
    "wall_ms": "parent's spawn to the child's exit (includes teardown)",
}
# Only for the app: the database open behind the painted window (editing possible), from the child's first line.
APP_ONLY = {"ready_ms": "child's first line to the clinic open behind the window (editing possible)"}


@dataclass
class Series:
    """Every run of one variant."""

    runs: list[dict[str, Any]] = field(default_factory=list)

    def values(self, key: str) -> list[float]:
        return [float(run[key]) for run in self.runs]

    def stats(self, key: str) -> dict[str, float]:
        values = self.values(key)
        return {
            "median": round(statistics.median(values), 2),
            "min": round(min(values), 2),
            "max": round(max(values), 2),
        }

    def phases(self) -> dict[str, float]:
        """Median milliseconds of each phase inside the child (imports, open, QApplication, window, paint)."""
        keys = [k for k in self.runs[0] if k.startswith("phase_")] if self.runs else []
        return {k.removeprefix("phase_").removesuffix("_ms"): round(statistics.median(self.values(k)), 2) for k in keys}


def child_environment(config_dir: str, patients: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": config_dir,  # QSettings' user scope on Linux, even before setPath is called
            "BENCH_CONFIG_DIR": config_dir,
            "BENCH_EXPECTED_PATIENTS": str(patients),
        }
    )
    return env


def run_child(variant: str, database: Path, patients: int, extra_args: list[str] | None = None) -> dict[str, Any]:
    """One fresh Python process; returns the child's JSON figures plus the parent's spawn-relative times."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as config_dir:
        command = [sys.executable, *(extra_args or []), str(CHILD), variant, str(database)]
        spawned = time.perf_counter()
        completed = subprocess.run(
            command, env=child_environment(config_dir, patients), capture_output=True, text=True, check=False
        )
        ended = time.perf_counter()
    if completed.returncode != 0:
        raise RuntimeError(f"{variant} child failed ({completed.returncode}):\n{completed.stderr}")
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    result: dict[str, Any] = json.loads(lines[-1])
    result["wall_ms"] = (ended - spawned) * 1000
    # perf_counter is CLOCK_MONOTONIC on Linux and macOS, shared between processes: the child's paint time can be
    # placed on the parent's clock. Elsewhere the figure is left out.
    if sys.platform in ("linux", "darwin"):
        result["to_paint_ms"] = (result["t_painted"] - spawned) * 1000
        result["interpreter_ms"] = (result["t0"] - spawned) * 1000
    result["stderr"] = completed.stderr.strip()[-2000:]
    return result


def measure(database: Path, patients: int, repeats: int, warmup: int, variants: tuple[str, ...]) -> dict[str, Series]:
    """Alternate the variants run after run, so that they share the machine's noise; warm-up runs are dropped."""
    series = {variant: Series() for variant in variants}
    for round_number in range(warmup + repeats):
        order = variants if round_number % 2 == 0 else tuple(reversed(variants))
        for variant in order:
            result = run_child(variant, database, patients)
            if round_number >= warmup:
                series[variant].runs.append(result)
        label = "warm-up" if round_number < warmup else f"run {round_number - warmup + 1}/{repeats}"
        figures = ", ".join(f"{v} {series[v].runs[-1]['script_ms']:.0f}" for v in variants if series[v].runs)
        print(f"  {label}: {figures if round_number >= warmup else 'done'} (ms)", flush=True)
    return series


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def summarize(series: dict[str, Series], patients: int, repeats: int, warmup: int) -> dict[str, Any]:
    import PySide6

    summary: dict[str, Any] = {
        "benchmark": "startup",
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "patients": patients,
        "repeats": repeats,
        "warmup": warmup,
        "machine": machine(),
        "pyside6": PySide6.__version__,
        "bytecode": "the package byte-compiled before the runs (compile_bytecode), as an installed app runs",
        "metrics": METRICS,
        "variants": {},
        "ratios": {},
    }
    metrics = [m for m in METRICS if all(m in run for s in series.values() for run in s.runs)]
    for variant, data in series.items():
        extra = [m for m in APP_ONLY if data.runs and all(m in run for run in data.runs)]
        summary["variants"][variant] = {
            "description": DESCRIPTIONS[variant],
            **{metric: data.stats(metric) for metric in metrics},
            **{metric: data.stats(metric) for metric in extra},
            "sqlalchemy_at_paint_runs": sum(int(run.get("sqlalchemy_at_paint", 0)) for run in data.runs),
            "phases_median_ms": data.phases(),
            "runs": [{k: round(v, 2) for k, v in run.items() if k.endswith("_ms")} for run in data.runs],
        }
    if "app" in series:
        for base in ("baseline", "baseline_db"):
            if base in series:
                summary["ratios"][f"app/{base}"] = {
                    metric: round(series["app"].stats(metric)["median"] / series[base].stats(metric)["median"], 3)
                    for metric in metrics
                }
    return summary


def print_report(summary: dict[str, Any]) -> None:
    print(f"\nStartup, {summary['patients']} patients, {summary['repeats']} runs each (ms: median [min-max])")
    metrics = list(summary["variants"][next(iter(summary["variants"]))].keys() & METRICS.keys())
    metrics = [m for m in METRICS if m in metrics]
    print(f"{'variant':<12}" + "".join(f"{m:>24}" for m in metrics))
    for variant, data in summary["variants"].items():
        cells = "".join(
            f"{data[m]['median']:>10.0f} [{data[m]['min']:>4.0f}-{data[m]['max']:>4.0f}]".rjust(24) for m in metrics
        )
        print(f"{variant:<12}{cells}")
    for name, ratios in summary["ratios"].items():
        print(f"{name:<12}" + "".join(f"{ratios[m]:>23.2f}x" for m in metrics))
    for variant, data in summary["variants"].items():
        for metric in APP_ONLY:
            if metric in data:
                figures = data[metric]
                print(
                    f"{variant}: {metric} {figures['median']:.0f} [{figures['min']:.0f}-{figures['max']:.0f}] "
                    f"(SQLAlchemy already imported at the first paint in {data['sqlalchemy_at_paint_runs']} runs)"
                )
    print("\nMedian phases inside the child (ms):")
    for variant, data in summary["variants"].items():
        print(f"  {variant:<12}" + ", ".join(f"{k} {v:.0f}" for k, v in data["phases_median_ms"].items()))


def compile_bytecode() -> None:
    """Byte-compile the package before the runs, as ``pip install`` does and as Python does on a first start.

    PySide6 and the other dependencies run from the bytecode pip wrote at install time. Without this step the app
    would compile its own ~35 modules from source on every run wherever PYTHONDONTWRITEBYTECODE is set (as on the
    development machines), a cost no installed workstation pays after its first start.
    """
    import compileall

    if not compileall.compile_dir(PACKAGE_DIR, quiet=1):
        raise RuntimeError(f"could not byte-compile {PACKAGE_DIR}")


def run(
    patients: int = 10_000,
    repeats: int = 7,
    warmup: int = 1,
    json_out: Path | None = None,
    variants: tuple[str, ...] = VARIANTS,
) -> dict[str, Any]:
    database = ensure_database(patients)
    compile_bytecode()
    print(f"Startup benchmark on {database} ({repeats} runs per variant after {warmup} warm-up)", flush=True)
    series = measure(database, patients, repeats, warmup, variants)
    summary = summarize(series, patients, repeats, warmup)
    print_report(summary)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(f"\nWrote {json_out}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=10_000, help="patients in the database (default %(default)s)")
    parser.add_argument("--repeats", type=int, default=7, help="runs per variant (default %(default)s)")
    parser.add_argument("--warmup", type=int, default=1, help="rounds run first and dropped (default %(default)s)")
    parser.add_argument(
        "--variants", default=",".join(VARIANTS), help="comma-separated subset of " + ", ".join(VARIANTS)
    )
    parser.add_argument(
        "--json-out",
        type=Path,
        nargs="?",
        const=RESULTS_DIR / f"startup-{dt.date.today().isoformat()}.json",
        help="write the figures as JSON (default path benchmarks/results/startup-<date>.json)",
    )
    args = parser.parse_args(argv)
    variants = tuple(v.strip() for v in args.variants.split(",") if v.strip())
    unknown = set(variants) - set(VARIANTS)
    if unknown or not variants:
        parser.error(f"unknown variant(s): {', '.join(sorted(unknown))}")
    if args.repeats < 1:
        parser.error("--repeats must be >= 1")
    run(args.patients, args.repeats, args.warmup, args.json_out, variants)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
