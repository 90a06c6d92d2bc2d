"""Matplotlib figures of the patient charts, drawn from ``services.charts`` data, headless (no pyplot, no Qt).

The GUI draws into the figure of its Qt canvas with :func:`draw_course` / :func:`draw_emptying`; reports and the
command line call :func:`course_figure` / :func:`emptying_figure` and :func:`save_figure`. Both paths draw the same
thing, so an exported image is what the clinician saw.

Two layouts: on screen (``layout="fixed"``, the default of the draw functions) the margins are computed from the font
sizes when the artists are built, so a redraw measures no text; constrained layout measures every label on every draw,
about a quarter of a redraw. Files and the clipboard (:func:`course_figure`, :func:`emptying_figure`) keep matplotlib's
constrained layout, which measures the text it draws; the two place the same artists, only the margins may differ by a
few points. On screen a redraw also reuses the figure's axes (creating axes and their ticks was a third of building a
chart) and only replaces what they hold.

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
from typing import Literal

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine, LayoutEngine
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

#: ``"fixed"``: margins computed from the font sizes (screen); ``"constrained"``: matplotlib measures the text (files).
Layout = Literal["fixed", "constrained"]
FIXED: Layout = "fixed"
CONSTRAINED: Layout = "constrained"

# Text geometry for the fixed margins, in points unless named otherwise (matplotlib's defaults and DejaVu Sans).
_EDGE_PT = 6.0  # free space along the figure's edges
_TICK_PT = 7.0  # tick length 3.5 + tick label pad 3.5
_LABEL_PAD_PT = 4.0  # axes.labelpad
_LINE_EM = 1.2  # height of one line of text, in font sizes (ascent + descent is 1.16 em)
_DIGIT_EM = 0.64  # advance of a digit (0.636 em)
_LABEL_ROW_PT = SMALL_PT * 1.25 * 2 + 5  # the pitch of the rows of procedure labels
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
    """What a draw call made: the main axes (None for an empty state) and the points that answer hovering."""

    axes: Axes | None
    hover: list[HoverTarget] = field(default_factory=list)
    message: str = ""

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


@lru_cache(maxsize=4096)
def _num(day: dt.date) -> float:
    # Cached: date2num costs tens of microseconds a call, and a long history converts thousands of dates a draw.
    return float(mdates.date2num(dt.datetime(day.year, day.month, day.day)))


class FixedMargins(LayoutEngine):
    """Margins in points, applied at each draw by arithmetic alone (nothing is measured).

    The draw functions set the margins from the font sizes, the tick labels, the rows of procedure labels and of the
    legend (:meth:`set_margins`). Labels centred on a date (``overhang``: axes fraction and half width in points) widen
    the left or right margin when they would stick out of the figure; the title keeps its place at the top left.
    """

    _adjust_compatible = True
    _colorbar_gridspec = False

    def __init__(self) -> None:
        super().__init__()
        self.margins_pt = (54.0, 18.0, 24.0, 40.0)  # left, right, top, bottom
        self.overhang: list[tuple[float, float]] = []
        self.title: Text | None = None

    def set_margins(
        self,
        left: float,
        right: float,
        top: float,
        bottom: float,
        *,
        overhang: Sequence[tuple[float, float]] = (),
        title: Text | None = None,
    ) -> None:
        self.margins_pt = (left, right, top, bottom)
        self.overhang = list(overhang)
        self.title = title

    def execute(self, fig: Figure) -> None:
        width_in, height_in = (float(v) for v in fig.get_size_inches())
        width, height = width_in * 72, height_in * 72
        left, right, top, bottom = self.margins_pt
        for _ in range(2):  # the plot's width depends on the margins it widens
            plot = max(width - left - right, 1.0)
            for fraction, half in self.overhang:
                left = max(left, _EDGE_PT + half - fraction * plot)
                right = max(right, _EDGE_PT + half - (1 - fraction) * plot)
        # On a very small canvas the plot keeps at least half of each direction.
        scale_x = min(1.0, 0.5 * width / max(left + right, 1e-9))
        scale_y = min(1.0, 0.5 * height / max(top + bottom, 1e-9))
        fig.subplots_adjust(
            left=left * scale_x / width,
            right=1 - right * scale_x / width,
            bottom=bottom * scale_y / height,
            top=1 - top * scale_y / height,
        )
        if self.title is not None:
            self.title.set_position((_EDGE_PT / width, 1 - _EDGE_PT / height))


def _new_figure(size: tuple[float, float], layout: Layout = CONSTRAINED) -> Figure:
    fig = Figure(figsize=size)
    _set_layout(fig, layout)
    return fig


def _set_layout(fig: Figure, layout: Layout) -> None:
    if layout not in (FIXED, CONSTRAINED):
        raise ValueError(f"layout must be 'fixed' or 'constrained', not {layout!r}")
    engine = fig.get_layout_engine()
    if layout == CONSTRAINED and not isinstance(engine, ConstrainedLayoutEngine):
        fig.set_layout_engine("constrained")
    elif layout == FIXED and not isinstance(engine, FixedMargins):
        fig.set_layout_engine(FixedMargins())


def _reset(fig: Figure, layout: Layout) -> None:
    fig.clear()
    _set_layout(fig, layout)


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
        and isinstance(fig.get_layout_engine(), FixedMargins)
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


def _fixed_margins(fig: Figure) -> FixedMargins | None:
    engine = fig.get_layout_engine()
    return engine if isinstance(engine, FixedMargins) else None


def _text_height_pt(size: float, lines: int = 1) -> float:
    return size * _LINE_EM * lines


def _side_pt(tick_labels: Sequence[str]) -> float:
    """The margin beside a y axis: the edge, the axis label (rotated), its pad, the widest tick label, the tick."""
    widest = max((len(t) for t in tick_labels), default=1) * _DIGIT_EM * FONT_PT
    return _EDGE_PT + _text_height_pt(FONT_PT) + _LABEL_PAD_PT + widest + _TICK_PT


def plain_axes_margins(
    ax: Axes, *, tick_pt: float, label_pt: float, x_tick_lines: int
) -> tuple[float, float, float, float]:
    """FixedMargins for one axes with a y label and x tick labels of ``x_tick_lines`` lines (no x label, no
    title, no legend outside): (left, right, top, bottom) in points, computed as the charts' own margins are."""
    widest = max((len(t) for t in _y_tick_labels(ax)), default=1) * _DIGIT_EM * tick_pt
    left = _EDGE_PT + _text_height_pt(label_pt) + _LABEL_PAD_PT + widest + _TICK_PT
    bottom = _EDGE_PT + _TICK_PT + _text_height_pt(tick_pt, x_tick_lines)
    top = _EDGE_PT + tick_pt / 2  # half of the top tick label stands above the axes
    return left, _EDGE_PT, top, bottom


