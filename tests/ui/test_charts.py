"""The chart widgets, offscreen: rendering, controls, export, clipboard, hover, empty states, deferred drawing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.records import ColumnMeasurement, Patient, PatientHistory, Procedure, TbeStudy
from barium_tracker.services.chart_figures import draw_course
from barium_tracker.services.charts import build_chart_data
from barium_tracker.services.demo import seed_case
from barium_tracker.services.summary import PatientSummary, summarize
from barium_tracker.ui.actions import where
from barium_tracker.ui.charts import CourseChartWidget, EmptyingChartWidget, LineTextRenderer

MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<?xml", ".pdf": b"%PDF-"}


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def seed() -> PatientSummary:
    return summarize(seed_case(), today=dt.date(2026, 11, 1))


def _with_widths() -> PatientSummary:
    def study(i: int, day: dt.date, h1: str, h5: str, width: str) -> TbeStudy:
        films = [
            ColumnMeasurement(minute=1, height_cm=Decimal(h1), width_cm=Decimal(width)),
            ColumnMeasurement(minute=5, height_cm=Decimal(h5), width_cm=Decimal(width)),
        ]
        return TbeStudy(id=i, study_date=day, measurements=films)

    history = PatientHistory(
        patient=Patient(id=3, mrn="W-1", family_name="Width"),
        studies=[study(1, dt.date(2024, 1, 1), "15", "12", "3"), study(2, dt.date(2024, 3, 1), "6", "3", "2")],
        procedures=[Procedure(id=5, procedure_date=dt.date(2024, 1, 2), procedure_type=ProcedureType.POEM)],
    )
    return summarize(history, today=dt.date(2025, 1, 1))


def _shown(qtbot: QtBot, widget: CourseChartWidget | EmptyingChartWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1000, 620)
    widget.show()
    qtbot.waitExposed(widget)


def _texts(widget: CourseChartWidget | EmptyingChartWidget) -> list[str]:
    fig = widget.figure
    return [t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes for t in ax.texts]


def _hover(widget: CourseChartWidget | EmptyingChartWidget, x: float, y: float) -> str:
    event = MouseEvent("motion_notify_event", widget.canvas, x, y)
    widget.canvas.callbacks.process("motion_notify_event", event)
    return widget.hover_text


@pytest.mark.parametrize("widget_type", [CourseChartWidget, EmptyingChartWidget])
def test_each_chart_renders_the_seed_case(qtbot: QtBot, seed: PatientSummary, widget_type: type) -> None:
    widget = widget_type()
    _shown(qtbot, widget)
    with qtbot.waitSignal(widget.redrawn):
        widget.set_summary(seed)
    widget.canvas.draw()
    image = widget.canvas.grab().toImage()
    assert not image.isNull() and image.width() > 300 and image.height() > 200
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 5  # lines, text and markers, not a blank canvas
    assert widget.export_button.isEnabled() and widget.copy_button.isEnabled()


def test_course_mode_switch_changes_label_and_data(qtbot: QtBot) -> None:
    widget = CourseChartWidget()
    _shown(qtbot, widget)
    widget.set_summary(_with_widths())
    ax = widget.figure.axes[0]
    assert ax.get_ylabel() == "Barium column height (cm)"
    five = next(line for line in ax.get_lines() if line.get_label() == "5 min")
    assert five.get_ydata().tolist() == [12.0, 3.0]
    assert widget.reference_box.isEnabled()

    widget.area_button.click()
    assert widget.mode == "area"
    ax = widget.figure.axes[0]
    assert ax.get_ylabel() == "Column area (cm²)"
    five = next(line for line in ax.get_lines() if line.get_label() == "5 min")
    assert five.get_ydata().tolist() == [36.0, 6.0]
    assert not widget.reference_box.isEnabled()
    assert "5 min: 36.0 -> 6.0 cm² (-83.3 %)" in "\n".join(_texts(widget)).splitlines()
    widget.canvas.draw()

    widget.height_button.click()
    widget.eckardt_box.setChecked(False)
    widget.reference_box.setChecked(False)
    labels = [line.get_label() for line in widget.figure.axes[0].get_lines()]
    assert labels == ["1 min", "5 min"]


def test_course_shows_eckardt_on_a_second_axis(qtbot: QtBot, seed: PatientSummary) -> None:
    widget = CourseChartWidget()
    _shown(qtbot, widget)
    widget.set_summary(seed)
    assert len(widget.figure.axes) == 2
    assert widget.figure.axes[1].get_ylabel() == "Eckardt score (0-12)"
    widget.eckardt_box.click()
    assert len(widget.figure.axes) == 1


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_export_writes_the_format_of_the_suffix(
    qtbot: QtBot, seed: PatientSummary, tmp_path: Path, suffix: str
) -> None:
    for widget in (CourseChartWidget(), EmptyingChartWidget()):
        _shown(qtbot, widget)
        widget.set_summary(seed)
        path = widget.export(tmp_path / f"{widget.objectName()}{suffix}")
        data = path.read_bytes()
        assert len(data) > 1000 and data.startswith(MAGIC[suffix])


def test_export_refuses_an_unknown_suffix(qtbot: QtBot, seed: PatientSummary, tmp_path: Path) -> None:
    widget = CourseChartWidget()
    _shown(qtbot, widget)
    widget.set_summary(seed)
    with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
        widget.export(tmp_path / "chart.gif")
    assert not (tmp_path / "chart.gif").exists()


def test_copy_puts_an_image_on_the_clipboard(qtbot: QtBot, seed: PatientSummary) -> None:
    widget = EmptyingChartWidget()
    _shown(qtbot, widget)
    widget.set_summary(seed)
    clipboard = QApplication.clipboard()
    clipboard.clear()
    qtbot.mouseClick(widget.copy_button, Qt.MouseButton.LeftButton)
    image = clipboard.image()
    assert not image.isNull()
    assert image.width() == 8 * 150 and image.height() == round(5.4 * 150)


def test_hover_over_a_point_shows_the_exam(qtbot: QtBot, seed: PatientSummary) -> None:
    widget = CourseChartWidget()
    _shown(qtbot, widget)
    widget.set_summary(seed)
    widget.canvas.draw()  # the layout is final after a draw
    five = next(line for line in widget.figure.axes[0].get_lines() if line.get_label() == "5 min")
    x, y = widget.figure.axes[0].transData.transform((five.get_xdata()[1], five.get_ydata()[1]))
    text = _hover(widget, x + 2, y - 2)
    assert text.splitlines() == [
        "5-min film",
        "TBE 2025-07-10 (30 days after Rescue POEM)",
        "5 min: 2.7 cm, width not measured",
    ]
    annotation = widget._hover
    assert annotation is not None and annotation.get_visible() and annotation.get_text() == text
    widget.canvas.draw()
    # The Eckardt points answer too; and away from every point the box goes.
    eckardt_ax = widget.figure.axes[1]
    ex, ey = eckardt_ax.transData.transform((eckardt_ax.get_lines()[0].get_xdata()[1], 2.0))
    assert _hover(widget, ex, ey) == "Eckardt 2/12 (2026-06-10)"
    assert _hover(widget, 5, 5) == ""
    assert not annotation.get_visible()


def test_hover_on_the_emptying_chart(qtbot: QtBot, seed: PatientSummary) -> None:
    widget = EmptyingChartWidget()
    _shown(qtbot, widget)
    widget.set_summary(seed)
    widget.canvas.draw()
    ax = widget.figure.axes[0]
    x, y = ax.transData.transform((5.0, 12.0))
    assert "TBE 2025-06-09" in _hover(widget, x, y)
    assert "5 min: 12.0 cm" in widget.hover_text


def test_empty_states(qtbot: QtBot) -> None:
    empty = summarize(PatientHistory(patient=Patient(mrn="E-1")))
    for widget in (CourseChartWidget(), EmptyingChartWidget()):
        _shown(qtbot, widget)
        widget.set_summary(None)
        assert _texts(widget) == ["No patient selected"]
        widget.set_summary(empty)
        said = "No TBE study yet: {menu}, {keys}.".format(**where("actionNewStudy"))
        [drawn] = _texts(widget)
        assert " ".join(drawn.split()) == said and widget.drawn.message == said  # wrapped to fit a narrow canvas
        assert widget.canvas.accessibleDescription() == said
        assert widget.figure.axes == []
        assert not widget.export_button.isEnabled() and not widget.copy_button.isEnabled()
        widget.canvas.draw()
        assert not widget.canvas.grab().toImage().isNull()
        assert _hover(widget, 100, 100) == ""


def test_emptying_list_picks_the_curves(qtbot: QtBot, seed: PatientSummary) -> None:
    widget = EmptyingChartWidget()
    _shown(qtbot, widget)
    widget.set_summary(seed)
    assert widget.studies.count() == 2
    assert widget.studies.item(0).text() == "2025-07-10 (30 days after Rescue POEM)"  # newest first
    assert widget.selected_keys() == [-1, -2]
    assert len(widget.figure.axes[0].get_lines()) == 2

    widget.studies.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert widget.selected_keys() == [-1]
    assert [line.get_label() for line in widget.figure.axes[0].get_lines()] == ["2025-06-09 (before Rescue POEM)"]

    widget.set_summary(seed)  # the same patient again (after an edit): the user's pick stays
    assert widget.selected_keys() == [-1]
    widget.set_summary(_with_widths())  # another patient: the default again
    assert widget.selected_keys() == [1, 2]
    widget.set_selected_keys([])
    assert _texts(widget) == ["Pick one or more studies in the list"]
    widget.default_button.click()
    assert widget.selected_keys() == [1, 2]


def test_a_hidden_chart_draws_when_shown(qtbot: QtBot, seed: PatientSummary) -> None:
    widget = CourseChartWidget()
    qtbot.addWidget(widget)
    widget.set_summary(seed)
    assert widget.drawn is None and widget.figure.axes == []
    with qtbot.waitSignal(widget.redrawn):
        widget.show()
    assert widget.figure.axes[0].get_ylabel() == "Barium column height (cm)"


def test_the_main_window_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "import barium_tracker.ui.main_window, barium_tracker.ui.workspace\n"
        "loaded = [m for m in sys.modules if m == 'matplotlib' or m.startswith('matplotlib.')]\n"
        "assert not loaded, loaded[:5]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_line_text_renderer_draws_like_agg(seed: PatientSummary) -> None:
    """The canvas' text path (one cached bitmap a line) gives the picture matplotlib's own Agg text gives."""
    fig = Figure(figsize=(9, 5.4))
    draw_course(fig, build_chart_data(seed))
    # Math text (matplotlib's path) and glyphs missing from DejaVu Serif (drawn from the fallback font).
    fig.text(0.3, 0.5, r"math: $\alpha_{1}$")
    fig.text(0.3, 0.4, "fallback: \u2205 \u2234 Huam\u00e1n", family=["DejaVu Serif", "DejaVu Sans"], rotation=20)
    width, height = (int(v) for v in fig.bbox.size)
    fig.draw(RendererAgg(width, height, fig.dpi))  # the texts arranged once, then kept where they are
    fig.set_layout_engine("none")
    images = []
    for renderer in (RendererAgg(width, height, fig.dpi), LineTextRenderer(width, height, fig.dpi)):
        fig.draw(renderer)
        images.append(np.asarray(renderer.buffer_rgba())[..., :3].astype(int))
    assert LineTextRenderer.line_text  # the one-bitmap path ran, it did not fall back
    stock, lines = images
    ink = (stock.min(axis=2) < 128).sum()
    assert abs(int((lines.min(axis=2) < 128).sum()) - int(ink)) < 0.05 * ink  # the same text, in the same places
    # Glyphs differ by sub-pixel placement only (each line starts on a whole pixel); about 1.6 with the seed case's
    # texts, as many as the layout places (1.4 before its legend took two rows instead of three).
    assert np.abs(stock - lines).mean() < 2.0
    # Drawn again, every line comes from the cache: the same pixels.
    again = LineTextRenderer(width, height, fig.dpi)
    fig.draw(again)
    assert np.array_equal(np.asarray(again.buffer_rgba())[..., :3], lines)


def test_the_renderer_s_font_heights_are_the_ones_matplotlib_reads(seed: PatientSummary) -> None:
    """Text._get_layout asks the renderer for a font's ascent, descent and line gap (read once per font here):
    every text of a course chart has the same extent as with matplotlib's own reading of the font tables."""
    fig = Figure(figsize=(8, 5), dpi=100)
    draw_course(fig, build_chart_data(seed))
    width, height = fig.canvas.get_width_height()
    stock, cached = RendererAgg(width, height, fig.dpi), LineTextRenderer(width, height, fig.dpi)
    assert not hasattr(stock, "_get_font_height_metrics")  # matplotlib reads the tables itself then
    fig.draw(stock)
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    assert len(texts) > 20
    for text in texts:
        text.set_text(text.get_text() + "\nÁgj")  # two lines: the line gap counts too
        expected = text.get_window_extent(stock).bounds
        assert text.get_window_extent(cached).bounds == pytest.approx(expected, abs=0.01), text.get_text()
        ascent, descent, gap = cached._get_font_height_metrics(text.get_fontproperties())
        assert ascent > 0 and descent > 0 and gap >= 0


