"""The cohort's box plot: the change in 5-min height by procedure type, with every patient as a point when few.

The one cohort module that imports matplotlib (~0.3 s); the window imports it when it is first opened.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent, RendererBase
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FixedFormatter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from barium_tracker.domain.rules import VAEZI_MIN_IMPROVEMENT_PCT
from barium_tracker.services.chart_layout import (
    EDGE_PT,
    GAP_PT,
    Margins,
    MeasuredLayout,
    extent_pt,
    fit_lines,
    line_width,
    measure,
    shorten,
    wrap,
)
from barium_tracker.services.cohort import ProcedureStats
from barium_tracker.ui.cohort import words


class CohortPlot(QWidget):
    """Box plot of the change in 5-min height by procedure type, with the points when there are few."""

    #: Groups up to this size also show every patient as a point (a strip); larger ones show the box alone.
    STRIP_MAX_POINTS = 150
    TICK_PT, LABEL_PT = 8, 9

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cohortPlot")
        self.setAccessibleName(
            self.tr("Box plot by procedure type: {label}, change (%)").format(label=words.height_label())
        )
        # The charts' own layout (as the patient charts): the tick labels placed and the margins measured at each
        # draw for the plot's width; constrained layout measured every text of the figure, 40 % of drawing it.
        self.figure = Figure(figsize=(5.0, 3.0), dpi=96)
        self.margins = MeasuredLayout()
        self.figure.set_layout_engine(self.margins)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("cohortPlotCanvas")
        # Eight procedure types side by side at 7 pt or more; more, or a narrower plot, slant their labels
        self.canvas.setMinimumSize(420, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.groups: list[tuple[str, list[float]]] = []
        self._axes: Axes | None = None
        self._names: list[tuple[str, int]] = []  # each group's short label and count
        self._y_label: str | None = None  # the y label's whole text (wrapped to the plot's height when drawn)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)

    def plot(self, stats: Sequence[ProcedureStats]) -> None:
        """Redraw for these statistics (procedure types only; an 'all treated' entry is left out)."""
        shown = [s for s in stats if s.procedure_type is not None and s.h5_changes_pct]
        self.draw_groups(
            [
                (words.procedure_short(s.procedure_type), s.with_h5_change, [float(v) for v in s.h5_changes_pct])
                for s in shown
                if s.procedure_type is not None
            ]
        )

    def draw_groups(self, groups: Sequence[tuple[str, int, Sequence[float]]]) -> None:
        """Redraw for groups of (name, count, changes in %): a box per group, in the order given."""
        self._names = [(name, count) for name, count, _ in groups]
        self.groups = [(f"{name}\nn={count}", [float(v) for v in values]) for name, count, values in groups]
        self.figure.clear()
        self._y_label = None
        axes = self._axes = self.figure.add_subplot()
        threshold = -float(VAEZI_MIN_IMPROVEMENT_PCT)
        axes.axhline(0, color="#999999", linewidth=0.8)
        axes.axhline(threshold, color="#b2182b", linewidth=1, linestyle="--")
        height = words.height_label()
        if self.groups:
            labels = [label for label, _ in self.groups]
            boxes = axes.boxplot(
                [values for _, values in self.groups],
                tick_labels=labels,
                widths=0.55,
                showfliers=True,
                medianprops={"color": "#1f4e79", "linewidth": 2},
                flierprops={"marker": ".", "markersize": 3, "alpha": 0.4},
            )
            jitter = random.Random(0)  # the same picture for the same data
            for position, (_, values) in enumerate(self.groups, start=1):
                if len(values) <= self.STRIP_MAX_POINTS:
                    boxes["fliers"][position - 1].set_visible(False)  # every point is drawn below
                    xs = [position + jitter.uniform(-0.15, 0.15) for _ in values]
                    axes.scatter(xs, values, s=12, color="#333333", alpha=0.55, zorder=3, linewidths=0)
            axes.text(
                0.995,
                threshold,
                self.tr("50 % improvement (Vaezi)"),
                transform=axes.get_yaxis_transform(),
                ha="right",
                va="bottom",
                fontsize=8,
                color="#b2182b",
            )
        else:
            axes.text(
                0.5,
                0.5,
                self.tr("No patient measured before and after treatment ({label})").format(label=height),
                transform=axes.transAxes,
                ha="center",
                va="center",
                color="#555555",
            )
            axes.set_xticks([])
        axes.set_ylabel(self.tr("{label}: change (%)").format(label=height), fontsize=self.LABEL_PT)
        axes.tick_params(labelsize=self.TICK_PT)
        axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        axes.set_axisbelow(True)
        if self.figure.get_layout_engine() is not self.margins:
            self.figure.set_layout_engine(self.margins)
        if self._names:
            axes.set_xticks(range(1, len(self._names) + 1), [f"{name}\nn={n}" for name, n in self._names])
        self.margins.arrange = self._arrange
        self.canvas.draw_idle()

    def group_text(self, tick: Text) -> str:
        """The whole name of a tick label's group, with its count ("Balloon dilation (n=14)")."""
        ticks = list(self._axes.get_xticklabels()) if self._axes is not None else []
        index = next(i for i, t in enumerate(ticks) if t is tick)
        name, count = self._names[index]
        return self.tr("{name} (n={count})").format(name=name, count=count)

    def tick_labels(self) -> tuple[list[str], float]:
        """The group labels as the axis writes them (after a draw), and their font size."""
        if self._axes is None or not self._names:
            return [], self.TICK_PT
        ticks = self._axes.get_xticklabels()
        return [t.get_text() for t in ticks], float(ticks[0].get_fontsize()) if ticks else self.TICK_PT

    def _arrange(self, fig: Figure, renderer: RendererBase) -> Margins:
        """The tick labels for the plot's width, and the margins they and the y axis take.

        Labels are centred on their boxes; one that would touch a neighbour is wrapped at its spaces
        ("Balloon\ndilation"); when a word still does not fit, every label gets smaller (down to 6 pt); when that
        is not enough (nine or more types on a narrow plot), the labels stand upright, each name shortened with an
        ellipsis to a length the height allows. The tooltip over a label names its group whole."""
        axes = self._axes
        assert axes is not None
        width, height = (float(v) * 72 for v in fig.get_size_inches())
        ticks = axes.get_xticklabels()
        low, high = axes.get_ylim()
        values = [v for v in axes.yaxis.get_major_locator().tick_values(low, high) if low - 1e-9 <= v <= high + 1e-9]
        probe = Text(0, 0, "", fontsize=self.TICK_PT, figure=fig)
        formatted = axes.yaxis.get_major_formatter().format_ticks(values)
        widest = max((measure(probe, renderer, text)[0] for text in formatted), default=0.0)
        label = axes.yaxis.label
        if self._y_label is None:
            self._y_label = label.get_text()
        right = EDGE_PT
        top = EDGE_PT + self.TICK_PT / 2
        bottom = EDGE_PT + 7.0 + 2 * self.TICK_PT * 1.2 + 2.0
        for _ in range(2):  # the y label is wrapped to the plot's height, which the tick labels decide
            label.set_text(
                fit_lines(self._y_label, max(height - top - bottom - 4.0, 30.0), line_width(label, renderer))
            )
            left = EDGE_PT + extent_pt(label, renderer)[0] + 4.0 + widest + 7.0
            if not ticks or not self._names:
                return left, right, top, EDGE_PT + 7.0
            left, bottom = self._arrange_ticks(renderer, ticks, left, right, width, height)
        return left, right, top, bottom

    def _arrange_ticks(
        self, renderer: RendererBase, ticks: list[Text], left: float, right: float, width: float, height: float
    ) -> tuple[float, float]:
        """The group labels for the plot's width: (the left margin they need, the bottom margin they take)."""
        axes = self._axes
        assert axes is not None
        plot_width = max(width - left - right, 10.0)
        slot = plot_width / len(self._names)
        edges = (left + slot / 2, right + slot / 2)  # room from the first and last centre to the figure's edge

        def fits(texts: list[str], size: float) -> bool:
            widths = []
            for tick, text in zip(ticks, texts, strict=True):
                tick.set_fontsize(size)
                tick.set_rotation(0)  # measured level, whatever the last arrangement made of it
                tick.set_rotation_mode("default")
                tick.set_horizontalalignment("center")
                tick.set_verticalalignment("top")
                widths.append(measure(tick, renderer, text)[0])
            if widths[0] / 2 + GAP_PT > edges[0] or widths[-1] / 2 + GAP_PT > edges[1]:
                return False
            return all((a + b) / 2 + 4.0 <= slot for a, b in itertools.pairwise(widths))

        plain = [f"{name}\nn={count}" for name, count in self._names]

        def wrapped(size: float) -> list[str]:
            """Each name broken at the spaces it needs to stand within its slot at ``size``."""
            ticks[0].set_fontsize(size)
            measure_line = line_width(ticks[0], renderer)
            return [f"{wrap(name, slot - 6.0, measure_line)}\nn={count}" for name, count in self._names]

        for size, wrap_names in ((self.TICK_PT, False), (self.TICK_PT, True), (7.0, True), (6.0, True)):
            texts = wrapped(size) if wrap_names else plain
            if fits(texts, size):
                # The axis writes its labels from its formatter at each draw.
                axes.xaxis.set_major_formatter(FixedFormatter(texts))
                lines = max(t.count("\n") + 1 for t in texts)
                return left, EDGE_PT + 7.0 + lines * size * 1.2 + 2.0
        # Upright (read from the bottom up), one line each, shortened to what 40 % of the height holds.
        size = 7.0
        longest = max(0.4 * height, 40.0)
        reach = 0.0
        texts = []
        for tick, (name, count) in zip(ticks, self._names, strict=True):
            tick.set_fontsize(size)
            tick.set_rotation(90)
            tick.set_rotation_mode("anchor")
            tick.set_horizontalalignment("right")
            tick.set_verticalalignment("center")
            suffix = f" (n={count})"
            measure_line = line_width(tick, renderer)
            texts.append(shorten(name, longest - measure_line(suffix), measure_line) + suffix)
            reach = max(reach, measure(tick, renderer, texts[-1])[1])
        axes.xaxis.set_major_formatter(FixedFormatter(texts))
        return left, EDGE_PT + 7.0 + reach + 2.0

    def _on_motion(self, event: MouseEvent) -> None:
        """The tooltip over a tick label names its group whole (a slanted label may be shortened)."""
        tip = ""
        if self._axes is not None and event.x is not None and event.y is not None:
            for tick in self._axes.get_xticklabels():
                if tick.get_visible() and Text.get_window_extent(tick).contains(event.x, event.y):
                    tip = self.group_text(tick)
                    break
        if tip != self.canvas.toolTip():
            self.canvas.setToolTip(tip)