def _y_tick_labels(ax: Axes) -> list[str]:
    """The y tick labels the axis will draw (locator and formatter only; no text is measured)."""
    low, high = ax.get_ylim()
    ticks = [t for t in ax.yaxis.get_major_locator().tick_values(low, high) if low - 1e-9 <= t <= high + 1e-9]
    return list(ax.yaxis.get_major_formatter().format_ticks(ticks))


def _legend_rows(handles: Sequence[Line2D], ncols: int) -> int:
    return -(-len(handles) // max(ncols, 1)) if handles else 0


def _bottom_pt(legend_rows: int) -> float:
    """Below the plot: ticks, tick labels, the x-axis label (the date axis' offset text shares its line), the legend."""
    axis = _TICK_PT + _text_height_pt(FONT_PT) + _LABEL_PAD_PT + _text_height_pt(FONT_PT)
    if not legend_rows:
        return axis + _EDGE_PT
    # Legend: rows of text (8 pt) 0.5 em apart, 0.4 em border inside, 0.5 em from the figure's edge.
    legend = legend_rows * _text_height_pt(SMALL_PT) + (legend_rows - 1) * 0.5 * SMALL_PT + 1.3 * SMALL_PT
    return axis + 4.0 + legend


def _title_pt() -> float:
    return _EDGE_PT + _text_height_pt(FONT_PT + 1)


def _eckardt_label(w: ChartWriting) -> str:
    return w.say(ECKARDT_LABEL, label=Label(_ECKARDT), max=ECKARDT_TOTAL_MAX)


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


def _legend(fig: Figure, handles: list[Line2D], figure_width_in: float) -> int:
    """The legend below the plot, with as many columns as fit the figure's width (matplotlib fills column-first).

    Returns the number of rows.
    """
    if not handles:
        return 0
    widths = [(len(h.get_label()) * 0.6 * SMALL_PT + 48) / 72 for h in handles]
    ncols = 1
    for candidate in range(len(handles), 0, -1):
        # Legend's own split: the first ``large`` columns hold one entry more than the others.
        rows, large = divmod(len(handles), candidate)
        sizes = [rows + 1] * large + [rows] * (candidate - large)
        starts = [0, *itertools.accumulate(sizes)]
        columns = [widths[a:b] for a, b in itertools.pairwise(starts) if b > a]
        if sum(max(c) for c in columns) <= figure_width_in * 0.96:
            ncols = candidate
            break
    fig.legend(handles=handles, loc="outside lower center", ncols=ncols, fontsize=SMALL_PT, frameon=False)
    return _legend_rows(handles, ncols)


# --------------------------------------------------------------------------------------------------------------------
# Course chart


def _text_width_in(text: str, size_pt: float) -> float:
    """A generous estimate of a text's width; used to keep annotation boxes apart without a renderer."""
    longest = max((len(line) for line in text.splitlines()), default=0)
    return (longest * 0.58 * size_pt + 8) / 72


def _rows(items: list[tuple[float, str]], days_per_inch: float, size_pt: float, *, centred: bool) -> list[int]:
    """Greedy rows for texts at x positions (dates) so that no two texts in a row overlap; the row of each item."""
    row_ends: list[float] = []
    rows: list[int] = []
    for x, text in items:
        width = _text_width_in(text, size_pt) * days_per_inch
        start = x - width / 2 if centred else x
        row = next((r for r, end in enumerate(row_ends) if end < start), len(row_ends))
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = start + width
        rows.append(row)
    return rows


def _annotation_blocks(data: ChartData, mode: ChartMode, *, compact: bool) -> list[tuple[float, str]]:
    """One text per procedure (its minutes one per line); ``compact`` keeps only the outcome minute (5 min)."""
    blocks: dict[tuple[dt.date, int | None], list[tuple[int, str]]] = {}
    for note in data.annotations(mode):
        blocks.setdefault((note.procedure_date, note.procedure_id), []).append((note.minute, note.text))
    out = []
    for (day, _pid), notes in blocks.items():
        if compact:
            notes = [next((n for n in notes if n[0] == OUTCOME_MINUTE), notes[-1])]
        out.append((_num(day), "\n".join(text for _minute, text in notes)))
    return sorted(out)


def _place_blocks(
    blocks: list[tuple[float, str]], days_per_inch: float, right_limit: float
) -> tuple[list[tuple[float, str, int, bool]], list[int]]:
    """Rows for the change boxes (left-aligned at the procedure, right-aligned when they would leave the plot)."""
    row_ends: list[float] = []
    row_lines: list[int] = []
    placed: list[tuple[float, str, int, bool]] = []
    for x, text in blocks:
        width_days = _text_width_in(text, SMALL_PT) * days_per_inch
        right_aligned = x + width_days > right_limit
        start, end = (x - width_days, x) if right_aligned else (x, x + width_days)
        row = next((r for r, row_end in enumerate(row_ends) if row_end < start), len(row_ends))
        if row == len(row_ends):
            row_ends.append(end)
            row_lines.append(0)
        row_ends[row] = end
        row_lines[row] = max(row_lines[row], text.count("\n") + 1)
        placed.append((x, text, row, right_aligned))
    return placed, row_lines


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
    if not handles:
        if mode == HEIGHT:
            nothing = w.say(N_("No study has a measured height"))
        else:
            nothing = w.say(N_("No study has a measured height and width (for the area)"))
        ax.text(
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
    view_days = span + 2 * pad
    fig_width_in, fig_height_in = (float(v) for v in fig.get_size_inches())
    axes_width_in = max(fig_width_in - 2.0, 1.0)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(_DateFormatter(locator, w))
    ax.set_xlabel(w.say(X_LABEL_DATE), fontsize=FONT_PT)
    ax.set_ylabel(w.say(Y_LABEL[mode]), fontsize=FONT_PT)

    # Procedures: grey lines through the plot; labels above the plot, in rows where they would collide.
    label_rows = 0
    overhang: list[tuple[float, float]] = []
    if data.markers:
        xs = [_num(m.date) for m in data.markers]
        ax.vlines(xs, 0, 1, transform=ax.get_xaxis_transform(), colors=PROCEDURE_COLOUR, linewidth=1.2, zorder=1)
        procedure_handles.append(Line2D([], [], color=PROCEDURE_COLOUR, linewidth=1.2, label=w.say(N_("Procedure"))))
        labels = [f"{m.title}\n{m.date_text or m.date.isoformat()}" for m in data.markers]
        rows = _rows(list(zip(xs, labels, strict=True)), view_days / axes_width_in, SMALL_PT, centred=True)
        label_rows = max(rows) + 1
        overhang = [
            ((x - (first - pad)) / view_days, _text_width_in(text, SMALL_PT) * 36)
            for x, text in zip(xs, labels, strict=True)
        ]
        for x, m, text, row in zip(xs, data.markers, labels, rows, strict=True):
            ax.annotate(
                text,
                xy=(x, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 4 + row * _LABEL_ROW_PT),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=SMALL_PT,
                fontweight="bold" if m.rescue else "normal",
                color="#333333",
                annotation_clip=False,
                arrowprops={"arrowstyle": "-", "color": PROCEDURE_COLOUR, "linewidth": 0.8, "shrinkA": 0, "shrinkB": 0}
                if row
                else None,
            )

    # Change across each procedure: a box at the top of the plot, right of the procedure's line, in rows that
    # do not overlap; the y range gets head room so the boxes stay clear of the points.
    # When full boxes would need more than two rows, each box keeps only the outcome minute, so that a long
    # history stays readable; every minute's change is in the treatment-response panel.
    days_per_inch = view_days / axes_width_in
    placed, row_lines = _place_blocks(_annotation_blocks(data, mode, compact=False), days_per_inch, last + pad)
    if len(row_lines) > MAX_FULL_ANNOTATION_ROWS:
        placed, row_lines = _place_blocks(_annotation_blocks(data, mode, compact=True), days_per_inch, last + pad)
    line_pt = SMALL_PT * 1.3
    row_offsets = np.cumsum([0.0] + [n * line_pt + 10 for n in row_lines])
    for x, text, row, right_aligned in placed:
        ax.annotate(
            text,
            xy=(x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-4 if right_aligned else 4, -4 - row_offsets[row]),
            textcoords="offset points",
            ha="right" if right_aligned else "left",
            va="top",
            multialignment="left",
            fontsize=SMALL_PT,
            color="#222222",
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#BBBBBB", "alpha": 0.9},
            zorder=5,
        ).set_in_layout(False)  # inside the plot: the layout need not measure it (a third of its time)
    band_pt = (row_offsets[-1] + 6) if placed else 0.0
    axes_height_in = max(fig_height_in - 2.4, 1.0)
    band = min(0.5, band_pt / 72 / axes_height_in)

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
    ax.set_ylim(0, top_value / (1 - band))
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
        ax2.set_ylim(0, (ECKARDT_TOTAL_MAX * 1.08) / (1 - band))
        ax2.set_yticks(range(0, ECKARDT_TOTAL_MAX + 1, 3))
        ax2.set_ylabel(_eckardt_label(w), fontsize=FONT_PT, color="#8A3C6E")
        ax2.tick_params(labelsize=FONT_PT)
        drawn.hover.append(HoverTarget(ax2, ex, ey, [e.hover_text for e in data.eckardt]))

    title = _title(fig, w.say(N_("TBE course: {patient}"), patient=data.title))
    legend_rows = _legend(fig, handles + eckardt_handles + procedure_handles + reference_handles, fig_width_in)
    engine = _fixed_margins(fig)
    if engine is not None:
        # Above the plot: the title, then the rows of procedure labels (two lines each) on their offsets.
        labels_pt = 4 + (label_rows - 1) * _LABEL_ROW_PT + _text_height_pt(SMALL_PT, 2) if label_rows else 0.0
        engine.set_margins(
            _side_pt(_y_tick_labels(ax)),
            _side_pt(_y_tick_labels(ax2)) if ax2 is not None else _RIGHT_PT,
            _title_pt() + 6 + labels_pt,
            _bottom_pt(legend_rows),
            overhang=overhang,
            title=title,
        )
    return drawn


def course_figure(
    data: ChartData,
    *,
    mode: ChartMode = HEIGHT,
    show_eckardt: bool = True,
    show_reference_lines: bool = True,
) -> Figure:
    """A new course-chart figure (for reports and exports), in constrained layout."""
    fig = _new_figure(COURSE_SIZE_IN)
    draw_course(
        fig,
        data,
        mode=mode,
        show_eckardt=show_eckardt,
        show_reference_lines=show_reference_lines,
        layout=CONSTRAINED,
    )
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
            ax.annotate(
                w.say(N_("{height} cm"), height=w.cm(last_point.height_cm)),
                xy=(xs[-1], ys[-1]),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontsize=SMALL_PT,
                color=colour,
            )
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
    if top_value == 0 and not any(len(c.points) for c in curves):
        ax.text(
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
    ax.set_xlim(0, max(ticks) + 1.2)  # room for the value labels right of the last film
    ax.set_ylim(0, max(top_value, 1.0) * 1.12)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 5, 10]))
    filmed = {p.minute for c in curves for p in c.points}
    not_filmed = [m for m in STANDARD_MINUTES if m not in filmed]
    ax.set_xlabel(_minute_axis_label(w, not_filmed if filmed else []), fontsize=FONT_PT)
    ax.set_ylabel(w.say(Y_LABEL[HEIGHT]), fontsize=FONT_PT)
    title = _title(fig, w.say(N_("Emptying: {patient}"), patient=data.title))
    legend_rows = _legend(fig, handles, float(fig.get_size_inches()[0]))
    engine = _fixed_margins(fig)
    if engine is not None:
        # The value labels right of the last film stay inside the x range.
        engine.set_margins(
            _side_pt(_y_tick_labels(ax)), _RIGHT_PT, _title_pt() + 8, _bottom_pt(legend_rows), title=title
        )
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
    draw_emptying(fig, data, data.default_selection if study_ids is None else study_ids, layout=CONSTRAINED)
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
