"""The main window's actions, declared once: name, words, shortcuts, menu, tool bar, handler and when each is enabled.

The window builds its menus, its tool bar and its ``actions_by_name`` from :data:`ACTIONS` (and enables them by
:class:`Need`); the table is read top to bottom as the menus read, so a new action is one entry here. Texts are
marked with ``QT_TRANSLATE_NOOP`` in the context of the class that used to say them, and translated when the action
is made. Handlers are attribute paths on the window (``"data_actions.export"``), looked up when the action fires.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

Key = QKeySequence.StandardKey | str


class Need(enum.Enum):
    """When an action is enabled (the window says which of these hold, see :func:`enable_actions`)."""

    NOTHING = "always"
    DATABASE = "the database is open"
    PATIENT = "a patient is selected"  # the record actions: new event, edit, delete
    HISTORY = "a patient's history is on screen"  # the report: it is written from that history
    SQLITE_FILE = "the open database is a SQLite file"  # the app copies files; PostgreSQL is the server's to back up
    UNDO_STACK = "the undo stack has something to undo or redo"  # followed by the window, not by enable_actions


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str  # objectName: tests and actions_by_name find the action by it
    text: str  # marked with QT_TRANSLATE_NOOP(context, ...)
    handler: str  # attribute path on the window, called with ``args``
    menu: str  # a key of MENUS
    group: int  # a separator comes between groups of one menu
    keys: tuple[Key, ...] = ()
    fallback_key: str | None = None  # when the platform has no standard key for it
    tip: str = ""  # the status tip
    tip_as_tool_tip: bool = True  # tool tip "tip (shortcut)"; False leaves Qt's own (the data actions)
    tool_bar: int | None = None  # the tool-bar group it is shown in, if any
    needs: Need = Need.NOTHING
    args: tuple[str, ...] = ()
    context: str = "MainWindow"  # the translation context of text and tip


_std = QKeySequence.StandardKey
_MAIN = "MainWindow"  # translation contexts: lupdate reads QT_TRANSLATE_NOOP(context, "literal") as written here
_DATA = "DataActions"

MENUS: tuple[tuple[str, str], ...] = (
    ("file", QT_TRANSLATE_NOOP("MainWindow", "&File")),
    ("edit", QT_TRANSLATE_NOOP("MainWindow", "&Edit")),
    ("record", QT_TRANSLATE_NOOP("MainWindow", "&Record")),
    ("view", QT_TRANSLATE_NOOP("MainWindow", "&View")),
    ("help", QT_TRANSLATE_NOOP("MainWindow", "&Help")),
)
TOOL_BAR_NAME = "mainToolBar"
TOOL_BAR_TITLE = QT_TRANSLATE_NOOP("MainWindow", "Main")

# fmt: off
ACTIONS: tuple[ActionSpec, ...] = (
    # -- File: the database, then the data actions (ui.data_actions), then Quit ------------------------------------
    ActionSpec(
        "actionNewPatient", QT_TRANSLATE_NOOP("MainWindow", "New &patient..."), "new_patient", "file", 0,
        (_std.New,), tip=QT_TRANSLATE_NOOP("MainWindow", "Add a patient"), tool_bar=0, needs=Need.DATABASE,
    ),
    ActionSpec(
        "actionOpenDatabase", QT_TRANSLATE_NOOP("MainWindow", "&Open database..."), "open_database", "file", 0,
        (_std.Open,), needs=Need.DATABASE,
    ),
    ActionSpec(
        "actionImport", QT_TRANSLATE_NOOP("DataActions", "&Import spreadsheet…"), "data_actions.import_tables",
        "file", 1, ("Ctrl+I",), tip=QT_TRANSLATE_NOOP("DataActions", "Import CSV/XLSX"), tip_as_tool_tip=False,
        needs=Need.DATABASE, context=_DATA,
    ),
    ActionSpec(
        "actionExport", QT_TRANSLATE_NOOP("DataActions", "&Export…"), "data_actions.export", "file", 1,
        ("Ctrl+Shift+E",), tip=QT_TRANSLATE_NOOP("DataActions", "Tables, FHIR or research"),
        tip_as_tool_tip=False, needs=Need.DATABASE, context=_DATA,
    ),
    ActionSpec(
        "actionSaveReport", QT_TRANSLATE_NOOP("DataActions", "Patient &report (PDF)…"), "data_actions.save_report",
        "file", 2, ("Ctrl+Shift+P",), tip=QT_TRANSLATE_NOOP("DataActions", "The report for the referring physician"),
        tip_as_tool_tip=False, needs=Need.HISTORY, context=_DATA,
    ),
    ActionSpec(
        "actionPrintReport", QT_TRANSLATE_NOOP("DataActions", "&Print report…"), "data_actions.print_report",
        "file", 2, (_std.Print,), tip=QT_TRANSLATE_NOOP("DataActions", "Print the patient report, with a preview"),
        tip_as_tool_tip=False, needs=Need.HISTORY, context=_DATA,
    ),
    ActionSpec(
        "actionBackup", QT_TRANSLATE_NOOP("DataActions", "&Back up now…"), "data_actions.backup", "file", 3,
        tip=QT_TRANSLATE_NOOP("DataActions", "A verified copy of the database"), tip_as_tool_tip=False,
        needs=Need.SQLITE_FILE, context=_DATA,
    ),
    ActionSpec(
        "actionRestore", QT_TRANSLATE_NOOP("DataActions", "Re&store from backup…"), "data_actions.restore", "file", 3,
        tip=QT_TRANSLATE_NOOP("DataActions", "Replace the database with a backup (the current file is kept)"),
        tip_as_tool_tip=False, needs=Need.SQLITE_FILE, context=_DATA,
    ),
    ActionSpec("actionQuit", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "close", "file", 4, (_std.Quit,)),
    # -- Edit -------------------------------------------------------------------------------------------------------
    ActionSpec(
        "actionUndo", QT_TRANSLATE_NOOP("MainWindow", "&Undo"), "undo", "edit", 0, (_std.Undo,), tool_bar=2,
        needs=Need.UNDO_STACK,
    ),
    ActionSpec(
        "actionRedo", QT_TRANSLATE_NOOP("MainWindow", "&Redo"), "redo", "edit", 0, ("Ctrl+Shift+Z", _std.Redo),
        tool_bar=2, needs=Need.UNDO_STACK,
    ),
    ActionSpec(
        "actionEdit", QT_TRANSLATE_NOOP("MainWindow", "&Edit selected..."), "edit_selected", "edit", 1, ("Ctrl+E",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Open the selected record"), tool_bar=1, needs=Need.PATIENT,
    ),
    ActionSpec(
        "actionDelete", QT_TRANSLATE_NOOP("MainWindow", "&Delete selected..."), "delete_selected", "edit", 1,
        (_std.Delete,), tip=QT_TRANSLATE_NOOP("MainWindow", "Delete the selected record"), tool_bar=1,
        needs=Need.PATIENT,
    ),
    ActionSpec("actionFind", QT_TRANSLATE_NOOP("MainWindow", "&Find patient"), "focus_search", "edit", 1, (_std.Find,)),
    ActionSpec(
        "actionPreferences", QT_TRANSLATE_NOOP("MainWindow", "&Preferences..."), "preferences", "edit", 2,
        (_std.Preferences,), fallback_key="Ctrl+,", needs=Need.DATABASE,
    ),
    # -- Record -----------------------------------------------------------------------------------------------------
    ActionSpec(
        "actionNewStudy", QT_TRANSLATE_NOOP("MainWindow", "New &TBE study..."), "new_event", "record", 0,
        ("Ctrl+Shift+T",), tip=QT_TRANSLATE_NOOP("MainWindow", "Record a timed barium esophagogram"), tool_bar=0,
        needs=Need.PATIENT, args=("tbe_study",),
    ),
    ActionSpec(
        "actionNewProcedure", QT_TRANSLATE_NOOP("MainWindow", "New p&rocedure..."), "new_event", "record", 0,
        ("Ctrl+Shift+R",), tip=QT_TRANSLATE_NOOP("MainWindow", "Record a treatment"), tool_bar=0,
        needs=Need.PATIENT, args=("procedure",),
    ),
    ActionSpec(
        "actionNewEckardt", QT_TRANSLATE_NOOP("MainWindow", "New &Eckardt score..."), "new_event", "record", 0,
        ("Ctrl+Shift+K",), tip=QT_TRANSLATE_NOOP("MainWindow", "Record an Eckardt symptom score"), tool_bar=0,
        needs=Need.PATIENT, args=("eckardt",),
    ),
    ActionSpec(
        "actionNewManometry", QT_TRANSLATE_NOOP("MainWindow", "New &manometry..."), "new_event", "record", 0,
        ("Ctrl+Shift+M",), tip=QT_TRANSLATE_NOOP("MainWindow", "Record a high-resolution manometry"),
        needs=Need.PATIENT, args=("manometry",),
    ),
    ActionSpec(
        "actionNewEndoscopy", QT_TRANSLATE_NOOP("MainWindow", "New en&doscopy..."), "new_event", "record", 0,
        ("Ctrl+Shift+D",), tip=QT_TRANSLATE_NOOP("MainWindow", "Record an endoscopy"), needs=Need.PATIENT,
        args=("endoscopy",),
    ),
    ActionSpec(
        "actionFilms", QT_TRANSLATE_NOOP("MainWindow", "&Films of the study..."), "show_films", "record", 1,
        ("Ctrl+Shift+F",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Attach, measure and compare the radiographs of the selected TBE study"),
        needs=Need.PATIENT,
    ),
    # -- View, Help -------------------------------------------------------------------------------------------------
    ActionSpec(
        "actionCohort", QT_TRANSLATE_NOOP("MainWindow", "&Cohort..."), "show_cohort", "view", 0, ("Ctrl+Shift+C",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "All patients' results and statistics by procedure"),
        needs=Need.DATABASE,
    ),
    ActionSpec(
        "actionUserGuide", QT_TRANSLATE_NOOP("MainWindow", "&User guide"), "user_guide", "help", 0,
        (_std.HelpContents,), fallback_key="F1",
    ),
    ActionSpec("actionAbout", QT_TRANSLATE_NOOP("MainWindow", "&About Barium Tracker"), "about", "help", 0),
)
# fmt: on

_POSTGRES_TIP = QT_TRANSLATE_NOOP("DataActions", "PostgreSQL is backed up by the server (pg_dump); see the user guide")


def action_spec(name: str, specs: tuple[ActionSpec, ...] = ACTIONS) -> ActionSpec:
    """The entry of the action whose objectName is ``name``."""
    for spec in specs:
        if spec.name == name:
            return spec
    raise KeyError(name)


def _plain(text: str) -> str:
    """A menu text as a sentence quotes it: no mnemonic "&", no trailing "..." of a command that asks first."""
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&").removesuffix("...").removesuffix("…")


def menu_path(name: str) -> str:
    """Where the action is, as the menus say it in the user's language: "Record > New TBE study"."""
    spec = action_spec(name)
    return f"{menu_title(spec.menu)} > {_plain(QCoreApplication.translate(spec.context, spec.text))}"


