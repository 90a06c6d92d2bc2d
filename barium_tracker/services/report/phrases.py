"""The report's own words and the small pieces every section uses: values and missing values, cited sources, flags.

A sentence of the report is one :class:`Message` (a template marked with ``N_`` in the ``report`` translation
context, and its arguments), so the next step translates the report in one place; field labels and units come
from domain/fields.py, and what is said about a record (titles, details, complications, emptying) from
domain/wording.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

from barium_tracker import __version__
from barium_tracker.domain import fields, verdicts
from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Message, Quantity
from barium_tracker.domain.rules import Flag, FlagStatus
from barium_tracker.services.report.document import BREAK, Inline, Run, Table, TableKind, Tone, missing, plain, small
from barium_tracker.services.summary import PatientSummary

#: The Qt translation context of the report's own words.
TRANSLATION_CONTEXT = "report"


def say(template: str, **args: object) -> Message:
    """A sentence of the report: a template marked with N_ and its named arguments."""
    return Message(template, tuple(args.items()), TRANSLATION_CONTEXT)


def joined(parts: Sequence[Message], separator: str = "; ") -> Message:
    return say(N_("{items}"), items=Joined(tuple(parts), separator))


NOT_RECORDED = say(N_("not recorded"))
NOT_MEASURED = say(N_("not measured"))
NOT_AVAILABLE = say(N_("n/a"))
NO_STUDIES = say(N_("No TBE studies recorded"))
#: The English words of :data:`NO_STUDIES`, for callers that look for them.
NO_STUDIES_TEXT = str(NO_STUDIES)


def date(value: dt.date) -> Message:
    """A date alone, written as the report's writing writes dates (2015-03-14, or 14/03/2015 in Spanish)."""
    return say(N_("{date}"), date=value)


def timestamp(moment: dt.datetime) -> Message:
    """A date and a time to the minute ("2026-04-20 09:30"), the date written as the report writes dates."""
    return say(N_("{date} {time}"), date=moment.date(), time=moment.strftime("%H:%M"))


def number(value: Decimal | int) -> Message:
    """A number alone (its unit is in the column's heading), written as stored."""
    return say(N_("{value}"), value=value)


def value_cell(
    value: Decimal | int | None, field: fields.Field | None = None, absent: Message = NOT_RECORDED
) -> Inline:
    """A value with its declared unit (or bare, without ``field``); a missing value said as missing, never 0."""
    if value is None:
        return missing(absent)
    return plain(say(N_("{value}"), value=Quantity(value, field.unit)) if field else number(value))


def text_cell(text: str, absent: Message = NOT_RECORDED) -> Inline:
    """Free text as written, or the missing text."""
    return plain(text.strip()) if text.strip() else missing(absent)


def notes_run(text: str) -> Inline:
    """A record's notes under its values, small."""
    return small(text.strip()) if text.strip() else ()


def days(n: int) -> Message:
    return say(N_("1 day")) if n == 1 else say(N_("{n} days"), n=n)


# -- the running header and footer -----------------------------------------------------------------------------


def report_name() -> Message:
    """The running header's left side when no clinic name is set."""
    return say(N_("TBE report"))


def patient_label(summary: PatientSummary) -> Message:
    p = summary.history.patient
    return say(N_("{name} - MRN {mrn}"), name=p.display_name, mrn=p.mrn)


def document_title(patient: str) -> Message:
    """The PDF's title."""
    return say(N_("TBE report: {patient}"), patient=patient)


def generated_line(generated: dt.datetime) -> Message:
    return say(N_("Generated {time} by Barium Tracker {version}"), time=timestamp(generated), version=__version__)


def page_of(page: int, count: int) -> Message:
    return say(N_("Page {page} of {count}"), page=page, count=count)


# -- sources and flags -----------------------------------------------------------------------------------------

_YEAR = re.compile(r"\b(19|20)\d\d\b")


class Sources:
    """Numbers the cited sources in order of first use; the report ends with the numbered list."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def cite(self, source: str) -> int:
        return self.numbers.setdefault(source, len(self.numbers) + 1)

    def short(self, source: str) -> str:
        """ "Vaezi 1999 [2]": first author and first year of the source, and its number in the list."""
        author = source.split(" et al")[0].split(",")[0].strip()
        year = _YEAR.search(source)
        return f"{author}{' ' + year.group(0) if year else ''} [{self.cite(source)}]"

    def table(self) -> Table | None:
        """The numbered list of every source cited, or None when nothing was cited."""
        if not self.numbers:
            return None
        ordered = sorted(self.numbers.items(), key=lambda item: item[1])
        return Table(
            rows=tuple((plain(f"[{n}]"), plain(source)) for source, n in ordered), widths=(5, None), kind=TableKind.LIST
        )


_TONE = {True: Tone.FAVOURABLE, False: Tone.UNFAVOURABLE, None: Tone.NEUTRAL}


def verdict(flag: Flag) -> Message:
    """ "✓ No stasis: 2.7 cm at 5 min (Rohof: stasis is > 5 cm)": the flag's sign and its one line (domain/verdicts)."""
    said = flag.verdict
    line = said if isinstance(said, Message) else say(N_("{text}"), text=said)
    return say(N_("{mark} {verdict}"), mark=verdicts.mark(flag.favourable, flag.status), verdict=line)


def flags_table(flags: Sequence[Flag], sources: Sources) -> Table:
    """Each rule with its criterion, the finding in the colour of its news, and its (numbered) source. The rules'
    words are the published rules' (domain/rules.py), as written."""
    rows = tuple(
        (
            (Run(flag.rule.title_said, Tone.STRONG), BREAK, Run(flag.rule.criterion_said, Tone.SMALL)),
            (Run(verdict(flag), _TONE[None if flag.status is FlagStatus.NOT_APPLICABLE else flag.favourable]),),
            plain(sources.short(flag.rule.source)),
        )
        for flag in flags
    )
    headers = tuple(plain(say(text)) for text in (N_("Rule"), N_("Finding"), N_("Source")))
    return Table(rows=rows, headers=headers, widths=(26, 57, 17))
