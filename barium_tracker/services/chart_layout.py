"""Where a chart's texts go, measured at each draw, so that no two overlap and none leaves the figure.

The charts' layout engine (:class:`MeasuredLayout`) asks the chart, at every draw and at the figure's size of that
moment, to arrange its texts (``arrange(fig, renderer)``) and to return the margins they need. The arrangements use
the pieces here: text measured by the renderer (a line already measured costs a cache look-up, so a redraw stays
cheap), words wrapped to a width, a text shortened with an ellipsis, rows of labels that never overlap, labels
pushed apart along an axis, and a legend with as many columns as the width holds. Everything is in points.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Protocol

from matplotlib.artist import Artist
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.layout_engine import LayoutEngine
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text

#: Free space along the figure's edges, and between neighbouring texts.
EDGE_PT = 6.0
GAP_PT = 3.0
ELLIPSIS = "…"

Margins = tuple[float, float, float, float]  # left, right, top, bottom, in points


class Arrangement(Protocol):
    def __call__(self, fig: Figure, renderer: RendererBase) -> Margins: ...


class MeasuredLayout(LayoutEngine):
    """Margins in points, either given (:meth:`set_margins`) or returned by the chart's arrangement at each draw.

    An arrangement places the chart's texts for the figure's current size (rows, wrapping, shortening, legend
    columns) and returns the margins they take; the title is kept at the top left. Without an arrangement the
    given margins are used (a small canvas shrinks them so the plot keeps half of each direction).
    """

    _adjust_compatible = True
    _colorbar_gridspec = False

    def __init__(self) -> None:
        super().__init__()
        self.margins_pt: Margins = (54.0, 18.0, 24.0, 40.0)
        self.overhang: list[tuple[float, float]] = []
        self.title: Text | None = None
        self.arrange: Arrangement | None = None

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
        """Fixed margins (the cohort plot, or a chart before its arrangement runs)."""
        self.margins_pt = (left, right, top, bottom)
        self.overhang = list(overhang)
        self.title = title

    def execute(self, fig: Figure) -> None:
        width_in, height_in = (float(v) for v in fig.get_size_inches())
        width, height = width_in * 72, height_in * 72
        if self.arrange is not None:
            left, right, top, bottom = self.arrange(fig, fig._get_renderer())  # type: ignore[attr-defined]
            # The arrangement already fitted its texts; a plot of less than a point would invert the axes.
            left, right = min(left, width - right - 1), right
            top, bottom = top, min(bottom, height - top - 1)
            scale_x = scale_y = 1.0
        else:
            left, right, top, bottom = self.margins_pt
            for _ in range(2):  # the plot's width depends on the margins it widens
                plot = max(width - left - right, 1.0)
                for fraction, half in self.overhang:
                    left = max(left, EDGE_PT + half - fraction * plot)
                    right = max(right, EDGE_PT + half - (1 - fraction) * plot)
            scale_x = min(1.0, 0.5 * width / max(left + right, 1e-9))
            scale_y = min(1.0, 0.5 * height / max(top + bottom, 1e-9))
        fig.subplots_adjust(
            left=max(left * scale_x, 0.0) / width,
            right=1 - max(right * scale_x, 0.0) / width,
            bottom=max(bottom * scale_y, 0.0) / height,
            top=1 - max(top * scale_y, 0.0) / height,
        )
        if self.title is not None:
            self.title.set_position((EDGE_PT / width, 1 - EDGE_PT / height))


# -- measuring --------------------------------------------------------------------------------------------------------


def points_per_pixel(fig: Figure) -> float:
    return 72.0 / fig.dpi


def extent_pt(text: Text, renderer: RendererBase) -> tuple[float, float]:
    """The width and height of a text as drawn (its box's padding included), in points; a hidden text is
    measured as if it were shown (matplotlib gives a hidden text no extent)."""
    visible = text.get_visible()
    text.set_visible(True)
    try:
        box = Text.get_window_extent(text, renderer)
    finally:
        text.set_visible(visible)
    scale = 72.0 / text.figure.dpi if text.figure is not None else 1.0
    width, height = box.width * scale, box.height * scale
    patch = text.get_bbox_patch()
    if patch is not None:
        # The box's padding (boxstyle pad, in font sizes) on each side.
        pad = float(getattr(patch.get_boxstyle(), "pad", 0.3)) * text.get_fontsize()
        width, height = width + 2 * pad, height + 2 * pad
    return width, height


def measure(text: Text, renderer: RendererBase, string: str) -> tuple[float, float]:
    """The extent ``text`` would have with ``string`` (it keeps ``string``)."""
    text.set_text(string)
    return extent_pt(text, renderer)


def line_width(text: Text, renderer: RendererBase) -> Callable[[str], float]:
    """How wide one line would be in ``text``'s font, in points."""
    prop = text.get_fontproperties()
    scale = 72.0 / text.figure.dpi if text.figure is not None else 1.0

    def width(line: str) -> float:
        return float(renderer.get_text_width_height_descent(line, prop, ismath=False)[0]) * scale

    return width


def wrap(text: str, max_width: float, width: Callable[[str], float]) -> str:
    """The words re-flowed into lines no wider than ``max_width`` (a single word wider than that keeps its line)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and width(candidate) > max_width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def shorten(line: str, max_width: float, width: Callable[[str], float]) -> str:
    """``line`` cut at its end with an ellipsis so that it fits ``max_width`` (unchanged when it fits)."""
    if width(line) <= max_width:
        return line
    low, high = 0, len(line)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if width(line[:middle].rstrip() + ELLIPSIS) <= max_width:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + ELLIPSIS


def fit_lines(text: str, max_width: float, width: Callable[[str], float]) -> str:
    """Wrapped at spaces to ``max_width``, and any word still too wide shortened."""
    return "\n".join(shorten(line, max_width, width) for line in wrap(text, max_width, width).split("\n"))


# -- placing ----------------------------------------------------------------------------------------------------------


def rows(spans: Sequence[tuple[float, float]], gap: float = GAP_PT) -> list[int]:
    """Greedy rows for spans (start, end) taken in order: each goes to the lowest row where it clears the previous
    span by ``gap``. Spans in one row never overlap."""
    ends: list[float] = []
    out: list[int] = []
    for start, end in spans:
        row = next((r for r, last in enumerate(ends) if last + gap <= start), len(ends))
        if row == len(ends):
            ends.append(end)
        ends[row] = end
        out.append(row)
    return out


def clamp_span(centre: float, width: float, low: float, high: float) -> float:
    """The start of a span of ``width`` centred on ``centre`` as far as it stays within [low, high]."""
    start = centre - width / 2
    return max(low, min(start, high - width)) if high - low >= width else low


def spread(wanted: Sequence[float], sizes: Sequence[float], low: float, high: float, gap: float = 1.0) -> list[float]:
    """Positions (centres) as near to ``wanted`` as possible with neighbours at least (size_a + size_b) / 2 + gap
    apart, kept within [low, high] when they fit there (value labels beside the ends of curves)."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    previous: int | None = None
    for i in order:  # upwards
        position = max(wanted[i], low + sizes[i] / 2)
        if previous is not None:
            position = max(position, placed[previous] + (sizes[previous] + sizes[i]) / 2 + gap)
        placed[i] = position
        previous = i
    following: int | None = None
    for i in reversed(order):  # back down from the top
        position = min(placed[i], high - sizes[i] / 2)
        if following is not None:
            position = min(position, placed[following] - (sizes[following] + sizes[i]) / 2 - gap)
        placed[i] = position
        following = i
    return placed


# -- legends ----------------------------------------------------------------------------------------------------------


def legend_columns(entry_widths: Sequence[float], max_width: float, fontsize: float) -> int:
    """The most columns (matplotlib fills them column first) whose entries fit ``max_width`` side by side."""
    count = len(entry_widths)
    for ncols in range(count, 0, -1):
        per_column, large = divmod(count, ncols)
        sizes = [per_column + 1] * large + [per_column] * (ncols - large)
        starts = [0, *itertools.accumulate(sizes)]
        columns = [entry_widths[a:b] for a, b in itertools.pairwise(starts) if b > a]
        total = sum(max(c) for c in columns) + (len(columns) - 1) * 2.0 * fontsize + 2 * 0.4 * fontsize
        if total <= max_width:
            return ncols
    return 1


def entry_width(text_width: float, fontsize: float) -> float:
    """A legend entry: the handle (2 em), the pad to its text (0.8 em) and the text."""
    return 2.8 * fontsize + text_width


def fit_legend(
    fig: Figure,
    legend: Legend,
    handles: Sequence[Line2D],
    labels: Sequence[str],
    renderer: RendererBase,
) -> None:
    """The figure's legend made to fit its width: as many columns as fit, a label too wide for the figure wrapped
    at its spaces (and shortened only where a single word is wider than the figure).

    The legend is made at draw time (the figure's width is known only then), and a legend added while the figure
    draws would not be drawn, so its entries are packed again in place: matplotlib's ``Legend`` has no public way
    to change its columns, and the packing it does when it is made is used for that.
    """
    fontsize = float(legend.prop.get_size_in_points())
    room = fig.bbox.width * points_per_pixel(fig) - 2 * EDGE_PT
    measure_line = line_width(legend.get_texts()[0], renderer)
    text_room = room - entry_width(0.0, fontsize) - 0.8 * fontsize
    texts = [fit_lines(label, text_room, measure_line) for label in labels]
    widths = [entry_width(max(measure_line(line) for line in t.split("\n")), fontsize) for t in texts]
    ncols = legend_columns(widths, room, fontsize)
    if legend._ncols == ncols and [t.get_text() for t in legend.get_texts()] == texts:  # type: ignore[attr-defined]
        return
    try:
        legend._ncols = ncols  # type: ignore[attr-defined]
        legend._init_legend_box(list(handles), texts)  # type: ignore[attr-defined]
        legend._set_loc(legend._loc_real)  # type: ignore[attr-defined]  # the new box at the legend's place
        legend.set_title("")
    except (AttributeError, TypeError):  # a later matplotlib: keep its columns, wrap the texts
        for text, wrapped in zip(legend.get_texts(), texts, strict=False):
            text.set_text(wrapped)


def height_pt(artist: Artist, renderer: RendererBase) -> float:
    """An artist's drawn height in points (0 when it is not drawn)."""
    if not artist.get_visible():
        return 0.0
    box = artist.get_window_extent(renderer)
    figure = artist.get_figure()
    return float(box.height) * (72.0 / figure.dpi if figure is not None else 1.0)
