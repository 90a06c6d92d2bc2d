"""The cohort's box plot: the change in 5-min height by procedure type, with every patient as a point when few.

The one cohort module that imports matplotlib (~0.3 s); the window imports it when it is first opened.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backend_bases import Event
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from PySide6.QtWidgets import QVBoxLayout, QWidget

from barium_tracker.domain.rules import VAEZI_MIN_IMPROVEMENT_PCT
from barium_tracker.services.chart_figures import FixedMargins, plain_axes_margins
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
        # Margins from the font sizes (FixedMargins, as the patient charts): constrained layout measured every
        # text at each draw, 40 % of drawing this plot.
        self.figure = Figure(figsize=(5.0, 3.0), dpi=96)
        self.margins = FixedMargins()
        self.figure.set_layout_engine(self.margins)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("cohortPlotCanvas")
        # Wide enough for eight procedure types side by side (their labels at 6 pt or more, never overlapping)
        self.canvas.setMinimumSize(560, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.groups: list[tuple[str, list[float]]] = []
        self._axes: Axes | None = None
        self._names: list[tuple[str, int]] = []  # each group's short label and count
        self.canvas.mpl_connect("resize_event", self._refit_tick_labels)

    def plot(self, stats: Sequence[ProcedureStats]) -> None:
        """Redraw for these statistics (procedure types only; an 'all treated' entry is left out)."""
        shown = [s for s in stats if s.procedure_type is not None and s.h5_changes_pct]
        self._names = [(words.procedure_short(s.procedure_type), s.with_h5_change) for s in shown if s.procedure_type]
        self.groups = [
            (f"{name}\nn={count}", [float(v) for v in s.h5_changes_pct])
            for (name, count), s in zip(self._names, shown, strict=True)
        ]
        self.figure.clear()
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
        axes.set_ylabel(self.tr("{label}: change (%)").format(label=height), fontsize=9)
        axes.tick_params(labelsize=self.TICK_PT)
        axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        axes.set_axisbelow(True)
        if self.figure.get_layout_engine() is not self.margins:
            self.figure.set_layout_engine(self.margins)
        self._fit_tick_labels(axes)
        self.canvas.draw_idle()

    def tick_labels(self) -> tuple[list[str], float]:
        """The group labels as the axis writes them, and their font size. Labels are centred on their boxes; one
        that would touch a neighbour (or stick out of the figure) is wrapped at its spaces ("Balloon\ndilation"),
        and when a single word still does not fit ("Oesophagectomy" beside "Botulinum" among eight groups) every
        label is made smaller, down to 6 pt."""
        if not self._names or self._axes is None:
            return [], self.TICK_PT
        left, right, _, _ = plain_axes_margins(self._axes, tick_pt=self.TICK_PT, label_pt=self.LABEL_PT, x_tick_lines=2)
        px = self.figure.dpi / 72
        slot = (self.figure.get_figwidth() * self.figure.dpi - (left + right) * px) / len(self._names)
        edges = (left * px + slot / 2, right * px + slot / 2)  # room from the first and last centre to the figure edge
        renderer = self.canvas.get_renderer()
        font = FontProperties(size=self.TICK_PT)

        def width(text: str) -> float:
            lines = text.split("\n")
            return max(float(renderer.get_text_width_height_descent(line, font, ismath=False)[0]) for line in lines)

        gap = 4 * px

        def crowding(widths: list[float]) -> list[float]:
            """How much each label needs beyond its room (> 1: it overlaps a neighbour or the figure's edge)."""
            out = []
            for i, w in enumerate(widths):
                need = [w / 2 / edges[0]] if i == 0 else [(w + widths[i - 1]) / 2 / (slot - gap)]
                need += [w / 2 / edges[1]] if i == len(widths) - 1 else [(w + widths[i + 1]) / 2 / (slot - gap)]
                out.append(max(need))
            return out

        names = [name for name, _ in self._names]
        widths = [width(name) for name in names]
        for i, need in enumerate(crowding(widths)):
            if need > 1 and " " in names[i]:
                names[i] = names[i].replace(" ", "\n")
                widths[i] = width(names[i])
        worst = max(crowding(widths))
        size = self.TICK_PT if worst <= 1 else max(6.0, round(self.TICK_PT / worst, 1))
        return [f"{name}\nn={count}" for name, (_, count) in zip(names, self._names, strict=True)], size

    def _fit_tick_labels(self, axes: Axes) -> None:
        labels, size = self.tick_labels()
        if labels:
            axes.set_xticks(range(1, len(labels) + 1), labels)
            axes.tick_params(axis="x", labelsize=size)
        lines = max((label.count("\n") + 1 for label in labels), default=2)
        self.margins.set_margins(
            *plain_axes_margins(axes, tick_pt=self.TICK_PT, label_pt=self.LABEL_PT, x_tick_lines=lines)
        )

    def _refit_tick_labels(self, event: Event) -> None:
        """A narrower or wider plot may need its labels wrapped otherwise (the canvas redraws after a resize)."""
        if self._axes is not None and self._names:
            ticks = self._axes.get_xticklabels()
            labels, size = self.tick_labels()
            if [t.get_text() for t in ticks] != labels or ticks[0].get_fontsize() != size:
                self._fit_tick_labels(self._axes)
