"""Text folding for search: accents and case do not matter when a clinician types a name ("Pérez" finds "perez")."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so that search compares what people mean, not how it was typed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
