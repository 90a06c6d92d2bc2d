"""What every record editor shares: live validation on the fields, errors shown when they help, ask before losing work.

A subclass builds its form, loads a record into it and reads a record back (with the parse errors of each field);
the domain's validator for that kind of record supplies every other message, so the GUI, the importer and the
command line apply the same rules.

When an error shows: a field shows its error once the user has left it (the focus went to another widget of the
dialog) or tried to save, never on an untouched new form; a save attempt shows every error and puts the focus on the
first wrong field; a shown error follows every keystroke, so fixing the value clears it at once.

Screen readers: every field is named by its form label (QLabel.setBuddy too) and described by its declared
description, never by its value (tests/ui/test_accessibility.py walks every editor).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from barium_tracker.domain import fields
from barium_tracker.domain.errors import ConflictError, NotFound, UserError
from barium_tracker.domain.validation import FieldError
from barium_tracker.ui import translate
from barium_tracker.ui.fields import ChoiceBox, DateEdit, DecimalEdit, IntegerEdit
from barium_tracker.ui.modal import run_modal

R = TypeVar("R")

# The outline marks any invalid field; a tinted background only suits one-line fields (a grid tints its bad cells).
INVALID_STYLE = "#{0} {{ border: 1px solid #b2182b; }} QLineEdit#{0} {{ background: #fdecec; }}"
ERROR_STYLE = "color: #b2182b;"


def _tr(text: str) -> str:
    """The editors' shared words. Not ``self.tr``: PySide6 looks a subclass's ``tr()`` up in the subclass's context
    only (the ``Generic`` base stops its walk up the classes), so "RecordEditor" is named here."""
    return QCoreApplication.translate("RecordEditor", text)


def _error_line(field: QWidget, parent: QWidget) -> QLabel:
    error = QLabel(parent)
    error.setObjectName(f"{field.objectName()}Error")
    error.setWordWrap(True)
    error.setStyleSheet(ERROR_STYLE)
    error.hide()
    return error


def with_error_line(field: QWidget, parent: QWidget) -> tuple[QWidget, QLabel]:
    """The field with a hidden error line below it (named ``<field name>Error``), in a widget for a form row."""
    error = _error_line(field, parent)
    holder = QWidget(parent)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(error)
    return holder, error


def error_column(field: QWidget, parent: QWidget) -> tuple[QVBoxLayout, QLabel]:
    """The field with a hidden error line below it, in a layout (no widget between the form and the field).

    The form's label and the field are then children of the same widget, which is where Qt looks for the label whose
    buddy a widget is: AT-SPI's "labelled by" relation, by which Orca says a combo box's label (on Linux Qt names a
    combo box by its current text, so that relation is its only label)."""
    error = _error_line(field, parent)
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(error)
    return column, error


def accessible_label(text: str) -> str:
    """A form label as a screen reader should say it: without the mnemonic "&", the colon and line breaks."""
    text = re.sub(r"&(.)", r"\1", text)
    return " ".join(text.split()).rstrip(":").strip()


def _set_value(widget: QWidget, value: Any) -> None:
    """Show a record's value in the widget that edits it."""
    if isinstance(widget, DecimalEdit | IntegerEdit | ChoiceBox | DateEdit):
        widget.set_value(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QLineEdit):
        widget.setText(value or "")
    elif isinstance(widget, QComboBox):  # an editable combo box: a free text with suggestions
        widget.setCurrentText(value or "")
    else:  # pragma: no cover - a widget kind the form does not use
        raise TypeError(f"no way to show a value in {type(widget).__name__}")


def _text(widget: QWidget) -> str:
    """A free text field's value, without surrounding spaces."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    assert isinstance(widget, QComboBox)
    return widget.currentText().strip()


def general_error_line(parent: QWidget) -> QLabel:
    """The hidden line under a form for what belongs to no one field (named ``generalError``)."""
    line = QLabel(parent)
    line.setObjectName("generalError")
    line.setWordWrap(True)
    line.setStyleSheet(ERROR_STYLE)
    line.hide()
    return line


def save_and_cancel(dialog: QDialog) -> QDialogButtonBox:
    """Save and Cancel (``saveButton``, ``cancelButton``: named by their text, in the user's language, Qt's own)
    connected to ``accept``/``reject``; Ctrl+Enter saves from anywhere, a grid's cell included (where Enter goes on
    to the next cell)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.setObjectName("editorButtons")
    buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("saveButton")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, dialog.accept)
    return buttons


