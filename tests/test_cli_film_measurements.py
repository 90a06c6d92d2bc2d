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


@pytest.mark.usefixtures("treated")
def test_the_clinic_chooses_the_sanagapalli_area_and_the_summary_says_which(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "clinic.sqlite3")

    def area_flag() -> dict:
        assert cli.main(["summary", MRN, "--db", db, "--json"]) == 0
        said = json.loads(capsys.readouterr().out)
        (flag,) = [f for f in said["responses"][0]["follow_ups"][0]["flags"] if f["rule"] == "sanagapalli_area"]
        return {"settings": said["interpretation_settings"], **flag}

    flag = area_flag()
    assert flag["settings"] == {"eckardt_success_max": 3, "sanagapalli_area": "height_x_width"}
    assert flag["detail"].startswith("Area response: column area (height x width) reduced 77.5 % at 5 min, 36 to 8.1")
    assert cli.main(["settings", "--db", db, "--sanagapalli-area", "traced"]) == 0
    out = capsys.readouterr().out
    assert "Sanagapalli area:" in out and "traced area first (Sanagapalli)" in out
    flag = area_flag()
    assert flag["settings"]["sanagapalli_area"] == "traced" and flag["settings"]["eckardt_success_max"] == 3
    assert flag["detail"].startswith("Area response: traced column area reduced 77.5 % at 5 min, 36 to 8.1 cm²")
    assert flag["criterion"] == ">= 45 % reduction in traced column area at 5 min"
    changes = json.loads((cli.main(["summary", MRN, "--db", db, "--json"]), capsys.readouterr().out)[1])["responses"][
        0
    ]["follow_ups"][0]["changes"][0]
    assert (changes["pre_traced_area_cm2"], changes["post_traced_area_cm2"], changes["traced_area_change_pct"]) == (
        36,
        8.1,
        -77.5,
    )
    # The Eckardt threshold changed alone keeps the area choice.
    assert cli.main(["settings", "--db", db, "--eckardt-success-max", "2"]) == 0
    capsys.readouterr()
    assert area_flag()["settings"] == {"eckardt_success_max": 2, "sanagapalli_area": "traced"}
    assert cli.main(["--language", "es", "summary", MRN, "--db", db]) == 0
    assert "área trazada de la columna se redujo 77,5 %" in capsys.readouterr().out
