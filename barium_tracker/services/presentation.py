"""The patient summary as text (command line) and HTML (GUI): wording shared, numbers from services.summary only.

Every sentence is a message (a template marked with ``N_`` in the ``summary`` translation context, and its
arguments); field labels and units come from domain/fields.py, procedure titles and emptying from
domain/wording.py. Each function renders through ``translate``, ``number`` and ``date`` (English, numbers as stored
and ISO dates by default: the command line), so the GUI can pass its translations and the workstation's way of writing
numbers and dates ("2,7", 14/03/2015).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from barium_tracker.domain import fields, metrics, verdicts, wording
from barium_tracker.domain.calibration import LengthSource
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import FormatDate, FormatNumber, Label, Message, Quantity, Translate
from barium_tracker.domain.records import ColumnMeasurement, TbeStudy
from barium_tracker.domain.rules import Flag, FlagStatus
from barium_tracker.services.summary import PatientSummary

#: The Qt translation context of the summary's own words.
TRANSLATION_CONTEXT = "summary"

_FLAG_COLOUR = {True: "#1b7837", False: "#b2182b", None: "#555555"}
_HEIGHT = fields.film("height_cm")
_WIDTH = fields.film("width_cm")
_TRACED = fields.film("traced_area_cm2")


def _say(template: str, **args: object) -> Message:
    return Message(template, tuple(args.items()), TRANSLATION_CONTEXT)


def _english(context: str, text: str) -> str:
    return text


def _as_stored(value: Decimal | int) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _as_exchanged(value: dt.date | dt.time) -> str:
    return value.isoformat()


Render = Callable[[Message], str]


def _renderer(translate: Translate, number: FormatNumber, date: FormatDate = _as_exchanged) -> Render:
    return lambda message: message.render(translate, number, date)


def _html(render: Render) -> Render:
    return lambda message: html.escape(render(message))


# -- the words, as messages --------------------------------------------------------------------------------------


def _header(summary: PatientSummary) -> list[Message]:
    p = summary.history.patient
    age = p.age_years(summary.today)
    if p.birth_date is None:
        born = _say(N_("Born unknown, {sex!l}"), sex=p.sex)
    elif age is None:
        born = _say(N_("Born {date}, {sex!l}"), date=p.birth_date, sex=p.sex)
    else:
        born = _say(N_("Born {date}, {age} years, {sex!l}"), date=p.birth_date, age=age, sex=p.sex)
    label = Label(fields.patient("diagnosis"))
    if p.diagnosis_date:
        diagnosis = _say(
            N_("{label}: {diagnosis} since {date}"), label=label, diagnosis=p.diagnosis, date=p.diagnosis_date
        )
    else:
        diagnosis = _say(N_("{label}: {diagnosis}"), label=label, diagnosis=p.diagnosis)
    return [_say(N_("{name}  (MRN {mrn})"), name=p.display_name, mrn=p.mrn), born, diagnosis]


def _change(c: metrics.MinuteChange) -> Message:
    args = {
        "minute": c.minute,
        "before": Quantity(c.pre_height_cm, _HEIGHT.unit),
        "after": Quantity(c.post_height_cm, _HEIGHT.unit),
        "change": wording.percent_change(c.height_change_pct),
    }
    if c.traced_area_change_pct is not None:  # the traced area, beside height x width where both exist
        traced = {
            "traced_before": Quantity(c.pre_traced_area_cm2, _TRACED.unit),
            "traced_after": Quantity(c.post_traced_area_cm2, _TRACED.unit),
            "traced_change": wording.percent_change(c.traced_area_change_pct),
        }
        if c.area_change_pct is None:
            return _say(
                N_(
                    "{minute} min: {before} -> {after} ({change}); traced area {traced_before} -> {traced_after} "
                    "({traced_change})"
                ),
                **traced,
                **args,
            )
        return _say(
            N_(
                "{minute} min: {before} -> {after} ({change}); area {area_change} (height x width), traced area "
                "{traced_before} -> {traced_after} ({traced_change})"
            ),
            area_change=wording.percent_change(c.area_change_pct),
            **traced,
            **args,
        )
    if c.area_change_pct is None:
        return _say(N_("{minute} min: {before} -> {after} ({change})"), **args)
    area = wording.percent_change(c.area_change_pct)
    return _say(N_("{minute} min: {before} -> {after} ({change}); area {area_change}"), area_change=area, **args)


def _sources(reference: TbeStudy | None, study: TbeStudy, minute: int) -> Message | None:
    """The line under a change that says where its two films' lengths came from, when either was measured on a film."""
    before = wording.film_source(reference.at(minute)) if reference is not None else None
    after = wording.film_source(study.at(minute))
    if before is None and after is None:
        return None
    typed = LengthSource.TYPED.said()
    return _say(N_("before: {before}; after: {after}"), before=before or typed, after=after or typed)


