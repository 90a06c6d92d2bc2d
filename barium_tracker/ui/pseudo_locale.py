"""A pseudo-locale: every catalogued text shown marked and lengthened, so text that escapes translation stands out.

``PseudoTranslator`` answers each lookup that the Spanish catalogues (the program's and Qt's own ``qtbase_es``)
can translate with the English source rewritten as ``⟦Ŝàvé···⟧``: accented letters, about 40 % longer, between
brackets. Placeholders (``%1``, ``%n``, ``{name}``), ``&`` mnemonics, HTML tags and entities and file patterns
(``(*.csv)``) are kept as they are, so the program still works in it. A word on screen without the brackets did not
go through ``tr()``, or went through it under a context the catalogue does not hold: ``tests/ui/test_pseudo_locale.py``
walks every screen for such words, and ``python -m barium_tracker.ui.screenshots OUT --language pseudo`` renders the
screens with it to see where longer text is cut.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator

from barium_tracker.ui import language

OPEN, CLOSE, PAD = "⟦", "⟧", "·"

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀćđéƒĝĥíĵķłɱñóƥʠŕšŧúṽŵẋýžÀƁĆĐÉƑĜĤÍĴĶŁṀÑÓƤɊŔŠŦÚṼŴẊÝŽ",
)
#: What stays as written: placeholders, a mnemonic's letter, HTML tags and entities, file patterns, URLs.
_KEPT = re.compile(
    r"%L?\d+|%L?n|%[sdif]|\{[^{}]*\}|&[A-Za-z]+;|&#\d+;|&.|<[^>]*>|\([^()]*\*[^()]*\)|https?://\S+",
    re.DOTALL,
)


def pseudo(source: str) -> str:
    """``source`` marked and lengthened, with its placeholders, mnemonics and markup untouched."""
    if not source.strip():
        return source
    parts, at = [], 0
    for kept in _KEPT.finditer(source):
        parts.append(source[at : kept.start()].translate(_ACCENTED))
        parts.append(kept.group())
        at = kept.end()
    parts.append(source[at:].translate(_ACCENTED))
    body = "".join(parts)
    padding = PAD * max(1, len(source) * 2 // 5)
    return f"{OPEN}{body}{padding}{CLOSE}"


class PseudoTranslator(QTranslator):
    """Translates what the Spanish catalogues translate, but into :func:`pseudo` of the English source."""

    def __init__(self) -> None:
        super().__init__()
        self._spanish = language.translators(language.SPANISH)

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        for catalogue in self._spanish:
            if catalogue.translate(context, source, disambiguation, n):
                return pseudo(source)
        return None  # not found: Qt shows the source (an empty string would be taken as the translation)

    def isEmpty(self) -> bool:
        return False


_installed: list[PseudoTranslator] = []


def install() -> PseudoTranslator:
    """Make the pseudo-locale the language of every ``tr()`` (instead of any language installed before)."""
    language.install(language.ENGLISH)
    uninstall()
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return translator


def uninstall() -> None:
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
