"""The patient charts in the workspace: the TBE course and the emptying curves, as matplotlib canvases with controls.

This module imports matplotlib (a second or so on a cold start), so the workspace imports it only when a chart is
first shown; nothing on the start-up path may import it. The drawing itself lives in ``services.chart_figures``, so
an exported file is drawn by the same code as the screen (at a fixed size, whatever the window's size).
"""

from __future__ import annotations

import io
import math
import textwrap
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import matplotlib as mpl
import numpy as np
from matplotlib.backend_bases import GraphicsContextBase, MouseEvent
from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.text import Annotation
from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.services.chart_figures import (
    COURSE_SIZE_IN,
    EMPTYING_SIZE_IN,
    HOVER_RADIUS_PT,
    DrawnChart,
    course_figure,
    draw_course,
    draw_emptying,
    emptying_figure,
    figure_format,
    save_figure,
)
from barium_tracker.services.charts import AREA, HEIGHT, ChartData, ChartMode, build_chart_data
from barium_tracker.services.summary import PatientSummary
from barium_tracker.ui import notation

_EXPORT_DIR_KEY = "charts/export_dir"
_COPY_DPI = 150
_EMPTY_LINE_CHARS = 44

#: Lines of text whose bitmaps the chart canvases keep (a few kilobytes each).
TEXT_CACHE_SIZE = 2048


@dataclass(frozen=True, slots=True)
class _TextLine:
    """One line of text as FreeType drew it: the bitmap, where it starts and the line's metrics (pixels)."""

    image: np.ndarray
    x_offset: float
    y_offset: float
    width: float
    height: float
    descent: float


class LineTextRenderer(RendererAgg):
    """Agg drawing each line of text as one bitmap that FreeType composes, kept for the next draw.

    Matplotlib 3.11 lays a line out with FreeType on every draw (some 20 us a glyph here) and then places and blends
    every glyph from Python; text was half of a chart's redraw (a course chart has some sixty lines of text). Here a
    line is laid out once, when matplotlib first measures it, drawn into one bitmap as matplotlib did up to 3.10,
    and the bitmap is kept (:data:`TEXT_CACHE_SIZE` lines), so a tick label, an axis label or a legend entry drawn
    before costs one blit. The line starts on a whole pixel, so a glyph may sit up to half a pixel from where the
    per-glyph path puts it; font fallback, rotation and colour are the same. Math text, and any text if this
    FreeType interface is missing (a later matplotlib), go through matplotlib's own drawing.
    """

    #: False once the one-bitmap path failed; every text then takes matplotlib's path.
    line_text = True
    _lines: ClassVar[OrderedDict[tuple[Any, ...], _TextLine]] = OrderedDict()

    def _line(self, s: str, prop: FontProperties, antialiased: bool, mtext: Any) -> _TextLine:
        features = language = None
        if mtext is not None:
            features, language = mtext.get_fontfeatures(), mtext.get_language()
        flags = get_hinting_flag()
        key = (s, prop, self.dpi, flags, antialiased, features, language)
        line = self._lines.get(key)
        if line is not None:
            self._lines.move_to_end(key)
            return line
        font = self._prepare_font(prop)
        font.set_text(s, 0, flags=flags, features=features, language=language)
        width, height = font.get_width_height()
        font.draw_glyphs_to_bitmap(antialiased=antialiased)
        x_offset, y_offset = font.get_bitmap_offset()
        line = _TextLine(
            np.array(font.get_image()), x_offset / 64, y_offset / 64, width / 64, height / 64, font.get_descent() / 64
        )
        self._lines[(s, prop.copy(), *key[2:])] = line  # a copy: the text may change its properties later
        if len(self._lines) > TEXT_CACHE_SIZE:
            self._lines.popitem(last=False)
        return line

    _font_heights: ClassVar[dict[tuple[FontProperties, float], tuple[Any, Any, Any]]] = {}

    def _get_font_height_metrics(self, prop: FontProperties) -> tuple[Any, Any, Any]:
        """A font's ascent, descent and line gap at this dpi, which ``Text._get_layout`` asks a renderer for first
        (matplotlib 3.11's hook; without it, every layout looks the font up and reads two of its tables, a quarter
        of a course chart's redraw). Read once per font, size and dpi, as matplotlib reads them."""
        key = (prop, self.dpi)
        found = self._font_heights.get(key)
        if found is None:
            if len(self._font_heights) >= TEXT_CACHE_SIZE:
                self._font_heights.clear()
            found = self._font_heights[(prop.copy(), self.dpi)] = _font_height_metrics(prop, self.dpi)
        return found

    def get_text_width_height_descent(self, s: str, prop: FontProperties, ismath: Any) -> tuple[float, float, float]:
        if ismath or not LineTextRenderer.line_text:
            return super().get_text_width_height_descent(s, prop, ismath)
        try:
            line = self._line(s, prop, bool(mpl.rcParams["text.antialiased"]), None)
        except (AttributeError, TypeError, ValueError):
            LineTextRenderer.line_text = False
            return super().get_text_width_height_descent(s, prop, ismath)
        return line.width, line.height, line.descent

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        if ismath or not LineTextRenderer.line_text:
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            return
        try:
            line = self._line(s, prop, gc.get_antialiased(), mtext)
            radians = math.radians(angle)
            left = round(x + line.x_offset + line.descent * math.sin(radians))
            top = round(y + line.y_offset + line.descent * math.cos(radians))
            self._renderer.draw_text_image(line.image, left, top + 1, angle, gc)
        except (AttributeError, TypeError, ValueError):
            LineTextRenderer.line_text = False
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)


