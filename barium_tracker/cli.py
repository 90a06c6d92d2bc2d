"""The front door: the GUI by default, and sub-commands for headless work (scripts, servers, support).

What a command prints for people is in the command's language (``--language``, else the operating system's: see
ui/language.py ``command_language``): its own lines through :func:`_tr` (the ``cli`` translation context), messages
from the services (errors, import problems, summaries) rendered with the same translations, and numbers and dates
as this workstation writes them (Preferences, else the language's own: "2,7" and 14/03/2015 in Spanish). ``--json``
output and the files written never change.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from barium_tracker import __version__
from barium_tracker.domain.errors import UserError

EXIT_OK = 0
EXIT_PROBLEM = 1  # the command ran and found a problem (e.g. db check)
EXIT_USER_ERROR = 2  # bad input or an unusable database: message on stderr, no traceback

_CONTEXT = "cli"


def _english(context: str, text: str) -> str:
    return text


class _Speech:
    """The language of this run's human-readable output, chosen once before the command runs (English until then)."""

    def __init__(self) -> None:
        self.language = "en"
        self.translate: Callable[[str, str], str] = _english
        self._notation: object | None = None

    def choose(self, requested: str | None) -> None:
        from barium_tracker.ui import language

        language.request(requested)
        self.language = language.command_language()
        self.translate = _english if self.language == language.ENGLISH else language.translate_function(self.language)
        self._notation = None

    def notation(self):  # -> ui.notation.Notation
        """How this workstation writes numbers and dates (Preferences), else the language's own way."""
        if self._notation is None:
            from PySide6.QtCore import QCoreApplication

            from barium_tracker.ui import notation

            if not QCoreApplication.organizationName():  # the names the window's QSettings live under
                QCoreApplication.setOrganizationName("Barium Tracker")
                QCoreApplication.setApplicationName("Barium Tracker")
            default = notation.default_for(self.language)
            self._notation = notation.Notation(
                notation.preferred_separator() or default.separator,
                notation.preferred_date_order() or default.date_order,
            )
        return self._notation

    def render(self, text: object) -> str:
        """A message (or an error carrying one) in this language and notation; anything else as ``str`` writes it."""
        from barium_tracker.domain.messages import Message

        if isinstance(text, BaseException):
            text = text.args[0] if len(text.args) == 1 and isinstance(text.args[0], Message) else str(text)
        if not isinstance(text, Message):
            return str(text)
        written = self.notation()
        return text.render(self.translate, written.number, written.date)  # type: ignore[attr-defined]

    def date(self, value: dt.date | None, missing: str = "-") -> str:
        return missing if value is None else self.notation().date(value)  # type: ignore[attr-defined]


_SPEECH = _Speech()


# One of the command line's own sentences in the command's language (a literal: tools/translations.py extracts it).
def _tr(text: str) -> str:
    return _SPEECH.translate(_CONTEXT, text)


def _db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=None if top else argparse.SUPPRESS,
        help="SQLite file or postgresql+psycopg://user@host/db URL "
        "(default: $BARIUM_TRACKER_DB, else the file in your user data folder)",
    )


