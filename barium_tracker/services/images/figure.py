"""A figure like the case report's: the films of one minute before and after a treatment, side by side at the same
physical scale, the column height marked and labelled with its calibration, dates and the change; PNG, PDF or SVG.

Each film is drawn in millimetres (its own row and column spacing, so non-square pixels are right), both panels
cover a window of the same size in mm centred on the marks, and a 5 cm scale bar of the same length is drawn on both:
a column twice as tall looks twice as tall. The films come from the clinic's stored images and the marks from the
film records (services/images/measurements.py); matplotlib draws them (Agg for PNG, its PDF and SVG backends), so no
Qt and no display is needed. Words and numbers follow a :class:`Writing` (the report's language and notation:
"12,0 cm", "-77,5 %").
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from sqlalchemy import select

from barium_tracker.domain import metrics
from barium_tracker.domain.calibration import Calibration
from barium_tracker.domain.errors import NotFound, UserError
from barium_tracker.domain.film_measurements import FilmMeasurements
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Message, Quantity, say
from barium_tracker.domain.records import TbeStudy
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.images.decode import read_radiograph
from barium_tracker.services.images.display import first_view
from barium_tracker.services.images.library import image_bytes
from barium_tracker.services.summary import PatientSummary, patient_summary
from barium_tracker.storage.models import ColumnMeasurementRow, ImageAttachmentRow

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class Writing(Protocol):
    """How words, numbers and dates are written (the report's ``Writing``: language and notation)."""

    def render(self, text: Message | str) -> str: ...


class _English:
    """English, numbers as stored, ISO dates (the command line's default)."""

    def render(self, text: Message | str) -> str:
        return str(text)


ENGLISH: Writing = _English()

__all__ = ["FilmPair", "FilmPanel", "figure_pair", "film_figure", "film_pair", "save_film_figure"]

#: Margin around the marks in each panel, and the smallest window shown (mm).
_MARGIN_MM = 25.0
_MIN_WINDOW_MM = 80.0
_SCALE_BAR_MM = 50.0
#: Room below the junction (the scale bar is drawn there).
_BELOW_MM = 25.0
_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class FilmPanel:
    """One film as the figure draws it: the displayed pixels (8-bit, first view), its spacing, the marks, the date."""

    study_date: dt.date
    pixels: np.ndarray
    row_spacing_mm: float
    column_spacing_mm: float
    marks: FilmMeasurements
    height_cm: Decimal | None

    @property
    def calibration(self) -> Calibration:
        assert self.marks.calibration is not None
        return self.marks.calibration


@dataclass(frozen=True, slots=True)
class FilmPair:
    minute: int
    before: FilmPanel
    after: FilmPanel

    @property
    def change_pct(self) -> Decimal | None:
        return metrics.change_pct(self.before.height_cm, self.after.height_cm)


def _panel(clinic: Clinic, study: TbeStudy, minute: int) -> FilmPanel | None:
    """The study's film at ``minute`` when its height was measured on an attached film (None otherwise)."""
    with clinic.db.session() as session:
        found = session.execute(
            select(ColumnMeasurementRow, ImageAttachmentRow.image_sha256)
            .join(ImageAttachmentRow, ImageAttachmentRow.id == ColumnMeasurementRow.image_attachment_id)
            .where(ColumnMeasurementRow.study_id == study.id, ColumnMeasurementRow.minute == minute)
        ).first()
        if found is None:
            return None
        row, sha256 = found
        if not row.geometry_json:
            return None
        marks = FilmMeasurements.from_json(json.loads(row.geometry_json))
        height = row.height_cm if row.height_source == "image" else None
    if not marks.height_points or marks.calibration is None or not marks.calibration.calibrated or height is None:
        return None
    radiograph = read_radiograph(image_bytes(clinic, sha256), f"{sha256}.image")
    calibration = marks.calibration
    return FilmPanel(
        study_date=study.study_date,
        pixels=first_view(radiograph),
        row_spacing_mm=calibration.row_spacing_mm,  # type: ignore[arg-type]
        column_spacing_mm=calibration.column_spacing_mm,  # type: ignore[arg-type]
        marks=marks,
        height_cm=height,
    )


def figure_pair(summary: PatientSummary, clinic: Clinic, minute: int = metrics.OUTCOME_MINUTE) -> FilmPair | None:
    """The films of the latest procedure that has a reference and a follow-up both measured on a film at ``minute``
    (the first such follow-up): what the report shows. None when no procedure has them."""
    for response in reversed(summary.responses):
        if response.reference is None:
            continue
        before = _panel(clinic, response.reference, minute)
        if before is None:
            continue
        for fu in response.follow_ups:
            after = _panel(clinic, fu.study, minute)
            if after is not None:
                return FilmPair(minute, before, after)
    return None


def film_pair(
    clinic: Clinic,
    mrn: str,
    minute: int = metrics.OUTCOME_MINUTE,
    before: dt.date | None = None,
    after: dt.date | None = None,
) -> FilmPair:
    """The two films to draw: the studies of ``before`` and ``after`` when given, else those of the latest procedure
    (its reference and first follow-up measured on a film). Refused in one sentence when a film is missing."""
    summary = patient_summary(clinic, mrn)
    if before is None and after is None:
        pair = figure_pair(summary, clinic, minute)
        if pair is None:
            raise NotFound(
                say(
                    N_(
                        "Patient {mrn} has no procedure with a study before and after it whose {minute}-min film was "
                        "measured on the image; give --before and --after."
                    ),
                    mrn=mrn,
                    minute=minute,
                )
            )
        return pair
    panels = []
    for day in (before, after):
        if day is None:
            raise UserError(say(N_("Give both --before and --after, or neither (the latest procedure's films).")))
        studies = [s for s in summary.history.studies if s.study_date == day]
        if not studies:
            raise NotFound(say(N_("Patient {mrn} has no TBE study on {date}."), mrn=mrn, date=day))
        panel = _panel(clinic, studies[-1], minute)
        if panel is None:
            raise UserError(
                say(
                    N_("The {minute}-min film of the study on {date} was not measured on an attached image."),
                    minute=minute,
                    date=day,
                )
            )
        panels.append(panel)
    return FilmPair(minute, panels[0], panels[1])


def _mm_points(panel: FilmPanel) -> list[tuple[float, float]]:
    marks = panel.marks
    points = [*marks.height_points, *marks.width_points, *marks.outline_points]
    return [(x * panel.column_spacing_mm, y * panel.row_spacing_mm) for x, y in points]


def _junction(panel: FilmPanel) -> tuple[float, float]:
    """The gastro-oesophageal junction in mm: the lower end of the height path (the column rises from it)."""
    ends = (panel.marks.height_points[0], panel.marks.height_points[-1])
    x, y = max(ends, key=lambda p: p[1])
    return x * panel.column_spacing_mm, y * panel.row_spacing_mm


def _reach(panel: FilmPanel) -> tuple[float, float]:
    """How far the marks reach from the junction: sideways (either side) and upwards, in mm."""
    jx, jy = _junction(panel)
    points = _mm_points(panel)
    return max(abs(x - jx) for x, _ in points), max(jy - y for _, y in points)


def _window(panel: FilmPanel, width_mm: float, height_mm: float) -> tuple[float, float, float, float]:
    """(left, right, bottom, top) in mm: the same size on both films, the junction at the same place in each (centred,
    a margin above the bottom), so both columns rise from one baseline."""
    jx, jy = _junction(panel)
    bottom = jy + _BELOW_MM
    return jx - width_mm / 2, jx + width_mm / 2, bottom, bottom - height_mm


def _cm_said(value: Decimal, writing: Writing) -> str:
    return writing.render(say(N_("{value}"), value=Quantity(value.quantize(_TENTH, rounding=ROUND_HALF_UP), "cm")))


def film_figure(pair: FilmPair, writing: Writing = ENGLISH) -> Figure:
    """The two films side by side at the same scale, the height path drawn and labelled, dates and the change."""
    from matplotlib.figure import Figure

    reaches = [_reach(p) for p in (pair.before, pair.after)]
    width_mm = max(_MIN_WINDOW_MM * 0.75, 2 * max(w for w, _ in reaches) + 2 * _MARGIN_MM)
    height_mm = max(_MIN_WINDOW_MM, max(h for _, h in reaches) + _BELOW_MM + _MARGIN_MM)
    panel_w_in = 2.6
    panel_h_in = panel_w_in * height_mm / width_mm
    fig = Figure(figsize=(2 * panel_w_in + 0.6, panel_h_in + 1.3), facecolor="white")
    change = pair.change_pct
    heights = {
        "before": Quantity(pair.before.height_cm.quantize(_TENTH), "cm"),  # type: ignore[union-attr]
        "after": Quantity(pair.after.height_cm.quantize(_TENTH), "cm"),  # type: ignore[union-attr]
    }
    if change is None:
        title = say(N_("Barium column at {minute} min: {before} -> {after}"), minute=pair.minute, **heights)
    else:
        title = say(
            N_("Barium column at {minute} min: {before} -> {after} ({change} %)"),
            minute=pair.minute,
            change=metrics.round_pct(change),
            **heights,
        )
    fig.suptitle(writing.render(title), fontsize=10.5, fontweight="bold", y=0.985)
    top = 1 - 0.85 / fig.get_figheight()
    bottom = 0.85 / fig.get_figheight()
    for index, (panel, caption) in enumerate(((pair.before, N_("Before: {date}")), (pair.after, N_("After: {date}")))):
        left = (0.2 + index * (panel_w_in + 0.2)) / fig.get_figwidth()
        ax = fig.add_axes((left, bottom, panel_w_in / fig.get_figwidth(), top - bottom))
        _draw_panel(ax, panel, _window(panel, width_mm, height_mm), writing)
        calibration = say(N_("Calibration: {calibration}"), calibration=panel.calibration.explanation())
        said = textwrap.fill(writing.render(calibration), 52)
        ax.set_title(
            writing.render(say(caption, date=panel.study_date)), fontsize=9, pad=5 + 9 * (said.count("\n") + 1)
        )
        ax.text(0.5, 1.01, said, transform=ax.transAxes, ha="center", va="bottom", fontsize=7)
    sources = say(
        N_(
            "Column height from the gastro-oesophageal junction to the top of the column, along the path drawn; both "
            "films at the same scale (the bars are 5 cm)."
        )
    )
    fig.text(0.5, 0.3 / fig.get_figheight(), writing.render(sources), ha="center", va="bottom", fontsize=7, wrap=True)
    return fig


def _draw_panel(ax: object, panel: FilmPanel, window: tuple[float, float, float, float], writing: Writing) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    rows, columns = panel.pixels.shape[:2]
    ax.set_facecolor("black")
    extent = (0.0, columns * panel.column_spacing_mm, rows * panel.row_spacing_mm, 0.0)
    ax.imshow(panel.pixels, cmap="gray", vmin=0, vmax=255, extent=extent, interpolation="bilinear")
    left, right, bottom, top = window
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    mm = [(x * panel.column_spacing_mm, y * panel.row_spacing_mm) for x, y in panel.marks.height_points]
    if panel.marks.outline_points:
        outline = [(x * panel.column_spacing_mm, y * panel.row_spacing_mm) for x, y in panel.marks.outline_points]
        xs, ys = zip(*[*outline, outline[0]], strict=True)
        ax.plot(xs, ys, color="#4dd0e1", linewidth=0.8, linestyle="--")
    xs, ys = zip(*mm, strict=True)
    ax.plot(xs, ys, color="#ffb300", linewidth=1.6, solid_capstyle="round")
    ax.plot([xs[0], xs[-1]], [ys[0], ys[-1]], linestyle="none", marker="_", markersize=10, color="#ffb300", mew=1.6)
    label_x = max(xs) + 4
    label_y = (min(ys) + max(ys)) / 2
    said = _cm_said(panel.height_cm or Decimal(0), writing)
    ax.text(
        label_x,
        label_y,
        said,
        color="#ffb300",
        fontsize=10,
        fontweight="bold",
        va="center",
        ha="left",
        bbox={"facecolor": "black", "alpha": 0.55, "edgecolor": "none", "pad": 1.5},
    )
    # The same 5 cm on both panels: the eye compares like with like.
    x0, y0 = left + 5, bottom - 6
    ax.plot([x0, x0 + _SCALE_BAR_MM], [y0, y0], color="white", linewidth=2)
    five = writing.render(say(N_("{value}"), value=Quantity(Decimal(5), "cm")))
    ax.text(x0 + _SCALE_BAR_MM / 2, y0 - 2, five, color="white", fontsize=7, ha="center")


def save_film_figure(pair: FilmPair, path: Path, writing: Writing = ENGLISH, *, dpi: float = 200) -> Path:
    """Write the figure as PNG, PDF or SVG by the file's suffix."""
    from barium_tracker.services.chart_figures import figure_format, save_figure

    try:
        figure_format(path)
    except ValueError as error:
        raise UserError(say(N_("Choose a file name ending in .png or .pdf (not {name})."), name=path.name)) from error
    return save_figure(film_figure(pair, writing), path, dpi=dpi)
