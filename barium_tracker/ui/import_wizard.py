"""The import wizard: choose files, preview them and map unknown headers, check every row (dry run), then import.

Every step calls the exchange services (services/exchange); the long ones go through :meth:`ImportWizard.run_task`,
which by default just calls the work and which the main window can override with a worker-thread runner
(ui/tasks.py) so that a progress bar and a Cancel button show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from barium_tracker.domain.errors import UserError
from barium_tracker.domain.messages import Message
from barium_tracker.services.clinic import Clinic
from barium_tracker.services.exchange import (
    ImportFailed,
    ImportProblem,
    ImportReport,
    ImportSource,
    TablePreview,
    canonical_columns,
    import_source,
    preview,
    read_import_files,
)
from barium_tracker.services.progress import Progress
from barium_tracker.ui import translate

T = TypeVar("T")
PREVIEW_ROWS = 50
IGNORE = ""


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def _described(preview: TablePreview) -> str:
    """A table's one-line description in the window's language."""
    return translate.message_text(preview.described) if preview.described is not None else preview.description


def _failure_text(failed: ImportFailed) -> str:
    """The import's failure summary (count, first problems, how many more) in the window's language."""
    return "\n".join(
        translate.message_text(line) if isinstance(line, Message) else line for line in failed.summary_said()
    )


def _named(widget: Any, name: str, accessible: str) -> Any:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class ImportWizard(QWizard):
    """Import CSV/XLSX exchange tables into the clinic; nothing is written before the last page."""

    FILES, PREVIEW, CHECK, RESULT = range(4)

    def __init__(self, clinic: Clinic, paths: Sequence[Path] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(_tr("Import spreadsheets"))
        self.clinic = clinic
        self.mapping: dict[str, str] = {}
        self.source: ImportSource | None = None
        self.report: ImportReport | None = None
        self.problems: list[ImportProblem] = []
        self.files_page = FilesPage(paths)
        self.preview_page = PreviewPage()
        self.check_page = CheckPage()
        self.result_page = ResultPage()
        for number, page in enumerate((self.files_page, self.preview_page, self.check_page, self.result_page)):
            self.setPage(number, page)
        self.setButtonText(QWizard.WizardButton.CommitButton, _tr("Import"))
        self.resize(900, 600)

    # -- the one place long work runs: override to run it in a worker thread with a progress dialog --------------

    def run_task(self, title: str, work: Callable[[Progress], T]) -> T:
        """Run ``work(progress)`` and return its result; the default runs it here with no progress shown."""

        def silent(done: int, total: int | None, stage: str) -> None:
            """No progress shown."""

        return work(silent)

    # -- what the pages ask -------------------------------------------------------------------------------------

    @property
    def paths(self) -> list[Path]:
        return self.files_page.paths()

    @property
    def day_first(self) -> bool:
        return self.files_page.day_first.isChecked()

    @property
    def encoding(self) -> str | None:
        """The CSV files' text encoding the user chose; None: recognised (UTF-8, UTF-16 with BOM, Windows-1252)."""
        return self.files_page.encoding.currentData()

    def read(self) -> ImportSource:
        paths, day_first, mapping, encoding = self.paths, self.day_first, dict(self.mapping), self.encoding
        self.source = self.run_task(
            _tr("Reading files"),
            lambda progress: read_import_files(
                paths, day_first=day_first, mapping=mapping, progress=progress, encoding=encoding
            ),
        )
        return self.source

    def check(self) -> ImportReport:
        assert self.source is not None
        source, clinic = self.source, self.clinic
        return self.run_task(
            _tr("Checking every row"), lambda progress: import_source(clinic, source, dry_run=True, progress=progress)
        )

    def run_import(self) -> ImportReport:
        assert self.source is not None
        source, clinic = self.source, self.clinic
        self.report = self.run_task(
            _tr("Importing"), lambda progress: import_source(clinic, source, dry_run=False, progress=progress)
        )
        return self.report


#: What the Files page offers for CSV text (the command line takes any name Python knows with --encoding).
ENCODINGS: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("ImportWizard", "Recognised (UTF-8 or Windows-1252)"), None),
    (QT_TRANSLATE_NOOP("ImportWizard", "UTF-8"), "utf-8"),
    (QT_TRANSLATE_NOOP("ImportWizard", "Windows-1252 (Western European)"), "cp1252"),
    (QT_TRANSLATE_NOOP("ImportWizard", "ISO-8859-1 (Latin-1)"), "latin-1"),
    (QT_TRANSLATE_NOOP("ImportWizard", "MS-DOS (code page 850)"), "cp850"),
    (QT_TRANSLATE_NOOP("ImportWizard", "UTF-16"), "utf-16"),
    (QT_TRANSLATE_NOOP("ImportWizard", "Shift-JIS (Japanese)"), "shift_jis"),
    (QT_TRANSLATE_NOOP("ImportWizard", "GB18030 (Chinese)"), "gb18030"),
)


