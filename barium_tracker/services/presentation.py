"""The patient summary as text (command line) and HTML (GUI): wording shared, numbers from services.summary only."""

from __future__ import annotations

import html
from decimal import Decimal

from barium_tracker.domain import metrics
from barium_tracker.domain.rules import Flag, FlagStatus
from barium_tracker.services.summary import PatientSummary, fmt_number, fmt_pct

_STATUS_WORD = {FlagStatus.MET: "MET", FlagStatus.NOT_MET: "not met", FlagStatus.NOT_APPLICABLE: "n/a"}


def _header(summary: PatientSummary) -> list[str]:
    p = summary.history.patient
    age = p.age_years(summary.today)
    lines = [
        f"{p.display_name}  (MRN {p.mrn})",
        f"Born {p.birth_date.isoformat() if p.birth_date else 'unknown'}"
        + (f", {age} years" if age is not None else "")
        + f", {p.sex.label.lower()}",
        f"Diagnosis: {p.diagnosis.label}" + (f" since {p.diagnosis_date.isoformat()}" if p.diagnosis_date else ""),
    ]
    return lines


def _change_text(c: metrics.MinuteChange) -> str:
    text = (
        f"{c.minute} min: {fmt_number(c.pre_height_cm, 'cm')} -> {fmt_number(c.post_height_cm, 'cm')}"
        f" ({fmt_pct(c.height_change_pct)})"
    )
    if c.area_change_pct is not None:
        text += f"; area {fmt_pct(c.area_change_pct)}"
    return text


def _flag_text(flag: Flag) -> str:
    return f"[{_STATUS_WORD[flag.status]}] {flag.rule.title}: {flag.detail}  ({flag.rule.source})"


def summary_to_text(summary: PatientSummary) -> str:
    """A plain-text summary for the terminal."""
    out = _header(summary)
    out += ["", "Timeline"]
    out += [f"  {e.date.isoformat()}  {e.text}" for e in summary.timeline] or ["  (no events recorded)"]
    for response in summary.responses:
        p = response.procedure
        out += ["", f"Response to {p.title} on {p.procedure_date.isoformat()}"]
        ref = response.reference
        out.append(f"  Reference study: {ref.study_date.isoformat() if ref else 'none before this procedure'}")
        if not response.follow_ups:
            out.append("  No follow-up study yet.")
        for fu in response.follow_ups:
            out.append(f"  Follow-up {fu.study.study_date.isoformat()} ({fu.days_after} days after)")
            out += [f"    {_change_text(c)}" for c in fu.changes] or ["    No minute measured on both studies."]
            out += [f"    {_flag_text(f)}" for f in fu.flags]
        before = response.eckardt_before
        after = response.eckardt_after[-1] if response.eckardt_after else None
        out.append(
            f"  Eckardt: {before.total if before else 'n/a'} before, {after.total if after else 'n/a'} after"
            + (f" ({fmt_pct(response.eckardt_change_pct)})" if response.eckardt_change_pct is not None else "")
        )
        out += [f"  {_flag_text(f)}" for f in response.flags]
    return "\n".join(out) + "\n"


def _cell(value: Decimal | None, unit: str = "") -> str:
    return html.escape(fmt_number(value, unit)) if value is not None else "<i>not measured</i>"


_FLAG_COLOUR = {True: "#1b7837", False: "#b2182b", None: "#555555"}


def _flag_html(flag: Flag) -> str:
    colour = _FLAG_COLOUR[flag.favourable]
    return (
        f'<li><span style="color:{colour}"><b>{html.escape(flag.rule.title)}</b> '
        f"({_STATUS_WORD[flag.status]})</span>: {html.escape(flag.detail)}"
        f'<br><small style="color:#555">{html.escape(flag.rule.criterion)}. Source: '
        f"{html.escape(flag.rule.source)}</small></li>"
    )


