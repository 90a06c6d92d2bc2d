"""What the report for the referring physician says, section by section, as plain data (no Qt).

:func:`report_content` reads one :class:`PatientSummary` (services/summary.py: the same numbers as the GUI and
``barium-tracker summary``) and returns the report's blocks (document.py): the patient header, diagnosis and
manometry, procedures, every TBE film, the charts, the response to each treatment and the Eckardt course
(treatment.py), endoscopy and the numbered references. Field labels and units come from domain/fields.py, what
is said about a procedure or a study from domain/wording.py, the report's own sentences from phrases.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from barium_tracker.domain import fields, metrics, wording
from barium_tracker.domain.enums import TabletResult
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Label, Message, Quantity
from barium_tracker.domain.records import Manometry, TbeStudy
from barium_tracker.services.report.document import (
    BREAK,
    Block,
    Chart,
    Heading,
    Inline,
    Paragraph,
    ParagraphKind,
    Run,
    Styled,
    Table,
    TableKind,
    Text,
    Tone,
    lines,
    missing,
    plain,
    strong,
)
from barium_tracker.services.report.markup import ENGLISH, Writing
from barium_tracker.services.report.phrases import (
    NO_STUDIES,
    NOT_AVAILABLE,
    NOT_MEASURED,
    Sources,
    date,
    flags_table,
    joined,
    notes_run,
    say,
    text_cell,
    timestamp,
    value_cell,
)
from barium_tracker.services.report.treatment import at_a_glance, eckardt_section, responses_section
from barium_tracker.services.summary import PatientSummary

_TRACED = fields.film("traced_area_cm2")


def _label(field: fields.Field, *, short: bool = False, unit: bool = False) -> Inline:
    return plain(wording.field_label(field, short=short, unit=unit))


def _word(template: str) -> Inline:
    return plain(say(template))


def _coded(member: object) -> Message:
    return say(N_("{value}"), value=member)


# -- the patient -------------------------------------------------------------------------------------------------


def _header(summary: PatientSummary, clinic_name: str | None, generated: dt.datetime) -> list[Block]:
    p = summary.history.patient
    age = p.age_years(summary.today)
    if p.birth_date is None:
        born = missing(say(N_("birth date not recorded")))
    elif age is None:
        born = plain(date(p.birth_date))
    else:
        born = plain(say(N_("{date} ({age} years)"), date=p.birth_date, age=age))
    if p.diagnosis_date:
        diagnosis = plain(say(N_("{diagnosis}, since {date}"), diagnosis=p.diagnosis, date=p.diagnosis_date))
    else:
        diagnosis = plain(_coded(p.diagnosis))
    cells: list[tuple[Inline, Inline]] = [
        (_word(N_("Patient")), strong(p.display_name)),
        (_label(fields.patient("mrn")), strong(p.mrn)),
        (_label(fields.patient("birth_date")), born),
        (_label(fields.patient("sex")), plain(_coded(p.sex))),
        (_label(fields.patient("diagnosis")), diagnosis),
        (_word(N_("Report generated")), plain(timestamp(generated))),
    ]
    rows = tuple(
        (_small(cells[i][0]), cells[i][1], _small(cells[i + 1][0]), cells[i + 1][1]) for i in range(0, len(cells), 2)
    )
    blocks: list[Block] = [Paragraph(strong(clinic_name))] if clinic_name else []
    blocks += [
        Heading(1, _word(N_("Timed barium esophagogram (TBE) report"))),
        Paragraph(
            _word(
                N_(
                    "For the referring physician. Heights are measured from the gastro-oesophageal junction to the "
                    "top of the barium column on upright films; a missing value is written as missing, never as 0."
                )
            ),
            ParagraphKind.NOTE,
        ),
        Table(rows=rows, widths=(17, 33, 17, 33), kind=TableKind.FACTS),
    ]
    return blocks


def _small(inline: Inline) -> Inline:
    return tuple(Run(run.text, Tone.SMALL) for run in inline)


# -- diagnosis and manometry -------------------------------------------------------------------------------------

_MANOMETRY_OTHERS = ("pan_pressurisation_pct", "premature_swallows_pct", "dci_mmhg_s_cm", "les_resting_pressure_mmhg")


def _manometry_row(m: Manometry) -> tuple[Inline, ...]:
    others: list[Message] = []
    for name in _MANOMETRY_OTHERS:
        declared, value = fields.manometry(name), getattr(m, name)
        if value is not None:
            label = Label(declared, short=True)
            others.append(say(N_("{label} {value}"), label=label, value=Quantity(value, declared.unit)))
    if m.notes.strip():
        others.append(say(N_("{text}"), text=m.notes.strip()))
    classification: Inline = plain(_coded(m.subtype))
    if not m.conclusive:
        classification += (Run(" "), Run(say(N_("(not conclusive)")), Tone.SMALL))
    irp = ("irp_supine_mmhg", "irp_upright_mmhg", "irp_upper_limit_mmhg", "failed_swallows_pct")
    return (
        plain(date(m.study_date)),
        text_cell(m.system),
        classification,
        *(value_cell(getattr(m, name), fields.manometry(name)) for name in irp),
        plain(joined(others)) if others else missing(say(N_("none recorded"))),
    )


def _diagnosis(summary: PatientSummary, sources: Sources) -> list[Block]:
    h = summary.history
    p = h.patient
    label = Label(fields.patient("diagnosis"))
    diagnosis = Styled(_coded(p.diagnosis), Tone.STRONG)
    if p.diagnosis_date:
        since = p.diagnosis_date
        sentence = say(N_("{label}: {diagnosis} since {date}."), label=label, diagnosis=diagnosis, date=since)
    else:
        sentence = say(N_("{label}: {diagnosis}."), label=label, diagnosis=diagnosis)
    blocks: list[Block] = [Heading(2, _word(N_("Diagnosis and manometry"))), Paragraph(plain(sentence))]
    if p.notes.strip():
        blocks.append(Paragraph(plain(p.notes.strip()), ParagraphKind.NOTE))
    blocks.append(Heading(3, _word(N_("High-resolution manometry (Chicago Classification v4.0)"))))
    if h.manometry:
        headers = (
            _word(N_("Date")),
            *(
                _label(fields.manometry(name))
                for name in (
                    "system",
                    "subtype",
                    "irp_supine_mmhg",
                    "irp_upright_mmhg",
                    "irp_upper_limit_mmhg",
                    "failed_swallows_pct",
                )
            ),
            _word(N_("Other findings")),
        )
        rows = tuple(_manometry_row(m) for m in h.manometry)
        blocks.append(Table(rows=rows, headers=headers, widths=(11, 13, 14, 9, 9, 9, 9, 26)))
    else:
        blocks.append(Paragraph(missing(say(N_("No manometry recorded.")))))
    flagged = [(s, summary.diagnostic_flags[s.id]) for s in h.studies if s.id in summary.diagnostic_flags]
    if flagged:
        blocks.append(Heading(3, _word(N_("Diagnostic TBE criteria (studies before the first procedure)"))))
        for study, flags in flagged:
            blocks.append(Paragraph(plain(say(N_("TBE {date}"), date=study.study_date))))
            blocks.append(flags_table(flags, sources))
    return blocks


# -- procedures --------------------------------------------------------------------------------------------------


def _procedures(summary: PatientSummary) -> list[Block]:
    blocks: list[Block] = [Heading(2, _word(N_("Procedures")))]
    procedures = sorted(summary.history.procedures, key=lambda p: (p.procedure_date, p.id or 0))
    if not procedures:
        return [*blocks, Paragraph(missing(say(N_("No procedure recorded."))))]
    rows = []
    for p in procedures:
        summary_ = wording.procedure_summary(p)
        details = plain(say(N_("{details}"), details=summary_)) if summary_ else missing(say(N_("no details recorded")))
        if p.notes.strip():
            details += (BREAK, *notes_run(p.notes))
        complication = wording.complication_text(p) or say(N_("None"))
        rows.append((plain(date(p.procedure_date)), strong(wording.procedure_title(p)), details, plain(complication)))
    headers = (
        _word(N_("Date")),
        _word(N_("Procedure")),
        _word(N_("Details")),
        _label(fields.procedure("complication_grade")),
    )
    return [*blocks, Table(rows=tuple(rows), headers=headers, widths=(11, 20, 55, 14))]


# -- TBE studies -------------------------------------------------------------------------------------------------


def _study_note(study: TbeStudy, relation: str) -> Inline:
    parts: list[Inline] = [plain(relation)] if relation else []
    barium: list[Message] = []
    if study.barium_volume_ml is not None:
        volume = fields.study("barium_volume_ml")
        barium.append(say(N_("{value}"), value=Quantity(study.barium_volume_ml.normalize(), volume.unit)))
    if study.barium_type.strip():
        barium.append(say(N_("{text}"), text=study.barium_type.strip()))
    if barium:
        parts.append(plain(say(N_("Barium {details}"), details=Joined(tuple(barium)))))
    else:
        parts.append(missing(say(N_("barium volume not recorded"))))
    emptying = metrics.emptying_pct(study)
    if emptying is not None:
        parts.append(plain(wording.emptying_line(emptying)))
    if study.tablet_result is not TabletResult.NOT_GIVEN:
        tablet = Label(fields.study("tablet_result"))
        if study.tablet_minute is not None:
            minute = Quantity(study.tablet_minute, fields.study("tablet_minute").unit)
            text = say(N_("{label}: {result!l} by {minute}"), label=tablet, result=study.tablet_result, minute=minute)
        else:
            text = say(N_("{label}: {result!l}"), label=tablet, result=study.tablet_result)
        parts.append(plain(text))
    if study.notes.strip():
        parts.append(notes_run(study.notes))
    return lines(parts)


def _studies(summary: PatientSummary, relations: dict[int, str]) -> list[Block]:
    blocks: list[Block] = [Heading(2, _word(N_("Timed barium esophagogram studies")))]
    studies = summary.history.studies
    if not studies:
        return [*blocks, Paragraph(missing(say(N_("{text}."), text=NO_STUDIES)))]
    blocks.append(
        Paragraph(
            _word(
                N_(
                    "Every timed film: column height (from the gastro-oesophageal junction) and maximal width; "
                    "area = height x width (de Oliveira 1997). Height 0 = complete emptying."
                )
            ),
            ParagraphKind.NOTE,
        )
    )
    minute = fields.film("minute")
    rows: list[tuple[Inline, ...]] = []
    for position, study in enumerate(studies):
        films = sorted(study.measurements, key=lambda m: m.minute)
        note = _study_note(study, relations.get(position, ""))
        day = date(study.study_date)
        if not films:
            rows.append((strong(day), missing(say(N_("no films recorded"))), (), (), (), note))
            continue
        for index, m in enumerate(films):
            height = value_cell(m.height_cm, absent=NOT_MEASURED)
            if m.height_cm == 0:
                height += (Run(" "), Run(say(N_("(complete emptying)")), Tone.SMALL))
            source = wording.film_source(m)
            said = note if index == 0 else ()
            if source is not None:  # the calibration of every length measured on the film, in the wide column
                measured_on = say(N_("{minute} min: {source}"), minute=m.minute, source=source)
                said = (*said, BREAK, Run(measured_on, Tone.SMALL)) if said else (Run(measured_on, Tone.SMALL),)
            area = value_cell(m.area_cm2, absent=NOT_AVAILABLE)
            if m.traced_area_cm2 is not None:
                traced = say(
                    N_("{label}: {area}"),
                    label=Label(_TRACED, short=True),
                    area=Quantity(m.traced_area_cm2, _TRACED.unit),
                )
                area += (BREAK, Run(traced, Tone.SMALL))
            rows.append(
                (
                    strong(day) if index == 0 else plain(day),
                    plain(wording.measured(minute, m.minute)),
                    height,
                    value_cell(m.width_cm, absent=NOT_MEASURED),
                    area,
                    said,
                )
            )
    headers = (
        _word(N_("Date")),
        _label(minute),
        *(_label(fields.film(name), short=True, unit=True) for name in ("height_cm", "width_cm", "area_cm2")),
        _word(N_("Study")),
    )
    return [*blocks, Table(rows=tuple(rows), headers=headers, widths=(12, 8, 14, 12, 12, 42))]


# -- charts ------------------------------------------------------------------------------------------------------

_CHART_TITLES = (
    N_("Course of the barium column"),
    N_("Emptying curves"),
    N_("The films before and after the procedure"),
)


def chart_captions() -> tuple[Message, Message]:
    """The captions of the course chart and of the emptying chart, in the order the charts are drawn."""
    return (
        say(
            N_(
                "Course of the barium column height at each timed film, with procedures (grey lines), the Eckardt "
                "score (right axis) and the published thresholds (dotted)."
            )
        ),
        say(
            N_(
                "Emptying curves: column height against minutes after ingestion for the last study before and "
                "each study after the most recent procedure (dashed: before)."
            )
        ),
    )


def film_figure_caption(pair: object) -> Message:
    """The caption of the films' figure (the third chart, when both films of a minute were measured on the image)."""
    minute = getattr(pair, "minute", 5)
    return say(
        N_(
            "The {minute}-min films of the study before and after the procedure, side by side at the same scale, "
            "with the column height as measured on each and the calibration it used."
        ),
        minute=minute,
    )


