"""What the report says about treatment: the sentence at a glance, each procedure's response, the Eckardt course.

The numbers are the summary's (domain/metrics.py through services/summary.py): the reference study, each follow-up
with its change per minute and every published rule with its source (cited by number, listed at the end); the
Eckardt course names each score's distance to the procedures around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from barium_tracker.domain import fields, metrics, wording
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Label, Message, Quantity
from barium_tracker.domain.records import EckardtAssessment, Procedure
from barium_tracker.domain.rules import ECKARDT_SOURCE, ECKARDT_TOTAL_MAX
from barium_tracker.services.report.document import (
    Block,
    Heading,
    Inline,
    Paragraph,
    ParagraphKind,
    Styled,
    Table,
    Tone,
    missing,
    plain,
)
from barium_tracker.services.report.phrases import (
    NOT_AVAILABLE,
    NOT_MEASURED,
    Sources,
    date,
    days,
    flags_table,
    joined,
    number,
    say,
    value_cell,
)
from barium_tracker.services.summary import PatientSummary

_HEIGHT = fields.film("height_cm")
_AREA = fields.film("area_cm2")


def at_a_glance(summary: PatientSummary) -> list[Block]:
    """One sentence on the most recent procedure's response at 5 minutes, when there is one."""
    for response in reversed(summary.responses):
        if not response.follow_ups:
            continue
        latest = response.follow_ups[-1]
        change = next((c for c in latest.changes if c.minute == metrics.OUTCOME_MINUTE), None)
        if change is None:
            continue
        p = response.procedure
        text = say(
            N_(
                "Most recent treatment with a follow-up TBE: {procedure} on {date}. Column height at {minute} min "
                "{before} before, {after} on {follow_up} ({change})."
            ),
            procedure=wording.procedure_title(p),
            date=p.procedure_date,
            minute=change.minute,
            before=Quantity(change.pre_height_cm, _HEIGHT.unit),
            after=Quantity(change.post_height_cm, _HEIGHT.unit),
            follow_up=latest.study.study_date,
            change=wording.percent_change(change.height_change_pct),
        )
        return [Paragraph(plain(text), ParagraphKind.HIGHLIGHT)]
    return []


# -- the response to each procedure ------------------------------------------------------------------------------


def _area(value: Decimal | None) -> Inline:
    return plain(number(value.quantize(Decimal("0.01")))) if value is not None else missing(NOT_AVAILABLE)


def _change_table(changes: Sequence[metrics.MinuteChange]) -> Table:
    rows = tuple(
        (
            plain(wording.measured(fields.film("minute"), c.minute)),
            value_cell(c.pre_height_cm, absent=NOT_MEASURED),
            value_cell(c.post_height_cm, absent=NOT_MEASURED),
            plain(wording.percent_change(c.height_change_pct)),
            _area(c.pre_area_cm2),
            _area(c.post_area_cm2),
            plain(wording.percent_change(c.area_change_pct)),
        )
        for c in changes
    )
    headers: list[Inline] = [plain(wording.field_label(fields.film("minute")))]
    for declared in (_HEIGHT, _AREA):
        label = Label(declared, short=True)
        headers += [
            plain(say(N_("{label} before ({unit})"), label=label, unit=declared.unit)),
            plain(say(N_("{label} after ({unit})"), label=label, unit=declared.unit)),
            plain(say(N_("Change in {label!l}"), label=label)),
        ]
    return Table(rows=rows, headers=tuple(headers), widths=(10, 15, 15, 15, 15, 15, 15))


def _eckardt_change(response: metrics.ProcedureResponse) -> Message:
    before = response.eckardt_before
    after = response.eckardt_after[-1] if response.eckardt_after else None
    args = {
        "label": Label(fields.eckardt("total")),
        "before": before.total if before else NOT_AVAILABLE,
        "after": after.total if after else NOT_AVAILABLE,
    }
    if response.eckardt_change_pct is None:
        return say(N_("{label}: {before} before, {after} after"), **args)
    change = wording.percent_change(response.eckardt_change_pct)
    return say(N_("{label}: {before} before, {after} after ({change})"), change=change, **args)


