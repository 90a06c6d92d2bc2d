"""Redrawing both patient charts for a patient with 50 TBE studies (issue target: median < 100 ms).

In-process and offscreen. One round = ``build_chart_data(summary)`` once, then for the course chart and the emptying
chart ``set_data(data)`` (which rebuilds the figure's artists) and ``canvas.draw()`` (the Agg render, layout
included). Also reported: a bare one-line matplotlib plot drawn the same way (a yardstick for comparing machines),
and the one-off cost of the first chart (importing matplotlib and its Qt backend), which the
workspace pays when the chart tab is first shown, never at start-up.

    .venv/bin/python benchmarks/bench_charts.py [--repeats 30] [--warmup 3] [--studies 50] [--json-out [PATH]]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR.parent) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from barium_tracker.domain.enums import Diagnosis, ProcedureType  # noqa: E402
from barium_tracker.domain.records import (  # noqa: E402
    ColumnMeasurement,
    EckardtAssessment,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.services.summary import summarize  # noqa: E402

TARGET_MS = 100.0


def many_studies(count: int = 50) -> PatientHistory:
    """``count`` TBE studies two months apart (1, 2 and 5 min, widths; every fifth without a 2-min film),
    a procedure after every sixth study (rescue after the first), and an Eckardt score with every other study."""
    start = dt.date(2014, 3, 3)
    history = PatientHistory(
        patient=Patient(
            id=1,
            mrn="BENCH-CHARTS",
            family_name="Benchmark",
            given_name="Fifty",
            birth_date=dt.date(1970, 1, 1),
            diagnosis=Diagnosis.ACHALASIA_TYPE_II,
        )
    )
    kinds = (ProcedureType.BALLOON_DILATION, ProcedureType.POEM, ProcedureType.BOTULINUM_TOXIN, ProcedureType.LHM)
    height = Decimal("14.0")
    for i in range(count):
        day = start + dt.timedelta(days=61 * i)
        films = [
            ColumnMeasurement(minute=1, height_cm=height + 3, width_cm=Decimal("4.2")),
            ColumnMeasurement(minute=2, height_cm=height + 1, width_cm=Decimal("3.9")),
            ColumnMeasurement(minute=5, height_cm=height, width_cm=Decimal("3.1")),
        ]
        if i % 5 == 4:
            del films[1]
        history.studies.append(TbeStudy(id=i + 1, study_date=day, barium_volume_ml=Decimal(200), measurements=films))
        if i % 2 == 0:
            history.eckardt.append(
                EckardtAssessment(
                    id=i + 1,
                    assessment_date=day,
                    dysphagia=min(3, int(height) // 4),
                    regurgitation=min(3, int(height) // 5),
                    retrosternal_pain=1,
                    weight_loss=i % 2,
                )
            )
        if i % 6 == 5:
            number = i // 6
            history.procedures.append(
                Procedure(
                    id=number + 1,
                    procedure_date=day + dt.timedelta(days=3),
                    procedure_type=kinds[number % len(kinds)],
                    rescue=number > 0 and kinds[number % len(kinds)].is_myotomy,
                )
            )
            height = max(Decimal("1.5"), height * Decimal("0.45")).quantize(Decimal("0.1"))
        else:
            height = min(Decimal("18"), height + Decimal("0.7"))
    return history


def measure(studies: int, repeats: int, warmup: int) -> dict[str, object]:
    app = QApplication.instance() or QApplication([])
    assert "matplotlib" not in sys.modules
    start = time.perf_counter()
    from barium_tracker.services.charts import build_chart_data
    from barium_tracker.ui.charts import CourseChartWidget, EmptyingChartWidget

    first_import_ms = (time.perf_counter() - start) * 1000

    summary = summarize(many_studies(studies), today=dt.date(2026, 11, 1))
    course, emptying = CourseChartWidget(), EmptyingChartWidget()
    for widget in (course, emptying):
        widget.resize(1200, 700)
        widget.show()
    app.processEvents()

    # A yardstick for other machines: a bare one-line matplotlib plot on the same canvas size, drawn the same way.
    from matplotlib.figure import Figure

    from barium_tracker.ui.charts import ChartCanvas

    bare_figure = Figure(figsize=(12, 6.72))
    bare_canvas = ChartCanvas(bare_figure)
    bare: list[float] = []
    for i in range(warmup + repeats):
        t0 = time.perf_counter()
        bare_figure.clear()
        bare_figure.add_subplot().plot([1, 2, 3], [3, 1, 2])
        bare_canvas.draw()
        if i >= warmup:
            bare.append((time.perf_counter() - t0) * 1000)

    rounds: list[dict[str, float]] = []
    for i in range(warmup + repeats):
        t0 = time.perf_counter()
        data = build_chart_data(summary)
        t1 = time.perf_counter()
        course.set_data(data)
        course.canvas.draw()
        t2 = time.perf_counter()
        emptying.set_data(data)
        emptying.canvas.draw()
        t3 = time.perf_counter()
        app.processEvents()  # the idle paint that set_data scheduled, outside the clock
        if i >= warmup:
            rounds.append(
                {
                    "data_ms": (t1 - t0) * 1000,
                    "course_ms": (t2 - t1) * 1000,
                    "emptying_ms": (t3 - t2) * 1000,
                    "total_ms": (t3 - t0) * 1000,
                }
            )
    course_data = course.data
    assert course_data is not None

    def med(key: str) -> float:
        return round(statistics.median(r[key] for r in rounds), 1)

    totals = sorted(r["total_ms"] for r in rounds)
    result = {
        "benchmark": "charts",
        "date": dt.date.today().isoformat(),
        "studies": studies,
        "procedures": len(course_data.markers),
        "eckardt_scores": len(course_data.eckardt),
        "emptying_curves": len(emptying.selected_keys()),
        "canvas_px": [course.canvas.width(), course.canvas.height()],
        "repeats": repeats,
        "warmup": warmup,
        "median_data_ms": med("data_ms"),
        "median_course_ms": med("course_ms"),
        "median_emptying_ms": med("emptying_ms"),
        "median_total_ms": med("total_ms"),
        "p90_total_ms": round(totals[int(0.9 * (len(totals) - 1))], 1),
        "min_total_ms": round(totals[0], 1),
        "max_total_ms": round(totals[-1], 1),
        "target_ms": TARGET_MS,
        "median_bare_plot_ms": round(statistics.median(bare), 1),
        "first_chart_import_ms": round(first_import_ms, 1),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
    }
    result["meets_target"] = result["median_total_ms"] < TARGET_MS
    for widget in (course, emptying):
        widget.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=30, help="timed rounds (at least 20)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json-out", nargs="?", const="", default=None, help="write the JSON to a file too")
    args = parser.parse_args(argv)
    if args.repeats < 20:
        parser.error("--repeats must be at least 20")
    result = measure(args.studies, args.repeats, args.warmup)
    text = json.dumps(result)
    print(text)
    if args.json_out is not None:
        out = Path(args.json_out) if args.json_out else BENCH_DIR / "results" / f"charts-{result['date']}.json"
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