def studies_table_html(summary: PatientSummary) -> str:
    """Every TBE study as height / width per minute; "not measured" is said, never shown as 0."""
    h = summary.history
    if not h.studies:
        return "<p><i>No TBE study recorded yet.</i></p>"
    minutes = sorted({m.minute for s in h.studies for m in s.measurements})
    head = "".join(f"<th>{m} min<br>height / width (cm)</th>" for m in minutes)
    body = ""
    for s in h.studies:
        cells = ""
        for minute in minutes:
            m = s.at(minute)
            cells += f"<td>{_cell(m.height_cm if m else None)} / {_cell(m.width_cm if m else None)}</td>"
        emptying = metrics.emptying_pct(s)
        empt = f"{metrics.round_pct(emptying)} %" if emptying is not None else "n/a"
        body += f"<tr><td>{s.study_date.isoformat()}</td>{cells}<td>{empt}</td></tr>"
    return (
        '<table border="1" cellspacing="0" cellpadding="3">'
        f"<tr><th>Date</th>{head}<th>Emptying<br>1 to 5 min</th></tr>{body}</table>"
    )


def responses_html(summary: PatientSummary) -> str:
    """Each procedure's response, the most recent first: reference, follow-ups with changes, every rule and source."""
    parts: list[str] = []
    if not summary.responses:
        return "<p><i>No procedure recorded yet.</i></p>"
    for index, response in reversed(list(enumerate(summary.responses))):
        p = response.procedure
        parts.append(f"<h3>Response to {html.escape(p.title)}, {p.procedure_date.isoformat()}</h3>")
        ref = response.reference
        parts.append(
            f"<p>Reference study: {ref.study_date.isoformat() if ref else '<i>none before this procedure</i>'}</p>"
        )
        if not response.follow_ups:
            later = index + 1 < len(summary.responses)
            text = "No follow-up study before the next procedure." if later else "No follow-up study yet."
            parts.append(f"<p><i>{text}</i></p>")
        for fu in response.follow_ups:
            changes = "".join(f"<li>{html.escape(_change_text(c))}</li>" for c in fu.changes)
            emptying = metrics.emptying_pct(fu.study)
            emptying_text = f"; emptying 1 to 5 min {metrics.round_pct(emptying)} %" if emptying is not None else ""
            parts.append(
                f"<p><b>Follow-up {fu.study.study_date.isoformat()}</b> ({fu.days_after} days after{emptying_text})</p>"
                f"<ul>{changes or '<li><i>No minute measured on both studies.</i></li>'}</ul>"
                f"<ul>{''.join(_flag_html(f) for f in fu.flags)}</ul>"
            )
        before = response.eckardt_before
        after = response.eckardt_after[-1] if response.eckardt_after else None
        parts.append(
            f"<p>Eckardt: {before.total if before else 'n/a'} before, {after.total if after else 'n/a'} after"
            + (
                f" ({html.escape(fmt_pct(response.eckardt_change_pct))})"
                if response.eckardt_change_pct is not None
                else ""
            )
            + "</p>"
        )
        parts.append(f"<ul>{''.join(_flag_html(f) for f in response.flags)}</ul>")
    return "".join(parts)


def summary_to_html(summary: PatientSummary) -> str:
    """The whole summary as one HTML page (header, timeline, studies, responses)."""
    lines = _header(summary)
    parts = [f"<h2>{html.escape(lines[0])}</h2>", f"<p>{'<br>'.join(html.escape(x) for x in lines[1:])}</p>"]
    parts.append("<h3>Timeline</h3>")
    if summary.timeline:
        rows = "".join(
            f"<tr><td>{e.date.isoformat()}</td><td>{html.escape(e.text)}</td></tr>" for e in summary.timeline
        )
        parts.append(f'<table cellspacing="0" cellpadding="3">{rows}</table>')
    else:
        parts.append("<p><i>No events recorded yet.</i></p>")
    parts.append("<h3>TBE studies</h3>")
    parts.append(studies_table_html(summary))
    parts.append(responses_html(summary))
    return "".join(parts)
