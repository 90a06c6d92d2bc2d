"""Fixtures for tests that switch the program's language: a compiled catalogue and settings of their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from barium_tracker.ui import language, notation
from tools import translations


@pytest.fixture(autouse=True, scope="module")
def _compiled_catalogue() -> None:
    """The .qm is build output: compile it when a checkout has none or an older one than the .ts."""
    qm, ts = translations.compiled_path("es"), translations.catalogue_path("es")
    if not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime:
        translations.compile_catalogue("es")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path) -> Iterator[None]:
    """Preferences in a folder of the test's own (the notation read from them afresh); English again for the next
    test."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    notation.forget()
    yield
    language.reset()
    notation.forget()