def _font_height_metrics(prop: FontProperties, dpi: float) -> tuple[Any, Any, Any]:
    """(ascent, descent, line gap) in pixels from the font's OS/2 or hhea table, as ``Text._get_layout`` computes
    them; (None, None, None) lets matplotlib measure the font itself."""
    try:
        font = get_font(fontManager._find_fonts_by_props(prop))
        for table_name, gap_key, ascent_key, descent_key in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent"),
        ):
            table = font.get_sfnt_table(table_name)
            if table is None:
                continue
            scale = prop.get_size_in_points() * dpi / 72 / font.get_sfnt_table("head")["unitsPerEm"]
            return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    except (AttributeError, KeyError, TypeError, ValueError):
        pass
    return None, None, None


class ChartCanvas(FigureCanvasQTAgg):
    """The Qt canvas: text without font hinting (about a quarter faster, still sharp on screen) and drawn a line
    at a time (:class:`LineTextRenderer`). Exports are drawn elsewhere (``save_figure``) with matplotlib's defaults.
    """

    def get_renderer(self) -> RendererAgg:
        # FigureCanvasAgg.get_renderer, with the renderer above.
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key or not isinstance(getattr(self, "renderer", None), LineTextRenderer):
            self.renderer = LineTextRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer

    def draw(self) -> None:
        with mpl.rc_context({"text.hinting": "no_hinting"}):
            super().draw()


