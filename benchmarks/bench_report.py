"""Writing a 10-page patient report as PDF (issue 5 target: under 2 s), in-process and offscreen.

One generated patient with a long history (TBE studies of 1, 2 and 5 min with widths, a procedure after every third
study, an Eckardt score with every study, manometry and endoscopy) is saved in a temporary SQLite clinic. Each
measured run is ``write_report_pdf(clinic, mrn, path)``: read the history, summarise, draw both charts as SVG
(matplotlib), lay out the QTextDocument, paint every page with QPdfWriter and write the file atomically. The run
asserts the page count it got and prints it. Warm-up runs (importing matplotlib, loading fonts) are dropped.

    .venv/bin/python benchmarks/bench_report.py [--repeats 7] [--warmup 1] [--json-out [PATH]]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
if str(BENCH_DIR.parent) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from barium_tracker.domain.enums import (  # noqa: E402
    ChicagoSubtype,
    Diagnosis,
    LesOpening,
    ProcedureType,
    Sex,
)
from barium_tracker.domain.records import (  # noqa: E402
    ColumnMeasurement,
    EckardtAssessment,
    Endoscopy,
    Manometry,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)

TARGET_MS = 2000.0
EXPECTED_PAGES = 10
MRN = "BENCH-REPORT"


def long_history(studies: int = 12) -> PatientHistory:
    """A patient whose A4 report fills ten pages: ``studies`` TBE studies three months apart, six procedures."""
    start = dt.date(2016, 2, 1)
    history = PatientHistory(
        patient=Patient(
            mrn=MRN,
            family_name="Benchmark Report",
            given_name="Ten Pages",
            birth_date=dt.date(1968, 5, 17),
            sex=Sex.FEMALE,
            diagnosis=Diagnosis.ACHALASIA_TYPE_II,
            diagnosis_date=start,
        )
    )
    history.manometry.append(
        Manometry(
            study_date=start,
            system="Medtronic ManoScan",
            irp_supine_mmhg=Decimal("31.5"),
            irp_upright_mmhg=Decimal("24"),
            irp_upper_limit_mmhg=Decimal(15),
            subtype=ChicagoSubtype.ACHALASIA_TYPE_II,
            conclusive=True,
            failed_swallows_pct=Decimal(100),
            pan_pressurisation_pct=Decimal(40),
        )
    )
    kinds = (ProcedureType.BOTULINUM_TOXIN, ProcedureType.BALLOON_DILATION, ProcedureType.POEM, ProcedureType.LHM)
    height = Decimal("13.5")
    for i in range(studies):
        day = start + dt.timedelta(days=91 * i)
        films = [
            ColumnMeasurement(minute=1, height_cm=height + 4, width_cm=Decimal("4.6")),
            ColumnMeasurement(minute=2, height_cm=height + 2, width_cm=Decimal("4.1")),
            ColumnMeasurement(minute=5, height_cm=height, width_cm=Decimal("3.4") if i % 4 else None),
        ]
        history.studies.append(
            TbeStudy(
                study_date=day,
                barium_volume_ml=Decimal(200),
                barium_type="Low-density barium 45 % w/v",
                measurements=films,
            )
        )
        total = min(12, int(height) // 2 + 1)
        history.eckardt.append(
            EckardtAssessment(
                assessment_date=day,
                dysphagia=min(3, total),
                regurgitation=min(3, max(0, total - 3)),
                retrosternal_pain=min(3, max(0, total - 6)),
                weight_loss=min(3, max(0, total - 9)),
            )
        )
        if i % 3 == 0:
            number = i // 3
            kind = kinds[number % len(kinds)]
            history.procedures.append(
                Procedure(
                    procedure_date=day + dt.timedelta(days=4),
                    procedure_type=kind,
                    rescue=number > 2 and kind.is_myotomy,
                    balloon_diameter_mm=Decimal(30 + 5 * (number % 3))
                    if kind is ProcedureType.BALLOON_DILATION
                    else None,
                    botox_units=Decimal(100) if kind is ProcedureType.BOTULINUM_TOXIN else None,
                    myotomy_length_cm=Decimal(10) if kind.is_myotomy else None,
                    duration_min=40 + number,
                    operator="Dr. Benchmark",
                    notes="Generated for the report benchmark.",
                )
            )
            height = max(Decimal("1.5"), (height * Decimal("0.45")).quantize(Decimal("0.1")))
        else:
            height = min(Decimal("16"), height + Decimal("1.3"))
        if i % 6 == 5:
            history.endoscopy.append(
                Endoscopy(exam_date=day + dt.timedelta(days=10), les_opening=LesOpening.EASY, findings="Generated.")
            )
    return history


def figures(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
    }


def measure(repeats: int, warmup: int) -> dict[str, Any]:
    from barium_tracker.services.clinic import Clinic
    from barium_tracker.services.records import save_history
    from barium_tracker.services.report import build_report, ensure_gui_application, pdf_page_count, write_report_pdf

    ensure_gui_application()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder, Clinic.open(Path(folder) / "c.sqlite3") as c:
        save_history(c, long_history(), source="benchmark")
        pdf = Path(folder) / "report.pdf"
        first_ms = 0.0
        totals: list[float] = []
        builds: list[float] = []
        for run in range(warmup + repeats):
            started = time.perf_counter()
            write_report_pdf(c, MRN, pdf)
            elapsed = (time.perf_counter() - started) * 1000
            if run == 0:
                first_ms = elapsed
            if run >= warmup:
                totals.append(elapsed)
            pages = pdf_page_count(pdf.read_bytes())
            assert pages == EXPECTED_PAGES, f"the benchmark patient's report has {pages} pages, not {EXPECTED_PAGES}"
        for _ in range(repeats):  # the part before painting: read, summarise, charts, layout
            started = time.perf_counter()
            build_report(c, MRN)
            builds.append((time.perf_counter() - started) * 1000)
        size = pdf.stat().st_size
    return {
        "benchmark": "report",
        "pages": pages,
        "pdf_bytes": size,
        "first_run_ms": round(first_ms, 1),
        "write_report_pdf_ms": figures(totals),
        "build_report_ms": figures(builds),
        "target_ms": TARGET_MS,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7, help="measured runs (at least 3)")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--json-out", nargs="?", const="", help="also write the JSON (default results/report-DATE)")
    args = parser.parse_args(argv)
    if args.repeats < 3:
        parser.error("--repeats must be at least 3")
    summary = measure(args.repeats, args.warmup)
    summary.update(
        {
            "date": dt.date.today().isoformat(),
            "repeats": args.repeats,
            "warmup": args.warmup,
            "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(), "system": platform.system()},
        }
    )
    total = summary["write_report_pdf_ms"]
    verdict = "meets" if total["median"] < TARGET_MS else "misses"
    print(
        f"Report of {summary['pages']} pages ({summary['pdf_bytes']:,} bytes): write_report_pdf median "
        f"{total['median']:.0f} ms (min {total['min']:.0f}, max {total['max']:.0f}); build_report median "
        f"{summary['build_report_ms']['median']:.0f} ms; first run {summary['first_run_ms']:.0f} ms; "
        f"{verdict} the {TARGET_MS:.0f} ms target",
        flush=True,
    )
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json_out is not None:
        out = Path(args.json_out) if args.json_out else RESULTS_DIR / f"report-{summary['date']}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
        print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
