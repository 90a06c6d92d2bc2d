"""The report's two charts as SVG: the same matplotlib figures as the GUI and a chart export (no Qt here).

Each figure speaks the report's language and notation (its :class:`Writing`: axes, legends, annotations, month
names, decimal comma). Each figure is written by
``services.chart_figures.save_figure`` (the file a chart export writes) and read back as bytes, for the layout to
draw as vector paths. matplotlib is imported on first use (about half a second once).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from barium_tracker.domain.messages import Message
from barium_tracker.services.report.content import chart_captions, film_figure_caption
from barium_tracker.services.report.markup import ENGLISH, Writing
from barium_tracker.services.summary import PatientSummary

if TYPE_CHECKING:
    from barium_tracker.services.images.figure import FilmPair

# matplotlib writes the space glyph as a path without data; Qt SVG warns about it and about every use of it.
_EMPTY_GLYPH = re.compile(rb'<path (id="[^"]+")((?: transform="[^"]*")?)\s*/>')


def _figure_svg(fig: object, folder: Path, name: str) -> bytes:
    """The figure as SVG, read back; glyphs without ink (spaces) get an empty move-to, so QtSvg neither warns nor
    drops the links to them."""
    from barium_tracker.services.chart_figures import save_figure

    path = save_figure(fig, folder / f"{name}.svg")  # type: ignore[arg-type]
    return _EMPTY_GLYPH.sub(rb'<path \1 d="M 0 0"\2/>', path.read_bytes())


def chart_svgs(summary: PatientSummary, writing: Writing = ENGLISH) -> list[tuple[Message, bytes]]:
    """The course chart (height) and the emptying chart (default selection) as SVG, with their captions (messages,
    rendered with the rest of the report), drawn in ``writing``'s language and notation.

    Empty when the patient has no TBE study.
    """
    from barium_tracker.services.chart_figures import course_figure, emptying_figure
    from barium_tracker.services.charts import build_chart_data

    data = build_chart_data(summary, number=writing.number, date=writing.date, translate=writing.translate)
    if data.is_empty:
        return []
    course, emptying = chart_captions()
    with tempfile.TemporaryDirectory(prefix="barium-report-") as folder:
        return [
            (course, _figure_svg(course_figure(data), Path(folder), "course")),
            (emptying, _figure_svg(emptying_figure(data), Path(folder), "emptying")),
        ]


def film_figure_svg(pair: FilmPair, writing: Writing = ENGLISH) -> tuple[Message, bytes]:
    """The films before and after (services/images/figure.py) as SVG with the films embedded, and its caption."""
    from barium_tracker.services.images.figure import film_figure

    caption = film_figure_caption(pair)
    with tempfile.TemporaryDirectory(prefix="barium-report-") as folder:
        return caption, _figure_svg(film_figure(pair, writing), Path(folder), "films")