def verdict(flag: Flag) -> Message:
    """The flag's one line (domain/verdicts.py): what was found, what it means, the rule and its limit."""
    said = flag.verdict
    return said if isinstance(said, Message) else _say(N_("{text}"), text=said)


def _flag(flag: Flag) -> Message:
    return _say(
        N_("{mark} {verdict}  ({source})"),
        mark=verdicts.mark(flag.favourable, flag.status),
        verdict=verdict(flag),
        source=flag.rule.source,
    )


def _response_title(response: metrics.ProcedureResponse, template: str) -> Message:
    p = response.procedure
    return _say(template, procedure=wording.procedure_title(p), date=p.procedure_date)


def _reference(response: metrics.ProcedureResponse) -> Message:
    """The reference study's date, or the words for none (set apart in the GUI)."""
    ref = response.reference
    return _say(N_("{date}"), date=ref.study_date) if ref else _say(N_("none before this procedure"))


def _eckardt(response: metrics.ProcedureResponse) -> Message:
    before = response.eckardt_before
    after = response.eckardt_after[-1] if response.eckardt_after else None
    args = {
        "before": before.total if before else _say(N_("n/a")),
        "after": after.total if after else _say(N_("n/a")),
    }
    if response.eckardt_change_pct is None:
        return _say(N_("Eckardt: {before} before, {after} after"), **args)
    change = wording.percent_change(response.eckardt_change_pct)
    return _say(N_("Eckardt: {before} before, {after} after ({change})"), change=change, **args)


def _days_after(fu: metrics.FollowUp, *, with_emptying: bool) -> Message:
    """ "(30 days after)", with the follow-up's emptying when asked and measured."""
    emptying = metrics.emptying_pct(fu.study) if with_emptying else None
    if emptying is None:
        return _say(N_("({days} days after)"), days=fu.days_after)
    return _say(N_("({days} days after; {emptying})"), days=fu.days_after, emptying=wording.emptying_phrase(emptying))


def _follow_up(fu: metrics.FollowUp) -> Message:
    return _say(N_("Follow-up {date}"), date=fu.study.study_date)


@dataclass(frozen=True, slots=True)
class NextSteps:
    """Where the GUI adds what a panel lacks: each a ``{"menu": "Record > New TBE study", "keys": "Ctrl+Shift+T"}``
    read from its actions table, so that an empty state says what to do next. None (the command line): not said."""

    study: Mapping[str, str] | None = None
    procedure: Mapping[str, str] | None = None
    eckardt: Mapping[str, str] | None = None


_REFERENCE = N_("Reference study: {study}")
_NO_FOLLOW_UP = N_("No follow-up study yet.")
_NO_FOLLOW_UP_BEFORE_NEXT = N_("No follow-up study before the next procedure.")
_NO_COMMON_MINUTE = N_("No minute measured on both studies.")


# -- plain text --------------------------------------------------------------------------------------------------


def summary_to_text(
    summary: PatientSummary,
    *,
    translate: Translate = _english,
    number: FormatNumber = _as_stored,
    date: FormatDate = _as_exchanged,
) -> str:
    """A plain-text summary for the terminal."""
    say = _renderer(translate, number, date)
    out = [say(line) for line in _header(summary)]
    out += ["", say(_say(N_("Timeline")))]
    out += [f"  {date(e.date)}  {say(e.said)}" for e in summary.timeline] or [
        "  " + say(_say(N_("(no events recorded)")))
    ]
    for response in summary.responses:
        out += ["", say(_response_title(response, N_("Response to {procedure} on {date}")))]
        out.append("  " + say(_say(_REFERENCE, study=_reference(response))))
        if not response.follow_ups:
            out.append("  " + say(_say(_NO_FOLLOW_UP)))
        for fu in response.follow_ups:
            out.append(f"  {say(_follow_up(fu))} {say(_days_after(fu, with_emptying=False))}")
            for c in fu.changes:
                out.append(f"    {say(_change(c))}")
                sources = _sources(response.reference, fu.study, c.minute)
                if sources is not None:
                    out.append(f"      {say(sources)}")
            if not fu.changes:
                out.append("    " + say(_say(_NO_COMMON_MINUTE)))
            out += [f"    {say(_flag(f))}" for f in fu.flags]
        out.append("  " + say(_eckardt(response)))
        out += [f"  {say(_flag(f))}" for f in response.flags]
    return "\n".join(out) + "\n"


