"""Walking a window in the pseudo-locale: every user-visible string of its visible widgets, and which are not marked.

A string is translated when what is left of it, once every ``⟦...⟧`` span is cut out, is only numbers, dates,
punctuation, the unit symbols that stay as written, or words of the data on screen (names, MRNs, free text of the
demo records). Everything else is listed by :func:`untranslated`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
    QWizard,
)

from barium_tracker.domain.records import PatientHistory
from barium_tracker.ui.pseudo_locale import CLOSE, OPEN
from barium_tracker.ui.tasks import TaskDialog

#: Unit symbols written the same in every language (GLOSSARY-es.md: "Units keep their symbols").
UNITS = frozenset({"cm", "cm²", "mL", "mmHg", "mm", "U", "min", "kg", "psi", "h", "s"})
#: Language names, each written in its own language (Preferences' language list): never translated.
ENDONYMS = frozenset({"English", "Español"})
#: Qt's own key names in a shortcut shown beside an action ("Ctrl+Shift+T": Qt translates "Ctrl", not "T").
_KEY = re.compile(r"^(?:[A-Z]|F\d{1,2}|Del|Ins|Esc|Tab|Home|End|PgUp|PgDown)$")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_URN = re.compile(r"\burn:\S+")  # an identifier system (the FHIR MRN system), not words
_TAG = re.compile(r"<[^<>]*>")
_INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_LONG_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}/\d{2}/\d{4}\b")


def data_words(histories: Iterable[PatientHistory]) -> set[str]:
    """Every word of the records' own text (names, MRNs, knife, notes): data, shown as it was entered."""
    words: set[str] = set()

    def visit(value: object) -> None:
        if isinstance(value, str):
            words.update(_WORD.findall(value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                item = getattr(value, field.name)
                if not hasattr(item, "value") or isinstance(item, str):  # an enum's code is not data
                    visit(item)
        elif isinstance(value, list | tuple):
            for item in value:
                visit(item)

    for history in histories:
        visit(history)
    return words


def exchange_columns() -> set[str]:
    """The spreadsheet columns' names (``birth_date``...): the file format's identifiers, in every language."""
    from barium_tracker.domain import fields

    return {word for f in fields.all_fields() if f.exchange for word in _WORD.findall(f.exchange)}


def untranslated(text: str, allowed: set[str]) -> list[str]:
    """The words of ``text`` outside every pseudo span that are neither units, keys nor data."""
    rest = _TAG.sub(" ", text).replace("&nbsp;", " ").replace("&", "")
    while True:  # innermost spans first: a translated sentence can hold translated words
        cut = _INNERMOST.sub(" ", rest)
        if cut == rest:
            break
        rest = cut
    rest = _LONG_DATE.sub(" ", rest)
    rest = _URN.sub(" ", rest)
    words = _WORD.findall(rest)
    return [w for w in words if w not in UNITS and w not in ENDONYMS and w not in allowed and not _KEY.match(w)]


def _model_texts(
    model: QAbstractItemModel | None, where: str, *, tree: bool = False, max_rows: int = 60
) -> Iterator[tuple[str, str]]:
    if model is None:
        return
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    for orientation, count in ((Qt.Orientation.Horizontal, columns), (Qt.Orientation.Vertical, 0)):
        for section in range(count):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(section, orientation, role)
                if isinstance(value, str):
                    yield f"{where} header {section}", value

    def rows(parent: QModelIndex, depth: int) -> Iterator[tuple[str, str]]:
        for row in range(min(model.rowCount(parent), max_rows)):
            for column in range(columns if not parent.isValid() else model.columnCount(parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield f"{where} cell {row},{column}", value
                if tree and depth < 3 and column == 0 and model.rowCount(index) > 0:
                    yield from rows(index, depth + 1)

    yield from rows(QModelIndex(), 0)


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield f"{where} title", menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield f"{where} > {action.objectName() or action.text()}", action.text()
        yield f"{where} > {action.objectName()} status tip", action.statusTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} > {action.text()}")


def texts(top: QWidget, *, skip_documents: tuple[QWidget, ...] = ()) -> Iterator[tuple[str, str]]:
    """(where, text) for every user-visible string of ``top`` and its visible children."""
    yield f"{top.objectName() or type(top).__name__} window title", top.windowTitle()
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if widget is not top and not widget.isVisibleTo(top):
            continue
        where = f"{type(widget).__name__}({widget.objectName()})"
        yield f"{where} tooltip", widget.toolTip()
        yield f"{where} whatsThis", widget.whatsThis()
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{where} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{where} item {i}", widget.itemText(i)
                yield f"{where} item {i} tooltip", str(widget.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{where} tab {i}", widget.tabText(i)
                yield f"{where} tab {i} tooltip", widget.tabToolTip(i)
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield f"{where} tab {i}", widget.tabText(i)
        elif isinstance(widget, QTextEdit | QPlainTextEdit) and widget not in skip_documents:
            yield f"{where} placeholder", widget.placeholderText()
            if widget.isReadOnly():
                yield f"{where} document", widget.toPlainText()
        elif isinstance(widget, QAbstractItemView):
            yield from _model_texts(widget.model(), where, tree=isinstance(widget, QTreeView))
        if isinstance(widget, QWizard):
            for button in (
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ):
                yield f"{where} button {button}", widget.buttonText(button)
            page = widget.currentPage()
            if page is not None:
                yield f"{where} page title", page.title()
                yield f"{where} page subtitle", page.subTitle()
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            if action.menu() is not None:
                yield from _menu_texts(action.menu(), f"menu {action.text()}")
        for action in top.actions():
            yield f"action {action.objectName()} tooltip", action.toolTip()
        yield "status bar message", top.statusBar().currentMessage()


def findings(top: QWidget, allowed: set[str], **kwargs: object) -> list[str]:
    """``where: "text" (words)`` for each string of ``top`` with words that did not go through a translation."""
    found = []
    for where, text in texts(top, **kwargs):  # type: ignore[arg-type]
        words = untranslated(text or "", allowed)
        if words:
            found.append(f"{where}: {text!r} ({' '.join(words)})")
    return found


class ModalWatcher:
    """While a modal loop runs, walks each dialog that comes up and closes it (the user's Escape), in order.

    ``answer`` is what the user does in the first dialog instead of Escape (it may open more dialogs).
    """

    def __init__(self, allowed: set[str], answer: Callable[[QDialog], None] | None = None) -> None:
        self.allowed = allowed
        self.answer = answer
        self.seen: list[str] = []  # the titles walked, to check that the dialog asked for did come up
        self.found: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible() or dialog.property("pseudoWalked"):
            return
        dialog.setProperty("pseudoWalked", True)
        self.seen.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
        self.found += [f"[{type(dialog).__name__}] {line}" for line in findings(dialog, self.allowed)]
        if isinstance(dialog, TaskDialog):
            return  # a progress window closes itself when its work is done
        answer, self.answer = self.answer or QDialog.reject, None  # the first dialog's answer; Escape after it
        # Answered from outside this timer's slot, so that the timer walks a dialog that the answer opens.
        QTimer.singleShot(0, lambda: answer(dialog))

    def stop(self) -> None:
        self._timer.stop()
