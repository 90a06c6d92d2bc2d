"""The wheel, built offline and installed into a fresh virtual environment, works without the source tree.

No network is used: the wheel is built with the hatchling of the running environment (``--no-build-isolation``),
and the fresh venv borrows the running environment's dependencies through a ``.pth`` file that names its
site-packages. Lines of a ``.pth`` file are only appended to ``sys.path``; ``.pth`` files inside that folder are
not processed, so the project's editable-install hook stays inactive and only the installed wheel can be imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from barium_tracker import __version__

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
WHEEL_MEMBERS = (
    "barium_tracker/resources/demo/seed_case.json",
    "barium_tracker/resources/help/user-guide.md",
    "barium_tracker/resources/help/user-guide-es.md",
    "barium_tracker/resources/icons/barium-tracker.svg",
    "barium_tracker/resources/translations/barium_tracker_es.qm",
    "barium_tracker/storage/migrations/versions/0001_initial.py",
)


def _env() -> dict[str, str]:
    """The environment minus anything that could point at the source tree or a database, and never the network."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "BARIUM_TRACKER_DB")}
    env.update(
        PIP_NO_INDEX="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
        PYTHONIOENCODING="utf-8",
        PYTHONNOUSERSITE="1",
        VIRTUAL_ENV="",
        HOME=env.get("HOME", "/tmp"),
    )
    return env


def _run(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def _is_inside(path: str | Path, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder.resolve())


def test_wheel_installs_and_runs_outside_the_source_tree(tmp_path: Path) -> None:
    assert (REPO_ROOT / "pyproject.toml").is_file(), REPO_ROOT

    # 1. Build the wheel offline.
    dist = tmp_path / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            dist,
            REPO_ROOT,
        ],
        cwd=tmp_path,
    )
    wheels = sorted(dist.glob("barium_tracker-*.whl"))
    assert len(wheels) == 1, list(dist.iterdir())
    wheel = wheels[0]
    assert wheel.name.startswith(f"barium_tracker-{__version__}-")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    missing = [m for m in WHEEL_MEMBERS if m not in names]
    assert not missing, f"missing from {wheel.name}: {missing}"
    assert not any(n.startswith(("tests/", ".venv/")) for n in names)

    # 2. A fresh venv that borrows the running environment's dependencies, but not the editable install.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    site_packages = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path).stdout.strip()
    )
    assert _is_inside(site_packages, venv)
    ours = sysconfig.get_paths()
    borrowed = dict.fromkeys([ours["purelib"], ours["platlib"]])
    (site_packages / "zz_borrowed_dependencies.pth").write_text("".join(f"{p}\n" for p in borrowed), encoding="utf-8")

    # The editable install of the running environment leaves a bare barium_tracker/resources folder in its
    # site-packages (hatchling's force-include), which imports as an empty namespace package; the real package
    # (barium_tracker/cli.py) must not be importable, i.e. the editable hook's path is not on sys.path.
    probe = (
        "import importlib.util, json, sys, sqlalchemy, alembic, PySide6, platformdirs, psycopg; "
        "print(json.dumps({'cli': importlib.util.find_spec('barium_tracker.cli') is not None, "
        "'path': sys.path, 'sqlalchemy': sqlalchemy.__file__}))"
    )
    before = json.loads(_run([python, "-c", probe], cwd=tmp_path).stdout)
    assert before["cli"] is False, "the project's editable install leaked into the fresh venv"
    assert str(REPO_ROOT) not in before["path"]
    assert _is_inside(before["sqlalchemy"], Path(ours["purelib"]))

    # 3. Install the wheel alone, offline.
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", wheel], cwd=tmp_path)
    script = venv / "bin" / "barium-tracker"
    assert script.is_file()

    # 4. Use it, from a folder where the source tree is not importable.
    version = _run([script, "--version"], cwd=tmp_path)
    assert version.stdout.strip() == f"barium-tracker {__version__}"

    where = _run(
        [python, "-c", "import barium_tracker; print(barium_tracker.__file__); print(barium_tracker.resources_path())"],
        cwd=tmp_path,
    ).stdout.splitlines()
    assert _is_inside(where[0], venv), where[0]
    assert not _is_inside(where[0], REPO_ROOT)
    assert _is_inside(where[1], venv), f"resources are not the packaged ones: {where[1]}"

    guides = _run(
        [python, "-c", "from barium_tracker.ui.help import user_guide_path as p; print(p('es')); print(p('en'))"],
        cwd=tmp_path,
    ).stdout.splitlines()
    assert [Path(g).name for g in guides] == ["user-guide-es.md", "user-guide.md"], guides  # F1 in each language
    assert all(_is_inside(g, venv) for g in guides), guides

    demo = tmp_path / "demo.sqlite3"
    _run([script, "demo", "create", demo], cwd=tmp_path)
    assert demo.is_file()
    summary = json.loads(_run([script, "summary", "DEMO-0001", "--db", demo, "--json"], cwd=tmp_path).stdout)
    poem = next(r for r in summary["responses"] if r["procedure_type"] == "poem")
    change = next(c for fu in poem["follow_ups"] for c in fu["changes"] if c["minute"] == 5)
    assert change["height_change_pct"] == -77.5
    assert change["post_height_cm"] == 2.7
    assert summary["app_version"] == __version__