def _charts(captions: Sequence[Text]) -> list[Block]:
    blocks: list[Block] = [Heading(2, _word(N_("Charts")))]
    if not captions:
        return [*blocks, Paragraph(missing(say(N_("{text}: no chart to draw."), text=NO_STUDIES)))]
    for index, caption in enumerate(captions):
        title = say(_CHART_TITLES[min(index, 2)])
        blocks.append(Chart(index, title, caption if isinstance(caption, Message) else say("{text}", text=caption)))
    return blocks


# -- endoscopy ---------------------------------------------------------------------------------------------------


def _endoscopy(summary: PatientSummary) -> list[Block]:
    blocks: list[Block] = [Heading(2, _word(N_("Endoscopy")))]
    exams = summary.history.endoscopy
    if not exams:
        return [*blocks, Paragraph(missing(say(N_("No endoscopy recorded."))))]
    rows = tuple(
        (
            plain(date(e.exam_date)),
            plain(_coded(e.les_opening)),
            plain(_coded(e.oesophagitis)),
            _word(N_("Yes") if e.residue else N_("No")),
            text_cell(e.findings, say(N_("no free text"))),
        )
        for e in exams
    )
    headers = (_word(N_("Date")), *(_label(fields.endoscopy(n)) for n in ("les_opening", "oesophagitis", "residue")))
    headers += (_label(fields.endoscopy("findings")),)
    return [*blocks, Table(rows=rows, headers=headers, widths=(11, 17, 15, 8, 49))]


