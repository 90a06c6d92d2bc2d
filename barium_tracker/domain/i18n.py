"""The deferred-translation marker: domain and services mark text, the UI translates it when it shows it."""

from __future__ import annotations


def N_(text: str) -> str:  # the conventional name of a deferred translation marker (Picard, gettext)
    """Mark ``text`` for translation without translating it now: the UI translates it at display time."""
    return text
