"""What the app says about a record, said once: procedure titles and details, a study's films, timeline lines.

Every function returns :class:`Message` values, an English template marked with ``N_`` and its arguments, never a
finished sentence. ``str(message)`` writes the English text (the summary JSON, FHIR notes, the command line); the
GUI renders the same message through Qt's translations (``render(translate=..., number=...)``), so a sentence is
translated whole, in one place, and numbers are written as the clinic writes them. Field words (labels, short
labels, units) come from domain/fields.py; a detail without a phrase of its own here is said from its declaration.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from barium_tracker.domain import fields, metrics
from barium_tracker.domain.calibration import LengthSource
from barium_tracker.domain.enums import ComplicationGrade
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Label, Message, Quantity, say
from barium_tracker.domain.titles import procedure_kind_title

if TYPE_CHECKING:  # records are only read here; the annotation costs no import at run time
    from barium_tracker.domain.records import ColumnMeasurement, Endoscopy, Manometry, Procedure, TbeStudy

__all__ = [
    "Detail",
    "Joined",
    "Label",
    "Message",
    "Quantity",
    "procedure_kind_title",
    "say",
]

# -- procedures --------------------------------------------------------------------------------------------------


def procedure_title(p: Procedure, *, short: bool = False) -> Message:
    """ "Rescue POEM", "Laparoscopic Heller myotomy"; ``short`` for a chart or a plot ("LHM", "Balloon dilation")."""
    return procedure_kind_title(p.procedure_type, p.rescue, short=short)


#: The details a procedure's one-line description names (the timeline), in this order.
HEADLINE_DETAILS: tuple[str, ...] = (
    "poem_access",
    "myotomy_length_cm",
    "fundoplication",
    "balloon_diameter_mm",
    "botox_units",
)

#: Every detail a procedure can have beyond its date, type and complications, in the order they are said.
DETAILS: tuple[str, ...] = (
    "poem_access",
    "myotomy_length_cm",
    "gastric_myotomy_length_cm",
    "knife",
    "fundoplication",
    "balloon_diameter_mm",
    "balloon_pressure_psi",
    "botox_units",
    "botox_sites",
    "duration_min",
    "anaesthesia",
    "length_of_stay_days",
    "operator",
)

# Compact phrases ("myotomy 10 cm") where the default, "{short label} {value}", does not read well.
_PHRASES: dict[str, str] = {
    "poem_access": N_("{value!l} access"),
    "gastric_myotomy_length_cm": N_("{value} gastric"),
    "knife": N_("{value}"),
    "botox_units": N_("{value}"),
    "botox_sites": N_("{value} injection sites"),
    "duration_min": N_("{value}"),
    "anaesthesia": N_("anaesthesia: {value!l}"),
    "length_of_stay_days": N_("stay {value}"),
    "operator": N_("operator {value}"),
}


@dataclass(frozen=True, slots=True)
class Detail:
    """One recorded detail of a procedure: the declared field and its value (a Quantity for numbers)."""

    field: fields.Field
    value: object


def procedure_details(p: Procedure, names: Iterable[str] = DETAILS) -> Iterator[Detail]:
    """The recorded details among ``names`` (empty text and missing values are not details)."""
    for name in names:
        declared = fields.procedure(name)
        value = getattr(p, name)
        if value is None or (type(value) is str and not value.strip()):
            continue
        if declared.kind in (fields.Kind.DECIMAL, fields.Kind.INTEGER):
            value = Quantity(value, declared.unit, declared.unit_one)
        elif type(value) is str:  # free text (a coded value is a StrEnum: said by its label)
            value = value.strip()
        yield Detail(declared, value)


def detail_phrase(detail: Detail) -> Message:
    """A detail as a compact phrase: "myotomy 10 cm", "posterior access", "100 U"."""
    template = _PHRASES.get(detail.field.name)
    if template is not None:
        return say(template, value=detail.value)
    return say(N_("{label} {value}"), label=Label(detail.field, short=True), value=detail.value)


# Sentences ("Myotomy length: 10 cm.") where the default, "{label}: {value}.", does not read well.
_SENTENCES: dict[str, str] = {
    "poem_access": N_("{label}: {value!l}."),
}


def detail_sentence(detail: Detail) -> Message:
    """A detail as a sentence of its own: "Myotomy length: 10 cm." (FHIR notes)."""
    template = _SENTENCES.get(detail.field.name, N_("{label}: {value}."))
    return say(template, label=Label(detail.field), value=detail.value)


def procedure_line(p: Procedure) -> Message:
    """The procedure in one line: "Rescue POEM (posterior access, myotomy 10 cm)"."""
    phrases = tuple(detail_phrase(d) for d in procedure_details(p, HEADLINE_DETAILS))
    title = procedure_title(p)
    if not phrases:
        return title
    return say(N_("{procedure} ({details})"), procedure=title, details=Joined(phrases))


def procedure_summary(p: Procedure) -> Joined | None:
    """Every recorded detail as compact phrases ("posterior access; myotomy 10 cm; 3 cm gastric"), or None."""
    phrases = tuple(detail_phrase(d) for d in procedure_details(p))
    return Joined(phrases, "; ") if phrases else None


def procedure_sentences(p: Procedure, *, leave_out: Iterable[str] = ()) -> list[Message]:
    """Every recorded detail as a sentence (the FHIR Procedure's notes: R4 has no element for them), but those
    named in ``leave_out`` (FHIR says the operator as the performer)."""
    out: list[Message] = []
    if p.rescue:
        out.append(say(N_("Rescue procedure (after a failed treatment).")))
    names = [name for name in DETAILS if name not in set(leave_out)]
    details = {d.field.name: d for d in procedure_details(p, names)}
    for name in names:
        detail = details.get(name)
        if detail is None:
            continue
        if name == "botox_units":
            sites = details.get("botox_sites")
            if sites is not None:
                out.append(say(N_("Botulinum toxin: {dose} in {sites} sites."), dose=detail.value, sites=sites.value))
            else:
                out.append(say(N_("Botulinum toxin: {dose}."), dose=detail.value))
        elif name == "botox_sites":
            if "botox_units" not in details:
                out.append(detail_sentence(detail))
        else:
            out.append(detail_sentence(detail))
    return out


def complication_text(p: Procedure) -> Message | None:
    """ "Mild: bleeding, clipped"; None when there was no complication and nothing is written."""
    text = p.complication_text.strip()
    if p.complication_grade is ComplicationGrade.NONE and not text:
        return None
    if text:
        return say(N_("{grade}: {details}"), grade=p.complication_grade, details=text)
    return say(N_("{grade}"), grade=p.complication_grade)


# -- studies and other events ------------------------------------------------------------------------------------


def films_line(study: TbeStudy) -> Message:
    """The heights of a study's films: "1 min 8 cm; 5 min 2.7 cm", or "no films recorded"."""
    films = tuple(
        say(N_("{minute} min {height}"), minute=m.minute, height=Quantity(m.height_cm, fields.film("height_cm").unit))
        for m in sorted(study.measurements, key=lambda m: m.minute)
    )
    if not films:
        return say(N_("no films recorded"))
    return say(N_("{films}"), films=Joined(films, "; "))


def film_source(m: ColumnMeasurement | None) -> Message | None:
    """Where a film's lengths came from, said beside them when any was measured on the film (None: all typed).

    "measured on the film; calibration: Manual: 13 mm tablet", or per length when they differ
    ("height measured on the film; calibration: ...; width typed")."""
    if m is None:
        return None
    named = [n for n in ("height_cm", "width_cm", "traced_area_cm2") if getattr(m, n) is not None]
    if not any(m.source_of(n) is LengthSource.IMAGE for n in named):
        return None
    lengths = [n for n in ("height_cm", "width_cm") if n in named]
    if len({m.source_of(n) for n in lengths}) <= 1:
        return m.source_of(lengths[0] if lengths else "traced_area_cm2").said(m.calibration)
    return say(
        N_("height {height}; width {width}"),
        height=m.height_source.said(m.calibration),
        width=m.width_source.said(m.calibration),
    )


def study_line(study: TbeStudy) -> Message:
    return say(N_("TBE: {films}"), films=films_line(study))


def eckardt_line(total: int) -> Message:
    return say(N_("Eckardt score {total}/12"), total=total)


def manometry_line(m: Manometry) -> Message:
    irp = fields.manometry("irp_supine_mmhg")
    return say(
        N_("Manometry: {subtype}, {irp_label} {irp}"),
        subtype=m.subtype,
        irp_label=Label(irp),
        irp=Quantity(m.irp_supine_mmhg, irp.unit),
    )


def endoscopy_line(e: Endoscopy) -> Message:
    return say(N_("Endoscopy: {opening!l}, {oesophagitis!l}"), opening=e.les_opening, oesophagitis=e.oesophagitis)


def emptying_line(pct: Decimal | None) -> Message:
    """Emptying from 1 to 5 min within one exam (de Oliveira 1997) as a line of its own, rounded as metrics does."""
    if pct is None:
        return say(N_("Emptying 1 to 5 min: n/a"))
    return say(N_("Emptying 1 to 5 min: {pct} %"), pct=metrics.round_pct(pct))


def emptying_phrase(pct: Decimal) -> Message:
    """The same inside a sentence: "emptying 1 to 5 min 64.2 %"."""
    return say(N_("emptying 1 to 5 min {pct} %"), pct=metrics.round_pct(pct))


# -- labels, values and changes in tables (the report, the patient summary) -------------------------------------


def field_label(field: fields.Field, *, short: bool = False, minute: int | None = None, unit: bool = False) -> Message:
    """A declared field's label as a message of its own (a table header): "IRP supine"; ``unit``: "Height (cm)"."""
    label = Label(field, short=short, minute=minute)
    if unit and field.unit:
        return say(N_("{label} ({unit})"), label=label, unit=field.unit)
    return say(N_("{label}"), label=label)


def measured(field: fields.Field, value: Decimal | int | None) -> Message:
    """A value with its declared unit: "33 mmHg", "5 min"; None is said as "not measured"."""
    return say(N_("{value}"), value=Quantity(value, field.unit))


def percent_change(pct: Decimal | None) -> Message:
    """A relative change, signed and rounded as metrics does: "+12.5 %", "-77.5 %", "n/a" when there is none."""
    if pct is None:
        return say(N_("n/a"))
    rounded = metrics.round_pct(pct)
    return say(N_("+{pct} %") if rounded > 0 else N_("{pct} %"), pct=rounded)


def emptying_heading() -> Message:
    """The heading of a column of emptying values (see :func:`emptying_value`)."""
    return say(N_("Emptying 1 to 5 min"))


def emptying_value(pct: Decimal | None) -> Message:
    """Emptying from 1 to 5 min in a table cell: "64.2 %", or "n/a" when a film is missing."""
    if pct is None:
        return say(N_("n/a"))
    return say(N_("{pct} %"), pct=metrics.round_pct(pct))
