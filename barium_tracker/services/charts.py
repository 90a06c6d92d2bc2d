"""What the patient charts draw, as plain data built from a :class:`PatientSummary`; no plotting library here.

Two charts read this data (``services.chart_figures`` draws them, ``ui.charts`` embeds them):

- the course chart: barium column height (or area, height x width) against exam date, one series per minute, every
  procedure as a dated marker, the change across each procedure, Eckardt scores and the published reference lines;
- the emptying chart: height against minute for the studies the user picks.

Missing values stay ``None`` (a gap in the drawing, never a zero). Values stay ``Decimal``; the figure code converts
them to float only when it draws. Keeping matplotlib out of this module keeps the summary path light.

Every text the charts show is a message of the ``charts`` translation context, rendered with the ``translate``,
``number`` and ``date`` functions of :class:`ChartWriting` (English, digits as stored and ISO dates unless the GUI or
the report pass the chosen language's: "2,7 cm", 14/03/2015, Spanish month names on the date axis).

Studies are identified by a *study key*: the study's database id, or, for a record not saved yet (the demo seed case
before it is stored), ``-(position + 1)`` in chronological order, so the key is never ambiguous with an id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from barium_tracker.domain import metrics, wording
from barium_tracker.domain.enums import ProcedureType
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import FormatDate, FormatNumber, Message, Translate
from barium_tracker.domain.records import STANDARD_MINUTES, Procedure, TbeStudy
from barium_tracker.domain.rules import (
    BLONSKI_1MIN_CM,
    BLONSKI_5MIN_CM,
    ECKARDT_TOTAL_MAX,
    ROHOF_STASIS_CM,
)
from barium_tracker.services.summary import PatientSummary

ChartMode = Literal["height", "area"]
HEIGHT: ChartMode = "height"
AREA: ChartMode = "area"
MODES: tuple[ChartMode, ...] = (HEIGHT, AREA)

#: The Qt translation context of the charts' words (here and in services/chart_figures.py).
TRANSLATION_CONTEXT = "charts"

#: Shown in the figure when a patient has no TBE study.
EMPTY_TEXT = N_("No TBE study recorded yet")

#: The month names of the date axis, January first (ConciseDateFormatter would take them from the C library's locale).
MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)

_TENTH = Decimal("0.1")


def _as_stored(value: Decimal | int) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _as_exchanged(value: dt.date | dt.time) -> str:
    return value.isoformat()


def _english(context: str, text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class ChartWriting:
    """How the chart texts are written: the language (``translate``), numbers and dates. English digits and ISO
    dates unless the GUI or the report pass the chosen language's."""

    number: FormatNumber = _as_stored
    date: FormatDate = _as_exchanged
    translate: Translate = _english

    def say(self, template: str, **args: object) -> str:
        """A chart text: a template of the ``charts`` context (marked with N_) and its arguments, rendered.

        The same text as ``Message(template, args, "charts").render(...)``, without ``string.Formatter`` (the
        charts' templates use no ``!l``): a long history writes thousands of these per patient shown."""
        text = self.translate(TRANSLATION_CONTEXT, template)
        if not args:
            return text
        return text.format_map({name: self._argument(value) for name, value in args.items()})

    def _argument(self, value: object) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return self.number(value)
        if isinstance(value, dt.date | dt.time):
            return self.date(value)
        return self.render(Message("{value}", (("value", value),), TRANSLATION_CONTEXT))

    def render(self, message: Message) -> str:
        return message.render(self.translate, self.number, self.date)

    def month(self, month: int) -> str:
        """The short name of a month (1-12) on the date axis: "Jan", "ene"."""
        return self.translate(TRANSLATION_CONTEXT, MONTHS[month - 1])

    def cm(self, value: Decimal) -> str:
        return self.number(Decimal(fmt_cm(value)))

    def area(self, value: Decimal) -> str:
        return self.number(Decimal(fmt_area(value)))

    def pct(self, value: Decimal | None) -> str:
        if value is None:
            return self.say(N_("n/a"))
        rounded = metrics.round_pct(value)
        return f"{'+' if rounded > 0 else ''}{self.number(rounded)} %"