# -- HTML (the GUI) ----------------------------------------------------------------------------------------------


def _set_apart(render: Render, message: Message, name: str, tag: str = "i") -> str:
    """``message`` as HTML with its argument ``name`` in ``<tag>`` (the sentence is still rendered whole)."""
    mark = "\x00"
    args = tuple((key, mark if key == name else value) for key, value in message.args)
    text = html.escape(render(Message(message.template, args, message.context)))
    value = dict(message.args)[name]
    inner = render(value) if isinstance(value, Message) else str(value)
    return text.replace(mark, f"<{tag}>{html.escape(inner)}</{tag}>")


def _sources_html(render: Render, reference: TbeStudy | None, study: TbeStudy, minute: int) -> str:
    sources = _sources(reference, study, minute)
    return "" if sources is None else f'<br><small style="color:#555">{html.escape(render(sources))}</small>'


def _measured_html(render: Render, value: Decimal | None) -> str:
    if value is None:
        return f"<i>{html.escape(render(_say(N_('not measured'))))}</i>"
    return html.escape(render(_say(N_("{value}"), value=value)))


def _flag_html(render: Render, flag: Flag) -> str:
    """The verdict in the colour and with the sign of its news; the rule's criterion and source under it, small."""
    colour = _FLAG_COLOUR[None if flag.status is FlagStatus.NOT_APPLICABLE else flag.favourable]
    escape = html.escape
    rule = flag.rule
    source = escape(
        render(
            _say(
                N_("{title}: {criterion}. Source: {source}"),
                title=rule.title_said,
                criterion=rule.criterion_said,
                source=rule.source_said,
            )
        )
    )
    mark = escape(verdicts.mark(flag.favourable, flag.status))
    return (
        f'<li><span style="color:{colour}">{mark} <b>{escape(render(verdict(flag)))}</b></span>'
        f'<br><small style="color:#555">{source}</small></li>'
    )


def _traced_html(render: Render, m: ColumnMeasurement) -> str:
    area = _say(N_("{label}: {area}"), label=Label(_TRACED, short=True), area=Quantity(m.traced_area_cm2, _TRACED.unit))
    return f"<br>{html.escape(render(area))}"


def studies_table_html(
    summary: PatientSummary,
    *,
    translate: Translate = _english,
    number: FormatNumber = _as_stored,
    date: FormatDate = _as_exchanged,
) -> str:
    """Every TBE study as height / width per minute; "not measured" is said, never shown as 0."""
    render = _renderer(translate, number, date)
    h = summary.history
    if not h.studies:
        return f"<p><i>{html.escape(render(_say(N_('No TBE study recorded yet.'))))}</i></p>"
    minutes = sorted({m.minute for s in h.studies for m in s.measurements})
    columns = _say(
        N_("{height!l} / {width!l} ({unit})"),
        height=Label(_HEIGHT, short=True),
        width=Label(_WIDTH, short=True),
        unit=_HEIGHT.unit,
    )
    minute = fields.film("minute")
    head = "".join(
        f"<th>{html.escape(render(wording.measured(minute, m)))}<br>{html.escape(render(columns))}</th>"
        for m in minutes
    )
    body = ""
    for s in h.studies:
        cells = ""
        for m_ in minutes:
            m = s.at(m_)
            height = _measured_html(render, m.height_cm if m else None)
            width = _measured_html(render, m.width_cm if m else None)
            source = wording.film_source(m)
            traced = "" if m is None or m.traced_area_cm2 is None else _traced_html(render, m)
            said = "" if source is None else f'<br><small style="color:#555">{html.escape(render(source))}</small>'
            cells += f"<td>{height} / {width}{traced}{said}</td>"
        emptying = html.escape(render(wording.emptying_value(metrics.emptying_pct(s))))
        body += f"<tr><td>{html.escape(date(s.study_date))}</td>{cells}<td>{emptying}</td></tr>"
    date_head = html.escape(render(_say(N_("Date"))))
    emptying_head = html.escape(render(wording.emptying_heading()))
    return (
        '<table border="1" cellspacing="0" cellpadding="3">'
        f"<tr><th>{date_head}</th>{head}<th>{emptying_head}</th></tr>{body}</table>"
    )