def responses_section(summary: PatientSummary, sources: Sources) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain(say(N_("Response to treatment"))))]
    if not summary.responses:
        return [*blocks, Paragraph(missing(say(N_("No procedure recorded: no response to assess."))))]
    note = N_(
        "Most recent procedure first. The reference is the last TBE before the procedure; each follow-up is a TBE "
        "after it and before the next procedure. Change = (after - before) / before at the same minute. Every rule "
        "is listed with its source (numbered references at the end)."
    )
    blocks.append(Paragraph(plain(say(note)), ParagraphKind.NOTE))
    for index, response in reversed(list(enumerate(summary.responses))):
        p = response.procedure
        title = say(N_("{procedure}, {date}"), procedure=wording.procedure_title(p), date=p.procedure_date)
        blocks.append(Heading(3, plain(title)))
        ref = response.reference
        reference = ref.study_date if ref else Styled(say(N_("none before this procedure")), Tone.MISSING)
        blocks.append(Paragraph(plain(say(N_("Reference study: {study}"), study=reference))))
        if not response.follow_ups:
            later = index + 1 < len(summary.responses)
            text = N_("No follow-up study before the next procedure.") if later else N_("No follow-up study yet.")
            blocks.append(Paragraph(missing(say(text))))
        for fu in response.follow_ups:
            emptying = metrics.emptying_pct(fu.study)
            day, after = fu.study.study_date, fu.days_after
            if emptying is None:
                heading = say(N_("Follow-up TBE {date} ({days} days after)"), date=day, days=after)
            else:
                heading = say(
                    N_("Follow-up TBE {date} ({days} days after; {emptying})"),
                    date=day,
                    days=after,
                    emptying=wording.emptying_phrase(emptying),
                )
            blocks.append(Heading(4, plain(heading)))
            if fu.changes:
                blocks.append(_change_table(fu.changes))
            else:
                blocks.append(Paragraph(missing(say(N_("No minute measured on both studies.")))))
            blocks.append(Paragraph())
            blocks.append(flags_table(fu.flags, sources))
        heading = say(N_("Symptoms and concordance ({eckardt})"), eckardt=_eckardt_change(response))
        blocks.append(Heading(4, plain(heading)))
        blocks.append(flags_table(response.flags, sources))
    return blocks


# -- the Eckardt course ------------------------------------------------------------------------------------------


def _relation(score: EckardtAssessment, procedures: Sequence[Procedure]) -> Message | None:
    """ "28 days after Balloon dilation; 1 day before Rescue POEM": the nearest procedure on each side."""
    day = score.assessment_date
    earlier = [p for p in procedures if p.procedure_date <= day]
    later = [p for p in procedures if p.procedure_date > day]
    parts = []
    if earlier:
        last = max(earlier, key=lambda p: p.procedure_date)
        n = days((day - last.procedure_date).days)
        parts.append(say(N_("{days} after {procedure}"), days=n, procedure=wording.procedure_title(last)))
    if later:
        first = min(later, key=lambda p: p.procedure_date)
        n = days((first.procedure_date - day).days)
        parts.append(say(N_("{days} before {procedure}"), days=n, procedure=wording.procedure_title(first)))
    return joined(parts) if parts else None


def eckardt_section(summary: PatientSummary, sources: Sources) -> list[Block]:
    blocks: list[Block] = [Heading(2, plain(say(N_("Eckardt symptom score"))))]
    scores = summary.history.eckardt
    threshold = summary.settings.eckardt_success_max
    if not scores:
        return [*blocks, Paragraph(missing(say(N_("No Eckardt score recorded."))))]
    note = say(
        N_(
            "Four items of 0 to 3 each, total 0 to {max} ({source}). Treatment success in this clinic: "
            "total <= {max_ok}."
        ),
        max=ECKARDT_TOTAL_MAX,
        source=sources.short(ECKARDT_SOURCE),
        max_ok=threshold,
    )
    blocks.append(Paragraph(plain(note), ParagraphKind.NOTE))
    items = ("dysphagia", "regurgitation", "retrosternal_pain", "weight_loss")
    rows = []
    for s in scores:
        relation = _relation(s, summary.history.procedures)
        rows.append(
            (
                plain(date(s.assessment_date)),
                *(plain(number(getattr(s, item))) for item in items),
                plain(say(N_("{total}/{max}"), total=Styled(number(s.total), Tone.STRONG), max=ECKARDT_TOTAL_MAX)),
                plain(say(N_("yes") if s.total <= threshold else N_("no"))),
                plain(relation) if relation else missing(say(N_("no procedure recorded"))),
            )
        )
    headers = (
        plain(say(N_("Date"))),
        *(plain(wording.field_label(fields.eckardt(item))) for item in items),
        plain(wording.field_label(fields.eckardt("total"))),
        plain(say(N_("Total <= {max_ok}"), max_ok=threshold)),
        plain(say(N_("Relation to procedures"))),
    )
    return [*blocks, Table(rows=tuple(rows), headers=headers, widths=(11, 10, 11, 11, 10, 8, 9, 30))]
