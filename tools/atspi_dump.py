"""Dump the AT-SPI accessibility tree of the running Barium Tracker, the tree a screen reader (Orca) reads.

Run with the system Python, which has pyatspi (Debian: at-spi2-core, python3-pyatspi, dbus-x11; Xvfb and xdotool
for ``--launch``), not with the project's virtual environment::

    # the whole check, headless: Xvfb, a D-Bus session, the demo database, the main window and two editors
    /usr/bin/python3 tools/atspi_dump.py --launch --language es
    # the tree of an app already running on this session's accessibility bus
    /usr/bin/python3 tools/atspi_dump.py

``--launch`` starts its own X server (Xvfb) and D-Bus session (re-running itself under ``dbus-run-session``), starts
the program with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` on a demo database, and prints, for the main window with the
seed patient open, for New patient (Ctrl+N) and for New TBE study (Ctrl+Shift+T): the tree (role, name,
description), then a summary: how many inputs there are, those with no name, those whose name is their value, and
the roles of the TBE studies table and the response summary. It exits 1 when an input has no name or is named by its
value, or when the studies are not a table or the responses not a readable text.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP_NAMES = ("barium-tracker", "Barium Tracker", "python3", "python", "__main__.py")
#: Roles a user types into or picks from: each must have a name that is not its value.
INPUT_ROLES = {
    "entry",
    "text",
    "password text",
    "combo box",
    "spin button",
    "check box",
    "radio button",
    "table",
    "list",
    "tree table",
    "document text",
    "push button",
    "toggle button",
    "page tab",
}
#: Roles a value is read from, for the "named by its value" check.
VALUE_ROLES = {"entry", "text", "combo box", "spin button"}


def _pyatspi() -> Any:
    try:
        import pyatspi  # the system package, absent from the project's environment
    except ImportError:
        sys.exit("pyatspi is missing: run this with the system python3 (apt-get install python3-pyatspi)")
    return pyatspi


# -- reading the tree ----------------------------------------------------------------------------------------------


def _walk(node: Any, depth: int = 0) -> Iterator[tuple[int, Any]]:
    yield depth, node
    for index in range(node.childCount):
        try:
            child = node.getChildAtIndex(index)
        except Exception:  # a widget that went away while we read
            continue
        if child is not None:
            yield from _walk(child, depth + 1)


def _text(node: Any) -> str:
    """The text a node holds (a line edit's value, a document's words), "" when it has none."""
    try:
        text = node.queryText()
    except NotImplementedError:
        return ""
    except Exception:  # a node without the interface answers with a D-Bus error
        return ""
    return text.getText(0, min(text.characterCount, 4000))


def _value(node: Any) -> str:
    """What an input shows: a text field's text, a combo box's chosen item."""
    if node.getRoleName() != "combo box":
        return _text(node)
    for _, child in _walk(node):
        try:
            selection = child.querySelection()
        except Exception:  # a node that has no selection
            continue
        if selection.nSelectedChildren:
            return selection.getSelectedChild(0).name or ""
    return ""


def _labels(node: Any, pyatspi: Any) -> list[str]:
    """The names of the labels that label ``node`` (AT-SPI "labelled by", from QLabel.setBuddy)."""
    names: list[str] = []
    try:
        relations = node.getRelationSet()
    except Exception:  # a node that went away
        return names
    for relation in relations:
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            names += [relation.getTarget(i).name or "" for i in range(relation.getNTargets())]
    return [name for name in names if name]


def _showing(node: Any, pyatspi: Any) -> bool:
    return node.getState().contains(pyatspi.STATE_SHOWING)


def _line(depth: int, node: Any) -> str:
    role = node.getRoleName()
    name = node.name or ""
    description = node.description or ""
    text = f"{'  ' * depth}{role} {name!r}"
    if description:
        text += f"  — {description[:90]!r}"
    return text


def find_app(pyatspi: Any, wait_s: float = 20.0) -> Any:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name in APP_NAMES and app.childCount:
                return app
        time.sleep(0.3)
    sys.exit("no Barium Tracker on the accessibility bus (is QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 set?)")


def window_named(app: Any, pyatspi: Any, words: str, wait_s: float = 10.0) -> Any:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        for index in range(app.childCount):
            window = app.getChildAtIndex(index)
            if window is not None and words.casefold() in (window.name or "").casefold() and _showing(window, pyatspi):
                return window
        time.sleep(0.3)
    names = [app.getChildAtIndex(i).name for i in range(app.childCount)]
    sys.exit(f"no window named {words!r} among {names}")


def report(window: Any, pyatspi: Any, *, tree: bool = True) -> dict[str, Any]:
    """Print the window's tree (the nodes on screen) and return its figures."""
    figures: dict[str, Any] = {
        "inputs": 0,
        "labelled": 0,
        "unnamed": [],
        "named_by_value": [],
        "roles": {},
        "by_name": {},
    }
    print(f"== {window.getRoleName()} {window.name!r}")
    for depth, node in _walk(window):
        if not _showing(node, pyatspi):
            continue
        role = node.getRoleName()
        figures["roles"][role] = figures["roles"].get(role, 0) + 1
        if node.name:
            figures["by_name"].setdefault(node.name, role)
        labels = _labels(node, pyatspi) if role in INPUT_ROLES else []
        if tree:
            print(_line(depth, node) + (f"  (labelled by {labels[0]!r})" if labels else ""))
        parent = node.parent
        inside_combo = parent is not None and parent.getRoleName() in ("combo box", "spin button")
        if role not in INPUT_ROLES or inside_combo:
            continue
        if role == "push button" and not node.name and not node.description:
            continue  # a scroll bar's arrows, a header's corner: not the form's
        figures["inputs"] += 1
        figures["labelled"] += bool(labels)
        if not (node.name or "").strip() and not labels:
            figures["unnamed"].append(_line(0, node))
        elif role in VALUE_ROLES:
            # Qt on Linux names a combo box by its current text and gives its label as "labelled by" (what Orca says
            # first): named by its value only when no label labels it.
            value = _value(node).strip()
            if value and value == (node.name or "").strip() and not [name for name in labels if name != value]:
                figures["named_by_value"].append(_line(0, node))
    return figures


