"""A keyboard for tests: every key goes where a real keyboard sends it, and a scenario of key presses runs from the
event loop (so keys reach a modal dialog while its ``exec()`` blocks the key that opened it).

The target of every key is re-read before it is sent: the focus widget of the active popup, else of the active modal
dialog, else ``QApplication.focusWidget()``. A scenario never picks a widget to type into, never sets a text or a
value and never clicks: it moves with Tab, types, and waits (:class:`Until`) for what a person would look at before
typing on. :func:`tab_to` fails after a few Tabs naming every field the focus went through, so a keyboard trap is a
clear failure, not a hang.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

Key = Qt.Key
Mod = Qt.KeyboardModifier
CTRL, SHIFT = Mod.ControlModifier, Mod.ShiftModifier
CTRL_SHIFT = CTRL | SHIFT


# -- the keyboard ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Press:
    """One key pressed and released; ``text`` is the character it types (None: a key that types nothing)."""

    key: Qt.Key
    modifiers: Qt.KeyboardModifier = Mod.NoModifier
    text: str | None = None


@dataclass(frozen=True)
class Until:
    """Wait (the way a person looks at the screen before typing on) until ``done()`` holds."""

    done: Callable[[], bool]
    what: str | Callable[[], str]  # a function: what to say is read when the wait fails
    timeout_s: float = 15.0

    def said(self) -> str:
        return self.what if isinstance(self.what, str) else self.what()


@dataclass(frozen=True)
class Mark:
    """Note how many keys were pressed so far, under ``name`` (:attr:`Keyboard.marks`)."""

    name: str


Step = Press | Until | Mark
Scenario = Iterator[Step]


def key_target() -> QWidget | None:
    """Where a keyboard's next key goes: the focus widget of the popup, else of the modal dialog, else the app's."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup.focusWidget() or popup
    modal = QApplication.activeModalWidget()
    if modal is not None:
        return modal.focusWidget() or modal
    return QApplication.focusWidget() or QApplication.activeWindow()


def _clean(text: str) -> str:
    return " ".join(text.replace("&", "").split()).rstrip(":")


def names(widget: QWidget | None) -> list[str]:
    """What the clinician (or a screen reader) calls the focused widget: the form label whose buddy holds it and the
    accessible names of it and of what contains it (a grid's cell belongs to the grid), nearest first."""
    found: list[str] = []
    if widget is None:
        return found
    window = widget.window()
    buddies = {id(label.buddy()): label for label in window.findChildren(QLabel) if label.buddy() is not None}
    current: QWidget | None = widget
    while current is not None and current is not window:
        if current.accessibleName():
            found.append(_clean(current.accessibleName()))
        if isinstance(current, QAbstractButton) and current.text():
            found.append(_clean(current.text()))
        label = buddies.get(id(current))
        if label is not None and label.text():
            found.append(_clean(label.text()))
        current = current.parentWidget()
    return found


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    said = names(widget)
    return said[0] if said else f"{type(widget).__name__} {widget.objectName()!r}"


def is_named(widget: QWidget | None, want: str) -> bool:
    """``want`` is the field's label, with or without its unit ("Volumen de bario" for "Volumen de bario (mL)")."""
    return any(name == want or name.startswith(f"{want} (") for name in names(widget))