# -- the whole report --------------------------------------------------------------------------------------------


def _study_relations(summary: PatientSummary, writing: Writing) -> dict[int, str]:
    """Chronological study position -> "before Rescue POEM" / "30 days after Rescue POEM" (the charts' wording, in
    the report's language)."""
    from barium_tracker.services.charts import build_chart_data

    data = build_chart_data(summary, number=writing.number, date=writing.date, translate=writing.translate)
    return {position: info.relation for position, info in enumerate(data.studies)}


def report_content(
    summary: PatientSummary,
    *,
    clinic_name: str | None,
    generated: dt.datetime,
    chart_captions: Sequence[Text],
    writing: Writing = ENGLISH,
) -> list[Block]:
    """Every block of the report, in reading order; a chart's place is a :class:`Chart` with its caption.

    The blocks are messages rendered later (markup.py); only the studies' relation to the procedures, the charts'
    wording, is written here, by ``writing``."""
    sources = Sources()
    relations = _study_relations(summary, writing) if summary.history.studies else {}
    blocks = [
        *_header(summary, clinic_name, generated),
        *at_a_glance(summary),
        *_diagnosis(summary, sources),
        *_procedures(summary),
        *_studies(summary, relations),
        *_charts(chart_captions),
        *responses_section(summary, sources),
        *eckardt_section(summary, sources),
        *_endoscopy(summary),
    ]
    references = sources.table()
    if references is not None:
        blocks += [Heading(2, _word(N_("References"))), references]
    return blocks
