"""Barium Tracker: timed barium esophagogram records and treatment response for achalasia clinics."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

__all__ = ["__version__", "resources_path"]


def resources_path() -> Path:
    """Where icons, demo data, translations and the in-app user guide live.

    In a wheel, ``resources/`` is installed as the folder ``barium_tracker/resources``; in a source checkout it sits
    beside the package, so both places are tried. (Plain paths, not importlib.resources: the package is always
    installed as files, and importing importlib.resources cost ~25 ms of every start-up before the window painted.)
    """
    package = Path(__file__).resolve().parent
    packaged = package / "resources"
    if packaged.is_dir():
        return packaged
    return package.parent / "resources"