def _language_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--language",
        choices=["es", "en"],
        default=None if top else argparse.SUPPRESS,
        help="language of the window and of the commands' words (default: the window's Preferences, else the "
        "operating system's locale: es_* is Spanish); --json output and exchange files never change",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="barium-tracker",
        description="Timed barium esophagogram records and treatment response for achalasia clinics. "
        "Without a command, opens the workstation window.",
    )
    parser.add_argument("--version", action="version", version=f"barium-tracker {__version__}")
    _db_option(parser, top=True)
    _language_option(parser, top=True)
    parser.add_argument(
        "--demo", action="store_true", help="open a fresh temporary demo database (seed case and synthetic cohort)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    db = commands.add_parser("db", help="database schema: upgrade or check")
    _db_option(db, top=False)
    _language_option(db, top=False)
    db.add_argument(
        "action", choices=["upgrade", "check"], help="upgrade: migrate (after a backup); check: report only"
    )

    demo = commands.add_parser("demo", help="demo data")
    _language_option(demo, top=False)
    demo.add_argument("action", choices=["create"])
    demo.add_argument("path", type=Path, help="new SQLite file to create")
    demo.add_argument(
        "--patients", type=int, default=None, help="synthetic patients besides the seed case (default 40)"
    )

    patients = commands.add_parser("patients", help="list patients")
    _db_option(patients, top=False)
    _language_option(patients, top=False)
    patients.add_argument("--search", default="", metavar="TEXT", help="MRN or name (accents and case ignored)")
    patients.add_argument("--json", action="store_true", help="JSON lines instead of a table")

    summary = commands.add_parser("summary", help="one patient's timeline and treatment response")
    _db_option(summary, top=False)
    _language_option(summary, top=False)
    summary.add_argument("mrn")
    summary.add_argument("--json", action="store_true", help="the stable JSON form (docs/summary-json.md)")

    importer = commands.add_parser(
        "import", help="import exchange tables (CSV or XLSX; docs/file-formats.md): all rows or none"
    )
    _db_option(importer, top=False)
    _language_option(importer, top=False)
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE", help="CSV or XLSX files")
    importer.add_argument("--dry-run", action="store_true", help="check every row against the database, write nothing")
    importer.add_argument(
        "--day-first", action="store_true", help="read dates like 03/04/2024 as day/month/year (else they are refused)"
    )
    importer.add_argument(
        "--encoding",
        metavar="NAME",
        help="the CSV files' text encoding when it is neither UTF-8 nor Windows-1252 (e.g. shift_jis, latin-1)",
    )
    importer.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=COLUMN",
        help="read a column of the file as an exchange column, e.g. --map 'Fecha=study_date' (repeatable)",
    )

    export = commands.add_parser("export", help="export data: exchange tables, FHIR, or a research export")
    _db_option(export, top=False)
    _language_option(export, top=False)
    export.add_argument(
        "--format",
        required=True,
        choices=["csv", "csv-excel", "xlsx", "fhir", "research"],
        help="csv: a folder of tables; csv-excel: the same tables for a spreadsheet set to Spanish (semicolons, "
        "decimal comma, dates 14/03/2015); xlsx: one workbook; fhir: a FHIR R4 JSON bundle; "
        "research: a folder without identifiers (docs/research-export.md)",
    )
    export.add_argument("-o", "--output", required=True, type=Path, metavar="PATH", help="file or folder to write")
    export.add_argument("--mrn", action="append", default=None, help="only this patient (repeatable)")

    report = commands.add_parser("report", help="the patient report for the referring physician (PDF)")
    _db_option(report, top=False)
    _language_option(report, top=False)
    report.add_argument("mrn")
    report.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument("--page-size", choices=["a4", "letter"], default="a4")
    report.add_argument("--clinic-name", default=None, help="printed in the report header")

    backup = commands.add_parser("backup", help="a verified copy of the SQLite database, safe while the app is open")
    _db_option(backup, top=False)
    _language_option(backup, top=False)
    backup.add_argument(
        "destination", nargs="?", type=Path, default=None, help="file or folder (default: backups/ beside the database)"
    )

    settings = commands.add_parser(
        "settings", help="the clinic-wide settings every workstation shares: show them, or change some"
    )
    _db_option(settings, top=False)
    _language_option(settings, top=False)
    settings.add_argument("--clinic-name", metavar="NAME", help="printed at the top of every patient report")
    settings.add_argument(
        "--fhir-mrn-system",
        metavar="URI",
        help="whose MRNs these are in FHIR exports: the hospital's OID (urn:oid:...) or a URL it controls; "
        "'' for the default",
    )
    settings.add_argument(
        "--eckardt-success-max",
        type=int,
        metavar="N",
        help="treatment success is an Eckardt total of N or less (3 in most trials; 2 for '< 3')",
    )
    settings.add_argument(
        "--sanagapalli-area",
        choices=("traced", "height-x-width"),
        help="the column area the Sanagapalli >= 45 %% rule compares first: the outline traced on the film "
        "(Sanagapalli's own) or height x width (de Oliveira 1997; the default)",
    )

    restore = commands.add_parser(
        "restore", help="replace the SQLite database with a backup (checked first; the replaced file is kept)"
    )
    _db_option(restore, top=False)
    _language_option(restore, top=False)
    restore.add_argument("source", type=Path, help="the backup file")
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace the database even when it was written by a newer version or is not Barium Tracker's",
    )
    _image_commands(commands)
    return parser


