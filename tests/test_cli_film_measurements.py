"""The command line's summary of films measured on the image: the source and calibration in Spanish (decimal comma)
and in --json (keys that never change with the language)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from barium_tracker import cli
from barium_tracker.services.clinic import Clinic
from tests.services.test_film_measurements import MRN, treated  # noqa: F401 (the fixture)
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)


@pytest.fixture
def any_clinic(tmp_path: Path) -> Iterator[Clinic]:  # the fixture `treated` builds on: a SQLite file the command opens
    with Clinic.open(tmp_path / "clinic.sqlite3") as opened:
        yield opened


@pytest.mark.usefixtures("treated")
def test_summary_says_the_calibration_in_spanish_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "clinic.sqlite3")
    assert cli.main(["--language", "es", "summary", MRN, "--db", db]) == 0
    out = capsys.readouterr().out
    assert "5 min: 12 cm -> 2,7 cm (-77,5 %)" in out
    assert (
        "antes: medido en la placa; calibración: Pixel Spacing (plano del paciente); después: medido en la placa" in out
    )
    assert cli.main(["--language", "es", "summary", MRN, "--db", db, "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    film = said["tbe_studies"][1]["measurements"][0]
    assert film["height_cm"] == 2.7 and film["source"]["height_cm"] == "image"
    assert film["calibration"]["explanation"] == "At the detector: lengths overstated by the magnification"
