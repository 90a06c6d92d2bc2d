"""What a report page can hold, as plain data: headings, paragraphs, tables and charts made of styled runs of text.

The content (``content.py``) says *what* the report says with these blocks; the markup (``markup.py``) turns them
into the HTML subset QTextDocument reads, and only the layout (``layout.py``) knows Qt. A run's text is a
:class:`~barium_tracker.domain.wording.Message` (words, translated when the report is rendered) or a ``str`` for
what the record holds as written (names, MRNs, dates, free-text notes, the published rules' words).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from barium_tracker.domain.messages import Message

Text = Message | str


class Tone(Enum):
    """How a run of text is set: the report's few styles, named for what they mean."""

    PLAIN = "plain"
    STRONG = "strong"  # a value the reader looks for first (the patient, a date, a total)
    MISSING = "missing"  # a missing value said in words: grey italics, never a 0
    SMALL = "small"  # notes, criteria, captions
    FAVOURABLE = "favourable"  # a rule's result: green, red or grey, bold
    UNFAVOURABLE = "unfavourable"
    NEUTRAL = "neutral"
    BREAK = "break"  # a line break inside a paragraph or a cell


@dataclass(frozen=True, slots=True)
class Run:
    text: Text
    tone: Tone = Tone.PLAIN


@dataclass(frozen=True, slots=True)
class Styled:
    """A value set apart inside a sentence, as a message argument: the diagnosis in bold, a missing study in grey.
    The sentence stays one message (translated whole); only the argument takes the tone."""

    text: Text
    tone: Tone

    def __str__(self) -> str:
        return str(self.text)


Inline = tuple[Run, ...]

BREAK = Run("", Tone.BREAK)


def plain(text: Text) -> Inline:
    return (Run(text),)


def strong(text: Text) -> Inline:
    return (Run(text, Tone.STRONG),)


def missing(text: Text) -> Inline:
    return (Run(text, Tone.MISSING),)


def small(text: Text) -> Inline:
    return (Run(text, Tone.SMALL),)


def lines(parts: Iterable[Inline]) -> Inline:
    """Several inlines, one per line."""
    out: list[Run] = []
    for part in parts:
        if out:
            out.append(BREAK)
        out.extend(part)
    return tuple(out)


class ParagraphKind(Enum):
    BODY = "body"
    NOTE = "note"  # small grey text: how to read what follows
    HIGHLIGHT = "highlight"  # the sentence the reader should see first


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 the report's title, 2 a section, 3 and 4 parts of it
    text: Inline


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Inline = ()
    kind: ParagraphKind = ParagraphKind.BODY


class TableKind(Enum):
    GRID = "grid"  # bordered, a header row repeated on every page
    FACTS = "facts"  # label / value pairs without borders (the patient header)
    LIST = "list"  # a borderless list (the references)


@dataclass(frozen=True, slots=True)
class Table:
    """``widths`` are percentages of the text width, one per column (None: the layout decides)."""

    rows: tuple[tuple[Inline, ...], ...]
    headers: tuple[Inline, ...] = ()
    widths: tuple[int | None, ...] = ()
    kind: TableKind = TableKind.GRID


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart drawn at this place: ``index`` into the report's charts (course first, then emptying)."""

    index: int
    title: Message
    caption: Message


Block = Heading | Paragraph | Table | Chart
