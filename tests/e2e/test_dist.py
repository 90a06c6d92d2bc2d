"""The installable build (``make dist``: PyInstaller, one folder) runs outside any virtual environment and without the
source tree: ``--version``, ``demo create``, ``summary --json`` (the seed case's -77.5 %), and the window offscreen
for a few seconds. ``make dist DIST=<a temporary folder>`` builds it, exactly as a clinic's build is made."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from barium_tracker import __version__
from barium_tracker.services.demo import SEED_MRN

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        ["make", "--no-print-directory", "dist", f"DIST={dist}"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    program = dist / "barium-tracker" / "barium-tracker"
    assert program.is_file()
    return program


def _run(program: Path, *args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the built program with an environment that knows no Python: no venv, no PYTHONPATH, no source tree."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(program), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_the_built_program_runs_without_python(built: Path, tmp_path: Path) -> None:
    assert __version__ in _run(built, "--version", cwd=tmp_path).stdout
    db = tmp_path / "demo.sqlite3"
    made = _run(built, "demo", "create", str(db), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    summary = _run(built, "--db", str(db), "summary", SEED_MRN, "--json", cwd=tmp_path)
    assert summary.returncode == 0, summary.stderr
    assert '"height_change_pct": -77.5' in summary.stdout
    assert json.loads(summary.stdout)["patient"]["mrn"] == SEED_MRN
    spanish = _run(built, "--language", "es", "--db", str(db), "summary", SEED_MRN, cwd=tmp_path)
    assert "-77,5 %" in spanish.stdout  # the compiled catalogue is in the build


def test_the_built_window_starts_and_stays_up(built: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    assert _run(built, "demo", "create", str(db), "--patients", "5", cwd=tmp_path).returncode == 0
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen([str(built), "--db", str(db)], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            window.wait(timeout=6)  # still running: it opened the database and shows the window
    finally:
        window.terminate()
        _, err = window.communicate(timeout=30)
    assert "Traceback" not in err


def test_make_dist_adds_the_desktop_entry_and_icon(built: Path) -> None:
    desktop = (built.parent / "barium-tracker.desktop").read_text(encoding="utf-8")
    assert "Exec=barium-tracker" in desktop and "Icon=barium-tracker" in desktop
    assert (built.parent / "barium-tracker.svg").read_bytes() == (
        REPO_ROOT / "resources/icons/barium-tracker.svg"
    ).read_bytes()
    assert (built.parent / "_internal" / "barium_tracker" / "storage" / "migrations" / "versions").is_dir()


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("JPEG2000.dcm", 1024),  # openjpeg
        ("MR_small_jpeg_ls_lossless.dcm", 64),  # libjpeg (JPEG-LS)
        ("JPGExtended.dcm", 1024),  # libjpeg (JPEG extended)
        ("MR_small_RLE.dcm", 64),  # rle
    ],
)
def test_the_built_program_decodes_compressed_dicom(built: Path, tmp_path: Path, name: str, rows: int) -> None:
    """pydicom's pixel decoders and the pylibjpeg plugins (found through entry points) are in the build."""
    from pydicom.data import get_testdata_file

    info = _run(built, "image", "info", get_testdata_file(name), "--json", cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["rows"] == rows