def _image_commands(commands: argparse._SubParsersAction) -> None:
    """``image ...``: radiographs (docs/images.md). Each action is a sub-parser here and a function in
    :data:`_IMAGE_COMMANDS`; the ones that need the database (``attach``, ``list``) add ``_db_option`` too."""
    image = commands.add_parser("image", help="radiographs: read a file's size and scale, measure on it")
    _language_option(image, top=False)
    actions = image.add_subparsers(dest="image_command", metavar="ACTION", required=True)

    info = actions.add_parser("info", help="rows, columns, photometric interpretation and calibration of a file")
    _language_option(info, top=False)
    info.add_argument("file", type=Path, metavar="FILE", help="DICOM, PNG, JPEG or TIFF (recognised by content)")
    info.add_argument("--json", action="store_true", help="the stable JSON form (docs/images.md)")

    measure = actions.add_parser(
        "measure", help="the length between two points in mm, with the calibration it used (never pixels as cm)"
    )
    _language_option(measure, top=False)
    measure.add_argument("file", type=Path, metavar="FILE", help="DICOM, PNG, JPEG or TIFF (recognised by content)")
    measure.add_argument("--from", dest="start", required=True, metavar="X,Y", help="first point (pixels: column,row)")
    measure.add_argument("--to", dest="end", required=True, metavar="X,Y", help="second point (pixels: column,row)")
    measure.add_argument(
        "--calibrate",
        metavar="X1,Y1,X2,Y2,LENGTH_MM",
        help="two points on an object of known length and that length in mm (e.g. the 13 mm barium tablet); "
        "overrides the file's own scale",
    )
    measure.add_argument("--json", action="store_true", help="the stable JSON form (docs/images.md)")
    attach = actions.add_parser("attach", help="attach a film (DICOM, PNG, JPEG, TIFF) to a TBE study's minute")
    _db_option(attach, top=False)
    _language_option(attach, top=False)
    attach.add_argument("mrn")
    attach.add_argument("--study-date", required=True, type=_iso_date, metavar="YYYY-MM-DD")
    attach.add_argument("--minute", required=True, type=int, metavar="N", help="the film's minute (1, 2, 5...)")
    attach.add_argument("file", type=Path, metavar="FILE")
    attach.add_argument(
        "--confirm-mismatch",
        action="store_true",
        help="attach although the file's patient ID, name or date differ from the record (the differences are kept)",
    )
    figure = actions.add_parser(
        "figure",
        help="the films of one minute before and after a treatment side by side at the same scale, heights marked",
    )
    _db_option(figure, top=False)
    _language_option(figure, top=False)
    figure.add_argument("mrn")
    figure.add_argument("--minute", type=int, default=5, metavar="N", help="the films' minute (default 5)")
    figure.add_argument("--before", type=_iso_date, metavar="YYYY-MM-DD", help="the study before (with --after)")
    figure.add_argument("--after", type=_iso_date, metavar="YYYY-MM-DD", help="the study after (with --before)")
    figure.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE",
        help="FILE.png or FILE.pdf (default films: the study before and after the latest procedure)",
    )
    listing = actions.add_parser("list", help="a patient's attached films and photographs")
    _db_option(listing, top=False)
    _language_option(listing, top=False)
    listing.add_argument("mrn")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")


def _open(args: argparse.Namespace, *, migrate: bool = True, daily_backup: bool = True):
    """The clinic database of ``--db``; the first open of a day backs up a SQLite file (docs/database.md)."""
    from barium_tracker.services.clinic import Clinic

    clinic = Clinic.open(args.db, migrate=migrate, daily_backup=daily_backup and migrate)
    if clinic.backup_problem:
        problem = _SPEECH.render(clinic.backup_problem)
        print(
            _tr("barium-tracker: warning: the daily backup failed: {problem}").format(problem=problem), file=sys.stderr
        )
    return clinic


def _facts(rows: Sequence[tuple[str, str]], width: int) -> list[str]:
    """ "Label:  value" lines, the values aligned at ``width`` (or after the language's longest label)."""
    width = max(width, *(len(label) + 2 for label, _value in rows))
    return [f"{label:<{width}}{value}" for label, value in rows]


