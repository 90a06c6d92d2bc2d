"""Chart data and headless figures: the seed case, gaps for missing films, areas, selections, files, import weight."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import num2date
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

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
    FixedMargins,
    course_figure,
    draw_course,
    draw_emptying,
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
def long_history() -> ChartData:
    """24 studies over four years, a procedure after every sixth (rows of labels and change boxes), Eckardt."""
    start = dt.date(2020, 1, 6)
    history = PatientHistory(patient=Patient(mrn="L-1", family_name="Long", given_name="History", id=8))
    kinds = (ProcedureType.BALLOON_DILATION, ProcedureType.POEM, ProcedureType.BOTULINUM_TOXIN, ProcedureType.LHM)
    for i in range(24):
        day = start + dt.timedelta(days=61 * i)
        height = 18 - (i % 6) * 2.5
        history.studies.append(
            _study(i + 1, day, _cm(1, f"{height + 3:.1f}", "4"), _cm(2, f"{height + 1:.1f}"), _cm(5, f"{height:.1f}"))
        )
        if i % 2 == 0:
            history.eckardt.append(_eckardt(day, 12 - i % 12))
        if i % 6 == 5:
            history.procedures.append(
                Procedure(id=i, procedure_date=day + dt.timedelta(days=3), procedure_type=kinds[i // 6 % 4])
            )
    return build_chart_data(summarize(history, today=dt.date(2025, 1, 1)))


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


# -- screen layout: fixed margins, reused axes -------------------------------------------------------------------------


def _drawn_texts(fig: Figure) -> list[tuple[str, str, Bbox]]:
    """Every text a draw puts on the figure (tick labels as drawn, without annotation arrows), with its extent."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts: list[tuple[str, Text]] = [("figure", t) for t in fig.texts]
    texts += [("legend", t) for legend in fig.legends for t in legend.get_texts()]
    for ax in fig.axes:
        texts += [("annotation", t) for t in ax.texts]
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if not axis.get_visible():
                continue
            for tick in axis._update_ticks():  # the ticks inside the view, the ones drawn
                texts += [(f"{name} tick", label) for label in (tick.label1, tick.label2) if label.get_visible()]
            texts += [(f"{name} label", axis.label), (f"{name} offset", axis.offsetText)]
    return [
        (kind, text.get_text(), Text.get_window_extent(text, renderer))
        for kind, text in texts
        if text.get_visible() and text.get_text()
    ]


def _overlap(a: Bbox, b: Bbox) -> bool:
    box = Bbox.intersection(a, b)
    return box is not None and box.width > 1 and box.height > 1


@pytest.mark.parametrize("size", [(12.0, 6.72), (9.0, 5.4), (7.6, 5.0)])
@pytest.mark.parametrize("options", [{}, {"mode": AREA}, {"show_eckardt": False, "show_reference_lines": False}])
def test_screen_layout_keeps_every_text_inside_and_apart(
    seed: ChartData, treated: ChartData, long_history: ChartData, size: tuple[float, float], options: dict
) -> None:
    """The fixed margins leave room for every label: nothing cut off, nothing over the axes' labels or the legend."""
    for data in (seed, treated, long_history):
        course = Figure(figsize=size)
        draw_course(course, data, **options)
        emptying = Figure(figsize=size)
        draw_emptying(emptying, data, [s.key for s in data.studies][-4:])
        for fig in (course, emptying):
            assert isinstance(fig.get_layout_engine(), FixedMargins)
            texts = _drawn_texts(fig)
            for kind, text, box in texts:
                assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1, (kind, text, size)
                assert fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1, (kind, text, size)
            outside = [t for t in texts if t[0] != "annotation" or t[2].y0 >= fig.axes[0].bbox.y1 - 1]
            for (kind_a, a, box_a), (kind_b, b, box_b) in itertools.combinations(outside, 2):
                if kind_a == kind_b and kind_a in ("x tick", "y tick", "legend", "annotation"):
                    continue  # the same group: spaced by matplotlib or by the chart's rows
                assert not _overlap(box_a, box_b), (kind_a, a, kind_b, b, size)


def test_screen_and_export_layouts(seed: ChartData, long_history: ChartData) -> None:
    # Files are laid out as the screen is (the texts measured and placed for the figure's size).
    assert isinstance(course_figure(seed).get_layout_engine(), FixedMargins)
    assert isinstance(emptying_figure(seed).get_layout_engine(), FixedMargins)
    for data in (seed, long_history):
        for draw in (draw_course, lambda fig, data, **kw: draw_emptying(fig, data, data.default_selection, **kw)):
            screen, export = Figure(figsize=(9, 5.4)), Figure(figsize=(9, 5.4))
            draw(screen, data)
            draw(export, data, layout="constrained")
            assert isinstance(screen.get_layout_engine(), FixedMargins)
            for fig in (screen, export):
                FigureCanvasAgg(fig).draw()
            assert isinstance(export.get_layout_engine(), ConstrainedLayoutEngine)
            # The charts' own layout leaves the plot most of the figure: nearly the width that matplotlib's
            # constrained layout gives it, and over half the height (constrained layout gives more only to
            # procedure labels it lets overlap, as it knows nothing of their rows).
            fixed, measured = screen.axes[0].get_position(), export.axes[0].get_position()
            assert fixed.width > measured.width - 0.04 and fixed.height > 0.55
            (title,) = [t for t in screen.texts if t.get_text().startswith(("TBE course", "Emptying"))]
            assert title.get_position()[0] < 0.02 and title.get_position()[1] > 0.97  # top left


def test_redraw_reuses_the_axes_and_replaces_what_they_hold(
    seed: ChartData, treated: ChartData, long_history: ChartData
) -> None:
    fig = Figure(figsize=(9, 5.4))
    first = draw_course(fig, long_history)
    main, eckardt = fig.axes
    second = draw_course(fig, treated)
    assert fig.axes == [main, eckardt] and second.axes is first.axes is main
    assert sorted(_lines(fig)) == sorted(
        ["1 min", "2 min", "5 min", "Eckardt score", *(line.label for line in treated.reference_lines)]
    )
    assert len(main.collections) == 1 and len(fig.legends) == 1
    titles = [t.get_text() for t in fig.texts]
    assert titles == ["TBE course: Test, Ana (T-1)"]
    annotations = [t.get_text() for t in main.texts]
    assert "Rescue POEM\n2024-04-03" in annotations
    assert not [t for t in annotations if "2021" in t or "2022" in t]  # nothing left of the long history
    assert list(_lines(fig)["Eckardt score"].get_ydata()) == [9.0, 2.0]

    # Without the Eckardt axis the figure starts afresh, and so it does after an empty state.
    draw_course(fig, seed, show_eckardt=False)
    assert len(fig.axes) == 1 and fig.axes[0] is not main
    draw_emptying(fig, seed, [])
    assert fig.axes == [] and _texts(fig) == [NOTHING_PICKED_TEXT]
    draw_emptying(fig, seed, [-1])
    drawn = draw_emptying(fig, treated, [13, 15])
    assert fig.axes == [drawn.axes] and list(_lines(fig)) == [
        "2024-04-02 (before Rescue POEM)",
        "2024-10-01 (181 days after Rescue POEM)",
    ]
    assert [t.get_text() for t in fig.texts] == ["Emptying: Test, Ana (T-1)"]
    FigureCanvasAgg(fig).draw()