class FilesPage(QWizardPage):
    """Page 1: the files, and whether their dates are written day first."""

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self.setObjectName("importFilesPage")
        self.setTitle(_tr("Choose the files"))
        self.setSubTitle(
            _tr(
                "CSV files (studies.csv, procedures.csv, eckardt.csv, patients.csv) or an XLSX workbook with one "
                "sheet per table."
            )
        )
        self.list = _named(QListWidget(), "importFileList", _tr("Files to import"))
        self.list.addItems([str(p) for p in paths])
        self.add_button = _named(QPushButton(_tr("Add files...")), "importAddFiles", _tr("Add files"))
        self.remove_button = _named(QPushButton(_tr("Remove")), "importRemoveFile", _tr("Remove the selected file"))
        self.day_first = _named(
            QCheckBox(_tr("Dates are day/month/year (e.g. 03/04/2024 is 3 April 2024)")),
            "importDayFirst",
            _tr("Dates are day first"),
        )
        self.encoding = _named(QComboBox(), "importEncoding", _tr("Text encoding of CSV files"))
        for label, codec in ENCODINGS:
            self.encoding.addItem(QCoreApplication.translate("ImportWizard", label), codec)
        encoding_label = QLabel(_tr("Text encoding of CSV files:"))
        encoding_label.setBuddy(self.encoding)
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(encoding_label)
        encoding_row.addWidget(self.encoding)
        encoding_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.day_first)
        layout.addLayout(encoding_row)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)

    def paths(self) -> list[Path]:
        return [Path(self.list.item(i).text()) for i in range(self.list.count())]

    def set_paths(self, paths: Sequence[Path]) -> None:
        self.list.clear()
        self.list.addItems([str(p) for p in paths])
        self.completeChanged.emit()

    def _add(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, _tr("Files to import"), "", _tr("Spreadsheets (*.csv *.tsv *.txt *.xlsx);;All files (*)")
        )
        if names:
            self.list.addItems(names)
            self.completeChanged.emit()

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.list.count() > 0


def _problem_model(problems: list[ImportProblem]) -> QStandardItemModel:
    model = QStandardItemModel(len(problems), 4)
    model.setHorizontalHeaderLabels([_tr("Where"), _tr("Column"), _tr("Value"), _tr("Problem")])
    for row, problem in enumerate(problems):
        where, reason = problem.where_said, problem.reason_said
        said = (
            where if isinstance(where, str) else translate.message_text(where),
            problem.column or "",
            problem.value or "",
            problem.reason if reason is None else translate.message_text(reason),
        )
        for column, text in enumerate(said):
            item = QStandardItem(text)
            item.setEditable(False)
            if column == 3:
                item.setToolTip(text)  # the whole reason, when the window is too narrow for it
            model.setItem(row, column, item)
    return model


def _problem_view(name: str) -> QTableView:
    view = _named(QTableView(), name, _tr("Problems"))
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(True)
    return view