def _cmd_db(args: argparse.Namespace) -> int:
    if args.action == "upgrade":
        with _open(args) as clinic:
            report = clinic.check()
            if clinic.last_backup:
                print(_tr("Backed up the previous file to {path}").format(path=clinic.last_backup))
            print(
                _tr("{location}: schema {current} (newest known: {head})").format(
                    location=report.location, current=report.current, head=report.head
                )
            )
            if report.problems:
                print("\n".join(_facts([(_tr("Integrity:"), _tr("PROBLEMS FOUND"))], 15)))
                for problem in report.problems:
                    print(f"  - {_SPEECH.render(problem)}")
                return EXIT_PROBLEM
            return EXIT_OK
    with _open(args, migrate=False) as clinic:
        report = clinic.check()
    state_text = {
        "current": _tr("up to date"),
        "outdated": _tr("older schema: run 'barium-tracker db upgrade' (a backup is made first)"),
        "empty": _tr("empty: it will be set up when first opened"),
    }
    rows = [
        (_tr("Database:"), _tr("{location} ({backend})").format(location=report.location, backend=report.backend)),
        (
            _tr("Schema:"),
            _tr("{current} (this version knows up to {head})").format(
                current=report.current or _tr("none"), head=report.head
            ),
        ),
        (_tr("State:"), state_text.get(report.state, report.state)),
    ]
    if report.problems:
        rows.append((_tr("Integrity:"), _tr("PROBLEMS FOUND")))
    elif report.backend == "sqlite":
        rows.append((_tr("Integrity:"), _tr("ok")))
    print("\n".join(_facts(rows, 15)))
    for problem in report.problems:
        print(f"  - {_SPEECH.render(problem)}")
    return EXIT_OK if report.ok else EXIT_PROBLEM


def _cmd_demo(args: argparse.Namespace) -> int:
    from barium_tracker.services.demo import DEMO_COHORT_SIZE, SEED_MRN, create_demo_database

    size = DEMO_COHORT_SIZE if args.patients is None else args.patients
    if size < 0:
        raise UserError(_tr("--patients must be 0 or more"))
    path = create_demo_database(args.path.expanduser().resolve(), size)
    text = _tr("Created demo database {path} (seed case {mrn} and {count} synthetic patients)")
    print(text.format(path=path, mrn=SEED_MRN, count=size))
    return EXIT_OK


def _cmd_patients(args: argparse.Namespace) -> int:
    from barium_tracker.services.patients import search_patients

    today = dt.date.today()
    with _open(args) as clinic:
        items = search_patients(clinic, args.search)
    if args.json:
        for p in items:
            record = {
                "mrn": p.mrn,
                "family_name": p.family_name,
                "given_name": p.given_name,
                "birth_date": p.birth_date.isoformat() if p.birth_date else None,
                "age_years": p.age_years(today),
                "sex": p.sex.value,
                "diagnosis": p.diagnosis.value,
                "last_study_date": p.last_study_date.isoformat() if p.last_study_date else None,
                "last_procedure_date": p.last_procedure_date.isoformat() if p.last_procedure_date else None,
            }
            print(json.dumps(record, ensure_ascii=False))
        return EXIT_OK
    if not items:
        print(_tr("No patients match.") if args.search else _tr("No patients yet."))
        return EXIT_OK
    diagnoses = {p.diagnosis: _SPEECH.translate("enums", p.diagnosis.label) for p in items}
    dates = [(_SPEECH.date(p.last_study_date), _SPEECH.date(p.last_procedure_date)) for p in items]
    mrn, name, age, diagnosis, last_tbe = _tr("MRN"), _tr("Name"), _tr("Age"), _tr("Diagnosis"), _tr("Last TBE")
    widths = (
        max(14, len(mrn)),
        max(36, len(name)),
        max(3, len(age)),
        max(26, len(diagnosis), *(len(d) for d in diagnoses.values())),
        max(10, len(last_tbe), *(len(study) for study, _procedure in dates)),
    )
    w_mrn, w_name, w_age, w_diagnosis, w_tbe = widths
    print(
        f"{mrn:<{w_mrn}} {name:<{w_name}} {age:>{w_age}}  {diagnosis:<{w_diagnosis}} {last_tbe:<{w_tbe}}  "
        f"{_tr('Last procedure')}"
    )
    for p, (study, procedure) in zip(items, dates, strict=True):
        years = p.age_years(today)
        print(
            f"{p.mrn:<{w_mrn}} {p.display_name[:w_name]:<{w_name}} {years if years is not None else '':>{w_age}}  "
            f"{diagnoses[p.diagnosis]:<{w_diagnosis}} {study:<{w_tbe}}  {procedure}"
        )
    print(_tr("{count} patient(s)").format(count=len(items)))
    return EXIT_OK


def _cmd_summary(args: argparse.Namespace) -> int:
    from barium_tracker.services.presentation import summary_to_text
    from barium_tracker.services.summary import patient_summary, summary_to_json

    with _open(args) as clinic:
        summary = patient_summary(clinic, args.mrn)
    if args.json:
        print(json.dumps(summary_to_json(summary), ensure_ascii=False, indent=2))
    else:
        written = _SPEECH.notation()
        text = summary_to_text(summary, translate=_SPEECH.translate, number=written.number, date=written.date)
        sys.stdout.write(text)
    return EXIT_OK