def test_the_date_ticks_are_computed_once_per_view_and_the_same() -> None:
    from matplotlib import dates as mdates

    from barium_tracker.services.chart_figures import _DateLocator

    fig = Figure()
    ax = fig.add_subplot()
    cached, stock = _DateLocator(minticks=3, maxticks=9), mdates.AutoDateLocator(minticks=3, maxticks=9)
    for locator in (cached, stock):
        locator.set_axis(ax.xaxis)
    for first, last in ((dt.date(2014, 3, 3), dt.date(2022, 5, 1)), (dt.date(2025, 1, 1), dt.date(2025, 2, 9))):
        ax.set_xlim(mdates.date2num(first), mdates.date2num(last))
        for most in (9, 4):
            cached.maxticks = dict.fromkeys(cached.maxticks, most)
            stock.maxticks = dict.fromkeys(stock.maxticks, most)
            assert list(cached()) == list(stock())
            assert cached() is cached()  # asked again for the same view: the ticks already found


def test_a_new_patient_draws_once_and_drops_the_hover_box(qtbot: QtBot, seed: PatientSummary) -> None:
    widget = CourseChartWidget()
    _shown(qtbot, widget)
    widget.set_summary(seed)
    widget.canvas.draw()
    five = next(line for line in widget.figure.axes[0].get_lines() if line.get_label() == "5 min")
    x, y = widget.figure.axes[0].transData.transform((five.get_xdata()[1], five.get_ydata()[1]))
    hover = _hover(widget, x, y)
    assert hover in _texts(widget)
    draws = []
    original = widget.canvas.draw
    widget.canvas.draw = lambda: (draws.append(1), original())[-1]  # type: ignore[method-assign]
    try:
        widget.set_summary(_with_widths())
        qtbot.waitUntil(lambda: bool(draws))
        qtbot.wait(50)
    finally:
        del widget.canvas.draw
    assert len(draws) == 1  # the idle draw only, not a second one
    assert hover not in _texts(widget) and widget.hover_text == ""
    assert [line.get_label() for line in widget.figure.axes[0].get_lines()][:2] == ["1 min", "5 min"]