def responses_html(
    summary: PatientSummary,
    *,
    translate: Translate = _english,
    number: FormatNumber = _as_stored,
    date: FormatDate = _as_exchanged,
    next_steps: NextSteps | None = None,
) -> str:
    """Each procedure's response, the most recent first: reference, follow-ups with changes, every rule and source.

    With ``next_steps`` (the GUI), what is missing says where to add it."""
    render = _renderer(translate, number, date)
    escape = _html(render)
    steps = next_steps or NextSteps()
    if not summary.responses:
        if steps.procedure is not None:
            empty = _say(
                N_("No procedure recorded yet: {menu}, {keys}. The response to each treatment will show here."),
                **steps.procedure,
            )
        else:
            empty = _say(N_("No procedure recorded yet."))
        return f"<p><i>{escape(empty)}</i></p>"
    no_eckardt = not summary.history.eckardt and steps.eckardt is not None
    parts: list[str] = []
    for index, response in reversed(list(enumerate(summary.responses))):
        parts.append(f"<h3>{escape(_response_title(response, N_('Response to {procedure}, {date}')))}</h3>")
        reference = _say(_REFERENCE, study=_reference(response))
        parts.append(f"<p>{escape(reference) if response.reference else _set_apart(render, reference, 'study')}</p>")
        if not response.follow_ups:
            later = index + 1 < len(summary.responses)
            if later:
                none = _say(_NO_FOLLOW_UP_BEFORE_NEXT)
            elif steps.study is not None:
                none = _say(N_("No follow-up study yet: {menu}, {keys}."), **steps.study)
            else:
                none = _say(_NO_FOLLOW_UP)
            parts.append(f"<p><i>{escape(none)}</i></p>")
        for fu in response.follow_ups:
            changes = "".join(
                f"<li>{escape(_change(c))}{_sources_html(render, response.reference, fu.study, c.minute)}</li>"
                for c in fu.changes
            )
            none = f"<li><i>{escape(_say(_NO_COMMON_MINUTE))}</i></li>"
            parts.append(
                f"<p><b>{escape(_follow_up(fu))}</b> {escape(_days_after(fu, with_emptying=True))}</p>"
                f"<ul>{changes or none}</ul>"
                f"<ul>{''.join(_flag_html(render, f) for f in fu.flags)}</ul>"
            )
        if no_eckardt:
            assert steps.eckardt is not None
            parts.append(f"<p><i>{escape(_say(N_('No Eckardt score yet: {menu}, {keys}.'), **steps.eckardt))}</i></p>")
        else:
            parts.append(f"<p>{escape(_eckardt(response))}</p>")
        parts.append(f"<ul>{''.join(_flag_html(render, f) for f in response.flags)}</ul>")
    return "".join(parts)


def summary_to_html(
    summary: PatientSummary,
    *,
    translate: Translate = _english,
    number: FormatNumber = _as_stored,
    date: FormatDate = _as_exchanged,
) -> str:
    """The whole summary as one HTML page (header, timeline, studies, responses)."""
    escape = _html(_renderer(translate, number, date))
    lines = _header(summary)
    parts = [f"<h2>{escape(lines[0])}</h2>", f"<p>{'<br>'.join(escape(x) for x in lines[1:])}</p>"]
    parts.append(f"<h3>{escape(_say(N_('Timeline')))}</h3>")
    if summary.timeline:
        rows = "".join(
            f"<tr><td>{html.escape(date(e.date))}</td><td>{escape(e.said)}</td></tr>" for e in summary.timeline
        )
        parts.append(f'<table cellspacing="0" cellpadding="3">{rows}</table>')
    else:
        parts.append(f"<p><i>{escape(_say(N_('No events recorded yet.')))}</i></p>")
    parts.append(f"<h3>{escape(_say(N_('TBE studies')))}</h3>")
    options = {"translate": translate, "number": number, "date": date}
    parts.append(studies_table_html(summary, **options))
    parts.append(responses_html(summary, **options))
    return "".join(parts)