class _ChartWidget(QWidget):
    """A figure on a Qt canvas with Export... and Copy buttons, hover texts and drawing deferred while hidden."""

    #: Emitted after each redraw (tests and the workspace may wait for it).
    redrawn = Signal()

    _file_stem = "chart"

    def __init__(self, size_in: tuple[float, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ChartData | None = None
        self.drawn: DrawnChart | None = None
        self.hover_text = ""
        self._hover: Annotation | None = None
        self._hovered: tuple[int, int] | None = None
        self._dirty = True

        self.figure = Figure(figsize=size_in)  # the draw functions set the layout (fixed margins on screen)
        self.canvas = ChartCanvas(self.figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumSize(420, 300)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.export_button = QPushButton(self.tr("Export..."), self)
        self.export_button.setToolTip(self.tr("Save the chart as a PNG image, an SVG drawing or a PDF document"))
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy the chart to the clipboard as an image"))
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(0, 0, 0, 0)

        self.export_button.clicked.connect(self.export_dialog)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("figure_leave_event", self._on_leave)

    def _name(self, prefix: str) -> None:
        """objectNames and accessible names, so tests and screen readers find every control."""
        self.setObjectName(f"{prefix}Chart")
        self.canvas.setObjectName(f"{prefix}Canvas")
        self.canvas.setAccessibleName(self.tr("Chart"))
        self.export_button.setObjectName(f"{prefix}Export")
        self.export_button.setAccessibleName(self.tr("Export the chart"))
        self.copy_button.setObjectName(f"{prefix}Copy")
        self.copy_button.setAccessibleName(self.tr("Copy the chart"))

    # -- data -------------------------------------------------------------------------------------------------------

    def set_summary(self, summary: PatientSummary | None) -> None:
        """Show a patient (None: no patient). Draws now when visible, else when the widget is next shown."""
        written = {"number": notation.number_text, "date": notation.date_text, "translate": QCoreApplication.translate}
        self.set_data(None if summary is None else build_chart_data(summary, **written))

    def set_data(self, data: ChartData | None) -> None:
        """Like :meth:`set_summary` with data already built (one ``build_chart_data`` can feed both charts)."""
        self.data = data
        self._data_changed()
        self._dirty = True
        if self.isVisible():
            self.redraw()

    def _data_changed(self) -> None:
        """Hook: a new patient (or None) arrived."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.redraw()

    def redraw(self) -> None:
        """Rebuild the figure's artists from the data and the controls, then schedule a paint."""
        self._dirty = False
        self._hover = None
        self._hovered = None
        self.hover_text = ""
        self.drawn = self._draw(self.figure)
        has_chart = self.drawn.axes is not None
        self.export_button.setEnabled(has_chart)
        self.copy_button.setEnabled(has_chart)
        self.canvas.setAccessibleDescription(self._description())
        self.canvas.draw_idle()
        self.redrawn.emit()

    def _draw(self, fig: Figure) -> DrawnChart:
        raise NotImplementedError

    def _no_patient(self, fig: Figure) -> DrawnChart:
        return self._empty(fig, self.tr("No patient selected"))

    def _no_study(self, fig: Figure) -> DrawnChart:
        """A patient without a TBE study: where to record one (the menu and shortcut of ui/actions.py)."""
        from barium_tracker.ui.actions import where

        return self._empty(fig, self.tr("No TBE study yet: {menu}, {keys}.").format(**where("actionNewStudy")))

    def _empty(self, fig: Figure, text: str) -> DrawnChart:
        """A sentence instead of axes, in lines short enough for the narrowest canvas (420 px at 13 pt)."""
        fig.clear()
        lines = textwrap.fill(text, width=_EMPTY_LINE_CHARS, break_on_hyphens=False)
        fig.text(0.5, 0.5, lines, ha="center", va="center", fontsize=13, color="#555555", linespacing=1.4)
        return DrawnChart(axes=None, message=text)

    def _export_figure(self) -> Figure:
        """A new figure at the standard size with the current choices, for files and the clipboard."""
        raise NotImplementedError

    def _description(self) -> str:
        if self.drawn is None:
            return ""
        if self.drawn.axes is None:
            return self.drawn.message
        return self.data.title if self.data is not None else ""

    # -- export -----------------------------------------------------------------------------------------------------

    def export(self, path: str | Path) -> Path:
        """Write the chart as PNG, SVG or PDF, chosen by the file's suffix."""
        figure_format(path)  # a wrong suffix fails before any drawing
        return save_figure(self._export_figure(), path)

    def export_dialog(self) -> Path | None:
        settings = QSettings()
        folder = str(settings.value(_EXPORT_DIR_KEY, str(Path.home())))
        stem = f"{self.data.mrn}-{self._file_stem}" if self.data else self._file_stem
        filters = {
            self.tr("PNG image (*.png)"): ".png",
            self.tr("SVG drawing (*.svg)"): ".svg",
            self.tr("PDF document (*.pdf)"): ".pdf",
        }
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export chart"), str(Path(folder) / f"{stem}.png"), ";;".join(filters)
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in filters.values():
            path = path.with_name(path.name + filters.get(chosen, ".png"))
        try:
            written = self.export(path)
        except (OSError, ValueError) as error:
            QMessageBox.warning(self, self.tr("Export chart"), self.tr("The chart was not saved: {0}").format(error))
            return None
        settings.setValue(_EXPORT_DIR_KEY, str(written.parent))
        return written

    def chart_image(self) -> QImage:
        """The chart as an image (the export drawing at 150 dpi)."""
        buffer = io.BytesIO()
        self._export_figure().savefig(buffer, format="png", dpi=_COPY_DPI, facecolor="white")
        image = QImage()
        image.loadFromData(buffer.getvalue(), "PNG")
        return image

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setImage(self.chart_image())

    # -- hover ------------------------------------------------------------------------------------------------------

    def _hover_annotation(self) -> Annotation:
        if self._hover is None:
            # On the axes drawn last: the highest zorder, the later one on a tie (matplotlib's order).
            host = max(reversed(self.figure.axes), key=lambda a: a.get_zorder())
            self._hover = host.annotate(
                "",
                xy=(0, 0),
                xycoords="figure pixels",
                xytext=(12, 12),
                textcoords="offset points",
                fontsize=8,
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "#FFFFF0", "edgecolor": "#888888", "alpha": 0.95},
                arrowprops={"arrowstyle": "-", "color": "#888888"},
                zorder=100,
                annotation_clip=False,
            )
            self._hover.set_in_layout(False)  # showing it must not move the axes
            self._hover.set_visible(False)
        return self._hover

    def _on_motion(self, event: MouseEvent) -> None:
        drawn = self.drawn
        if drawn is None or drawn.axes is None or event.x is None or event.y is None:
            return
        radius = HOVER_RADIUS_PT * self.figure.dpi / 72
        hit = drawn.hit(event.x, event.y, radius)
        whole = drawn.label_at(event.x, event.y) if hit is None else None  # a label, perhaps shortened for room
        if hit is not None:
            key: tuple[int, int] | None = (drawn.hover.index(hit[0]), hit[1])
        elif whole is not None:
            key = (-1, next(i for i, (_, text) in enumerate(drawn.labels) if text == whole))
        else:
            key = None
        if key == self._hovered:
            return
        self._hovered = key
        annotation = self._hover_annotation()
        if hit is None and whole is None:
            self.hover_text = ""
            annotation.set_visible(False)
        else:
            if hit is not None:
                target, index = hit
                x_px, y_px = target.axes.transData.transform((target.x[index], target.y[index]))
                self.hover_text = target.texts[index]
            else:
                assert whole is not None
                x_px, y_px = event.x, event.y
                self.hover_text = whole
            width, height = self.figure.bbox.width, self.figure.bbox.height
            annotation.set_text(self.hover_text)
            annotation.xy = (x_px, y_px)
            # Open towards the middle of the figure so the box is never cut off at an edge.
            right, top = x_px > width / 2, y_px > height / 2
            annotation.set_position((-12 if right else 12, -12 if top else 12))
            annotation.set_horizontalalignment("right" if right else "left")
            annotation.set_verticalalignment("top" if top else "bottom")
            annotation.set_visible(True)
        self.canvas.draw_idle()

    def _on_leave(self, _event: object) -> None:
        if self._hover is not None and self._hover.get_visible():
            self._hover.set_visible(False)
            self._hovered = None
            self.hover_text = ""
            self.canvas.draw_idle()


class CourseChartWidget(_ChartWidget):
    """Column height (or area) against exam date, with procedures, changes, Eckardt and reference lines."""

    _file_stem = "tbe-course"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(COURSE_SIZE_IN, parent)
        self.height_button = QRadioButton(self.tr("Height"), self)
        self.height_button.setChecked(True)
        self.area_button = QRadioButton(self.tr("Area (height x width)"), self)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.height_button)
        self.mode_group.addButton(self.area_button)
        self.eckardt_box = QCheckBox(self.tr("Eckardt score"), self)
        self.eckardt_box.setChecked(True)
        self.reference_box = QCheckBox(self.tr("Reference lines (5 cm, 2 cm)"), self)
        self.reference_box.setChecked(True)
        self.reference_box.setToolTip(
            self.tr("Rohof 2013 stasis and Blonski 2018 cut-offs; they are heights, so area mode leaves them out")
        )

        self._name("course")
        for widget, name, accessible in (
            (self.height_button, "courseHeightMode", self.tr("Show column height")),
            (self.area_button, "courseAreaMode", self.tr("Show column area, height times width")),
            (self.eckardt_box, "courseShowEckardt", self.tr("Show the Eckardt score")),
            (self.reference_box, "courseShowReferenceLines", self.tr("Show the reference lines")),
        ):
            widget.setObjectName(name)
            widget.setAccessibleDescription(accessible)  # named by its visible text, as a screen reader user sees it

        # Two rows: in one, the Spanish words made the chart wider than its tab, crushing the response panel beside it.
        self.controls.addWidget(QLabel(self.tr("Show:"), self))
        for widget in (self.height_button, self.area_button):
            self.controls.addWidget(widget)
        self.controls.addStretch(1)
        self.controls.addWidget(self.export_button)
        self.controls.addWidget(self.copy_button)
        self.options = QHBoxLayout()
        self.options.setContentsMargins(0, 0, 0, 0)
        for widget in (self.eckardt_box, self.reference_box):
            self.options.addWidget(widget)
        self.options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.controls)
        layout.addLayout(self.options)
        layout.addWidget(self.canvas, 1)

        self.mode_group.buttonToggled.connect(self._mode_toggled)
        self.eckardt_box.toggled.connect(self._option_changed)
        self.reference_box.toggled.connect(self._option_changed)

    @property
    def mode(self) -> ChartMode:
        return AREA if self.area_button.isChecked() else HEIGHT

    def set_mode(self, mode: ChartMode) -> None:
        (self.area_button if mode == AREA else self.height_button).setChecked(True)

    def _mode_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.reference_box.setEnabled(self.mode == HEIGHT)
            self._option_changed()

    def _option_changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.redraw()

    def _options(self) -> dict[str, object]:
        return {
            "mode": self.mode,
            "show_eckardt": self.eckardt_box.isChecked(),
            "show_reference_lines": self.reference_box.isChecked(),
        }

    def _draw(self, fig: Figure) -> DrawnChart:
        if self.data is None:
            return self._no_patient(fig)
        if self.data.is_empty:
            return self._no_study(fig)
        return draw_course(fig, self.data, **self._options())  # type: ignore[arg-type]

    def _export_figure(self) -> Figure:
        assert self.data is not None
        return course_figure(self.data, **self._options())  # type: ignore[arg-type]