# --------------------------------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One timed film of one study: what a course-chart point or an emptying-curve point stands for."""

    study_key: int
    study_id: int | None
    date: dt.date
    minute: int
    height_cm: Decimal | None
    width_cm: Decimal | None
    area_cm2: Decimal | None

    def value(self, mode: ChartMode) -> Decimal | None:
        """Height (cm) or area (cm², only when height and width were both measured)."""
        return self.height_cm if mode == HEIGHT else self.area_cm2


@dataclass(frozen=True, slots=True)
class StudyInfo:
    """One TBE study as the charts name it: a list label and the hover text with every value of the exam."""

    key: int
    study_id: int | None
    date: dt.date
    label: str
    hover_text: str
    relation: str = ""  # "30 days after Rescue POEM": the label's words after the date, without the brackets


@dataclass(frozen=True, slots=True)
class CourseSeries:
    """One minute's series on the course chart; ``values`` has a slot per study, ``None`` where there is a gap."""

    minute: int
    mode: ChartMode
    dates: tuple[dt.date, ...]
    keys: tuple[int, ...]
    values: tuple[Decimal | None, ...]
    points: tuple[SeriesPoint, ...]

    @property
    def label(self) -> str:
        return f"{self.minute} min"


@dataclass(frozen=True, slots=True)
class ProcedureMarker:
    """A procedure as a vertical line on the course chart, labelled with its type and date."""

    procedure_id: int | None
    date: dt.date
    procedure_type: ProcedureType
    rescue: bool
    title: str
    label: str
    date_text: str = ""  # the date as the label writes it ("2025-06-10", or 10/06/2025 in the Spanish GUI)


@dataclass(frozen=True, slots=True)
class ChangeAnnotation:
    """The change across one procedure at one minute: its reference study against its latest follow-up."""

    procedure_id: int | None
    procedure_date: dt.date
    procedure_title: str
    mode: ChartMode
    minute: int
    reference_date: dt.date
    follow_up_date: dt.date
    pre: Decimal
    post: Decimal
    change_pct: Decimal | None
    text: str


@dataclass(frozen=True, slots=True)
class EckardtPoint:
    assessment_id: int | None
    date: dt.date
    total: int
    hover_text: str


@dataclass(frozen=True, slots=True)
class ReferenceLine:
    """A published height threshold drawn across the course chart (height mode only)."""

    height_cm: Decimal
    label: str


@dataclass(frozen=True, slots=True)
class EmptyingCurve:
    """One study's heights against minute, in minute order; films without a height are left out."""

    study_key: int
    study_id: int | None
    date: dt.date
    label: str
    points: tuple[SeriesPoint, ...]
    last_text: str = ""  # the last film's height as the chart writes it beside the curve ("2,7 cm")


@dataclass(frozen=True, slots=True)
class ChartData:
    """Everything both charts draw for one patient."""

    patient_id: int | None
    mrn: str
    title: str
    studies: tuple[StudyInfo, ...]
    points: tuple[SeriesPoint, ...]
    markers: tuple[ProcedureMarker, ...]
    eckardt: tuple[EckardtPoint, ...]
    reference_lines: tuple[ReferenceLine, ...]
    curves: tuple[EmptyingCurve, ...]
    default_selection: tuple[int, ...]
    height_series: tuple[CourseSeries, ...]
    area_series: tuple[CourseSeries, ...]
    height_annotations: tuple[ChangeAnnotation, ...]
    area_annotations: tuple[ChangeAnnotation, ...]
    writing: ChartWriting = ChartWriting()  # how the figures write their own words (axes, legends, notes)

    @property
    def is_empty(self) -> bool:
        """No TBE study: the charts show :data:`EMPTY_TEXT` instead of axes."""
        return not self.studies

    def series(self, mode: ChartMode) -> tuple[CourseSeries, ...]:
        _check_mode(mode)
        return self.height_series if mode == HEIGHT else self.area_series

    def annotations(self, mode: ChartMode) -> tuple[ChangeAnnotation, ...]:
        _check_mode(mode)
        return self.height_annotations if mode == HEIGHT else self.area_annotations

    def study(self, key: int) -> StudyInfo:
        for info in self.studies:
            if info.key == key:
                return info
        raise KeyError(key)

    def curve(self, key: int) -> EmptyingCurve:
        for curve in self.curves:
            if curve.study_key == key:
                return curve
        raise KeyError(key)


