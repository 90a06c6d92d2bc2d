"""Redrawing both patient charts for a patient with 50 TBE studies (issue target: median < 100 ms).

In-process and offscreen, with both chart widgets shown. Each round shows a *different* 50-study patient (dates
and heights shifted), as when the user picks the next patient, so text caches hold only what really repeats (tick
and axis labels, the legend). One round = ``build_chart_data(summary)`` once, then for the course chart and the
emptying chart what the user waits for: ``set_data(data)`` (the figure's artists; it schedules the canvas' idle
draw) and the Qt events until the canvas has painted (the idle draw, i.e. the Agg render with its layout, and the
copy of the image to the widget). The same render happens once per chart and round (``draws_per_chart``).

In the workspace the charts sit on tabs and only the visible one draws; the hidden one just takes the data
(``hidden_set_data_ms``, the emptying chart's study list) and draws when its tab is shown. The target is for both.

Also reported: a bare one-line matplotlib plot (plain ``FigureCanvasQTAgg``, no font hinting, as the charts before),
a yardstick for comparing machines; and the one-off cost of the first chart (importing matplotlib and its Qt
backend), which the workspace pays when the chart tab is first shown, never at start-up.

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

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

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


def many_studies(count: int = 50, variant: int = 0) -> PatientHistory:
    """``count`` TBE studies two months apart (1, 2 and 5 min, widths; every fifth without a 2-min film),
    a procedure after every sixth study (rescue after the first), and an Eckardt score with every other study.

    ``variant`` makes another patient of the same shape: dates a week later and heights 0.1 cm higher per step.
    """
    start = dt.date(2014, 3, 3) + dt.timedelta(days=7 * variant)
    history = PatientHistory(
        patient=Patient(
            id=1 + variant,
            mrn=f"BENCH-CHARTS-{variant}" if variant else "BENCH-CHARTS",
            family_name="Benchmark",
            given_name="Fifty",
            birth_date=dt.date(1970, 1, 1),
            diagnosis=Diagnosis.ACHALASIA_TYPE_II,
        )
    )
    kinds = (ProcedureType.BALLOON_DILATION, ProcedureType.POEM, ProcedureType.BOTULINUM_TOXIN, ProcedureType.LHM)
    height = Decimal("14.0") + Decimal(variant % 20) / 10
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


class _PaintSpy(QObject):
    """Counts the paint events of a widget (seen just before Qt hands them to it)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def _until_painted(app: QApplication, spy: _PaintSpy, timeout_s: float = 10.0) -> None:
    """Process events until the canvas has painted once more (the paint is handled within the same call)."""
    before, deadline = spy.paints, time.perf_counter() + timeout_s
    while spy.paints == before:
        if time.perf_counter() > deadline:
            raise RuntimeError("the canvas did not paint")
        app.processEvents()


def measure(studies: int, repeats: int, warmup: int) -> dict[str, object]:
    app = QApplication.instance() or QApplication([])
    assert "matplotlib" not in sys.modules
    start = time.perf_counter()
    from barium_tracker.services.charts import build_chart_data
    from barium_tracker.ui.charts import CourseChartWidget, EmptyingChartWidget

    first_import_ms = (time.perf_counter() - start) * 1000

    rounds_total = warmup + repeats
    summaries = [summarize(many_studies(studies, variant=i), today=dt.date(2026, 11, 1)) for i in range(rounds_total)]
    course, emptying = CourseChartWidget(), EmptyingChartWidget()
    hidden = EmptyingChartWidget()  # a chart on a tab not shown: takes the data, draws nothing
    for widget in (course, emptying):
        widget.resize(1200, 700)
        widget.show()
    app.processEvents()
    spies = {"course": _PaintSpy(course.canvas), "emptying": _PaintSpy(emptying.canvas)}
    draws = {"course": 0, "emptying": 0}

    def counted(name: str, draw):
        def wrapper() -> None:
            draws[name] += 1
            draw()

        return wrapper

    course.canvas.draw = counted("course", course.canvas.draw)  # type: ignore[method-assign]
    emptying.canvas.draw = counted("emptying", emptying.canvas.draw)  # type: ignore[method-assign]

    # A yardstick for other machines: a bare one-line plot on the same canvas size (stock Qt canvas, no hinting).
    import matplotlib as mpl
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    bare_figure = Figure(figsize=(12, 6.72))
    bare_canvas = FigureCanvasQTAgg(bare_figure)
    bare: list[float] = []
    for i in range(warmup + repeats):
        t0 = time.perf_counter()
        bare_figure.clear()
        bare_figure.add_subplot().plot([1, 2, 3], [3, 1, 2])
        with mpl.rc_context({"text.hinting": "no_hinting"}):
            bare_canvas.draw()
        if i >= warmup:
            bare.append((time.perf_counter() - t0) * 1000)

    rounds: list[dict[str, float]] = []
    for i in range(rounds_total):
        if i == warmup:
            draws = dict.fromkeys(draws, 0)
        t0 = time.perf_counter()
        data = build_chart_data(summaries[i])
        t1 = time.perf_counter()
        course.set_data(data)
        t2 = time.perf_counter()
        _until_painted(app, spies["course"])
        t3 = time.perf_counter()
        emptying.set_data(data)
        t4 = time.perf_counter()
        _until_painted(app, spies["emptying"])
        t5 = time.perf_counter()
        hidden.set_data(data)
        t6 = time.perf_counter()
        if i >= warmup:
            rounds.append(
                {
                    "data_ms": (t1 - t0) * 1000,
                    "course_ms": (t3 - t1) * 1000,
                    "course_set_data_ms": (t2 - t1) * 1000,
                    "emptying_ms": (t5 - t3) * 1000,
                    "emptying_set_data_ms": (t4 - t3) * 1000,
                    "total_ms": (t5 - t0) * 1000,
                    "hidden_set_data_ms": (t6 - t5) * 1000,
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
        "emptying_canvas_px": [emptying.canvas.width(), emptying.canvas.height()],
        "repeats": repeats,
        "warmup": warmup,
        "median_data_ms": med("data_ms"),
        "median_course_ms": med("course_ms"),
        "median_course_set_data_ms": med("course_set_data_ms"),
        "median_emptying_ms": med("emptying_ms"),
        "median_emptying_set_data_ms": med("emptying_set_data_ms"),
        "median_total_ms": med("total_ms"),
        "p90_total_ms": round(totals[int(0.9 * (len(totals) - 1))], 1),
        "min_total_ms": round(totals[0], 1),
        "max_total_ms": round(totals[-1], 1),
        "median_hidden_set_data_ms": med("hidden_set_data_ms"),
        "draws_per_chart": {name: round(n / repeats, 2) for name, n in draws.items()},
        "target_ms": TARGET_MS,
        "median_bare_plot_ms": round(statistics.median(bare), 1),
        "first_chart_import_ms": round(first_import_ms, 1),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
    }
    result["meets_target"] = result["median_total_ms"] < TARGET_MS
    # Undo the instrumentation and delete the widgets while Qt runs (not at interpreter exit, in any order).
    for widget, spy in ((course, spies["course"]), (emptying, spies["emptying"])):
        widget.canvas.removeEventFilter(spy)
        del widget.canvas.draw
        spy.deleteLater()
    for widget in (course, emptying, hidden):
        widget.close()
        widget.deleteLater()
    app.processEvents()
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