class EmptyingChartWidget(_ChartWidget):
    """Height against minute for the studies ticked in the list (default: before and after the latest procedure)."""

    _file_stem = "tbe-emptying"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(EMPTYING_SIZE_IN, parent)
        self._patient: tuple[int | None, str] | None = None
        self._user_picked = False
        self.studies = QListWidget(self)
        self.studies.setObjectName("emptyingStudies")
        self.studies.setAccessibleDescription(self.tr("Studies shown on the emptying chart"))
        self.studies.setToolTip(self.tr("Tick the studies to compare"))
        self.default_button = QPushButton(self.tr("Before/after latest procedure"), self)
        self.default_button.setObjectName("emptyingDefaultSelection")
        self.default_button.setAccessibleDescription(self.tr("Show the studies before and after the latest procedure"))
        self._name("emptying")

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        studies_label = QLabel(self.tr("Studies:"), side)
        studies_label.setBuddy(self.studies)  # the list is named by its label
        self.studies.setAccessibleName(self.tr("Studies"))
        side_layout.addWidget(studies_label)
        side_layout.addWidget(self.studies, 1)
        side_layout.addWidget(self.default_button)
        plot = QWidget(self)
        plot_layout = QVBoxLayout(plot)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        self.controls.addStretch(1)
        self.controls.addWidget(self.export_button)
        self.controls.addWidget(self.copy_button)
        plot_layout.addLayout(self.controls)
        plot_layout.addWidget(self.canvas, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("emptyingSplitter")
        self.splitter.addWidget(side)
        self.splitter.addWidget(plot)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.studies.itemChanged.connect(self._item_changed)
        self.default_button.clicked.connect(self.reset_selection)

    def _data_changed(self) -> None:
        """Fill the list; a user's picks survive a refresh of the same patient, a new patient gets the default."""
        data = self.data
        patient = None if data is None else (data.patient_id, data.mrn)
        keep = self._user_picked and patient == self._patient
        previous = set(self.selected_keys()) if keep else set()
        self._patient = patient
        self._user_picked = keep
        self.studies.blockSignals(True)
        self.studies.clear()
        if data is not None:
            chosen = previous & {s.key for s in data.studies} if keep else set(data.default_selection)
            for info in reversed(data.studies):  # newest first, like the timeline's most recent events
                item = QListWidgetItem(info.label, self.studies)
                item.setData(Qt.ItemDataRole.UserRole, info.key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if info.key in chosen else Qt.CheckState.Unchecked)
                item.setToolTip(info.hover_text)
        self.studies.blockSignals(False)
        self.default_button.setEnabled(bool(data and data.studies))

    def selected_keys(self) -> list[int]:
        """The ticked studies' keys, oldest first."""
        keys = []
        for row in range(self.studies.count() - 1, -1, -1):
            item = self.studies.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                keys.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return keys

    def set_selected_keys(self, keys: Sequence[int]) -> None:
        wanted = set(keys)
        self.studies.blockSignals(True)
        for row in range(self.studies.count()):
            item = self.studies.item(row)
            key = int(item.data(Qt.ItemDataRole.UserRole))
            item.setCheckState(Qt.CheckState.Checked if key in wanted else Qt.CheckState.Unchecked)
        self.studies.blockSignals(False)
        self._user_picked = True
        self._selection_changed()

    def reset_selection(self) -> None:
        if self.data is not None:
            self.set_selected_keys(self.data.default_selection)
        self._user_picked = False

    def _item_changed(self, _item: QListWidgetItem) -> None:
        self._user_picked = True
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.redraw()

    def _draw(self, fig: Figure) -> DrawnChart:
        if self.data is None:
            return self._no_patient(fig)
        if self.data.is_empty:
            return self._no_study(fig)
        return draw_emptying(fig, self.data, self.selected_keys())

    def _export_figure(self) -> Figure:
        assert self.data is not None
        return emptying_figure(self.data, self.selected_keys())