def summary(title: str, figures: dict[str, Any]) -> list[str]:
    print(
        f"-- {title}: {figures['inputs']} inputs ({figures['labelled']} labelled by a label), "
        f"{len(figures['unnamed'])} without a name, "
        f"{len(figures['named_by_value'])} named by their value; roles: "
        + ", ".join(f"{role} {count}" for role, count in sorted(figures["roles"].items()))
    )
    problems = [f"{title}: no name: {line}" for line in figures["unnamed"]]
    problems += [f"{title}: named by its value: {line}" for line in figures["named_by_value"]]
    return problems


# -- driving the program --------------------------------------------------------------------------------------------


def _keys(window_id: str, *keys: str) -> None:
    subprocess.run(["xdotool", "windowfocus", "--sync", window_id], check=False)
    for key in keys:
        subprocess.run(["xdotool", "key", "--clearmodifiers", key], check=True)
        time.sleep(0.4)


def _type(window_id: str, text: str) -> None:
    subprocess.run(["xdotool", "windowfocus", "--sync", window_id], check=False)
    subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)


def _x_window(title: str, wait_s: float = 20.0) -> str:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", title], capture_output=True, text=True, check=False
        )
        ids = found.stdout.split()
        if ids:
            return ids[-1]
        time.sleep(0.3)
    sys.exit(f"no X window titled {title!r}")


