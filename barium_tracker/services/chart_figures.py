"""Matplotlib figures of the patient charts, drawn from ``services.charts`` data, headless (no pyplot, no Qt).

The GUI draws into the figure of its Qt canvas with :func:`draw_course` / :func:`draw_emptying`; reports and the
command line call :func:`course_figure` / :func:`emptying_figure` and :func:`save_figure`. Both paths draw the same
thing, so an exported image is what the clinician saw.

One layout for the screen and the files (``services.chart_layout``): at every draw, for the figure's size of that
moment, the chart measures its texts and places them so that none overlaps another or leaves the figure: the title
wrapped to the width, procedure labels in rows above the plot (staggered and spread sideways when they crowd, the
date and then the end of a name left out when the height is short, the hover showing each whole), change boxes in
rows under the top of the plot (compact, then fewer, when they would crowd it), value labels pushed apart, tick
counts for the plot's size, axis labels wrapped, and a legend with as many columns as the width holds. A line of
text already measured costs a cache look-up, so a redraw stays cheap; a resized chart re-arranges itself. On screen
a redraw also reuses the figure's axes (creating axes and their ticks was a third of building a chart) and only
replaces what they hold. (``layout="constrained"`` still gives matplotlib's constrained layout, without the
arrangement.)

Readability choices: the Okabe-Ito palette (safe for the common colour-vision deficiencies) plus a different marker
per series, so the charts also survive greyscale printing; units on every axis; concise date labels; the legend below
the plot, never over the data; procedure labels above the plot; missing films are gaps, never zeros.

Words: every text is a message of the ``charts`` context, written by the data's :class:`ChartWriting` (the language,
numbers and dates the GUI or the report chose); the date axis names months in that language, not the C library's.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from barium_tracker import __version__
from barium_tracker.domain import fields
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Label
from barium_tracker.domain.metrics import OUTCOME_MINUTE
from barium_tracker.domain.records import STANDARD_MINUTES
from barium_tracker.domain.rules import ECKARDT_TOTAL_MAX
from barium_tracker.services.chart_layout import (
    EDGE_PT,
    GAP_PT,
    Margins,
    MeasuredLayout,
    clamp_span,
    entry_width,
    extent_pt,
    fit_legend,
    fit_lines,
    height_pt,
    legend_columns,
    line_width,
    measure,
    points_per_pixel,
    rows,
    shorten,
    spread,
)
from barium_tracker.services.charts import (
    AREA,
    EMPTY_TEXT,
    HEIGHT,
    ChartData,
    ChartMode,
    ChartWriting,
    EmptyingCurve,
)

# Okabe & Ito, "Color Universal Design" (2008).
MINUTE_COLOURS = {1: "#E69F00", 2: "#56B4E9", 5: "#009E73"}
MINUTE_MARKERS = {1: "o", 2: "s", 5: "D"}
EXTRA_COLOURS = ("#0072B2", "#D55E00", "#000000")
ECKARDT_COLOUR = "#CC79A7"
PROCEDURE_COLOUR = "#7A7A7A"
CURVE_COLOURS = ("#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
CURVE_MARKERS = ("o", "s", "^", "D", "v", "P", "X")
REFERENCE_STYLES = ((0, (1, 2)), (0, (4, 2, 1, 2)))

COURSE_SIZE_IN = (9.0, 5.4)
EMPTYING_SIZE_IN = (8.0, 5.4)
FONT_PT = 9.0
SMALL_PT = 8.0
HOVER_RADIUS_PT = 7.0
MAX_FULL_ANNOTATION_ROWS = 2
MAX_COMPACT_ANNOTATION_ROWS = 4  # more change boxes are left to the labels' hover and the response panel

#: The Qt translation context of the figures' words (the same as services/charts.py's).
TRANSLATION_CONTEXT = "charts"

Y_LABEL = {HEIGHT: N_("Barium column height (cm)"), AREA: N_("Column area (cm²)")}
X_LABEL_DATE = N_("Exam date")
X_LABEL_MINUTE = N_("Minutes after barium ingestion")
_ECKARDT = fields.eckardt("total")
ECKARDT_LABEL = N_("{label} (0-{max})")  # the Eckardt axis: "Eckardt score (0-12)"
NOTHING_PICKED_TEXT = N_("Pick one or more studies in the list")
NO_HEIGHT_TEXT = N_("The selected studies have no measured height")

_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

FILM_HOVER = N_("{minute}-min film\n{study}")  # the hover text of a point: the film, then its study

#: ``"fixed"``: the charts' own layout, which measures and places their texts at each draw (screen and files);
#: ``"constrained"``: matplotlib's constrained layout (the texts keep the places they were given when drawn).
Layout = Literal["fixed", "constrained"]
FIXED: Layout = "fixed"
CONSTRAINED: Layout = "constrained"

# Text geometry, in points unless named otherwise (matplotlib's defaults and DejaVu Sans).
_EDGE_PT = EDGE_PT  # free space along the figure's edges
_TICK_PT = 7.0  # tick length 3.5 + tick label pad 3.5
_LABEL_PAD_PT = 4.0  # axes.labelpad
_LINE_EM = 1.2  # height of one line of text, in font sizes (ascent + descent is 1.16 em)
_DIGIT_EM = 0.64  # advance of a digit (0.636 em)
_RIGHT_PT = _EDGE_PT + 2 * _DIGIT_EM * FONT_PT  # without a right axis: half a date label past the last tick
_MAIN_LABEL = "chart"
_TWIN_LABEL = "chart-eckardt"


@dataclass(slots=True)
class HoverTarget:
    """Points of one axes that show a text when the pointer is over them (x in matplotlib date numbers)."""

    axes: Axes
    x: np.ndarray
    y: np.ndarray
    texts: list[str]


@dataclass(slots=True)
class DrawnChart:
    """What a draw call made: the main axes (None for an empty state), the points that answer hovering, and the
    labels that answer it with their whole text (a procedure label shortened for room)."""

    axes: Axes | None
    hover: list[HoverTarget] = field(default_factory=list)
    message: str = ""
    labels: list[tuple[Text, str]] = field(default_factory=list)

    def hit(self, x_px: float, y_px: float, radius_px: float) -> tuple[HoverTarget, int] | None:
        """The point nearest to a display position (pixels, origin bottom left), within ``radius_px``."""
        best: tuple[float, HoverTarget, int] | None = None
        for target in self.hover:
            if not len(target.x):
                continue
            xy = target.axes.transData.transform(np.column_stack([target.x, target.y]))
            distance = np.hypot(xy[:, 0] - x_px, xy[:, 1] - y_px)
            index = int(np.nanargmin(distance))
            if distance[index] <= radius_px and (best is None or distance[index] < best[0]):
                best = (float(distance[index]), target, index)
        return None if best is None else (best[1], best[2])

    def label_at(self, x_px: float, y_px: float) -> str | None:
        """The whole text of the label drawn at a display position (after a draw), or None."""
        for text, whole in self.labels:
            if text.get_visible() and Text.get_window_extent(text).contains(x_px, y_px):
                return whole
        return None


@lru_cache(maxsize=4096)
def _num(day: dt.date) -> float:
    # Cached: date2num costs tens of microseconds a call, and a long history converts thousands of dates a draw.
    return float(mdates.date2num(dt.datetime(day.year, day.month, day.day)))


#: The charts' layout engine (the name it had when its margins were estimated from the font sizes).
FixedMargins = MeasuredLayout


def _new_figure(size: tuple[float, float], layout: Layout = FIXED) -> Figure:
    fig = Figure(figsize=size)
    _set_layout(fig, layout)
    return fig


def _set_layout(fig: Figure, layout: Layout) -> None:
    if layout not in (FIXED, CONSTRAINED):
        raise ValueError(f"layout must be 'fixed' or 'constrained', not {layout!r}")
    engine = fig.get_layout_engine()
    if layout == CONSTRAINED and not isinstance(engine, ConstrainedLayoutEngine):
        fig.set_layout_engine("constrained")
    elif layout == FIXED and not isinstance(engine, MeasuredLayout):
        fig.set_layout_engine(MeasuredLayout())


def _reset(fig: Figure, layout: Layout) -> None:
    fig.clear()
    _set_layout(fig, layout)
    engine = fig.get_layout_engine()
    if isinstance(engine, MeasuredLayout):
        engine.arrange = None


def _chart_axes(fig: Figure, layout: Layout, *, twin: bool) -> tuple[Axes, Axes | None]:
    """The chart's axes, emptied, with the figure's texts (the title too) and legends gone.

    On screen the axes of the last drawing are reused when the figure holds just them (and the Eckardt axis is
    wanted as before): creating axes and their ticks is a third of building a chart. Otherwise, and always with
    constrained layout, the figure starts afresh.
    """
    main = next((a for a in fig.axes if a.get_label() == _MAIN_LABEL), None)
    second = next((a for a in fig.axes if a.get_label() == _TWIN_LABEL), None)
    wanted = {main, second} if twin else {main}
    if (
        layout == FIXED
        and main is not None
        and isinstance(fig.get_layout_engine(), MeasuredLayout)
        and (second is not None) == twin
        and set(fig.axes) == wanted
        and not fig.subfigs
        and not fig.images
        and not fig.lines
        and not fig.patches
    ):
        for artist in [*fig.texts, *fig.legends]:  # the title too (removing it clears the figure's title)
            artist.remove()
        for ax in (main, second):
            if ax is not None:
                for artist in [*ax.lines, *ax.collections, *ax.texts, *ax.patches, *ax.images, *ax.artists]:
                    artist.remove()
        return main, second
    _reset(fig, layout)
    main = fig.add_subplot(label=_MAIN_LABEL)
    _style_axes(main)
    if not twin:
        return main, None
    second = main.twinx()
    second.set_label(_TWIN_LABEL)
    second.spines["top"].set_visible(False)
    # The TBE data and the change boxes stay on top of the symptom line (they share the upper range).
    main.set_zorder(second.get_zorder() + 1)
    main.patch.set_visible(False)
    return main, second


def _measured_layout(fig: Figure) -> MeasuredLayout | None:
    engine = fig.get_layout_engine()
    return engine if isinstance(engine, MeasuredLayout) else None


def _text_height_pt(size: float, lines: int = 1) -> float:
    return size * _LINE_EM * lines


def plain_axes_margins(
    ax: Axes, *, tick_pt: float, label_pt: float, x_tick_lines: int
) -> tuple[float, float, float, float]:
    """Margins for one axes with a y label and x tick labels of ``x_tick_lines`` lines (no x label, no
    title, no legend outside): (left, right, top, bottom) in points, estimated from the font sizes."""
    widest = max((len(t) for t in _y_tick_labels(ax)), default=1) * _DIGIT_EM * tick_pt
    left = _EDGE_PT + _text_height_pt(label_pt) + _LABEL_PAD_PT + widest + _TICK_PT
    bottom = _EDGE_PT + _TICK_PT + _text_height_pt(tick_pt, x_tick_lines)
    top = _EDGE_PT + tick_pt / 2  # half of the top tick label stands above the axes
    return left, _EDGE_PT, top, bottom


def _y_tick_labels(ax: Axes) -> list[str]:
    """The y tick labels the axis will draw (locator and formatter only)."""
    low, high = ax.get_ylim()
    ticks = [t for t in ax.yaxis.get_major_locator().tick_values(low, high) if low - 1e-9 <= t <= high + 1e-9]
    return list(ax.yaxis.get_major_formatter().format_ticks(ticks))


def _x_tick_labels(ax: Axes) -> tuple[list[str], str]:
    """The x tick labels inside the view and the axis' offset text ("2025" under a date axis of one year)."""
    low, high = ax.get_xlim()
    ticks = [t for t in ax.xaxis.get_major_locator()() if low - 1e-9 <= t <= high + 1e-9]
    formatter = ax.xaxis.get_major_formatter()
    labels = list(formatter.format_ticks(ticks))
    return labels, formatter.get_offset() if hasattr(formatter, "get_offset") else ""


