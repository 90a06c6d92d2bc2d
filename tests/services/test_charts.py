"""Chart data and headless figures: the seed case, gaps for missing films, areas, selections, files, import weight."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import num2date
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.services.chart_figures import (
    NOTHING_PICKED_TEXT,
    course_figure,
    draw_course,
    emptying_figure,
    figure_format,
    save_figure,
)
from barium_tracker.services.charts import (
    AREA,
    EMPTY_TEXT,
    HEIGHT,
    ChartData,
    build_chart_data,
    fmt_cm,
)
from barium_tracker.services.demo import seed_case
from barium_tracker.services.summary import summarize

D = Decimal
MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<?xml", ".pdf": b"%PDF-"}


def _cm(minute: int, height: str | None, width: str | None = None) -> ColumnMeasurement:
    return ColumnMeasurement(
        minute=minute,
        height_cm=None if height is None else D(height),
        width_cm=None if width is None else D(width),
    )


def _study(study_id: int, day: dt.date, *films: ColumnMeasurement) -> TbeStudy:
    return TbeStudy(id=study_id, study_date=day, measurements=list(films))


def _eckardt(day: dt.date, total: int) -> EckardtAssessment:
    items = [min(3, max(0, total - 3 * i)) for i in range(4)]
    return EckardtAssessment(
        assessment_date=day,
        dysphagia=items[0],
        regurgitation=items[1],
        retrosternal_pain=items[2],
        weight_loss=items[3],
    )


@pytest.fixture
def seed() -> ChartData:
    return build_chart_data(summarize(seed_case(), today=dt.date(2026, 11, 1)))


@pytest.fixture
def treated() -> ChartData:
    """Balloon dilation, then POEM; widths on some films; a 2-min film only on the first study."""
    history = PatientHistory(
        patient=Patient(mrn="T-1", family_name="Test", given_name="Ana", id=7),
        studies=[
            _study(
                11,
                dt.date(2024, 1, 10),
                _cm(1, "14", "4"),
                _cm(2, "13.5", "4"),
                _cm(5, "12", "3.375"),
            ),
            _study(12, dt.date(2024, 3, 1), _cm(1, "11"), _cm(5, "9.5", "3")),  # no 2-min film
            _study(13, dt.date(2024, 4, 2), _cm(1, "10", "3"), _cm(5, "9", "4.5")),  # POEM's reference
            _study(14, dt.date(2024, 5, 20), _cm(1, "6", "2"), _cm(5, "4", "2.5")),
            _study(15, dt.date(2024, 10, 1), _cm(1, "3.5", "2"), _cm(5, "2.7", "3")),  # latest follow-up
        ],
        procedures=[
            Procedure(id=21, procedure_date=dt.date(2024, 1, 20), procedure_type=ProcedureType.BALLOON_DILATION),
            Procedure(id=22, procedure_date=dt.date(2024, 4, 3), procedure_type=ProcedureType.POEM, rescue=True),
        ],
        eckardt=[_eckardt(dt.date(2024, 1, 10), 9), _eckardt(dt.date(2024, 10, 1), 2)],
    )
    return build_chart_data(summarize(history, today=dt.date(2025, 1, 1)))


# -- data -----------------------------------------------------------------------------------------------------------


def test_seed_case_series_markers_and_annotation(seed: ChartData) -> None:
    # The seed records are not saved, so the studies are keyed -1, -2 in date order.
    assert [(s.key, s.date) for s in seed.studies] == [(-1, dt.date(2025, 6, 9)), (-2, dt.date(2025, 7, 10))]
    (five,) = seed.series(HEIGHT)
    assert five.minute == 5
    assert five.dates == (dt.date(2025, 6, 9), dt.date(2025, 7, 10))
    assert five.values == (D("12"), D("2.7"))
    assert seed.series(AREA) == ()  # no widths in the report: nothing to draw in area mode
    assert [(m.date, m.label) for m in seed.markers] == [
        (dt.date(2025, 2, 10), "LHM 2025-02-10"),
        (dt.date(2025, 5, 12), "Balloon dilation 2025-05-12"),
        (dt.date(2025, 6, 10), "Rescue POEM 2025-06-10"),
    ]
    assert [a.text for a in seed.annotations(HEIGHT)] == ["5 min: 12.0 -> 2.7 cm (-77.5 %)"]
    note = seed.annotations(HEIGHT)[0]
    assert (note.procedure_title, note.reference_date, note.follow_up_date) == (
        "Rescue POEM",
        dt.date(2025, 6, 9),
        dt.date(2025, 7, 10),
    )
    assert seed.annotations(AREA) == ()
    assert [(e.date, e.total) for e in seed.eckardt] == [(dt.date(2025, 6, 9), 12), (dt.date(2026, 6, 10), 2)]
    assert [line.height_cm for line in seed.reference_lines] == [D(5), D(2)]
    assert seed.default_selection == (-1, -2)
    assert seed.study(-2).label == "2025-07-10 (30 days after Rescue POEM)"
    assert seed.study(-2).hover_text.splitlines()[1] == "5 min: 2.7 cm, width not measured"


def test_missing_films_are_gaps_not_zeros(treated: ChartData) -> None:
    by_minute = {s.minute: s for s in treated.series(HEIGHT)}
    assert sorted(by_minute) == [1, 2, 5]
    assert by_minute[2].values == (D("13.5"), None, None, None, None)
    assert by_minute[1].values == (D("14"), D("11"), D("10"), D("6"), D("3.5"))
    assert [p.study_id for p in by_minute[2].points] == [11]
    # Area only where height and width both exist: study 12 has no 1-min width.
    area = {s.minute: s for s in treated.series(AREA)}
    assert area[1].values == (D("56"), None, D("30"), D("12"), D("7.0"))
    assert area[5].values[0] == D("40.500")
    assert 2 in area  # 13.5 x 4 on the first study


def test_annotations_use_the_reference_and_the_latest_follow_up(treated: ChartData) -> None:
    texts = [(a.procedure_id, a.text) for a in treated.annotations(HEIGHT)]
    assert texts == [
        (21, "1 min: 14.0 -> 10.0 cm (-28.6 %)"),  # dilation: reference 01-10, latest follow-up 04-02
        (21, "5 min: 12.0 -> 9.0 cm (-25.0 %)"),  # no 2-min film on the follow-up: no 2-min line
        (22, "1 min: 10.0 -> 3.5 cm (-65.0 %)"),
        (22, "5 min: 9.0 -> 2.7 cm (-70.0 %)"),
    ]
    areas = [(a.procedure_id, a.text) for a in treated.annotations(AREA)]
    assert areas == [
        (21, "1 min: 56.0 -> 30.0 cm² (-46.4 %)"),
        (21, "5 min: 40.5 -> 40.5 cm² (0.0 %)"),
        (22, "1 min: 30.0 -> 7.0 cm² (-76.7 %)"),
        (22, "5 min: 40.5 -> 8.1 cm² (-80.0 %)"),
    ]
    poem = treated.annotations(HEIGHT)[-1]
    assert (poem.reference_date, poem.follow_up_date) == (dt.date(2024, 4, 2), dt.date(2024, 10, 1))


def test_default_emptying_selection_is_before_and_after_the_latest_procedure(treated: ChartData) -> None:
    assert treated.default_selection == (13, 14, 15)
    assert [p.minute for p in treated.curve(12).points] == [1, 5]
    assert treated.study(13).label == "2024-04-02 (before Rescue POEM)"
    assert "Emptying 1 to 5 min: 10.0 %" in treated.study(13).hover_text


def test_default_selection_without_procedures_or_follow_ups() -> None:
    patient = Patient(mrn="N-1")
    one = PatientHistory(
        patient=patient,
        studies=[_study(1, dt.date(2024, 1, 1), _cm(5, "8")), _study(2, dt.date(2024, 2, 1), _cm(5, "7"))],
    )
    assert build_chart_data(summarize(one)).default_selection == (2,)
    one.procedures.append(Procedure(procedure_date=dt.date(2024, 3, 1), procedure_type=ProcedureType.POEM))
    data = build_chart_data(summarize(one))
    assert data.default_selection == (2,)  # the reference; no follow-up yet
    assert data.annotations(HEIGHT) == ()


def test_an_empty_history_is_empty() -> None:
    data = build_chart_data(summarize(PatientHistory(patient=Patient(mrn="E-1"))))
    assert data.is_empty
    assert data.series(HEIGHT) == () and data.default_selection == () and data.markers == ()


@pytest.mark.parametrize(
    ("value", "text"), [("12", "12.0"), ("2.7", "2.7"), ("2.70", "2.7"), ("0", "0.0"), ("2.75", "2.75"), ("10", "10.0")]
)
def test_fmt_cm_keeps_measured_digits(value: str, text: str) -> None:
    assert fmt_cm(D(value)) == text


def test_mode_is_checked(seed: ChartData) -> None:
    with pytest.raises(ValueError, match="height"):
        seed.series("volume")  # type: ignore[arg-type]


# -- figures --------------------------------------------------------------------------------------------------------


def _lines(fig: Figure) -> dict[str, Line2D]:
    return {
        line.get_label(): line for ax in fig.axes for line in ax.get_lines() if not line.get_label().startswith("_")
    }


def _texts(fig: Figure) -> list[str]:
    out = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        out += [t.get_text() for t in ax.texts]
    return out


def test_course_figure_draws_the_seed_case(seed: ChartData) -> None:
    fig = course_figure(seed)
    lines = _lines(fig)
    five = lines["5 min"]
    assert list(five.get_ydata()) == [12.0, 2.7]
    assert [d.date() for d in num2date(five.get_xdata())] == [dt.date(2025, 6, 9), dt.date(2025, 7, 10)]
    assert list(lines["Eckardt score"].get_ydata()) == [12.0, 2.0]
    texts = _texts(fig)
    assert "5 min: 12.0 -> 2.7 cm (-77.5 %)" in texts
    assert {"LHM\n2025-02-10", "Balloon dilation\n2025-05-12", "Rescue POEM\n2025-06-10"} <= set(texts)
    ax = fig.axes[0]
    marker_x = ax.collections[0].get_segments()
    assert [num2date(seg[0][0]).date() for seg in marker_x] == [m.date for m in seed.markers]
    assert ax.get_ylabel() == "Barium column height (cm)"
    assert ax.get_xlabel() == "Exam date"
    assert fig.axes[1].get_ylabel() == "Eckardt score (0-12)"
    heights = [line.get_ydata()[0] for line in ax.get_lines() if line.get_linestyle() != "-"]
    assert sorted(heights) == [2.0, 5.0]  # the reference lines
    FigureCanvasAgg(fig).draw()


def test_course_figure_options_and_gaps(treated: ChartData) -> None:
    fig = course_figure(treated, mode=AREA, show_eckardt=False, show_reference_lines=True)
    ax = fig.axes[0]
    assert len(fig.axes) == 1  # no Eckardt axis
    assert ax.get_ylabel() == "Column area (cm²)"
    one = _lines(fig)["1 min"]
    assert np.isnan(one.get_ydata()[1])  # a gap, not a zero
    assert one.get_ydata()[0] == 56.0
    assert "5 min: 40.5 -> 8.1 cm² (-80.0 %)" in "\n".join(_texts(fig)).splitlines()
    assert not [line for line in ax.get_lines() if line.get_label().startswith(("5 cm", "2 cm"))]

    fig = course_figure(treated, show_reference_lines=False)
    assert not [line for line in fig.axes[0].get_lines() if line.get_label().startswith(("5 cm", "2 cm"))]


def test_emptying_figure_draws_the_picked_studies(treated: ChartData) -> None:
    fig = emptying_figure(treated)
    lines = _lines(fig)
    assert list(lines) == [
        "2024-04-02 (before Rescue POEM)",
        "2024-05-20 (47 days after Rescue POEM)",
        "2024-10-01 (181 days after Rescue POEM)",
    ]
    before = lines["2024-04-02 (before Rescue POEM)"]
    assert list(before.get_xdata()) == [1.0, 5.0] and list(before.get_ydata()) == [10.0, 9.0]
    assert before.get_linestyle() == "--"
    ax = fig.axes[0]
    assert ax.get_xlabel().startswith("Minutes after barium ingestion (no 2-min film")
    assert ax.get_ylabel() == "Barium column height (cm)"
    fig = emptying_figure(treated, [11])
    assert list(_lines(fig)) == ["2024-01-10 (10 days before Balloon dilation)"]
    assert next(iter(_lines(fig).values())).get_ydata().tolist() == [14.0, 13.5, 12.0]
    assert _texts(emptying_figure(treated, [])) == [NOTHING_PICKED_TEXT]


def test_empty_states_have_no_axes() -> None:
    data = build_chart_data(summarize(PatientHistory(patient=Patient(mrn="E-1"))))
    for fig in (course_figure(data), emptying_figure(data)):
        assert fig.axes == []
        assert _texts(fig) == [EMPTY_TEXT]
        FigureCanvasAgg(fig).draw()


def test_annotation_boxes_do_not_overlap(treated: ChartData) -> None:
    fig = course_figure(treated)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [
        t.get_window_extent(renderer)
        for t in fig.axes[0].texts
        if isinstance(t, Annotation) and t.get_text().startswith(("1 min", "5 min"))
    ]
    assert len(boxes) == 2
    assert not boxes[0].overlaps(boxes[1])
    figure_box = fig.bbox
    for text in fig.axes[0].texts:
        extent = text.get_window_extent(renderer)
        assert figure_box.x0 <= extent.x0 and extent.x1 <= figure_box.x1, text.get_text()


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_save_figure_writes_each_format(seed: ChartData, tmp_path: Path, suffix: str) -> None:
    path = save_figure(course_figure(seed), tmp_path / f"course{suffix.upper()}")
    data = path.read_bytes()
    assert len(data) > 1000
    assert data.startswith(MAGIC[suffix])


def test_save_figure_refuses_other_suffixes(seed: ChartData, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
        save_figure(course_figure(seed), tmp_path / "course.jpg")
    assert figure_format("a.Svg") == "svg"


def test_draw_course_reuses_a_figure(seed: ChartData, treated: ChartData) -> None:
    fig = Figure()
    draw_course(fig, treated)
    drawn = draw_course(fig, seed)
    assert drawn.axes is fig.axes[0]
    assert "1 min" not in _lines(fig)


def test_chart_data_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "import barium_tracker.services.charts\n"
        "import barium_tracker.services.summary\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
