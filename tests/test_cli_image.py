"""``barium-tracker image info`` and ``image measure``: the documented JSON, Spanish human output with a decimal
comma, a manual calibration on a PNG, the refusal to measure without a scale, and damaged files as exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from pydicom.data import get_testdata_file

from barium_tracker import cli
from tests.support.language import _compiled_catalogue, _isolated  # noqa: F401 (autouse fixtures)
from tests.support.radiographs import write_png, write_radiograph_dicom

CALIBRATION_KEYS = {
    "source",
    "row_spacing_mm",
    "column_spacing_mm",
    "calibration_type",
    "magnification",
    "ignored_tags",
    "points",
    "length_mm",
    "object_name",
    "explanation",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def non_square(tmp_path: Path) -> Path:
    return write_radiograph_dicom(tmp_path / "film.dcm", rows=300, cols=200, pixel_spacing=[0.2, 0.1])


def test_info_json_on_jpeg_2000(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "image", "info", get_testdata_file("JPEG2000.dcm"), "--json")
    document = json.loads(out)
    assert code == 0
    assert (document["rows"], document["columns"], document["photometric"]) == (1024, 256, "MONOCHROME2")
    assert set(document["calibration"]) == CALIBRATION_KEYS
    assert document["calibration"]["source"] == "pixel_spacing"
    assert document["calibration"]["row_spacing_mm"] == document["calibration"]["column_spacing_mm"] == 2.26
    assert document["media_type"] == "application/dicom" and document["identity"]["patient_id"] == "8NM1"


@pytest.mark.parametrize(
    ("tags", "source", "spacing"),
    [
        ({"imager_pixel_spacing": [0.15, 0.15], "magnification": 1.25}, "imager_pixel_spacing_ermf", 0.12),
        ({"imager_pixel_spacing": [0.15, 0.15]}, "imager_pixel_spacing", 0.15),
        ({}, "none", None),
    ],
)
def test_info_json_for_each_source(tmp_path: Path, capsys: pytest.CaptureFixture[str], tags, source, spacing) -> None:
    path = write_radiograph_dicom(tmp_path / "f.dcm", **tags)
    _, out, _ = run(capsys, "image", "info", str(path), "--json")
    calibration = json.loads(out)["calibration"]
    assert calibration["source"] == source
    assert calibration["row_spacing_mm"] == (pytest.approx(spacing) if spacing else None)
    assert calibration["column_spacing_mm"] == (pytest.approx(spacing) if spacing else None)


def test_info_in_spanish(non_square: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--language", "es", "image", "info", str(non_square))
    assert code == 0
    assert "200 x 300 píxeles (columnas x filas)" in out
    assert "Calibración:" in out and "Pixel Spacing (plano del paciente)" in out
    assert "0,2 mm x 0,1 mm (fila x columna)" in out and "10/07/2025" in out


def test_measure_non_square_pixels(non_square: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "image", "measure", str(non_square), "--from", "10,10", "--to", "10,110", "--json")
    assert json.loads(out)["length_mm"] == 20.0  # 100 rows of 0.2 mm
    _, out, _ = run(capsys, "image", "measure", str(non_square), "--from", "10,10", "--to", "110,10", "--json")
    document = json.loads(out)
    assert document["length_mm"] == 10.0 and document["length_cm"] == 1.0  # 100 columns of 0.1 mm
    assert set(document) == {"file", "from", "to", "length_mm", "length_cm", "calibration"}
    assert document["calibration"]["source"] == "pixel_spacing"


def test_png_calibrated_on_130_pixels_as_13_mm_measures_270_pixels_as_27_mm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = write_png(tmp_path / "placa.png", np.zeros((400, 300), dtype=np.uint8))
    argv = ["image", "measure", str(png), "--from", "150,50", "--to", "150,320", "--calibrate", "20,100,20,230,13"]
    code, out, _ = run(capsys, *argv, "--json")
    document = json.loads(out)
    assert code == 0 and abs(document["length_mm"] - 27.0) <= 0.1  # within one pixel's length (0.1 mm)
    assert document["length_cm"] == 2.7
    assert document["calibration"]["source"] == "manual"
    assert document["calibration"]["points"] == [20, 100, 20, 230] and document["calibration"]["length_mm"] == 13
    code, out, _ = run(capsys, "--language", "es", *argv)
    assert out == "Longitud: 27,0 mm (2,7 cm); calibración: Manual: 13 mm entre dos puntos\n"
    _, english, _ = run(capsys, *argv)
    assert english == "Length: 27.0 mm (2.7 cm); calibration: Manual: 13 mm between two points\n"
    _, spanish_json, _ = run(capsys, "--language", "es", *argv, "--json")
    assert json.loads(spanish_json) == document  # JSON never changes with the language


def test_measure_without_any_scale_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = write_png(tmp_path / "placa.png", np.zeros((40, 30), dtype=np.uint8))
    code, out, err = run(capsys, "image", "measure", str(png), "--from", "1,1", "--to", "1,20", "--json")
    assert code == cli.EXIT_USER_ERROR and out == ""
    assert "has no scale of its own: give --calibrate X1,Y1,X2,Y2,LENGTH_MM" in err and len(err.splitlines()) == 1
    code, _, err = run(capsys, "--language", "es", "image", "measure", str(png), "--from", "1,1", "--to", "1,20")
    assert code == 2 and "no tiene escala propia" in err


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--from", "1;2", "--to", "1,2"], "--from '1;2': write it as X,Y"),
        (["--from", "1,2", "--to", "1,2,3"], "--to '1,2,3': write it as X,Y"),
        (["--from", "1,2", "--to", "500,2"], "The point 500,2 is outside the image (30 x 40 pixels"),
        (["--from", "1,2", "--to", "1,9", "--calibrate", "1,1,1,1,13"], "The two calibration points are the same"),
        (["--from", "1,2", "--to", "1,9", "--calibrate", "1,1,1,9,0"], "The calibration length must be more than 0"),
    ],
)
def test_bad_arguments_are_one_sentence_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], said: str
) -> None:
    png = write_png(tmp_path / "placa.png", np.zeros((40, 30), dtype=np.uint8))
    code, _, err = run(capsys, "image", "measure", str(png), *extra)
    assert code == cli.EXIT_USER_ERROR and said in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("empty.png", b"", "empty.png is empty (0 bytes): it holds no image."),
        ("random.dcm", bytes(range(256)) * 20, "random.dcm is not a DICOM, PNG, JPEG or TIFF image."),
        ("notes.txt", b"Altura a los 5 min: 2,7 cm\n", "notes.txt is not a DICOM, PNG, JPEG or TIFF image."),
    ],
)
def test_damaged_files_exit_2_with_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, said: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "image", "info", str(path))
    assert code == cli.EXIT_USER_ERROR and out == "" and err == f"barium-tracker: {path.parent}/{said}\n"


def test_truncated_dicom_via_python_dash_m_prints_no_traceback(tmp_path: Path) -> None:
    whole = write_radiograph_dicom(tmp_path / "whole.dcm", rows=64, cols=64).read_bytes()
    cut = tmp_path / "cut.dcm"
    cut.write_bytes(whole[: len(whole) // 2])
    result = subprocess.run(
        [sys.executable, "-m", "barium_tracker", "--language", "es", "image", "info", str(cut)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(
        f"barium-tracker: No se pudo decodificar la imagen de {cut}: está dañada o truncada"
    )
