"""Chart labels never overlap each other or the title, and none is drawn outside the figure (issue 11).

Every text a chart draws (the title, procedure labels, change boxes, value labels, tick labels, axis labels, offset
texts, legend entries) is measured with matplotlib's renderer after a real draw, for the demo case and for hard
cases (procedures close in time, long Spanish names, a long patient name, many curves), in English and in Spanish
(the catalogue's procedure names, the decimal comma and day-first dates), at the sizes the workspace gives the canvas
and at the size of the files. The cohort plot is checked the same way with up to twelve procedure types.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from pytestqt.qtbot import QtBot

from barium_tracker.domain import wording
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import (
    ColumnMeasurement,
    EckardtAssessment,
    Patient,
    PatientHistory,
    Procedure,
    TbeStudy,
)
from barium_tracker.services import chart_figures
from barium_tracker.services.chart_figures import course_figure, draw_course, draw_emptying, emptying_figure
from barium_tracker.services.charts import AREA, ChartData, build_chart_data
from barium_tracker.services.demo import seed_case
from barium_tracker.services.summary import summarize
from barium_tracker.ui import language, notation
from barium_tracker.ui.charts import CourseChartWidget
from barium_tracker.ui.cohort.plot import CohortPlot
from barium_tracker.ui.translate import message_text
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)

D = Decimal
TODAY = dt.date(2026, 11, 1)
#: Figure sizes in inches at 100 dpi: the canvas' minimum (420 x 300 px), a narrow pane, the workspace of a
#: 1366 x 768 screen, the files' size, a wide window.
SIZES = [(4.2, 3.0), (5.2, 4.2), (7.2, 3.2), (9.0, 5.4), (13.0, 6.0)]

#: What the Spanish chart says where the data carries English words (the catalogue has no entry for them yet).
SPANISH_WORDS = {
    " days after ": " días después de ",
    " day after ": " día después de ",
    " days before ": " días antes de ",
    "before ": "antes de ",
    ", same day": ", el mismo día",
}
SPANISH_REFERENCES = (
    "5 cm: estasis (Rohof 2013); punto de corte al 1 min (Blonski 2018)",
    "2 cm: punto de corte a los 5 min (Blonski 2018)",
)


def _cm(minute: int, height: str, width: str | None = None) -> ColumnMeasurement:
    return ColumnMeasurement(minute=minute, height_cm=D(height), width_cm=None if width is None else D(width))


def _eckardt(day: dt.date, total: int) -> EckardtAssessment:
    items = [min(3, max(0, total - 3 * i)) for i in range(4)]
    return EckardtAssessment(
        assessment_date=day,
        dysphagia=items[0],
        regurgitation=items[1],
        retrosternal_pain=items[2],
        weight_loss=items[3],
    )


def _crowded() -> PatientHistory:
    """Every procedure type (half of them rescue) within ten weeks, a study before and after each: the labels and
    the change boxes all want the same place."""
    history = PatientHistory(
        patient=Patient(
            id=9, mrn="HNC-2026-004711", family_name="Quispe Huamán de la Cruz", given_name="María Fernanda"
        )
    )
    start = dt.date(2025, 3, 3)
    history.studies.append(
        TbeStudy(
            id=100,
            study_date=start - dt.timedelta(days=2),
            measurements=[_cm(1, "16", "4"), _cm(2, "15", "4"), _cm(5, "14.5", "4")],
        )
    )
    for i, kind in enumerate(ProcedureType):
        day = start + dt.timedelta(days=9 * i)
        history.procedures.append(Procedure(id=200 + i, procedure_date=day, procedure_type=kind, rescue=i % 2 == 1))
        height = 14 - 1.4 * i
        history.studies.append(
            TbeStudy(
                id=101 + i,
                study_date=day + dt.timedelta(days=5),
                measurements=[
                    _cm(1, f"{height + 2:.1f}", "3.5"),
                    _cm(2, f"{height + 1:.1f}"),
                    _cm(5, f"{height:.1f}", "3"),
                ],
            )
        )
        history.eckardt.append(_eckardt(day, 12 - i))
    history.eckardt.append(_eckardt(start + dt.timedelta(days=400), 1))
    return history


def _long_history() -> PatientHistory:
    """24 studies over four years with a procedure after every sixth."""
    history = PatientHistory(patient=Patient(mrn="L-1", family_name="Long", given_name="History", id=8))
    kinds = (ProcedureType.BALLOON_DILATION, ProcedureType.POEM, ProcedureType.BOTULINUM_TOXIN, ProcedureType.LHM)
    for i in range(24):
        day = dt.date(2020, 1, 6) + dt.timedelta(days=61 * i)
        height = 18 - (i % 6) * 2.5
        history.studies.append(
            TbeStudy(
                id=i + 1, study_date=day, measurements=[_cm(1, f"{height + 3:.1f}", "4"), _cm(5, f"{height:.1f}", "3")]
            )
        )
        if i % 2 == 0:
            history.eckardt.append(_eckardt(day, 12 - i % 12))
        if i % 6 == 5:
            history.procedures.append(
                Procedure(id=i, procedure_date=day + dt.timedelta(days=3), procedure_type=kinds[i // 6 % 4])
            )
    return history


HISTORIES = {"seed": seed_case, "crowded": _crowded, "long": _long_history}


def _spanish(data: ChartData) -> ChartData:
    """The chart data as the Spanish window has it: the catalogue's procedure names (the Spanish catalogue must be
    installed), and the Spanish of the relations and reference lines."""
    words = dict(SPANISH_WORDS)
    for marker in data.markers:
        said = wording.procedure_kind_title(marker.procedure_type, marker.rescue, short=True)
        words[marker.title] = message_text(said)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))

    def said(text: str) -> str:
        return pattern.sub(lambda match: words[match.group(0)], text)

    return dataclasses.replace(
        data,
        markers=tuple(dataclasses.replace(m, title=said(m.title), label=said(m.label)) for m in data.markers),
        studies=tuple(dataclasses.replace(s, label=said(s.label), hover_text=said(s.hover_text)) for s in data.studies),
        curves=tuple(dataclasses.replace(c, label=said(c.label)) for c in data.curves),
        reference_lines=tuple(
            dataclasses.replace(line, label=text)
            for line, text in zip(data.reference_lines, SPANISH_REFERENCES, strict=True)
        ),
    )


@pytest.fixture(params=["en", "es"])
def datasets(
    request: pytest.FixtureRequest, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, ChartData]]:
    code = request.param
    language.install(code)
    if code == "es":  # the figure's own words, as long as the Spanish ones
        monkeypatch.setitem(chart_figures.Y_LABEL, "height", "Altura de la columna de bario (cm)")
        monkeypatch.setitem(chart_figures.Y_LABEL, "area", "Área de la columna (cm²)")
        monkeypatch.setattr(chart_figures, "X_LABEL_DATE", "Fecha del estudio")
        monkeypatch.setattr(chart_figures, "X_LABEL_MINUTE", "Minutos después de la ingesta de bario")
    written = notation.default_for(code)
    out = {}
    for name, make in HISTORIES.items():
        data = build_chart_data(summarize(make(), today=TODAY), number=written.number, date=written.date)
        out[name] = _spanish(data) if code == "es" else data
    yield out
    language.install("en")


def _texts(fig: Figure) -> list[tuple[str, Bbox]]:
    """Every text the figure draws, with its extent (a boxed annotation's box counts as its extent)."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts: list[Text] = [*fig.texts]
    texts += [t for legend in fig.legends for t in legend.get_texts()]
    for ax in fig.axes:
        texts += ax.texts
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.get_visible():
                continue
            for tick in axis._update_ticks():  # the ticks inside the view: the ones drawn
                texts += [label for label in (tick.label1, tick.label2) if label.get_visible()]
            texts += [axis.label, axis.offsetText]
    out = []
    for text in texts:
        if not text.get_visible() or not text.get_text().strip():
            continue
        box = Text.get_window_extent(text, renderer)
        patch = text.get_bbox_patch()
        if patch is not None:
            box = Bbox.union([box, patch.get_window_extent(renderer)])
        out.append((text.get_text(), box))
    return out


def _problems(fig: Figure) -> list[str]:
    texts = _texts(fig)
    width, height = fig.bbox.width, fig.bbox.height
    problems = [
        f"outside the figure: {text!r} {box.bounds}"
        for text, box in texts
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5
    ]
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        inter = Bbox.intersection(box_a, box_b)
        if inter is not None and inter.width > 0.5 and inter.height > 0.5:
            problems.append(f"{a!r} overlaps {b!r}")
    return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_course_chart_labels_stay_apart_and_inside(datasets: dict[str, ChartData], size: tuple[float, float]) -> None:
    problems = []
    for (name, data), options in itertools.product(datasets.items(), [{}, {"mode": AREA}]):
        fig = Figure(figsize=size, dpi=100)
        draw_course(fig, data, **options)
        problems += [f"{name} {options}: {p}" for p in _problems(fig)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_emptying_chart_labels_stay_apart_and_inside(datasets: dict[str, ChartData], size: tuple[float, float]) -> None:
    problems = []
    for name, data in datasets.items():
        keys = [s.key for s in data.studies]
        for picked in (data.default_selection, keys[:6], keys[-7:]):
            fig = Figure(figsize=size, dpi=100)
            draw_emptying(fig, data, picked)
            problems += [f"{name} {len(picked)} studies: {p}" for p in _problems(fig)]
    assert not problems, "\n".join(problems)


def test_a_resized_chart_arranges_its_labels_again(datasets: dict[str, ChartData]) -> None:
    """On screen a chart is drawn once and resized with its window: each draw places the texts for the size."""
    problems = []
    for name, data in datasets.items():
        course, emptying = Figure(figsize=SIZES[3], dpi=100), Figure(figsize=SIZES[3], dpi=100)
        draw_course(course, data)
        draw_emptying(emptying, data, [s.key for s in data.studies][-4:])
        sizes = (SIZES[2], SIZES[2], SIZES[3], SIZES[1], SIZES[4], SIZES[0], SIZES[0])  # twice: a repaint
        for fig, size in itertools.product((course, emptying), sizes):
            fig.set_size_inches(size)
            problems += [f"{name} {size}: {p}" for p in _problems(fig)]
    assert not problems, "\n".join(problems)


def test_the_files_keep_their_labels_apart_and_inside(datasets: dict[str, ChartData]) -> None:
    problems = []
    for name, data in datasets.items():
        for fig in (course_figure(data), course_figure(data, mode=AREA), emptying_figure(data)):
            problems += [f"{name}: {p}" for p in _problems(fig)]
    assert not problems, "\n".join(problems)


def test_a_shortened_label_keeps_its_whole_text_in_the_hover(datasets: dict[str, ChartData]) -> None:
    """Where room is short a procedure label loses its date or its end; pointing at it shows it whole."""
    data = datasets["crowded"]
    fig = Figure(figsize=(7.2, 3.2), dpi=100)
    drawn = draw_course(fig, data)
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    labels = {text: whole for text, whole in drawn.labels}
    assert len(labels) == len(data.markers)
    for marker, (text, whole) in zip(data.markers, drawn.labels, strict=True):
        assert whole.startswith(f"{marker.title}\n{marker.date_text}")
        shown = text.get_text().replace("\n", " ").removesuffix("…")
        assert whole.replace("\n", " ").startswith(shown)
        box = Text.get_window_extent(text, renderer)  # the text, not its leader line
        assert drawn.label_at((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2) == whole


# -- the cohort plot -------------------------------------------------------------------------------------------------

LONG_GROUPS = [
    "Dilatación neumática con balón",
    "Miotomía de Heller laparoscópica",
    "Miotomía endoscópica peroral",
    "POEM de revisión",
    "MHL de revisión",
    "Inyección de toxina botulínica",
    "Esofagectomía",
    "Otro procedimiento",
    "G-POEM",
    "Dilatación con balón de rescate",
    "Miotomía de Heller de rescate",
    "POEM de rescate",
]


@pytest.mark.parametrize("code", ["en", "es"])
@pytest.mark.parametrize("count", [3, 8, 9, 12])
@pytest.mark.parametrize("width", [420, 560, 820, 1300])
def test_cohort_plot_labels_stay_apart_and_inside(qtbot: QtBot, code: str, count: int, width: int) -> None:
    language.install(code)  # the axis' own words in the window's language ("Altura a los 5 min: cambio (%)")
    plot = CohortPlot()
    qtbot.addWidget(plot)
    plot.resize(width, 260)
    plot.show()
    qtbot.waitExposed(plot)
    groups = [(name, 3 + i, [-80.0 + 7 * i, -40.0, -10.0 + i]) for i, name in enumerate(LONG_GROUPS[:count])]
    plot.draw_groups(groups)
    problems = _problems(plot.figure)
    assert not problems, "\n".join(problems)
    ticks = plot.figure.axes[0].get_xticklabels()
    assert len(ticks) == count
    for (name, n, _), tick in zip(groups, ticks, strict=True):
        # Each box is findable by its name: on the axis (wrapped or shortened) and whole in the tooltip.
        assert plot.group_text(tick) == f"{name} (n={n})"


def test_the_chart_widget_shows_a_shortened_label_whole_under_the_pointer(qtbot: QtBot, qapp: object) -> None:
    """In the workspace: a small course chart of crowded procedures shortens its labels; the pointer on one shows
    the procedure's whole name and date and the change across it; off the labels and points, nothing."""
    widget = CourseChartWidget()
    qtbot.addWidget(widget)
    widget.resize(640, 360)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_summary(summarize(_crowded(), today=TODAY))
    widget.canvas.draw()
    drawn = widget.drawn
    assert drawn is not None and len(drawn.labels) == len(ProcedureType)
    renderer = widget.canvas.get_renderer()
    # The room is short: some label lost its date or the end of its name.
    shortened = [t for t, whole in drawn.labels if t.get_text() != "\n".join(whole.split("\n")[:2])]
    assert shortened
    for text, whole in drawn.labels:
        box = Text.get_window_extent(text, renderer)
        event = MouseEvent("motion_notify_event", widget.canvas, (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        widget.canvas.callbacks.process("motion_notify_event", event)
        assert widget.hover_text == whole
        assert "5 min:" in whole  # the change across the procedure rides with its name
    event = MouseEvent("motion_notify_event", widget.canvas, 2, 2)
    widget.canvas.callbacks.process("motion_notify_event", event)
    assert widget.hover_text == ""
