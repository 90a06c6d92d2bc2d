"""Checks, before ``make run`` starts the window, that the system libraries Qt's X11 platform plugin needs are there.

On a fresh Debian or Ubuntu desktop PySide6's wheel brings Qt but not the XCB helper libraries (libxcb-cursor0,
libxcb-icccm4, libxcb-keysyms1...): the window then dies with Qt's "no Qt platform plugin could be initialized".
This script asks the dynamic linker (``ldd``) which libraries of the plugin are missing and names the packages that
provide them. ``--install`` installs them: at once as root, through sudo after saying which packages and why, else it
prints the one command that does and exits 1. Nothing is checked off Linux, or when ``QT_QPA_PLATFORM`` names a
platform other than xcb (offscreen, wayland). Only the standard library is used.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: The libraries PySide6's libqxcb.so loads from the system, and the Debian/Ubuntu and Fedora packages that hold them.
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libGL.so.1": ("libgl1", "mesa-libGL"),
    "libEGL.so.1": ("libegl1", "mesa-libEGL"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
}
DEBIAN, FEDORA = 0, 1


def xcb_plugin() -> Path | None:
    """PySide6's X11 platform plugin, found without importing Qt (importing it may itself fail)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def missing_libraries(ldd_output: str) -> list[str]:
    """The ``libfoo.so.N => not found`` lines of ``ldd``'s answer."""
    return sorted({line.split()[0] for line in ldd_output.splitlines() if "not found" in line and line.split()})


def packages_for(libraries: list[str], family: int) -> tuple[list[str], list[str]]:
    """(packages to install, libraries no package is known for)."""
    known = sorted({PACKAGES[lib][family] for lib in libraries if lib in PACKAGES})
    return known, [lib for lib in libraries if lib not in PACKAGES]


def package_manager() -> tuple[int, list[str]] | None:
    if shutil.which("apt-get"):
        return DEBIAN, ["apt-get", "install", "-y", "--no-install-recommends"]
    if shutil.which("dnf"):
        return FEDORA, ["dnf", "install", "-y"]
    return None


def check(install: bool) -> int:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] != "xcb":
        return 0
    plugin = xcb_plugin()
    if plugin is None or shutil.which("ldd") is None:
        return 0  # nothing to ask: Qt will say what is wrong itself
    answer = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False).stdout
    missing = missing_libraries(answer)
    if not missing:
        return 0
    manager = package_manager()
    family, command = manager if manager else (DEBIAN, ["apt-get", "install", "-y", "--no-install-recommends"])
    packages, unknown = packages_for(missing, family)
    print(
        f"The window needs system libraries that Qt's X11 plugin loads and this machine lacks: {', '.join(missing)}.",
        file=sys.stderr,
    )
    if unknown:
        print(
            f"No package is known here for {', '.join(unknown)}: install it with your package manager.", file=sys.stderr
        )
    if not packages:
        return 1
    if install and manager is not None:
        if os.geteuid() == 0:
            print(f"Installing {' '.join(packages)}...", file=sys.stderr)
            if family == DEBIAN:
                subprocess.run(["apt-get", "update", "-qq"], check=False)
            return subprocess.run([*command, *packages], check=False).returncode
        if shutil.which("sudo"):
            print(f"Installing them with sudo (packages: {' '.join(packages)}):", file=sys.stderr)
            return subprocess.run(["sudo", *command, *packages], check=False).returncode
    print(f"Install them with:\n  sudo {' '.join(command)} {' '.join(packages)}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--install", action="store_true", help="install what is missing (as root, or through sudo)")
    return check(parser.parse_args(argv).install)


if __name__ == "__main__":
    sys.exit(main())