# --------------------------------------------------------------------------------------------------------------------
# Text


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"chart mode must be 'height' or 'area', not {mode!r}")


def fmt_cm(value: Decimal) -> str:
    """A measured length with at least one decimal (12 -> "12.0", 2.7 -> "2.7"); finer entries keep their digits."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -1:
        return format(normal, "f")
    return format(value.quantize(_TENTH, rounding=ROUND_HALF_UP), "f")


def fmt_area(value: Decimal) -> str:
    """A derived area (height x width), rounded to 0.1 cm² for display."""
    return format(value.quantize(_TENTH, rounding=ROUND_HALF_UP), "f")


def procedure_title(procedure: Procedure) -> str:
    """The chart's short name of a procedure: "Rescue POEM", "LHM", "Balloon dilation" (the declared short label)."""
    return str(wording.procedure_title(procedure, short=True))


def _days(n: int, w: ChartWriting) -> str:
    return w.say(N_("1 day")) if n == 1 else w.say(N_("{n} days"), n=n)


def _film_text(point: SeriesPoint, w: ChartWriting) -> str:
    if point.height_cm is None:
        height = w.say(N_("height not measured"))
    elif point.height_cm == 0:
        height = w.say(N_("{height} cm (complete emptying)"), height=w.cm(point.height_cm))
    else:
        height = w.say(N_("{height} cm"), height=w.cm(point.height_cm))
    if point.width_cm is None:
        return w.say(N_("{minute} min: {height}, width not measured"), minute=point.minute, height=height)
    width = w.cm(point.width_cm)
    if point.area_cm2 is None:
        return w.say(N_("{minute} min: {height} x {width} cm wide"), minute=point.minute, height=height, width=width)
    return w.say(
        N_("{minute} min: {height} x {width} cm wide = {area} cm²"),
        minute=point.minute,
        height=height,
        width=width,
        area=w.area(point.area_cm2),
    )


def _hover_text(study: TbeStudy, relation: str, films: list[SeriesPoint], w: ChartWriting) -> str:
    date = w.date(study.study_date)
    head = (
        w.say(N_("TBE {date} ({relation})"), date=date, relation=relation)
        if relation
        else w.say(N_("TBE {date}"), date=date)
    )
    lines = [head]
    lines += [_film_text(p, w) for p in films] or [w.say(N_("no film recorded"))]
    emptying = metrics.emptying_pct(study)
    if emptying is not None:
        lines.append(w.render(wording.emptying_line(emptying)))
    if study.barium_volume_ml is not None:
        volume = w.number(Decimal(format(study.barium_volume_ml.normalize(), "f")))
        lines.append(w.say(N_("Barium {volume} mL"), volume=volume))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------------------------
# Building


def _study_order(study: TbeStudy) -> tuple:
    # The same order as domain.metrics: date, then time (untimed first), then id (unsaved last).
    return (
        study.study_date,
        study.study_time is not None,
        study.study_time or dt.time.min,
        study.id is None,
        study.id or 0,
    )


def study_key(study: TbeStudy, position: int) -> int:
    """The chart's key of a study: its id, or ``-(position + 1)`` (chronological position) when it is not saved."""
    return study.id if study.id is not None else -(position + 1)


def _series(
    mode: ChartMode, minutes: list[int], studies: list[TbeStudy], keys: list[int], films: dict[int, list[SeriesPoint]]
) -> tuple[CourseSeries, ...]:
    out: list[CourseSeries] = []
    for minute in minutes:
        slots: list[SeriesPoint | None] = []
        for key in keys:
            point = next((p for p in films[key] if p.minute == minute), None)
            slots.append(point if point is not None and point.value(mode) is not None else None)
        drawn = tuple(p for p in slots if p is not None)
        if not drawn:
            continue
        out.append(
            CourseSeries(
                minute=minute,
                mode=mode,
                dates=tuple(s.study_date for s in studies),
                keys=tuple(keys),
                values=tuple(None if p is None else p.value(mode) for p in slots),
                points=drawn,
            )
        )
    return tuple(out)