def _eckardt_label(w: ChartWriting) -> str:
    return w.say(ECKARDT_LABEL, label=Label(_ECKARDT), max=ECKARDT_TOTAL_MAX)


class _DateLocator(mdates.AutoDateLocator):
    """AutoDateLocator computing its ticks once per view and density: one draw asks for them some nine times (the
    layout's measuring passes, the axis, the tight box), and each asks dateutil's rrule anew (~7 ms a draw)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._last: tuple[tuple[Any, ...], Any] | None = None

    def __call__(self) -> Any:
        key = (tuple(self.axis.get_view_interval()), tuple(sorted(self.maxticks.items())), self.minticks)
        if self._last is None or self._last[0] != key:
            self._last = (key, super().__call__())
        return self._last[1]


class _DateFormatter(mdates.ConciseDateFormatter):
    """Matplotlib's concise date labels with the month names of the chart's language (``%b`` would take the C
    library's locale, whatever language the window or the report speaks)."""

    _MONTH = re.compile(r"~(\d\d)~")

    def __init__(self, locator: mdates.DateLocator, w: ChartWriting) -> None:
        formats = ["%Y", "~%m~", "%d", "%H:%M", "%H:%M", "%S.%f"]
        zero_formats = ["", "%Y", "~%m~", "~%m~-%d", "%H:%M", "%H:%M"]
        offsets = ["", "%Y", "%Y-~%m~", "%Y-~%m~-%d", "%Y-~%m~-%d", "%Y-~%m~-%d %H:%M"]
        super().__init__(locator, formats=formats, zero_formats=zero_formats, offset_formats=offsets)
        self._writing = w

    def _months(self, text: str) -> str:
        return self._MONTH.sub(lambda match: self._writing.month(int(match.group(1))), text)

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        return [self._months(label) for label in super().format_ticks(values)]

    def get_offset(self) -> str:
        return self._months(super().get_offset())


def _empty_state(fig: Figure, text: str) -> DrawnChart:
    fig.text(0.5, 0.5, text, ha="center", va="center", fontsize=13, color="#555555")
    return DrawnChart(axes=None, message=text)


def _style_axes(ax: Axes) -> None:
    ax.tick_params(labelsize=FONT_PT)
    ax.grid(True, axis="y", color="#E3E3E3", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _minute_style(minute: int, extra_index: int) -> tuple[str, str]:
    if minute in MINUTE_COLOURS:
        return MINUTE_COLOURS[minute], MINUTE_MARKERS[minute]
    return EXTRA_COLOURS[extra_index % len(EXTRA_COLOURS)], "^"


def _title(fig: Figure, text: str) -> Text:
    # A figure title, so constrained layout keeps it above the procedure labels.
    return fig.suptitle(text, x=0.01, ha="left", va="top", fontsize=FONT_PT + 1, fontweight="bold")


def _legend(fig: Figure, handles: list[Line2D], figure_width_in: float) -> Legend | None:
    """The legend below the plot, with as many columns as fit the figure's width by an estimate of the text
    (the arrangement measures it at each draw and corrects it)."""
    if not handles:
        return None
    widths = [entry_width(len(h.get_label()) * 0.6 * SMALL_PT, SMALL_PT) for h in handles]
    ncols = legend_columns(widths, figure_width_in * 72 - 2 * EDGE_PT, SMALL_PT)
    return fig.legend(handles=handles, loc="lower center", ncols=ncols, fontsize=SMALL_PT, frameon=False)


class _Frame:
    """What every chart arranges the same way: the title on top, the legend at the bottom, the axis labels wrapped
    to the plot's size, the margins beside the y axes from their measured tick labels."""

    def __init__(
        self, ax: Axes, title: Text, handles: Sequence[Line2D], legend: Legend | None, note: Text | None = None
    ) -> None:
        self.ax = ax
        self.note = note  # a sentence in the middle of the plot ("No study has a measured height")
        self.note_text = note.get_text() if note is not None else ""
        self.title = title
        self.title_text = title.get_text()
        self.handles = list(handles)
        self.labels = [h.get_label() for h in handles]
        self.legend = legend
        self.x_label_text = ax.xaxis.label.get_text()
        self.y_label_texts = {id(ax): ax.yaxis.label.get_text()}
        self._probe: Text | None = None

    def probe(self, fig: Figure) -> Text:
        """A text in the tick labels' font, for measuring."""
        if self._probe is None or self._probe.figure is not fig:
            self._probe = Text(0, 0, "", fontsize=FONT_PT, figure=fig)
            self._probed: dict[tuple[str, float], tuple[float, float]] = {}
        return self._probe

    def tick_size(self, fig: Figure, renderer: RendererBase, text: str) -> tuple[float, float]:
        """A tick label's size (remembered: the same labels are measured at every pass and draw)."""
        probe = self.probe(fig)
        key = (text, fig.dpi)
        size = self._probed.get(key)
        if size is None:
            size = self._probed[key] = measure(probe, renderer, text)
        return size

    def top_and_bottom(self, fig: Figure, renderer: RendererBase) -> tuple[float, float]:
        """The title's wrapped height (with the space under it) and the legend's block at the bottom, in points."""
        width = fig.bbox.width * points_per_pixel(fig)
        self.title.set_text(fit_lines(self.title_text, width - 2 * EDGE_PT, line_width(self.title, renderer)))
        top = EDGE_PT + extent_pt(self.title, renderer)[1]
        if self.legend is not None:
            fit_legend(fig, self.legend, self.handles, self.labels, renderer)
        legend = height_pt(self.legend, renderer) + 0.5 * SMALL_PT + 4.0 if self.legend is not None else EDGE_PT
        return top, legend

    def x_axis_pt(self, fig: Figure, renderer: RendererBase, plot_width: float) -> float:
        """Below the plot: the ticks, the tick labels, the x label (wrapped to the plot; moved under the offset
        text when the two would meet)."""
        ax = self.ax
        locator = ax.xaxis.get_major_locator()
        if isinstance(locator, mdates.AutoDateLocator):  # a date label is some 25 pt wide: one every 50 pt at most
            locator.maxticks = dict.fromkeys(locator.maxticks, max(min(int(plot_width // 50.0), 9), 4))
        ticks, offset = _x_tick_labels(ax)
        tick_height = max((self.tick_size(fig, renderer, t)[1] for t in ticks if t), default=0.0)
        label = ax.xaxis.label
        label.set_text(fit_lines(self.x_label_text, max(plot_width, 20.0), line_width(label, renderer)))
        label_width, label_height = extent_pt(label, renderer)
        pad = _LABEL_PAD_PT
        if offset:
            offset_width, offset_height = self.tick_size(fig, renderer, offset)
            if plot_width / 2 + label_width / 2 + GAP_PT > plot_width - offset_width:
                pad += offset_height + 2.0
        ax.xaxis.labelpad = pad
        if self.note is not None:
            self.note.set_text(fit_lines(self.note_text, max(plot_width - 12.0, 20.0), line_width(self.note, renderer)))
        return _TICK_PT + tick_height + pad + label_height

    def y_axis_pt(self, fig: Figure, renderer: RendererBase, ax: Axes, plot_height: float) -> float:
        """Beside a y axis: the tick, the widest tick label, the pad, the y label (wrapped to the plot's height).
        A short plot gets fewer ticks, so that their labels keep apart."""
        fitting = max(int(plot_height // (2.0 * FONT_PT * _LINE_EM)), 1)
        locator = ax.yaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):
            locator.set_params(nbins=min(7, fitting))
        elif ax.get_label() == _TWIN_LABEL:  # the scores fill the part of the axis under the change boxes
            share = ECKARDT_TOTAL_MAX / max(ax.get_ylim()[1], 1e-9)
            scores = max(int(plot_height * share // (2.0 * FONT_PT * _LINE_EM)), 1)
            step = next(s for s in (3, 6, 12) if ECKARDT_TOTAL_MAX // s <= scores)
            ax.set_yticks(range(0, ECKARDT_TOTAL_MAX + 1, step))
        widest = max((self.tick_size(fig, renderer, t)[0] for t in _y_tick_labels(ax)), default=0.0)
        label = ax.yaxis.label
        text = self.y_label_texts.setdefault(id(ax), label.get_text())
        label.set_text(fit_lines(text, max(plot_height, 20.0), line_width(label, renderer)))
        return _TICK_PT + widest + _LABEL_PAD_PT + extent_pt(label, renderer)[0] + EDGE_PT


@dataclass(slots=True)
class _MarkerLabel:
    x: float
    text: Text
    whole: str  # "Rescue POEM\n10/06/2025"
    title: str


@dataclass(slots=True)
class _ChangeBox:
    x: float
    text: Text
    full: str
    compact: str


class _CourseArrangement:
    """The course chart's texts for the figure's size: procedure labels above the plot in rows (the date dropped,
    then the name shortened, when rows would take the plot's room; the hover has them whole), change boxes in rows
    under the top of the plot (compact when full ones would need more than two rows or too much of the plot; at
    most four rows within 45 % of its height, the rest left to the hover), and the y range raised by their band."""

    #: The plot keeps at least this share of the figure's height before the labels give up detail.
    MIN_PLOT_SHARE = 0.4

    def __init__(
        self,
        frame: _Frame,
        ax2: Axes | None,
        markers: list[_MarkerLabel],
        boxes: list[_ChangeBox],
        *,
        top_value: float,
        x_range: tuple[float, float],
    ) -> None:
        self.frame = frame
        self.ax2 = ax2
        self.markers = markers
        self.boxes = boxes
        self.top_value = top_value
        self.x_range = x_range
        self.band = 0.0
        self._sizes: dict[tuple[int, str, float], tuple[float, float]] = {}

    def _measure(self, text: Text, renderer: RendererBase, string: str) -> tuple[float, float]:
        """:func:`measure`, remembered for this chart's texts (a label is tried in several forms at every draw)."""
        key = (id(text), string, renderer.dpi if hasattr(renderer, "dpi") else 0.0)
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = measure(text, renderer, string)
        return size

    def _set_band(self, band: float) -> None:
        self.band = band
        self.frame.ax.set_ylim(0, self.top_value / (1 - band))
        if self.ax2 is not None:
            self.ax2.set_ylim(0, (ECKARDT_TOTAL_MAX * 1.08) / (1 - band))

    def __call__(self, fig: Figure, renderer: RendererBase) -> Margins:
        frame, ax = self.frame, self.frame.ax
        width, height = (float(v) * 72 for v in fig.get_size_inches())
        title, legend = frame.top_and_bottom(fig, renderer)
        top_title = title + 4.0
        left = right = 40.0
        bottom = legend + 30.0
        top = top_title
        previous: tuple[float, ...] = ()
        for _ in range(3):  # the margins, the rows and the y range depend on each other (twice is usually enough)
            plot_height = max(height - top - bottom, 10.0)
            left = frame.y_axis_pt(fig, renderer, ax, plot_height)
            right = frame.y_axis_pt(fig, renderer, self.ax2, plot_height) if self.ax2 is not None else _RIGHT_PT
            plot_width = max(width - left - right, 10.0)
            bottom = legend + frame.x_axis_pt(fig, renderer, plot_width)
            budget = height - bottom - top_title - max(self.MIN_PLOT_SHARE * height, 40.0)
            top = top_title + self._place_labels(renderer, left, plot_width, width, budget)
            plot_height = max(height - top - bottom, 10.0)
            self._set_band(self._place_boxes(renderer, plot_width, plot_height))
            settled = (round(left, 1), round(right, 1), round(top, 1), round(bottom, 1), round(self.band, 3))
            if settled == previous:
                break
            previous = settled
        # The y ticks for the plot's final height (fewer on a short plot).
        left = max(left, frame.y_axis_pt(fig, renderer, ax, plot_height))
        if self.ax2 is not None:
            right = max(right, frame.y_axis_pt(fig, renderer, self.ax2, plot_height))
        return left, right, top, bottom

    def _place_labels(
        self, renderer: RendererBase, left: float, plot_width: float, width: float, budget: float
    ) -> float:
        """Procedure labels above the plot, each joined to its line by a leader; the height they take.

        In order of preference, until the labels fit the height left above the plot (``budget``): name and date
        in rows, centred on their lines; the same staggered in fewer rows and spread sideways; the name alone, in
        rows then spread; the name shortened with an ellipsis, spread. The hover shows each label whole.
        """
        if not self.markers:
            return 4.0
        low, high = self.x_range
        centres = [left + (m.x - low) / (high - low) * plot_width for m in self.markers]
        room = width - 2 * EDGE_PT
        placement: tuple[list[tuple[str, float, float]], list[float], list[int], float] | None = None
        for level, spread_out in ((0, False), (0, True), (1, False), (1, True), (2, True)):
            sizes = []
            for m in self.markers:
                measure_line = line_width(m.text, renderer)
                if level == 0:
                    text = "\n".join(shorten(line, room, measure_line) for line in m.whole.split("\n"))
                elif level == 1:
                    text = shorten(m.title, room, measure_line)
                else:  # each name within an equal share of the width, the ellipsis saying it is cut
                    text = shorten(m.title, max(room / len(self.markers) - 4.0, 30.0), measure_line)
                sizes.append((text, *self._measure(m.text, renderer, text)))
            widths = [w for _, w, _ in sizes]
            pitch = max(h for _, _, h in sizes) + 2.0
            if spread_out:
                starts, row_of = self._spread_rows(centres, widths, width, max(int((budget - 4.0) // pitch), 1))
            else:
                starts = [clamp_span(c, w, EDGE_PT, width - EDGE_PT) for c, w in zip(centres, widths, strict=True)]
                order = sorted(range(len(starts)), key=lambda i: starts[i])
                assigned = rows([(starts[i], starts[i] + widths[i]) for i in order], gap=4.0)
                row_of = [0] * len(starts)
                for i, row in zip(order, assigned, strict=True):
                    row_of[i] = row
            taken = 4.0 + (max(row_of) + 1) * pitch
            placement = (sizes, starts, row_of, pitch)
            if taken <= budget:
                break
        assert placement is not None
        sizes, starts, row_of, pitch = placement
        for i, m in enumerate(self.markers):
            text, w, _ = sizes[i]
            m.text.set_text(text)
            m.text.set_position((starts[i] + w / 2 - centres[i], 4.0 + row_of[i] * pitch))
            m.text.set_zorder(4.0 - 0.01 * row_of[i])  # a lower row's label over the leaders of the rows above
        return 4.0 + (max(row_of) + 1) * pitch

    @staticmethod
    def _spread_rows(
        centres: list[float], widths: list[float], width: float, max_rows: int
    ) -> tuple[list[float], list[int]]:
        """Labels dealt in date order to rows (1, 2, ... up to ``max_rows``) and spread sideways in each row as
        little as keeps them apart; the fewest rows whose labels stay near their lines (a long slanting leader is
        hard to follow), else those that move them least: (start of each label, its row)."""
        order = sorted(range(len(centres)), key=lambda i: centres[i])
        near = max(60.0, 0.12 * width)
        best: tuple[float, list[float], list[int]] | None = None
        for count in range(1, max(min(max_rows, len(order)), 1) + 1):
            starts = [0.0] * len(centres)
            row_of = [0] * len(centres)
            for row in range(count):
                group = order[row::count]
                placed = spread(
                    [centres[i] for i in group], [widths[i] for i in group], EDGE_PT, width - EDGE_PT, gap=4.0
                )
                for i, centre in zip(group, placed, strict=True):
                    starts[i] = centre - widths[i] / 2
                    row_of[i] = row
            # Rows that could not hold their labels side by side leave them overlapping: never chosen.
            apart = all(
                starts[j] >= starts[i] + widths[i] + 3.0
                for row in range(count)
                for i, j in itertools.pairwise(order[row::count])
            ) and all(
                s >= EDGE_PT - 0.5 and s + w <= width - EDGE_PT + 0.5 for s, w in zip(starts, widths, strict=True)
            )
            shift = max(abs(s + w / 2 - c) for s, w, c in zip(starts, widths, centres, strict=True))
            if apart and shift <= near:
                return starts, row_of
            if apart and (best is None or shift < best[0]):
                best = (shift, starts, row_of)
        if best is not None:
            return best[1], best[2]
        # Too many to stand side by side in the rows the height allows: as many rows as it takes.
        count = len(order)
        return [c - w / 2 for c, w in zip(centres, widths, strict=True)], [order.index(i) for i in range(count)]

    def _place_boxes(self, renderer: RendererBase, plot_width: float, plot_height: float) -> float:
        """Rows of change boxes inside the top of the plot; the share of the plot's height they take."""
        if not self.boxes:
            return 0.0
        low, high = self.x_range
        for compact in (False, True):
            placed = []
            for box in self.boxes:
                w, h = self._measure(box.text, renderer, box.compact if compact else box.full)
                centre = (box.x - low) / (high - low) * plot_width
                start = centre + 4.0
                if start + w > plot_width:  # right-aligned at its line, or as far right as the plot allows
                    start = max(0.0, min(centre - 4.0 - w, plot_width - w))
                placed.append((box, start, w, h, centre))
            assigned = rows([(s, s + w) for _, s, w, _, _ in placed], gap=3.0)
            heights = [0.0] * (max(assigned) + 1)
            for row, (_, _, _, h, _) in zip(assigned, placed, strict=True):
                heights[row] = max(heights[row], h)
            tops = list(itertools.accumulate([4.0] + [h + 3.0 for h in heights]))
            band_pt = tops[-1] + 3.0
            if compact or (len(heights) <= MAX_FULL_ANNOTATION_ROWS and band_pt <= 0.45 * plot_height):
                break
        limit_rows = len(heights) if not compact else MAX_COMPACT_ANNOTATION_ROWS
        # Rows that would reach below 45 % of the plot are left out, so that the data keep most of it (the change
        # stays in the hover of the procedure's label and in the treatment-response panel).
        limit = 0.45 * plot_height
        kept = [r for r, h in enumerate(heights) if tops[r] + h <= limit and r < limit_rows]
        shown = (max(kept) + 1) if kept else 0
        for (box, start, _w, _h, centre), row in zip(placed, assigned, strict=True):
            box.text.set_text(box.compact if compact else box.full)
            pad = 0.3 * box.text.get_fontsize()
            box.text.set_position((start + pad - centre, -(tops[row] + pad)))
            box.text.set_visible(row < shown)
        if not shown:
            return 0.0
        return (tops[shown] + 3.0) / plot_height


class _EmptyingArrangement:
    """The emptying chart's texts for the figure's size: value labels beside the curves' last films pushed apart
    where they would meet, the x range widened for them, the axis labels wrapped."""

    def __init__(self, frame: _Frame, values: list[tuple[Text, float, float]], last_tick: float) -> None:
        self.frame = frame
        self.values = values  # (label, x, y) of each curve's last film
        self.last_tick = last_tick

    def __call__(self, fig: Figure, renderer: RendererBase) -> Margins:
        frame, ax = self.frame, self.frame.ax
        width, height = (float(v) * 72 for v in fig.get_size_inches())
        top, legend = frame.top_and_bottom(fig, renderer)
        top += 8.0
        sizes = [extent_pt(text, renderer) for text, _, _ in self.values]
        label_room = max((w for w, _ in sizes), default=0.0) + 7.0 + GAP_PT
        bottom = legend + 30.0
        left, right = 40.0, EDGE_PT
        for _ in range(2):
            plot_height = max(height - top - bottom, 10.0)
            left = frame.y_axis_pt(fig, renderer, ax, plot_height)
            plot_width = max(width - left - right, 10.0)
            # Room right of the last film for its value label, in minutes.
            spare = label_room * self.last_tick / max(plot_width - label_room, 1.0)
            ax.set_xlim(0, self.last_tick + max(1.2, spare))
            bottom = legend + frame.x_axis_pt(fig, renderer, plot_width)
        plot_height = max(height - top - bottom, 10.0)
        self._spread(plot_width, plot_height, sizes)
        return left, right, top, bottom

    def _spread(self, plot_width: float, plot_height: float, sizes: list[tuple[float, float]]) -> None:
        ax = self.frame.ax
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        spans = []
        for (_, x, y), (w, h) in zip(self.values, sizes, strict=True):
            start = (x - x0) / (x1 - x0) * plot_width + 7.0
            spans.append((start, start + w, (y - y0) / (y1 - y0) * plot_height, h))
        # Labels whose spans meet along x form a group; each group is spread along y.
        order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        groups: list[list[int]] = []
        end = -np.inf
        for i in order:
            if not groups or spans[i][0] > end + GAP_PT:
                groups.append([])
                end = -np.inf
            groups[-1].append(i)
            end = max(end, spans[i][1])
        for group in groups:
            wanted = [spans[i][2] for i in group]
            placed = spread(wanted, [spans[i][3] for i in group], 0.0, plot_height)
            for i, y in zip(group, placed, strict=True):
                self.values[i][0].set_position((7.0, y - spans[i][2]))


# --------------------------------------------------------------------------------------------------------------------
# Course chart


def _annotation_blocks(data: ChartData, mode: ChartMode) -> list[tuple[float, str, str]]:
    """One box per procedure: its date number, its text (its minutes one per line) and its compact text (the
    outcome minute, 5 min, alone)."""
    blocks: dict[tuple[dt.date, int | None], list[tuple[int, str]]] = {}
    for note in data.annotations(mode):
        blocks.setdefault((note.procedure_date, note.procedure_id), []).append((note.minute, note.text))
    out = []
    for (day, _pid), notes in blocks.items():
        outcome = next((n for n in notes if n[0] == OUTCOME_MINUTE), notes[-1])
        out.append((_num(day), "\n".join(text for _minute, text in notes), outcome[1]))
    return sorted(out)


def draw_course(
    fig: Figure,
    data: ChartData,
    *,
    mode: ChartMode = HEIGHT,
    show_eckardt: bool = True,
    show_reference_lines: bool = True,
    layout: Layout = FIXED,
) -> DrawnChart:
    """Draw the course chart into ``fig`` (emptied first). Reference lines are heights, so area mode omits them."""
    if mode not in (HEIGHT, AREA):
        raise ValueError(f"chart mode must be 'height' or 'area', not {mode!r}")
    w = data.writing
    if data.is_empty:
        _reset(fig, layout)
        return _empty_state(fig, w.say(EMPTY_TEXT))
    eckardt = show_eckardt and bool(data.eckardt)
    ax, ax2 = _chart_axes(fig, layout, twin=eckardt)
    drawn = DrawnChart(axes=ax)
    study_text = {s.key: s.hover_text for s in data.studies}
    handles: list[Line2D] = []
    eckardt_handles: list[Line2D] = []
    procedure_handles: list[Line2D] = []
    reference_handles: list[Line2D] = []

    # Series: one slot per study, NaN where the film is missing, so the line breaks instead of dropping to 0.
    top_value = 0.0
    extra = 0
    for series in data.series(mode):
        colour, marker = _minute_style(series.minute, extra)
        extra += series.minute not in MINUTE_COLOURS
        xs = np.array([_num(d) for d in series.dates])
        ys = np.array([np.nan if v is None else float(v) for v in series.values])
        (line,) = ax.plot(xs, ys, color=colour, marker=marker, markersize=6, linewidth=2, label=series.label, zorder=3)
        handles.append(line)
        drawn.hover.append(
            HoverTarget(
                ax,
                np.array([_num(p.date) for p in series.points]),
                np.array([float(v) for p in series.points if (v := p.value(mode)) is not None]),
                [w.say(FILM_HOVER, minute=series.minute, study=study_text[p.study_key]) for p in series.points],
            )
        )
        top_value = max(top_value, float(np.nanmax(ys)))
    message: Text | None = None
    if not handles:
        if mode == HEIGHT:
            nothing = w.say(N_("No study has a measured height"))
        else:
            nothing = w.say(N_("No study has a measured height and width (for the area)"))
        message = ax.text(
            0.5,
            0.5,
            nothing,
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=11,
            color="#555555",
        )

    # The time axis spans every dated event of the chart.
    days = [s.date for s in data.studies] + [m.date for m in data.markers]
    if show_eckardt:
        days += [e.date for e in data.eckardt]
    first, last = _num(min(days)), _num(max(days))
    span = max(last - first, 1.0)
    pad = max(span * 0.04, 20.0)
    ax.set_xlim(first - pad, last + pad)
    locator = _DateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(_DateFormatter(locator, w))
    ax.set_xlabel(w.say(X_LABEL_DATE), fontsize=FONT_PT)
    ax.set_ylabel(w.say(Y_LABEL[mode]), fontsize=FONT_PT)

    # Procedures: grey lines through the plot; labels above the plot, in rows where they would collide (placed at
    # each draw for the figure's size, see _CourseArrangement), with a leader line down to their procedure's line.
    markers: list[_MarkerLabel] = []
    if data.markers:
        xs = [_num(m.date) for m in data.markers]
        ax.vlines(xs, 0, 1, transform=ax.get_xaxis_transform(), colors=PROCEDURE_COLOUR, linewidth=1.2, zorder=1)
        procedure_handles.append(Line2D([], [], color=PROCEDURE_COLOUR, linewidth=1.2, label=w.say(N_("Procedure"))))
        for x, m in zip(xs, data.markers, strict=True):
            whole = f"{m.title}\n{m.date_text or m.date.isoformat()}"
            text = ax.annotate(
                whole,
                xy=(x, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=SMALL_PT,
                fontweight="bold" if m.rescue else "normal",
                color="#333333",
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                annotation_clip=False,
                # From the label's lower edge (not clipped to its box: that was a sixth of a redraw).
                arrowprops={
                    "arrowstyle": "-",
                    "color": PROCEDURE_COLOUR,
                    "linewidth": 0.8,
                    "shrinkA": 0,
                    "shrinkB": 0,
                    "patchA": None,
                    "relpos": (0.5, 0.0),
                },
            )
            markers.append(_MarkerLabel(x, text, whole, m.title))

    # Change across each procedure: a box at the top of the plot, right of the procedure's line, in rows that
    # do not overlap; the y range gets head room so the boxes stay clear of the points. When full boxes would need
    # more than two rows, each box keeps only the outcome minute, so that a long history stays readable; every
    # minute's change is in the treatment-response panel.
    boxes: list[_ChangeBox] = []
    for x, full, compact in _annotation_blocks(data, mode):
        text = ax.annotate(
            full,
            xy=(x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(4, -4),
            textcoords="offset points",
            ha="left",
            va="top",
            multialignment="left",
            fontsize=SMALL_PT,
            color="#222222",
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#BBBBBB", "alpha": 0.9},
            zorder=5,
        )
        text.set_in_layout(False)  # inside the plot
        boxes.append(_ChangeBox(x, text, full, compact))
    # Pointing at a procedure's label shows it whole, with the change across it (a box may be left out for room).
    changes = {box.x: box.full for box in boxes}
    drawn.labels = [(m.text, f"{m.whole}\n{changes[m.x]}" if m.x in changes else m.whole) for m in markers]

    # Reference lines (height mode only): dotted, described in the legend with their sources.
    references = show_reference_lines and mode == HEIGHT
    if references:
        for line, style in zip(data.reference_lines, REFERENCE_STYLES, strict=False):
            value = float(line.height_cm)
            reference_handles.append(
                ax.axhline(value, color="#444444", linestyle=style, linewidth=1.3, label=line.label, zorder=2)
            )
            top_value = max(top_value, value)
    top_value = max(top_value, 1.0) * 1.08
    ax.set_ylim(0, top_value)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 5, 10]))

    if ax2 is not None:
        ex = np.array([_num(e.date) for e in data.eckardt])
        ey = np.array([float(e.total) for e in data.eckardt])
        (eck,) = ax2.plot(
            ex,
            ey,
            color=ECKARDT_COLOUR,
            linestyle=(0, (5, 3)),
            linewidth=1.6,
            marker="s",
            markersize=7,
            markerfacecolor="none",
            markeredgewidth=1.6,
            label=w.say(N_("{label}"), label=Label(_ECKARDT)),
            zorder=4,
        )
        eckardt_handles.append(eck)
        ax2.set_ylim(0, ECKARDT_TOTAL_MAX * 1.08)
        ax2.set_yticks(range(0, ECKARDT_TOTAL_MAX + 1, 3))
        ax2.set_ylabel(_eckardt_label(w), fontsize=FONT_PT, color="#8A3C6E")
        ax2.tick_params(labelsize=FONT_PT)
        drawn.hover.append(HoverTarget(ax2, ex, ey, [e.hover_text for e in data.eckardt]))

    title = _title(fig, w.say(N_("TBE course: {patient}"), patient=data.title))
    everything = handles + eckardt_handles + procedure_handles + reference_handles
    legend = _legend(fig, everything, float(fig.get_size_inches()[0]))
    frame = _Frame(ax, title, everything, legend, message)
    if ax2 is not None:
        frame.y_label_texts[id(ax2)] = ax2.yaxis.label.get_text()
    arrangement = _CourseArrangement(frame, ax2, markers, boxes, top_value=top_value, x_range=(first - pad, last + pad))
    _arrange(fig, arrangement, title)
    return drawn


def _arrange(fig: Figure, arrangement: _CourseArrangement | _EmptyingArrangement, title: Text) -> None:
    engine = _measured_layout(fig)
    if engine is not None:
        engine.arrange = arrangement
        engine.title = title


def course_figure(
    data: ChartData,
    *,
    mode: ChartMode = HEIGHT,
    show_eckardt: bool = True,
    show_reference_lines: bool = True,
) -> Figure:
    """A new course-chart figure (for reports and exports), laid out as on screen at the files' size."""
    fig = _new_figure(COURSE_SIZE_IN)
    draw_course(fig, data, mode=mode, show_eckardt=show_eckardt, show_reference_lines=show_reference_lines)
    return fig


# --------------------------------------------------------------------------------------------------------------------
# Emptying chart


def _curve_style(index: int) -> tuple[str, str]:
    return CURVE_COLOURS[index % len(CURVE_COLOURS)], CURVE_MARKERS[index % len(CURVE_MARKERS)]


def draw_emptying(fig: Figure, data: ChartData, study_ids: Iterable[int], *, layout: Layout = FIXED) -> DrawnChart:
    """Draw height against minute for the chosen studies (study keys, see ``services.charts``) into ``fig``.

    Studies taken up to the most recent procedure are dashed, later ones solid, so before and after read apart.
    """
    w = data.writing
    if data.is_empty:
        _reset(fig, layout)
        return _empty_state(fig, w.say(EMPTY_TEXT))
    wanted = set(study_ids)
    curves: list[EmptyingCurve] = [c for c in data.curves if c.study_key in wanted]
    if not curves:
        _reset(fig, layout)
        return _empty_state(fig, w.say(NOTHING_PICKED_TEXT))
    ax, _ = _chart_axes(fig, layout, twin=False)
    drawn = DrawnChart(axes=ax)
    study_text = {s.key: s.hover_text for s in data.studies}
    last_procedure = data.markers[-1].date if data.markers else None
    minutes = set(STANDARD_MINUTES)
    top_value = 0.0
    handles: list[Line2D] = []
    values: list[tuple[Text, float, float]] = []
    for index, curve in enumerate(curves):
        colour, marker = _curve_style(index)
        before = last_procedure is not None and curve.date <= last_procedure
        xs = np.array([float(p.minute) for p in curve.points])
        ys = np.array([float(p.height_cm) for p in curve.points if p.height_cm is not None])
        (line,) = ax.plot(
            xs,
            ys,
            color=colour,
            marker=marker,
            markersize=7,
            linewidth=2,
            linestyle=(0, (5, 3)) if before else "-",
            label=curve.label,
            zorder=3,
        )
        handles.append(line)
        if len(curve.points):
            last_point = curve.points[-1]
            assert last_point.height_cm is not None
            value = ax.annotate(
                curve.last_text or w.say(N_("{height} cm"), height=w.cm(last_point.height_cm)),
                xy=(xs[-1], ys[-1]),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontsize=SMALL_PT,
                color=colour,
            )
            values.append((value, float(xs[-1]), float(ys[-1])))
            top_value = max(top_value, float(ys.max()))
            minutes.update(p.minute for p in curve.points)
        drawn.hover.append(
            HoverTarget(
                ax,
                xs,
                ys,
                [w.say(FILM_HOVER, minute=p.minute, study=study_text[curve.study_key]) for p in curve.points],
            )
        )
    message: Text | None = None
    if top_value == 0 and not any(len(c.points) for c in curves):
        message = ax.text(
            0.5,
            0.5,
            w.say(NO_HEIGHT_TEXT),
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=11,
            color="#555555",
        )
    ticks = sorted(minutes)
    ax.set_xticks(ticks, labels=[f"{m}" for m in ticks])
    ax.set_xlim(0, max(ticks) + 1.2)  # room for the value labels right of the last film (widened when drawn)
    ax.set_ylim(0, max(top_value, 1.0) * 1.12)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 5, 10]))
    filmed = {p.minute for c in curves for p in c.points}
    not_filmed = [m for m in STANDARD_MINUTES if m not in filmed]
    ax.set_xlabel(_minute_axis_label(w, not_filmed if filmed else []), fontsize=FONT_PT)
    ax.set_ylabel(w.say(Y_LABEL[HEIGHT]), fontsize=FONT_PT)
    title = _title(fig, w.say(N_("Emptying: {patient}"), patient=data.title))
    legend = _legend(fig, handles, float(fig.get_size_inches()[0]))
    _arrange(fig, _EmptyingArrangement(_Frame(ax, title, handles, legend, message), values, max(ticks)), title)
    return drawn


def _minute_axis_label(w: ChartWriting, not_filmed: Sequence[int]) -> str:
    """The minute axis' label, naming the standard films none of the drawn studies has (one sentence per case)."""
    if not not_filmed:
        return w.say(X_LABEL_MINUTE)
    if len(not_filmed) == 1:
        return w.say(N_("Minutes after barium ingestion (no {minute}-min film on these studies)"), minute=not_filmed[0])
    *first, last = not_filmed
    return w.say(
        N_("Minutes after barium ingestion (no {minutes} or {last}-min film on these studies)"),
        minutes=", ".join(str(m) for m in first),
        last=last,
    )


def emptying_figure(data: ChartData, study_ids: Sequence[int] | None = None) -> Figure:
    """A new emptying-chart figure; ``study_ids`` are study keys, ``None`` means the default selection."""
    fig = _new_figure(EMPTYING_SIZE_IN)
    draw_emptying(fig, data, data.default_selection if study_ids is None else study_ids)
    return fig


# --------------------------------------------------------------------------------------------------------------------
# Files


def figure_format(path: str | Path) -> str:
    """'png', 'svg' or 'pdf' from the file name; anything else is a mistake the user can fix."""
    suffix = Path(path).suffix.lower()
    if suffix not in _FORMATS:
        raise ValueError(f"Choose a file name ending in .png, .svg or .pdf (not {suffix or 'no extension'}).")
    return _FORMATS[suffix]


def save_figure(fig: Figure, path: str | Path, *, dpi: float = 200) -> Path:
    """Write the figure as PNG, SVG or PDF by the file's suffix (Agg, SVG and PDF backends; no GUI needed)."""
    path = Path(path)
    fmt = figure_format(path)
    creator = f"Barium Tracker {__version__}"
    metadata = {"Software": creator} if fmt == "png" else {"Creator": creator}
    fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return path
