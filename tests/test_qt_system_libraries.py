"""`make run` checks Qt's X11 plugin's system libraries first (tools/qt_system_libraries.py), with fake ``ldd`` and
package managers on PATH: a fresh Debian desktop lacking libxcb-cursor0 & co. is told the packages, or gets them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tools import qt_system_libraries as qsl

LDD_ON_A_FRESH_DESKTOP = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
"""


def _fake(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def fresh_desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "ldd.txt").write_text(LDD_ON_A_FRESH_DESKTOP, encoding="utf-8")
    _fake(bin_dir, "ldd", f"cat {tmp_path / 'ldd.txt'}")
    _fake(bin_dir, "apt-get", f'echo "$@" >> {tmp_path / "apt.log"}')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}/bin")  # no sudo, no dnf
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(qsl, "xcb_plugin", lambda: tmp_path / "libqxcb.so")
    return tmp_path


def test_the_missing_libraries_are_read_from_ldd_and_named_with_their_packages() -> None:
    missing = qsl.missing_libraries(LDD_ON_A_FRESH_DESKTOP)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert qsl.packages_for(missing, qsl.DEBIAN) == (["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"], [])
    assert qsl.packages_for(missing, qsl.FEDORA) == (["xcb-util-cursor", "xcb-util-keysyms", "xcb-util-wm"], [])


def test_without_install_it_prints_the_one_command(fresh_desktop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert qsl.main([]) == 1
    err = capsys.readouterr().err
    assert "libxcb-cursor.so.0" in err
    assert "sudo apt-get install -y --no-install-recommends libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in err
    assert not (fresh_desktop / "apt.log").exists()


def test_as_root_it_installs_the_packages(
    fresh_desktop: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(qsl.os, "geteuid", lambda: 0)
    assert qsl.main(["--install"]) == 0
    calls = (fresh_desktop / "apt.log").read_text(encoding="utf-8").splitlines()
    assert calls == ["update -qq", "install -y --no-install-recommends libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"]
    assert "Installing libxcb-cursor0" in capsys.readouterr().err


def test_through_sudo_it_says_what_and_why_first(
    fresh_desktop: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake(fresh_desktop / "bin", "sudo", f'echo "sudo $@" >> {fresh_desktop / "apt.log"}')
    monkeypatch.setattr(qsl.os, "geteuid", lambda: 1000)
    assert qsl.main(["--install"]) == 0
    command = "sudo apt-get install -y --no-install-recommends libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"
    assert (fresh_desktop / "apt.log").read_text(encoding="utf-8").split() == command.split()
    assert "Qt's X11 plugin" in capsys.readouterr().err


def test_nothing_is_checked_for_the_offscreen_platform(fresh_desktop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert qsl.main(["--install"]) == 0
    assert not (fresh_desktop / "apt.log").exists()