def _annotations(
    summary: PatientSummary, titles: dict[int, str], w: ChartWriting
) -> dict[ChartMode, list[ChangeAnnotation]]:
    out: dict[ChartMode, list[ChangeAnnotation]] = {HEIGHT: [], AREA: []}
    for response in summary.responses:
        if response.reference is None or not response.follow_ups:
            continue
        latest = response.follow_ups[-1]
        p = response.procedure
        for change in latest.changes:
            common = {
                "procedure_id": p.id,
                "procedure_date": p.procedure_date,
                "procedure_title": titles[id(p)],
                "minute": change.minute,
                "reference_date": response.reference.study_date,
                "follow_up_date": latest.study.study_date,
            }
            if change.pre_height_cm is not None and change.post_height_cm is not None:
                pre, post = change.pre_height_cm, change.post_height_cm
                text = w.say(
                    N_("{minute} min: {before} -> {after} cm ({change})"),
                    minute=change.minute,
                    before=w.cm(pre),
                    after=w.cm(post),
                    change=w.pct(change.height_change_pct),
                )
                out[HEIGHT].append(
                    ChangeAnnotation(
                        **common, mode=HEIGHT, pre=pre, post=post, change_pct=change.height_change_pct, text=text
                    )
                )
            if change.pre_area_cm2 is not None and change.post_area_cm2 is not None:
                pre, post = change.pre_area_cm2, change.post_area_cm2
                text = w.say(
                    N_("{minute} min: {before} -> {after} cm² ({change})"),
                    minute=change.minute,
                    before=w.area(pre),
                    after=w.area(post),
                    change=w.pct(change.area_change_pct),
                )
                out[AREA].append(
                    ChangeAnnotation(
                        **common, mode=AREA, pre=pre, post=post, change_pct=change.area_change_pct, text=text
                    )
                )
    return out


def _relations(summary: PatientSummary, titles: dict[int, str], w: ChartWriting) -> dict[int, list[str]]:
    """For each study (by ``id()``): "before Rescue POEM", "31 days after LHM"."""
    relations: dict[int, list[str]] = {}
    for response in summary.responses:
        title = titles[id(response.procedure)]
        for fu in response.follow_ups:
            after = w.say(N_("{days} after {procedure}"), days=_days(fu.days_after, w), procedure=title)
            relations.setdefault(id(fu.study), []).append(after)
        if response.reference is not None:
            days = (response.procedure.procedure_date - response.reference.study_date).days
            if days <= 0:
                text = w.say(N_("before {procedure}, same day"), procedure=title)
            elif days <= 7:
                text = w.say(N_("before {procedure}"), procedure=title)
            else:
                # A reference taken long before (or before an earlier procedure) is named with its distance.
                text = w.say(N_("{days} before {procedure}"), days=_days(days, w), procedure=title)
            relations.setdefault(id(response.reference), []).append(text)
    return relations


def _default_selection(summary: PatientSummary, studies: list[TbeStudy], keys: list[int]) -> tuple[int, ...]:
    """The last study before and each study after the most recent procedure; else the latest study."""
    key_of = {id(s): k for s, k in zip(studies, keys, strict=True)}
    if summary.responses:
        last = summary.responses[-1]
        chosen = ([last.reference] if last.reference is not None else []) + [fu.study for fu in last.follow_ups]
        if chosen:
            return tuple(key_of[id(s)] for s in chosen)
    return (keys[-1],) if keys else ()


