"""The report's blocks as the HTML subset QTextDocument reads, with the report's style sheet (no Qt here).

Every text is escaped here and every message rendered here, through one :class:`Writing` (a ``translate``, a
``number`` and a ``date`` function: English, numbers as stored and ISO dates unless a caller passes the chosen
language's and this workstation's notation): the one place the report's words become text. A chart becomes a
``[[chart:N]]`` placeholder that the layout replaces with the chart's vector object.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from barium_tracker.domain.messages import FormatDate, FormatNumber, Message, Translate
from barium_tracker.services.report.document import (
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
    Tone,
)

BODY_PT = 9.0
SMALL_PT = 7.5
GREY = "#555555"

STYLE = f"""
body {{ font-size: {BODY_PT}pt; color: #111111; }}
h1 {{ font-size: 15pt; margin-top: 0px; margin-bottom: 2px; }}
h2 {{ font-size: 12pt; margin-top: 14px; margin-bottom: 4px; color: #1f3b5c; }}
h3 {{ font-size: 10pt; margin-top: 10px; margin-bottom: 3px; }}
h4 {{ font-size: {BODY_PT}pt; margin-top: 8px; margin-bottom: 3px; }}
p {{ margin-top: 2px; margin-bottom: 2px; }}
table.grid {{ border-collapse: collapse; border-color: #9a9a9a; border-style: solid; }}
table.grid td, table.grid th {{ border-width: 1px; border-color: #9a9a9a; border-style: solid; padding: 2px 4px; }}
th {{ background-color: #e8edf3; font-weight: bold; text-align: left; }}
.missing {{ color: {GREY}; font-style: italic; }}
.small {{ font-size: {SMALL_PT}pt; color: {GREY}; }}
.num {{ text-align: right; }}
"""

_STATUS_COLOUR = {Tone.FAVOURABLE: "#1b7837", Tone.UNFAVOURABLE: "#b2182b", Tone.NEUTRAL: "#444444"}
_PARAGRAPH = {
    ParagraphKind.BODY: "<p>",
    ParagraphKind.NOTE: '<p class="small">',
    ParagraphKind.HIGHLIGHT: '<p style="margin-top:8px; background-color:#f3f6f9">',
}


def chart_placeholder(index: int) -> str:
    """The text the layout finds and replaces with chart ``index``."""
    return f"[[chart:{index}]]"


def _english(context: str, text: str) -> str:
    return text


def _as_stored(value: object) -> str:
    return format(value, "f") if not isinstance(value, int) else str(value)


def _iso(value: dt.date | dt.time) -> str:
    return value.isoformat()


@dataclass(frozen=True, slots=True)
class Writing:
    """How the report writes its words, numbers and dates: the chosen language's translations (``translate``) and
    this workstation's notation ("2,7", 14/03/2015). The default is English, numbers as stored and ISO dates."""

    translate: Translate = _english
    number: FormatNumber = _as_stored
    date: FormatDate = _iso

    def render(self, text: Message | str) -> str:
        """A message as text in this writing (a ``str`` is what the record holds, as written)."""
        return text.render(self.translate, self.number, self.date) if isinstance(text, Message) else text


ENGLISH = Writing()


class _Writer:
    def __init__(self, writing: Writing) -> None:
        self._writing = writing

    def text(self, text: Message | str) -> str:
        if not isinstance(text, Message):
            return html.escape(text)
        # A styled argument goes through the rendering as a mark that escaping keeps, then becomes its markup.
        styled: dict[str, str] = {}
        args = []
        for name, value in text.args:
            if isinstance(value, Styled):
                mark = f"\x00{len(styled)}\x00"
                styled[mark] = self.run(Run(value.text, value.tone))
                value = mark
            args.append((name, value))
        rendered = self._writing.render(Message(text.template, tuple(args), text.context))
        rendered = html.escape(rendered)
        for mark, markup in styled.items():
            rendered = rendered.replace(mark, markup)
        return rendered

    def run(self, run: Run) -> str:
        text = self.text(run.text)
        match run.tone:
            case Tone.PLAIN:
                return text
            case Tone.BREAK:
                return "<br>"
            case Tone.STRONG:
                return f"<b>{text}</b>"
            case Tone.MISSING:
                return f'<span class="missing">{text}</span>'
            case Tone.SMALL:
                return f'<span class="small">{text}</span>'
        return f'<span style="color:{_STATUS_COLOUR[run.tone]}"><b>{text}</b></span>'

    def inline(self, inline: Inline) -> str:
        return "".join(self.run(run) for run in inline)

    def table(self, table: Table) -> str:
        def cells(row: Sequence[Inline], tag: str, widths: Sequence[int | None]) -> str:
            out = []
            for index, cell in enumerate(row):
                width = widths[index] if index < len(widths) else None
                attribute = f' width="{width}%"' if width is not None else ""
                out.append(f"<{tag}{attribute}>{self.inline(cell)}</{tag}>")
            return "".join(out)

        if table.kind is TableKind.GRID:
            head = cells(table.headers, "th", table.widths)
            body = "".join(f"<tr>{cells(row, 'td', ())}</tr>" for row in table.rows)
            return (
                '<table class="grid" width="100%" cellspacing="0" cellpadding="3" border="1">'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            )
        body = "".join(f"<tr>{cells(row, 'td', table.widths)}</tr>" for row in table.rows)
        style = ' style="margin-top:6px"' if table.kind is TableKind.FACTS else ""
        return f'<table width="100%" cellspacing="0" cellpadding="2"{style}>{body}</table>'

    def block(self, block: Block) -> str:
        match block:
            case Heading(level=level, text=text):
                return f"<h{level}>{self.inline(text)}</h{level}>"
            case Paragraph(text=text, kind=kind):
                return f"{_PARAGRAPH[kind]}{self.inline(text)}</p>"
            case Table():
                return self.table(block)
            case Chart(index=index, title=title, caption=caption):
                return (
                    f"<h3>{self.text(title)}</h3>"
                    f'<p align="center">{chart_placeholder(index)}</p>'
                    f'<p class="small">{self.text(caption)}</p>'
                )
        raise TypeError(f"not a report block: {block!r}")


def to_html(
    blocks: Iterable[Block],
    *,
    writing: Writing = ENGLISH,
    translate: Translate | None = None,
    number: FormatNumber | None = None,
) -> str:
    """The blocks as one HTML document (the style sheet is set on the document: :data:`STYLE`), written by
    ``writing`` (``translate`` / ``number`` replace its functions)."""
    if translate is not None or number is not None:
        writing = Writing(translate or writing.translate, number or writing.number, writing.date)
    writer = _Writer(writing)
    return f"<html><body>{''.join(writer.block(block) for block in blocks)}</body></html>"