class RecordEditor(QDialog, Generic[R]):
    """A modal editor for one record. ``save`` stores it (and may raise); ``reload`` fetches the stored version."""

    def __init__(
        self,
        record: R,
        *,
        save: Callable[[R], R],
        reload: Callable[[], R] | None = None,
        birth_date: dt.date | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._original = record
        self._save = save
        self._reload = reload
        self.patient_birth_date = birth_date
        self.saved_record: R | None = None
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._rows: dict[str, QVBoxLayout] = {}  # each field's row (the field and its error line) on its form
        self._declared_names: list[str] = []
        self._loading = False
        self._left: set[str] = set()  # fields the user has left: their errors show
        self._save_tried = False  # after a save attempt every error shows

        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.build_form()
        self.general_error = general_error_line(self)
        layout.addWidget(self.general_error)
        self.buttons = save_and_cancel(self)
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        layout.addWidget(self.buttons)

        self._loading = True
        self.load(record)
        self._loading = False
        self.revalidate()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- for subclasses -------------------------------------------------------------------------------------------

    def build_form(self) -> None:
        raise NotImplementedError

    def load(self, record: R) -> None:
        raise NotImplementedError

    def read(self) -> tuple[R, list[FieldError]]:
        """The record the form describes now, and the fields that could not be read (e.g. "2,x")."""
        raise NotImplementedError

    def rules(self, record: R) -> list[FieldError]:
        """The domain's validation of the record."""
        raise NotImplementedError

    #: The record this editor edits: its fields' words and limits come from the declaration (domain/fields.py).
    record_kind: fields.Record

    def declared(self, name: str) -> fields.Field:
        return fields.field(self.record_kind, name)

    def add_declared(self, name: str, widget: QWidget, *, layout: QFormLayout | None = None) -> QWidget:
        """Put a declared field on the form: its label (with the unit where a number is typed) and description.

        :meth:`load_declared` and :meth:`read_declared` then load and read it with the others, so a new field of a
        record is one line of the form's layout here.
        """
        declared = self.declared(name)
        self._declared_names.append(name)
        typed = declared.kind in (fields.Kind.DECIMAL, fields.Kind.INTEGER) and isinstance(widget, QLineEdit)
        label = translate.form_label(declared) if typed else translate.label(declared)
        self.add_field(name, label, widget, layout=layout)
        tip = translate.description(declared)
        if tip and not widget.toolTip():
            widget.setToolTip(tip)
        own = widget.accessibleDescription()  # a check box's own text: what ticking it means
        if tip and tip not in own:
            widget.setAccessibleDescription(f"{own}\n{tip}" if own else tip)
        return widget

    def load_declared(self, record: R, *, skip: tuple[str, ...] = ()) -> None:
        """Show every declared field of the form (but those in ``skip``) with the record's value."""
        for name in self._declared_names:
            if name not in skip:
                _set_value(self._fields[name], getattr(record, name))

    def read_declared(
        self, errors: list[FieldError], *, shown: Callable[[str], bool] | None = None, skip: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """Every declared field's value as typed (but those in ``skip``), by attribute name. A field ``shown``
        says is hidden reads as not recorded, so a value typed for another procedure type is never saved; a number
        that cannot be read adds its error to ``errors``."""
        values: dict[str, Any] = {}
        for name in self._declared_names:
            if name in skip:
                continue
            visible = shown is None or shown(name)
            widget = self._fields[name]
            if isinstance(widget, DecimalEdit | IntegerEdit | DateEdit):
                values[name] = self.read_number(name, shown=visible, errors=errors)
            elif isinstance(widget, QLineEdit | QPlainTextEdit) or (
                isinstance(widget, QComboBox) and not isinstance(widget, ChoiceBox)
            ):
                values[name] = _text(widget) if visible else ""
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked() and visible
            else:  # ChoiceBox
                values[name] = widget.value() if visible else None  # type: ignore[attr-defined]
        return values

    def read_number(self, name: str, *, shown: bool = True, errors: list[FieldError]) -> Any:
        """A typed number or date field's value (None when hidden or empty); a parse error goes to ``errors``."""
        if not shown:
            return None
        value, error = self.field(name).read(name, translate.label(self.declared(name)))  # type: ignore[attr-defined]
        if error is not None:
            errors.append(error)
        return value

    def add_field(self, name: str, label: str, widget: QWidget, *, layout: QFormLayout | None = None) -> QWidget:
        """Put a field on the form with its error line; names come from the record, for tests and screen readers.

        The widget's accessible name is its form label (a check box's own text, what ticking it means, becomes its
        description), and the label is its buddy, so a screen reader says the label, never the value."""
        widget.setObjectName(name)
        widget.setAccessibleName(accessible_label(label))
        if isinstance(widget, QAbstractButton) and widget.text() and not widget.accessibleDescription():
            widget.setAccessibleDescription(widget.text())
        column, error = error_column(widget, self)
        form = layout or self.form
        form.addRow(label, column)
        form_label = form.labelForField(column)
        if isinstance(form_label, QLabel):
            form_label.setBuddy(widget)
        self._rows[name] = column
        self._fields[name] = widget
        self._errors[name] = error
        self.watch(widget)
        return widget

    def watch(self, widget: QWidget) -> None:
        """Re-validate whenever the widget's value changes."""
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.textChanged.connect(self._changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._changed)
        elif isinstance(widget, QCheckBox | QAbstractButton):
            widget.toggled.connect(self._changed)

    def field(self, name: str) -> Any:
        return self._fields[name]

    def row(self, name: str) -> QVBoxLayout:
        """The form row of a field (its widget and error line): what ``QFormLayout.setRowVisible`` takes."""
        return self._rows[name]

    def label_for(self, name: str) -> QLabel | None:
        """The form label beside a field (on the main form or a section's)."""
        forms = [self.form] + [w.layout() for w in self.findChildren(QWidget) if isinstance(w.layout(), QFormLayout)]
        for form in forms:
            if isinstance(form, QFormLayout) and isinstance(label := form.labelForField(self._rows[name]), QLabel):
                return label
        return None

    # -- validation -----------------------------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.revalidate()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """A field the focus left for another widget of this dialog now shows its errors (a popup, a message box or
        another window taking the focus is not leaving the field)."""
        if old is None or new is None or not shiboken6.isValid(self):
            return
        if not self.isVisible() or new.window() is not self:
            return
        for name, widget in self._fields.items():
            inside_old = widget is old or widget.isAncestorOf(old)
            if inside_old and not (widget is new or widget.isAncestorOf(new)) and name not in self._left:
                self._left.add(name)
                self.revalidate()
                return

    def error_shown(self, name: str) -> bool:
        """Whether the form field ``name`` shows its errors now (it was left, or a save was tried)."""
        return self._save_tried or name in self._left

    def current_errors(self) -> list[FieldError]:
        record, parse_errors = self.read()
        bad_fields = {e.field for e in parse_errors}
        return parse_errors + [e for e in self.rules(record) if e.field not in bad_fields]

    def revalidate(self) -> list[FieldError]:
        """Every problem of the form now; each shows on its field once that field was left or a save was tried.

        Save stays enabled, so that trying to save shows what is missing (a disabled button would not say why)."""
        errors = self.current_errors()
        by_field: dict[str, list[str]] = {}
        unplaced: list[str] = []
        for error in errors:
            name = self.field_for_error(error.field)
            text = translate.message_text(error.said) if error.said is not None else error.message
            if name in self._errors:
                if self.error_shown(name):
                    by_field.setdefault(name, []).append(text)
            elif self._save_tried:
                unplaced.append(text)
        for name, label in self._errors.items():
            messages = by_field.get(name)
            label.setText("\n".join(messages or []))
            label.setVisible(bool(messages))
            # Scoped to the field itself, so a container's children do not all turn red.
            self._fields[name].setStyleSheet(INVALID_STYLE.format(name) if messages else "")
        self.show_unplaced(unplaced)
        self._grow_to_fit()
        return errors

    def first_wrong_field(self, errors: list[FieldError]) -> str | None:
        """The first field, in the form's order, that has one of ``errors``."""
        wrong = {self.field_for_error(e.field) for e in errors}
        return next((name for name in self._fields if name in wrong), None)

    def focus_error(self, name: str, errors: list[FieldError]) -> None:
        """Put the focus on the wrong field ``name``, its text selected so that typing replaces it (a grid focuses
        its wrong cell: StudyEditor)."""
        widget = self._fields[name]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def _grow_to_fit(self) -> None:
        """Error lines can wrap: grow the dialog so that no message and no field is cut off."""
        layout = self.layout()
        layout.activate()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
        else:
            needed = layout.totalSizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def field_for_error(self, field: str) -> str:
        """Which form field shows an error about ``field`` (subclasses map nested names)."""
        return field

    def show_unplaced(self, messages: list[str]) -> None:
        self.general_error.setText("\n".join(messages))
        self.general_error.setVisible(bool(messages))

    def is_dirty(self) -> bool:
        record, parse_errors = self.read()
        return bool(parse_errors) or _comparable(record) != _comparable(self._original)

    # -- closing --------------------------------------------------------------------------------------------------

    def commit_pending(self) -> None:
        """Store a value still being typed in a cell (subclasses with a grid)."""

    def accept(self) -> None:
        self.commit_pending()
        self._save_tried = True
        errors = self.revalidate()
        if errors:
            name = self.first_wrong_field(errors)
            if name is not None:
                self.focus_error(name, errors)
            return
        record, _ = self.read()
        try:
            self.saved_record = self._save(record)
        except ConflictError as conflict:
            self._offer_reload(str(conflict))
            return
        except NotFound as gone:
            QMessageBox.warning(self, self.windowTitle(), str(gone))
            return
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), translate.error_text(error))
            return
        super().accept()

    def _offer_reload(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), message, parent=self)
        box.setObjectName("conflictMessage")
        reload_button = box.addButton(_tr("Reload their version"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        run_modal(box)
        if box.clickedButton() is reload_button and self._reload is not None:
            try:
                fresh = self._reload()
            except UserError as error:
                QMessageBox.warning(self, self.windowTitle(), translate.error_text(error))
                return
            self._original = fresh
            self._loading = True
            self.load(fresh)
            self._loading = False
            self.revalidate()

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                _tr("Discard the changes you made?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def keyPressEvent(self, event: Any) -> None:
        # Enter saves from any single-line field (QDialog's default button); keep Escape going through reject().
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)


def _comparable(record: Any) -> Any:
    """A record without bookkeeping, to tell whether the user changed anything."""
    if dataclasses.is_dataclass(record):
        return {
            f.name: _comparable(getattr(record, f.name))
            for f in dataclasses.fields(record)
            if f.name not in ("meta", "version")
        }
    if isinstance(record, list):
        return [_comparable(x) for x in record]
    return record
