"""Folding for search and sorting: accents and case do not matter, and the ASCII shortcut changes nothing."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from barium_tracker.domain.text import fold


def _fold_the_long_way(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def test_accents_and_case_do_not_matter() -> None:
    assert fold("Pérez") == fold("PEREZ") == "perez"
    assert fold("Huamán Quispe") == "huaman quispe"
    assert fold("Straße") == "strasse" and fold("ﬁ") == "fi"


@given(st.text())
def test_the_ascii_shortcut_gives_what_decomposing_gives(text: str) -> None:
    assert fold(text) == _fold_the_long_way(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text(text: str) -> None:
    assert fold(text) == _fold_the_long_way(text)