class _TerminalProgress:
    """Progress on stderr for long commands, only when stderr is a terminal (scripts and logs stay clean)."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int | None, stage: str) -> None:
        if not self.enabled:
            return
        amount = f" {done}/{total}" if total else ""
        sys.stderr.write(f"\r\x1b[K{_SPEECH.translate('wording', stage)}{amount}")
        sys.stderr.flush()
        self.shown = True

    def __enter__(self) -> _TerminalProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _mapping(pairs: Sequence[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, column = pair.partition("=")
        if not sep or not header.strip() or not column.strip():
            raise UserError(
                _tr("--map {pair}: write it as HEADER=COLUMN, e.g. --map 'Fecha=study_date'").format(pair=repr(pair))
            )
        mapping[header.strip()] = column.strip()
    return mapping


def _cmd_import(args: argparse.Namespace) -> int:
    from barium_tracker.services.exchange import ImportFailed, import_files

    mapping = _mapping(args.map)
    with _open(args) as clinic, _TerminalProgress() as progress:
        try:
            result = import_files(
                clinic,
                [path.expanduser() for path in args.files],
                day_first=args.day_first,
                dry_run=args.dry_run,
                mapping=mapping or None,
                progress=progress,
                encoding=args.encoding,
            )
        except ImportFailed as failure:
            progress.__exit__()
            head = _tr("barium-tracker: nothing was imported; {count} problem(s):")
            print(head.format(count=len(failure.problems)), file=sys.stderr)
            for problem in failure.problems:
                print(f"  {_SPEECH.render(problem.said)}", file=sys.stderr)
            return EXIT_USER_ERROR
    for line in result.summary_said():
        print(_SPEECH.render(line))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    output = args.output.expanduser()
    with _open(args) as clinic, _TerminalProgress() as progress:
        if args.format in ("csv", "csv-excel", "xlsx"):
            from barium_tracker.services.exchange import export_tables

            written = export_tables(clinic, output, fmt=args.format, mrns=args.mrn, progress=progress)
            lines = [_tr("Wrote {path}").format(path=path) for path in written]
        elif args.format == "fhir":
            from barium_tracker.services.fhir_export import write_fhir

            bundle = write_fhir(clinic, output, mrns=args.mrn, progress=progress)
            lines = [_tr("Wrote FHIR bundle {path}").format(path=bundle)]
        else:
            from barium_tracker.services.research_export import write_research_export

            result = write_research_export(clinic, output, mrns=args.mrn, progress=progress)
            head = _tr("Wrote research export for {count} patient(s) to {destination}")
            lines = [
                head.format(count=result.patients, destination=result.destination),
                *(f"  {path.name}" for path in result.files),
            ]
    print("\n".join(lines))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from barium_tracker.services.report import PageSize, Writing, write_report_pdf

    output = args.output.expanduser()
    written = _SPEECH.notation()
    writing = Writing(_SPEECH.translate, written.number, written.date)
    with _open(args) as clinic, _TerminalProgress() as progress:
        path = write_report_pdf(
            clinic,
            args.mrn,
            output,
            page_size=PageSize(args.page_size),
            clinic_name=args.clinic_name,
            progress=progress,
            writing=writing,
        )
    print(_tr("Wrote report {path}").format(path=path))
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace) -> int:
    from barium_tracker.services.backups import backup_now

    destination = args.destination.expanduser() if args.destination else None
    with _open(args, daily_backup=False) as clinic, _TerminalProgress() as progress:
        path = backup_now(clinic, destination, progress=progress)
    print(_tr("Backed up {location} to {path} (verified)").format(location=clinic.location, path=path))
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from barium_tracker.services.backups import database_file, restore

    target = database_file(args.db)
    with _TerminalProgress() as progress:
        result = restore(target, args.source.expanduser().resolve(), progress=progress, force=args.force)
    print(_SPEECH.render(result.said))
    return EXIT_OK


def _run_gui(args: argparse.Namespace) -> int:
    from barium_tracker.ui import language
    from barium_tracker.ui.app import launch

    language.request(args.language)
    return launch(args.db, demo=args.demo)


def _cmd_settings(args: argparse.Namespace) -> int:
    from barium_tracker.domain.rules import InterpretationSettings
    from barium_tracker.services.fhir_export import DEFAULT_MRN_SYSTEM, check_mrn_system, mrn_system, set_mrn_system

    with _open(args) as clinic:
        # Every value is checked before any is written: a refused one leaves all of them as they were.
        system = None if args.fhir_mrn_system is None else check_mrn_system(args.fhir_mrn_system or DEFAULT_MRN_SYSTEM)
        interpretation = None
        if args.eckardt_success_max is not None or args.sanagapalli_area is not None:
            # A value out of range is refused here, before anything is written.
            current = clinic.interpretation_settings()
            interpretation = InterpretationSettings(
                eckardt_success_max=current.eckardt_success_max
                if args.eckardt_success_max is None
                else args.eckardt_success_max,
                sanagapalli_area=current.sanagapalli_area
                if args.sanagapalli_area is None
                else args.sanagapalli_area.replace("-", "_"),
            )
        if args.clinic_name is not None:
            clinic.set_clinic_name(args.clinic_name)
        if system is not None:
            set_mrn_system(clinic, system)
        if interpretation is not None:
            clinic.set_interpretation_settings(interpretation)
        changed = any(v is not None for v in (args.clinic_name, system, interpretation))
        head = _tr("Settings changed for {location}") if changed else _tr("Settings of {location}")
        print(head.format(location=clinic.location))
        rows = [
            (_tr("Clinic name:"), clinic.clinic_name() or _tr("(not set: reports print no clinic name)")),
            (_tr("MRN system (FHIR):"), mrn_system(clinic)),
            (
                _tr("Eckardt success:"),
                _tr("total <= {max}").format(max=clinic.interpretation_settings().eckardt_success_max),
            ),
            (_tr("Sanagapalli area:"), _sanagapalli_area_said(clinic.interpretation_settings().sanagapalli_area)),
        ]
        print("\n".join(f"  {line}" for line in _facts(rows, 23)))
    return EXIT_OK


def _sanagapalli_area_said(area: str) -> str:
    if area == "traced":
        return _tr("traced area first (Sanagapalli)")
    return _tr("height x width first (de Oliveira 1997)")


def _numbers(text: str, option: str, form: str, example: str) -> list[float]:
    """The comma-separated numbers of ``form`` ("X,Y": decimals with a point), or a user error naming the option."""
    import math

    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        values = []
    if len(values) != form.count(",") + 1 or not all(math.isfinite(v) for v in values):
        raise UserError(
            _tr("{option} {value}: write it as {form}, numbers with a decimal point (e.g. {example})").format(
                option=option, value=repr(text), form=form, example=example
            )
        )
    return values


def _calibration_json(calibration) -> dict:  # -> the documented "calibration" object of docs/images.md
    return {**calibration.to_json(), "explanation": str(calibration.explanation())}


def _millimetres(value: float | None) -> str:
    """A spacing or length for people: rounded to 4 decimals, trailing zeros dropped, in this notation ("0,15")."""
    from barium_tracker.domain.calibration import decimal_mm

    return "-" if value is None else _SPEECH.notation().number(decimal_mm(value, 4))  # type: ignore[attr-defined]


def _cmd_image_info(args: argparse.Namespace) -> int:
    from barium_tracker.services.images import read_radiograph_file

    image = read_radiograph_file(args.file.expanduser())
    calibration = image.calibration
    if args.json:
        identity = image.identity
        document = {
            "file": str(args.file),
            "media_type": image.media_type,
            "rows": image.rows,
            "columns": image.columns,
            "photometric": image.photometric,
            "frames": image.frames,
            "bits_stored": image.bits_stored,
            "calibration": _calibration_json(calibration),
            "windows": [{"center": w.center, "width": w.width, "explanation": w.explanation} for w in image.windows],
            "identity": None
            if identity is None
            else {
                "patient_id": identity.patient_id,
                "patient_name": identity.patient_name,
                "study_date": identity.study_date.isoformat() if identity.study_date else None,
                "acquisition_date": identity.acquisition_date.isoformat() if identity.acquisition_date else None,
                "content_date": identity.content_date.isoformat() if identity.content_date else None,
            },
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [
        (_tr("File:"), str(args.file)),
        (_tr("Format:"), image.media_type),
        (
            _tr("Size:"),
            _tr("{columns} x {rows} pixels (columns x rows)").format(columns=image.columns, rows=image.rows),
        ),
        (_tr("Photometric:"), image.photometric),
        (_tr("Frames:"), str(image.frames)),
        (_tr("Bits stored:"), str(image.bits_stored)),
        (_tr("Calibration:"), _SPEECH.render(calibration.explanation())),
    ]
    if calibration.calibrated:
        spacing = _tr("{row} mm x {column} mm (row x column)").format(
            row=_millimetres(calibration.row_spacing_mm), column=_millimetres(calibration.column_spacing_mm)
        )
        rows.append((_tr("Pixel spacing:"), spacing))
    if image.identity is not None:
        rows.append((_tr("Patient in the file:"), image.identity.readable_name or "-"))
        rows.append((_tr("Patient ID in the file:"), image.identity.patient_id or "-"))
        rows.append((_tr("Film date:"), _SPEECH.date(image.identity.date)))
    print("\n".join(_facts(rows, 16)))
    return EXIT_OK


def _cmd_image_measure(args: argparse.Namespace) -> int:
    from barium_tracker.domain.calibration import decimal_mm, manual_calibration
    from barium_tracker.domain.geometry import distance_mm, inside_image
    from barium_tracker.services.images import read_radiograph_file

    start = _numbers(args.start, "--from", "X,Y", "120,80.5")
    end = _numbers(args.end, "--to", "X,Y", "120,350")
    calibrate = "X1,Y1,X2,Y2,LENGTH_MM"
    given = _numbers(args.calibrate, "--calibrate", calibrate, "200,100,200,230,13") if args.calibrate else None
    image = read_radiograph_file(args.file.expanduser())
    points = [start, end] + ([given[:2], given[2:4]] if given else [])
    for x, y in points:
        if not inside_image((x, y), image.columns, image.rows):
            raise UserError(
                _tr(
                    "The point {x},{y} is outside the image ({columns} x {rows} pixels; x is the column, y the row)."
                ).format(x=f"{x:g}", y=f"{y:g}", columns=image.columns, rows=image.rows)
            )
    calibration = image.calibration
    if given:
        calibration = manual_calibration(*given, native=image.calibration)
    elif not calibration.calibrated:
        raise UserError(
            _tr(
                "{file} has no scale of its own: give --calibrate X1,Y1,X2,Y2,LENGTH_MM with two points on an "
                "object of known length (the 13 mm barium tablet, a ruler) to measure on it."
            ).format(file=args.file)
        )
    length = distance_mm((start[0], start[1]), (end[0], end[1]), calibration)
    if args.json:
        document = {
            "file": str(args.file),
            "from": start,
            "to": end,
            "length_mm": round(length, 2),
            "length_cm": round(length / 10, 3),
            "calibration": _calibration_json(calibration),
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return EXIT_OK
    number = _SPEECH.notation().number  # type: ignore[attr-defined]
    print(
        _tr("Length: {mm} mm ({cm} cm); calibration: {calibration}").format(
            mm=number(decimal_mm(length, 1).quantize(Decimal("0.1"))),
            cm=number(decimal_mm(length / 10, 2).quantize(Decimal("0.01")).normalize()),
            calibration=_SPEECH.render(calibration.explanation()),
        )
    )
    return EXIT_OK


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _cmd_image_attach(args: argparse.Namespace) -> int:
    from barium_tracker.services.images.library import FilmMismatch, attach_film

    with _open(args) as clinic:
        try:
            done = attach_film(
                clinic,
                args.mrn,
                args.study_date,
                args.minute,
                args.file.expanduser(),
                confirm_mismatch=args.confirm_mismatch,
            )
        except FilmMismatch as mismatch:
            print(_tr("barium-tracker: {error}").format(error=_SPEECH.render(mismatch)), file=sys.stderr)
            print(_tr("To attach it all the same, run the command again with --confirm-mismatch."), file=sys.stderr)
            return EXIT_USER_ERROR
    head = _tr("Attached {file} to {mrn}'s TBE study of {date} at {minute} min (image {sha256})")
    print(
        head.format(
            file=args.file.name,
            mrn=args.mrn,
            date=_SPEECH.date(args.study_date),
            minute=args.minute,
            sha256=done.sha256[:12],
        )
    )
    if not done.stored_new:
        print(_tr("The same file was stored already: it was not stored twice."))
    for difference in done.confirmed:
        print(_tr("Confirmed difference: {difference}").format(difference=_SPEECH.render(difference)))
    return EXIT_OK


def _cmd_image_list(args: argparse.Namespace) -> int:
    from barium_tracker.services.images.library import list_images

    with _open(args) as clinic:
        found = list_images(clinic, args.mrn)
    if args.json:
        for item in found:
            record = {
                "attachment_id": item.attachment_id,
                "sha256": item.sha256,
                "kind": item.kind,
                "date": item.record_date.isoformat(),
                "minute": item.minute,
                "file_name": item.file_name,
                "media_type": item.media_type,
                "byte_size": item.byte_size,
                "rows": item.rows,
                "columns": item.columns,
                "calibration_source": item.calibration_source,
                "attached_at": item.attached_at.isoformat(timespec="seconds") + "Z",
                "attached_by": item.attached_by,
                "confirmed_mismatch": list(item.confirmed_mismatch),
            }
            print(json.dumps(record, ensure_ascii=False))
        return EXIT_OK
    if not found:
        print(_tr("No images attached to {mrn}.").format(mrn=args.mrn))
        return EXIT_OK
    for item in found:
        where = (
            _tr("TBE {date} {minute} min").format(date=_SPEECH.date(item.record_date), minute=item.minute)
            if item.kind == "film"
            else _tr("endoscopy {date}").format(date=_SPEECH.date(item.record_date))
        )
        size = _tr("{rows} x {columns} px").format(rows=item.rows, columns=item.columns) if item.rows else "-"
        kib = _SPEECH.notation().number(round(item.byte_size / 1024))  # type: ignore[attr-defined]
        line = _tr("{where}: {file} ({media_type}, {kib} KiB, {size}, calibration {calibration}), {by} {at}")
        print(
            line.format(
                where=where,
                file=item.file_name,
                media_type=item.media_type,
                kib=kib,
                size=size,
                calibration=item.calibration_source or "-",
                by=item.attached_by,
                at=_SPEECH.date(item.attached_at.date()),
            )
        )
    print(_tr("{count} image(s)").format(count=len(found)))
    return EXIT_OK


def _cmd_image_figure(args: argparse.Namespace) -> int:
    from barium_tracker.services.images.figure import film_pair, save_film_figure
    from barium_tracker.services.report import Writing

    written = _SPEECH.notation()
    writing = Writing(_SPEECH.translate, written.number, written.date)
    with _open(args) as clinic:
        pair = film_pair(clinic, args.mrn, args.minute, args.before, args.after)
    path = save_film_figure(pair, args.output.expanduser(), writing)
    print(
        _tr("Wrote {path}: the {minute}-min films of {before} and {after}").format(
            path=path,
            minute=pair.minute,
            before=_SPEECH.date(pair.before.study_date),
            after=_SPEECH.date(pair.after.study_date),
        )
    )
    return EXIT_OK


_IMAGE_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "info": _cmd_image_info,
    "measure": _cmd_image_measure,
    "attach": _cmd_image_attach,
    "list": _cmd_image_list,
    "figure": _cmd_image_figure,
}


def _cmd_image(args: argparse.Namespace) -> int:
    return _IMAGE_COMMANDS[args.image_command](args)


_COMMANDS = {
    "db": _cmd_db,
    "demo": _cmd_demo,
    "patients": _cmd_patients,
    "summary": _cmd_summary,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "import": _cmd_import,
    "export": _cmd_export,
    "report": _cmd_report,
    "settings": _cmd_settings,
    "image": _cmd_image,
}


def _advice(args: argparse.Namespace, error: UserError) -> str:
    """The error, and when the database is damaged (found on opening or by a query), its newest good backup and the
    command that restores it."""
    from barium_tracker.services.clinic import DatabaseUnavailable, open_failure_advice

    if not isinstance(error, DatabaseUnavailable) or args.command in ("restore", "demo"):
        return _SPEECH.render(error)
    advice = open_failure_advice(getattr(args, "db", None), error)
    said = _SPEECH.render(error)
    return said if advice is None else f"{said}\n{_SPEECH.render(advice)}"


def main(argv: Sequence[str] | None = None) -> int:
    from barium_tracker.services.privacy import restrict_umask

    restrict_umask()  # the database, its backups, exports and reports: private to this user (docs/database.md)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.demo and args.db:
        parser.error("--demo opens its own temporary database; leave out --db")
    try:
        if args.command is None:
            return _run_gui(args)
        _SPEECH.choose(getattr(args, "language", None))
        return _COMMANDS[args.command](args)
    except UserError as error:
        print(_tr("barium-tracker: {error}").format(error=_advice(args, error)), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(_tr("barium-tracker: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PROBLEM
    except OSError as error:  # a file the command was given or writes: the system's reason, not a traceback
        from barium_tracker.services.output_files import reason

        where = f" ({error.filename})" if error.filename else ""
        print(f"barium-tracker: {reason(error)}{where}", file=sys.stderr)
        return EXIT_USER_ERROR