def launch(args: argparse.Namespace) -> int:
    if not os.environ.get("BARIUM_ATSPI_IN_SESSION"):
        env = dict(os.environ, BARIUM_ATSPI_IN_SESSION="1")
        return subprocess.call(["dbus-run-session", "--", sys.executable, *sys.argv], env=env)
    pyatspi = _pyatspi()
    display = f":{args.display}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        QT_ACCESSIBILITY="1",
        QT_QPA_PLATFORM="xcb",
        NO_AT_BRIDGE="0",
    )
    os.environ["DISPLAY"] = display
    settings = Path(tempfile.mkdtemp(prefix="atspi-"))
    env["XDG_CONFIG_HOME"] = str(settings)  # no saved window state or language from this machine
    env["PYTHONPATH"] = str(ROOT)
    time.sleep(1.0)
    # The accessibility bus: at-spi-bus-launcher is started on demand by D-Bus; make sure the registry runs.
    subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
        capture_output=True,
        check=False,
    )
    command = [args.python, "-m", "barium_tracker", "--demo", "--language", args.language]
    app_process = subprocess.Popen(command, env=env, cwd=ROOT)
    problems: list[str] = []
    try:
        title = "Barium Tracker"
        main_id = _x_window(title)
        app = find_app(pyatspi)
        time.sleep(1.5)
        # The seed patient: search its MRN, Enter opens it.
        _keys(main_id, "ctrl+f")
        _type(main_id, "DEMO-0001")
        time.sleep(0.6)
        _keys(main_id, "Return")
        time.sleep(1.0)
        main = window_named(app, pyatspi, title)
        figures = report(main, pyatspi, tree=not args.quiet)
        problems += summary("main window", figures)
        studies_role = figures["by_name"].get(args.studies_name)
        responses_role = figures["by_name"].get(args.responses_name)
        print(
            f"-- TBE studies {args.studies_name!r}: role {studies_role!r}; "
            f"response summary {args.responses_name!r}: role {responses_role!r}"
        )
        if studies_role != "table":
            problems.append(f"the TBE studies are a {studies_role!r}, not a table")
        if responses_role not in ("text", "document text", "document frame", "paragraph", "document web"):
            problems.append(f"the response summary is a {responses_role!r}, not a readable text")
        responses = [n for _, n in _walk(main) if n.name == args.responses_name]
        words = _text(responses[0]) if responses else ""
        print(f"-- response summary text: {len(words)} characters, begins {words[:80]!r}")
        if not words:
            problems.append("the response summary has no readable text")

        for keys, words_in_title, label in (
            (("ctrl+n",), args.new_patient_title, "New patient"),
            (("ctrl+shift+t",), args.new_study_title, "New TBE study"),
        ):
            _keys(main_id, *keys)
            dialog = window_named(app, pyatspi, words_in_title)
            problems += summary(label, report(dialog, pyatspi, tree=not args.quiet))
            dialog_id = _x_window(words_in_title)
            _keys(dialog_id, "Escape")
            time.sleep(0.8)
    finally:
        app_process.terminate()
        try:
            app_process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_process.kill()
        xvfb.terminate()
        shutil.rmtree(settings, ignore_errors=True)
    print(f"== {len(problems)} problem(s)")
    for problem in problems:
        print(f"   {problem}")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--launch", action="store_true", help="start Xvfb, D-Bus and the demo program first")
    parser.add_argument("--language", choices=["es", "en"], default="en")
    parser.add_argument(
        "--python",
        default=str(ROOT / ".venv" / "bin" / "python"),
        help="the Python that runs the program (default: .venv/bin/python of this checkout)",
    )
    parser.add_argument("--display", type=int, default=97, help="the Xvfb display number (--launch)")
    parser.add_argument("--quiet", action="store_true", help="the summaries only, not the trees")
    parser.add_argument("--studies-name", default=None, help="accessible name of the TBE studies table")
    parser.add_argument("--responses-name", default=None, help="accessible name of the response summary")
    parser.add_argument("--new-patient-title", default=None)
    parser.add_argument("--new-study-title", default=None)
    args = parser.parse_args()
    spanish = args.language == "es"
    args.studies_name = args.studies_name or ("Esofagogramas" if spanish else "TBE studies")
    args.responses_name = args.responses_name or (
        "Respuesta a cada tratamiento" if spanish else "Response to each treatment"
    )
    args.new_patient_title = args.new_patient_title or ("Nuevo paciente" if spanish else "New patient")
    args.new_study_title = args.new_study_title or ("esofagograma" if spanish else "TBE study")
    if args.launch:
        return launch(args)
    pyatspi = _pyatspi()
    app = find_app(pyatspi)
    problems: list[str] = []
    for index in range(app.childCount):
        window = app.getChildAtIndex(index)
        if window is not None and _showing(window, pyatspi):
            problems += summary(window.name or "window", report(window, pyatspi, tree=not args.quiet))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
