"""Run every benchmark (generation, startup, search) and print Markdown tables of the medians (`make bench`)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import bench_search  # noqa: E402
import bench_startup  # noqa: E402
from generate import build  # noqa: E402

TARGET_STARTUP_RATIO = 1.5


def bench_generation(patients: int) -> dict[str, Any]:
    """Throughput of save_histories: a fresh database of ``patients`` in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="bench-generate-") as folder:
        result = build(patients, out=Path(folder) / "generate.sqlite3")
    print(result.describe(), flush=True)
    return {
        "benchmark": "generate",
        "patients": result.patients,
        "rows": result.rows,
        "seconds": result.seconds,
        "patients_per_second": result.patients_per_second,
        "rows_per_second": result.rows_per_second,
    }


def markdown(generation: dict[str, Any], startup: dict[str, Any]) -> str:
    """Two small tables: generation throughput, then startup medians per variant and the ratios to the baselines."""
    machine = startup["machine"]
    metrics = [m for m in bench_startup.METRICS if all(m in v for v in startup["variants"].values())]
    lines = [
        f"Benchmarks, {startup['date']} ({machine['cpu_count']} CPUs, Python {machine['python']}, "
        f"PySide6 {startup['pyside6']})",
        "",
        "| Generation | Patients | Rows | Seconds | Patients/s | Rows/s |",
        "|---|---:|---:|---:|---:|---:|",
        f"| save_histories, synthetic_cohort | {generation['patients']:,} | {generation['rows']:,} "
        f"| {generation['seconds']:.1f} | {generation['patients_per_second']:,.0f} "
        f"| {generation['rows_per_second']:,.0f} |",
        "",
        f"Startup with {startup['patients']:,} patients, median of {startup['repeats']} fresh processes (ms; "
        "script = child's first line to first paint, to_paint = spawn to first paint, wall = spawn to exit)",
        "",
        "| Variant | " + " | ".join(m.removesuffix("_ms") for m in metrics) + " | script min - max |",
        "|---|" + "---:|" * (len(metrics) + 1),
    ]
    for variant, data in startup["variants"].items():
        cells = " | ".join(f"{data[m]['median']:.0f}" for m in metrics)
        spread = f"{data['script_ms']['min']:.0f} - {data['script_ms']['max']:.0f}"
        lines.append(f"| {variant} | {cells} | {spread} |")
    for name, ratios in startup["ratios"].items():
        cells = " | ".join(f"{ratios[m]:.2f}x" for m in metrics)
        verdict = "meets" if ratios["to_paint_ms"] <= TARGET_STARTUP_RATIO else "misses"
        lines.append(f"| **{name}** | {cells} | {verdict} the {TARGET_STARTUP_RATIO}x target |")
    return "\n".join(lines)


def search_markdown(search: dict[str, Any]) -> str:
    """Keystroke figures, then the median of every sort click."""
    keys = search["keystrokes"]
    first = search["first_keystroke_ms"]
    lines = [
        f"Search with {search['patients']:,} patients, {keys['model']['n']} keystrokes of {len(search['typed'])} typed "
        f"names/MRNs x {search['repeats']} runs (ms; from model.set_search() to the updated list, in-process)",
        "",
        f"| Keystroke | median | p90 | max | {bench_search.TARGET_MS:.0f} ms median target |",
        "|---|---:|---:|---:|---|",
    ]
    for name, label in (("model", "list updated"), ("model_and_total", "list updated + total counted")):
        f = keys[name]
        verdict = "meets" if f["median"] < bench_search.TARGET_MS else "misses"
        lines.append(f"| {label} | {f['median']:.1f} | {f['p90']:.1f} | {f['max']:.1f} | {verdict} |")
    lines.append(
        f"| first keystroke of a session (cold; + total {first['model_and_total']:.1f}) | {first['model']:.1f} | | | |"
    )
    lines += ["", "| Sort click | median | p90 |", "|---|---:|---:|"]
    for label, f in search["sort_clicks"].items():
        lines.append(f"| {label} | {f['median']:.1f} | {f['p90']:.1f} |")
    return "\n".join(lines)


def bench_workspace_figures(patients: int) -> dict[str, Any]:
    """bench_workspace.py in its own process (it owns a QApplication), its JSON line parsed."""
    script = Path(__file__).resolve().parent / "bench_workspace.py"
    done = subprocess.run(
        [sys.executable, str(script), "--patients", str(patients)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=10_000, help="patients for startup (default %(default)s)")
    parser.add_argument(
        "--generate-patients", type=int, default=1_000, help="patients for the generation run (default %(default)s)"
    )
    parser.add_argument("--repeats", type=int, default=7, help="startup runs per variant (default %(default)s)")
    parser.add_argument(
        "--search-patients",
        type=int,
        default=100_000,
        help="patients for the search benchmark; 0 skips it (default %(default)s; building 100,000 takes ~6 min)",
    )
    parser.add_argument("--json-out", type=Path, help="also write every figure as JSON to this file")
    args = parser.parse_args(argv)

    print("## Generation", flush=True)
    generation = bench_generation(args.generate_patients)
    print("\n## Startup", flush=True)
    startup = bench_startup.run(patients=args.patients, repeats=args.repeats)
    search = None
    if args.search_patients > 0:
        print("\n## Search", flush=True)
        search = bench_search.run(patients=args.search_patients)
    print("\n## Selecting a patient with 50 events", flush=True)
    workspace = bench_workspace_figures(args.patients)
    table = markdown(generation, startup)
    if search is not None:
        table += "\n\n" + search_markdown(search)
    table += (
        f"\n\nSelecting a patient with {workspace['events']} events to a painted workspace: median "
        f"{workspace['median_ms']} ms, p90 {workspace['p90_ms']} ms (target < 100 ms)"
    )
    print("\n" + table)
    if args.json_out is not None:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "date": dt.date.today().isoformat(),
            "generate": generation,
            "startup": startup,
            "search": search,
            "workspace": workspace,
        }
        args.json_out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"\nWrote {args.json_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
