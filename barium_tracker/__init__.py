"""Barium Tracker: timed barium esophagogram records and treatment response for achalasia clinics."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__version__ = "0.1.0"

__all__ = ["__version__", "resources_path"]


def resources_path() -> Traversable:
    """Where icons, demo data and translations live.

    In a wheel, ``resources/`` is shipped as ``barium_tracker/resources``; in a source checkout it sits beside the
    package, so both places are tried.
    """
    packaged = files("barium_tracker") / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"