def menu_title(key: str) -> str:
    """A menu's title as a sentence names it, in the user's language: "Record"."""
    return _plain(QCoreApplication.translate(_MAIN, dict(MENUS)[key]))


def shortcut_text(name: str) -> str:
    """The action's shortcut as this platform writes it in its menus ("Ctrl+Shift+T"; "" when it has none).

    The same choice as :func:`create_action`: the first key the platform has, else the fallback key."""
    spec = action_spec(name)
    keys = [QKeySequence(key) for key in spec.keys]
    keys = [key for key in keys if not key.isEmpty()]
    if not keys and spec.fallback_key is not None:
        keys = [QKeySequence(spec.fallback_key)]
    return keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


def where(name: str) -> dict[str, str]:
    """The ``menu`` path and ``keys`` of an action, for the empty states' sentences ("No TBE study yet: {menu},
    {keys}."): read from this table, so a sentence never names a menu or a shortcut that has moved."""
    return {"menu": menu_path(name), "keys": shortcut_text(name)}


def _handler(window: QMainWindow, spec: ActionSpec) -> None:
    target: object = window
    for part in spec.handler.split("."):
        target = getattr(target, part)
    target(*spec.args)  # type: ignore[operator]


def create_action(window: QMainWindow, spec: ActionSpec) -> QAction:
    """The action of ``spec``, owned by and added to ``window`` (so its shortcut works wherever the focus is)."""
    action = QAction(QCoreApplication.translate(spec.context, spec.text), window)
    action.setObjectName(spec.name)
    keys = [QKeySequence(key) for key in spec.keys]
    keys = [key for key in keys if not key.isEmpty()]  # a standard key this platform does not have
    if keys:
        action.setShortcuts(keys)
    if spec.fallback_key is not None and action.shortcut().isEmpty():
        action.setShortcut(QKeySequence(spec.fallback_key))
    if spec.tip:
        tip = QCoreApplication.translate(spec.context, spec.tip)
        action.setStatusTip(tip)
        if spec.tip_as_tool_tip:
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
    if spec.needs is Need.UNDO_STACK:
        action.setEnabled(False)
    action.triggered.connect(lambda _checked=False: _handler(window, spec))
    window.addAction(action)
    return action