class Keyboard(QObject):
    """Runs a scenario from the event loop, one step per turn, and counts the keys it presses."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.presses = 0
        self.marks: dict[str, int] = {}
        self.error: BaseException | None = None
        self.finished = False
        self._step: Step | None = None
        self._since = 0.0
        self._in_flight: list[tuple[QWidget | None, QWidget | None]] = []

    def start(self) -> None:
        QTimer.singleShot(0, self._tick)

    def _tick(self) -> None:
        if self.finished:
            return
        # The next turn first: a key that opens a modal dialog blocks below, and the dialog's event loop runs it (Qt
        # never fires a timer again while its own handler runs, so one repeating timer would stall there).
        QTimer.singleShot(1, self._tick)
        here = (QApplication.activeModalWidget(), QApplication.activePopupWidget())
        if self._in_flight and self._in_flight[-1] == here:
            return  # the last key is still being handled (no dialog of its own opened): wait for it
        try:
            if self._step is None:
                self._step = next(self.scenario)
                self._since = time.monotonic()
            step = self._step
            if isinstance(step, Mark):
                self.marks[step.name] = self.presses
                self._step = None
                return
            if isinstance(step, Until):
                if not step.done():
                    if time.monotonic() - self._since > step.timeout_s:
                        raise AssertionError(
                            f"waited in vain for {step.said()}; the focus is on {describe(key_target())}"
                        )
                    return
                self._step = None
                return
            self._step = None
            self._press(step)
        except StopIteration:
            self._stop()
        except BaseException as error:
            self.error = error
            self._stop()

    def _press(self, press: Press) -> None:
        target = key_target()
        if target is None:
            raise AssertionError(f"no widget has the keyboard focus for {press}")
        self.presses += 1
        self._in_flight.append((QApplication.activeModalWidget(), QApplication.activePopupWidget()))
        try:
            if press.text is not None and press.text.isascii() and press.text.isprintable():
                QTest.keyClick(target, press.text, press.modifiers)
            elif press.text is not None:  # "á": a Spanish keyboard sends its key with the character it types
                QTest.sendKeyEvent(QTest.KeyAction.Click, target, press.key, press.text, press.modifiers)
            else:
                QTest.keyClick(target, press.key, press.modifiers)
        finally:
            self._in_flight.pop()

    def _stop(self) -> None:
        """The end, or a failure: close whatever dialog is still open so that its event loop returns."""
        self.finished = True
        if self.error is not None:
            while (open_dialog := QApplication.activeModalWidget()) is not None and isinstance(open_dialog, QDialog):
                QDialog.done(open_dialog, 0)


# -- what a person does with it -------------------------------------------------------------------------------------


def key(k: Qt.Key, modifiers: Qt.KeyboardModifier = Mod.NoModifier) -> Scenario:
    yield Press(k, modifiers)


def type_text(text: str) -> Scenario:
    for char in text:
        code = Key.Key_Space if char == " " else Qt.Key(ord(char.upper()))
        yield Press(code, Mod.NoModifier, char)


def tab_to(want: str, *, limit: int = 25, backwards: bool = False) -> Scenario:
    """Tab (or Shift+Tab) until the focused field is ``want``; after ``limit`` presses, say where the focus went."""
    trail: list[str] = []
    for _ in range(limit):
        if is_named(key_target(), want):
            return
        trail.append(describe(key_target()))
        yield Press(Key.Key_Backtab, SHIFT) if backwards else Press(Key.Key_Tab)
    if not is_named(key_target(), want):
        raise AssertionError(f"{limit} Tabs never reached {want!r}; the focus went {' > '.join(trail)}")


def focus_is(want: str) -> Until:
    return Until(lambda: is_named(key_target(), want), f"the focus on {want!r}", timeout_s=5)


def dialog_open(title_part: str) -> Until:
    def opened() -> bool:
        modal = QApplication.activeModalWidget()
        return (
            modal is not None and title_part.lower() in modal.windowTitle().lower() and modal.focusWidget() is not None
        )

    def what() -> str:
        modal = QApplication.activeModalWidget()
        shown = repr(modal.windowTitle()) if modal is not None else "none"
        return f"a dialog titled {title_part!r} with the focus in it (the open one is {shown})"

    return Until(opened, what)


def dialog_closed() -> Until:
    def what() -> str:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return "the dialog to close"
        problems = [
            label.text()
            for label in modal.findChildren(QLabel)
            if label.objectName().endswith("Error") and label.isVisibleTo(modal) and label.text()
        ]
        return f"{modal.windowTitle()!r} to close (it shows {problems or 'no error'})"

    return Until(lambda: QApplication.activeModalWidget() is None, what)


def current_grid() -> QTableWidget:
    widget = key_target()
    while widget is not None and not isinstance(widget, QTableWidget):
        widget = widget.parentWidget()
    assert widget is not None, f"the focus is not in a grid but on {describe(key_target())}"
    return widget


def tab_to_cell(minute: int, column: str) -> Scenario:
    """In the film grid: Tab until the cell of ``minute``'s ``column`` (its header, e.g. "Altura (cm)")."""
    trail = []
    for _ in range(20):
        grid = current_grid()
        index = grid.currentIndex()
        header = grid.horizontalHeaderItem(index.column()).text() if index.isValid() else ""
        row_minute = grid.item(index.row(), 0).text() if index.isValid() else ""
        if row_minute == str(minute) and _clean(header).startswith(column):
            return
        trail.append(f"{row_minute}/{_clean(header)}")
        yield Press(Key.Key_Tab)
    raise AssertionError(f"Tab never reached minute {minute}'s {column!r}; it went {' > '.join(trail)}")


def choose(field: str, typed: str, expected: str) -> Scenario:
    """Choose from a list by typing the first letters of a choice, as on paper; check what it chose."""
    yield from tab_to(field)
    yield from type_text(typed)

    def chose() -> bool:
        return getattr(key_target(), "currentText", lambda: "")() == expected

    yield Until(chose, f"{field!r} to read {expected!r} after typing {typed!r}", timeout_s=2)


def fill(field: str, text: str) -> Scenario:
    yield from tab_to(field)
    yield from type_text(text)


def save() -> Scenario:
    yield Press(Key.Key_Return, CTRL)
    yield dialog_closed()


def run(qtbot: QtBot, scenario: Scenario, *, timeout_ms: int = 180_000) -> Keyboard:
    """Play ``scenario`` on the keyboard and return it (its ``presses`` counted); a failed step is raised here."""
    keyboard = Keyboard(scenario)
    keyboard.start()
    qtbot.waitUntil(lambda: keyboard.finished, timeout=timeout_ms)
    if keyboard.error is not None:
        raise keyboard.error
    return keyboard