class PreviewPage(QWizardPage):
    """Page 2: the first rows of each table, and a column choice for every header the importer does not know."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("importPreviewPage")
        self.setTitle(_tr("Check the columns"))
        self.setSubTitle(_tr("Columns the importer does not know are not imported unless you say what they hold."))
        self.tabs = _named(QTabWidget(), "importPreviewTabs", _tr("Tables"))
        self.mapping_box = _named(QGroupBox(_tr("Unknown columns")), "importMappingBox", _tr("Unknown columns"))
        self.mapping_form = QFormLayout(self.mapping_box)
        self.message = _named(QLabel(), "importPreviewMessage", _tr("Reading problems"))
        self.message.setWordWrap(True)
        self.problems_view = _problem_view("importReadProblems")
        self.problems_view.hide()
        self.combos: dict[str, QComboBox] = {}
        self.previews: list[TablePreview] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 3)
        layout.addWidget(self.mapping_box, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.problems_view, 2)

    def _wizard(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        self.load()

    def load(self) -> bool:
        """Read the files with the current mapping and show them; False (with the problems shown) if unreadable."""
        self.tabs.clear()
        self.previews = []
        self.problems_view.hide()
        try:
            source = self._wizard().read()
        except ImportFailed as exc:
            self.message.setText(_tr("These files cannot be read as they are:"))
            self.problems_view.setModel(_problem_model(exc.problems))
            self.problems_view.resizeRowsToContents()  # a long reason wraps to its whole text, not "..."
            self.problems_view.show()
            self._show_mapping([])
            return False
        except UserError as exc:
            self.message.setText(translate.error_text(exc))
            return False
        self.previews = preview(source, PREVIEW_ROWS)
        for shown in self.previews:
            self.tabs.addTab(self._table(shown), f"{shown.table}: {shown.source}")
        self._show_mapping(self.previews)
        self.message.setText("\n".join(_described(p) for p in self.previews))
        return True

    def _table(self, shown: TablePreview) -> QTableView:
        model = QStandardItemModel(len(shown.rows), len(shown.headers), self)
        labels = [
            header if column == header else f"{header}\n→ {column}" if column else f"{header}\n({_tr('not imported')})"
            for header, column in zip(shown.headers, shown.columns, strict=True)
        ]
        model.setHorizontalHeaderLabels(labels)
        for r, row in enumerate(shown.rows):
            for c, text in enumerate(row):
                item = QStandardItem(text)
                item.setEditable(False)
                model.setItem(r, c, item)
        view = _named(QTableView(), f"importPreview_{shown.table}", _tr("Preview of {0}").format(shown.source))
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    def _show_mapping(self, previews: list[TablePreview]) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos = {}
        mapping = self._wizard().mapping
        for shown in previews:
            choices = canonical_columns(shown.table)
            for header, column in zip(shown.headers, shown.columns, strict=True):
                if column is not None and header not in mapping:
                    continue
                combo = _named(QComboBox(), f"importMap_{header}", _tr("Column for {0}").format(header))
                combo.addItem(_tr("(do not import)"), IGNORE)
                for choice in choices:
                    combo.addItem(choice, choice)
                chosen = mapping.get(header, IGNORE)
                combo.setCurrentIndex(max(0, combo.findData(chosen)))
                combo.currentIndexChanged.connect(lambda _i, h=header, c=combo: self._mapped(h, c))
                self.combos[header] = combo
                self.mapping_form.addRow(f"{shown.source}: {header}", combo)
        self.mapping_box.setVisible(bool(self.combos))

    def _mapped(self, header: str, combo: QComboBox) -> None:
        value = combo.currentData()
        mapping = self._wizard().mapping
        if value:
            mapping[header] = value
        else:
            mapping.pop(header, None)

    def validatePage(self) -> bool:
        return self.load()  # the mapping (and the files on disk) as they are now


class CheckPage(QWizardPage):
    """Page 3: a dry run against the database, listing every problem; importing is possible only when none is left."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("importCheckPage")
        self.setTitle(_tr("Check every row"))
        self.setCommitPage(True)
        self.summary = _named(QPlainTextEdit(), "importCheckSummary", _tr("What the import would do"))
        self.summary.setReadOnly(True)
        self.problems_view = _problem_view("importProblems")
        self.ok = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.problems_view, 3)

    def initializePage(self) -> None:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        self.ok = False
        wizard.problems = []
        try:
            report = wizard.check()
        except ImportFailed as exc:
            wizard.problems = exc.problems
            count = len(exc.problems)
            self.setSubTitle(
                _tr("{0} problem(s): fix the files (or the mapping) and go back; nothing was imported.").format(count)
            )
            self.summary.setPlainText(_failure_text(exc))
        except UserError as exc:
            self.setSubTitle(_tr("The check failed; nothing was imported."))
            self.summary.setPlainText(translate.error_text(exc))
        else:
            self.ok = True
            self.setSubTitle(_tr("No problem found. Press Import to write these records."))
            self.summary.setPlainText("\n".join(translate.message_text(line) for line in report.summary_said()))
        self.problems_view.setModel(_problem_model(wizard.problems))
        self.problems_view.resizeColumnsToContents()
        self.problems_view.resizeRowsToContents()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.ok


class ResultPage(QWizardPage):
    """Page 4: the import itself, and what it did."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("importResultPage")
        self.setTitle(_tr("Import"))
        self.summary = _named(QPlainTextEdit(), "importResultSummary", _tr("What was imported"))
        self.summary.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)

    def initializePage(self) -> None:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        try:
            report = wizard.run_import()
        except UserError as exc:  # e.g. someone else added the same records meanwhile, or Cancel
            self.setSubTitle(_tr("Nothing was imported."))
            self.summary.setPlainText(
                _failure_text(exc) if isinstance(exc, ImportFailed) else translate.error_text(exc)
            )
            return
        self.setSubTitle(_tr("Done."))
        self.summary.setPlainText("\n".join(translate.message_text(line) for line in report.summary_said()))