def create_actions(window: QMainWindow, specs: tuple[ActionSpec, ...] = ACTIONS) -> dict[str, QAction]:
    """Every action of the table, by objectName, with the menus and the tool bar built from it."""
    actions = {spec.name: create_action(window, spec) for spec in specs}
    _build_menus(window, specs, actions)
    _build_tool_bar(window, specs, actions)
    return actions


def _build_menus(window: QMainWindow, specs: tuple[ActionSpec, ...], actions: Mapping[str, QAction]) -> None:
    for key, title in MENUS:
        menu: QMenu = window.menuBar().addMenu(QCoreApplication.translate(_MAIN, title))
        group: int | None = None
        for spec in specs:
            if spec.menu != key:
                continue
            if group is not None and spec.group != group:
                menu.addSeparator()
            group = spec.group
            menu.addAction(actions[spec.name])


def _build_tool_bar(window: QMainWindow, specs: tuple[ActionSpec, ...], actions: Mapping[str, QAction]) -> None:
    tool_bar = window.addToolBar(QCoreApplication.translate(_MAIN, TOOL_BAR_TITLE))
    tool_bar.setObjectName(TOOL_BAR_NAME)
    tool_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    shown = sorted((spec for spec in specs if spec.tool_bar is not None), key=lambda spec: spec.tool_bar or 0)
    group: int | None = None
    for spec in shown:  # a stable sort: the table's order within a group
        if group is not None and spec.tool_bar != group:
            tool_bar.addSeparator()
        group = spec.tool_bar
        tool_bar.addAction(actions[spec.name])


def enable_actions(
    actions: Mapping[str, QAction], holds: Mapping[Need, bool], specs: tuple[ActionSpec, ...] = ACTIONS
) -> None:
    """Enable each action whose need holds (undo and redo follow their stack instead).

    An action that needs a SQLite file says why it is off when the open database is on a PostgreSQL server.
    """
    postgres = holds[Need.DATABASE] and not holds[Need.SQLITE_FILE]
    for spec in specs:
        if spec.needs is Need.UNDO_STACK:
            continue
        action = actions[spec.name]
        action.setEnabled(spec.needs is Need.NOTHING or holds[spec.needs])
        if spec.needs is Need.SQLITE_FILE:
            action.setToolTip(QCoreApplication.translate(_DATA, _POSTGRES_TIP) if postgres else action.statusTip())