def build_chart_data(
    summary: PatientSummary,
    *,
    number: Callable[[Decimal | int], str] = _as_stored,
    date: Callable[[dt.date | dt.time], str] = _as_exchanged,
    translate: Translate = _english,
) -> ChartData:
    """The data of both charts for one patient, computed once from the summary (the same numbers it shows).

    The texts (labels, annotations, hover, and the figures' axes and legends) are in the language of ``translate``
    and write numbers with ``number`` and dates with ``date``: English, digits as stored and ISO dates by default;
    the GUI and the report pass the chosen language's ("2,7", 14/03/2015)."""
    w = ChartWriting(number, date, translate)
    history = summary.history
    studies = sorted(history.studies, key=_study_order)
    keys = [study_key(s, i) for i, s in enumerate(studies)]
    titles = {id(p): w.render(wording.procedure_title(p, short=True)) for p in history.procedures}
    relations = _relations(summary, titles, w)

    films: dict[int, list[SeriesPoint]] = {}
    infos: list[StudyInfo] = []
    curves: list[EmptyingCurve] = []
    for study, key in zip(studies, keys, strict=True):
        points = [
            SeriesPoint(
                study_key=key,
                study_id=study.id,
                date=study.study_date,
                minute=m.minute,
                height_cm=m.height_cm,
                width_cm=m.width_cm,
                area_cm2=m.area_cm2,
            )
            for m in sorted(study.measurements, key=lambda m: m.minute)
            if m.is_measured
        ]
        films[key] = points
        related = relations.get(id(study), [])
        # The list and the legend name the relation to the latest procedure; the hover text names every relation.
        relation = related[-1] if related else ""
        date_text = w.date(study.study_date)
        label = w.say(N_("{date} ({relation})"), date=date_text, relation=relation) if relation else date_text
        hover = _hover_text(study, "; ".join(related), points, w)
        infos.append(StudyInfo(key, study.id, study.study_date, label, hover, relation))
        heights = tuple(p for p in points if p.height_cm is not None)
        last = heights[-1].height_cm if heights else None
        last_text = w.say(N_("{height} cm"), height=w.cm(last)) if last is not None else ""
        curves.append(EmptyingCurve(key, study.id, study.study_date, label, heights, last_text))

    measured = {p.minute for pts in films.values() for p in pts}
    minutes = [m for m in STANDARD_MINUTES if m in measured] + sorted(measured - set(STANDARD_MINUTES))

    markers = tuple(
        ProcedureMarker(
            procedure_id=p.id,
            date=p.procedure_date,
            procedure_type=p.procedure_type,
            rescue=p.rescue,
            title=titles[id(p)],
            label=w.say(N_("{procedure} {date}"), procedure=titles[id(p)], date=w.date(p.procedure_date)),
            date_text=w.date(p.procedure_date),
        )
        for p in sorted(history.procedures, key=lambda p: (p.procedure_date, p.id is None, p.id or 0))
    )
    eckardt = tuple(
        EckardtPoint(
            e.id,
            e.assessment_date,
            e.total,
            w.say(
                N_("Eckardt {total}/{max} ({date})"),
                total=e.total,
                max=ECKARDT_TOTAL_MAX,
                date=w.date(e.assessment_date),
            ),
        )
        for e in sorted(history.eckardt, key=lambda e: (e.assessment_date, e.id is None, e.id or 0))
    )
    reference_lines = (
        ReferenceLine(
            ROHOF_STASIS_CM,
            w.say(N_("{value} cm: stasis (Rohof 2013); 1-min cut-off (Blonski 2018)"), value=ROHOF_STASIS_CM),
        ),
        ReferenceLine(BLONSKI_5MIN_CM, w.say(N_("{value} cm: 5-min cut-off (Blonski 2018)"), value=BLONSKI_5MIN_CM)),
    )
    assert BLONSKI_1MIN_CM == ROHOF_STASIS_CM  # one line stands for both; split it if a threshold ever changes
    annotations = _annotations(summary, titles, w)
    patient = history.patient
    return ChartData(
        patient_id=patient.id,
        mrn=patient.mrn,
        title=f"{patient.display_name} ({patient.mrn})",
        studies=tuple(infos),
        points=tuple(p for pts in films.values() for p in pts),
        markers=markers,
        eckardt=eckardt,
        reference_lines=reference_lines,
        curves=tuple(curves),
        default_selection=_default_selection(summary, studies, keys),
        height_series=_series(HEIGHT, minutes, studies, keys, films),
        area_series=_series(AREA, minutes, studies, keys, films),
        height_annotations=tuple(annotations[HEIGHT]),
        area_annotations=tuple(annotations[AREA]),
        writing=w,
    )
