"""The front door: the GUI by default, and sub-commands for headless work (scripts, servers, support)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from barium_tracker import __version__
from barium_tracker.domain.errors import UserError

EXIT_OK = 0
EXIT_PROBLEM = 1  # the command ran and found a problem (e.g. db check)
EXIT_USER_ERROR = 2  # bad input or an unusable database: message on stderr, no traceback


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
    db.add_argument(
        "action", choices=["upgrade", "check"], help="upgrade: migrate (after a backup); check: report only"
    )

    demo = commands.add_parser("demo", help="demo data")
    demo.add_argument("action", choices=["create"])
    demo.add_argument("path", type=Path, help="new SQLite file to create")
    demo.add_argument(
        "--patients", type=int, default=None, help="synthetic patients besides the seed case (default 40)"
    )

    patients = commands.add_parser("patients", help="list patients")
    _db_option(patients, top=False)
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
    report.add_argument("mrn")
    report.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument("--page-size", choices=["a4", "letter"], default="a4")
    report.add_argument("--clinic-name", default=None, help="printed in the report header")

    backup = commands.add_parser("backup", help="a verified copy of the SQLite database, safe while the app is open")
    _db_option(backup, top=False)
    backup.add_argument(
        "destination", nargs="?", type=Path, default=None, help="file or folder (default: backups/ beside the database)"
    )

    settings = commands.add_parser(
        "settings", help="the clinic-wide settings every workstation shares: show them, or change some"
    )
    _db_option(settings, top=False)
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

    restore = commands.add_parser(
        "restore", help="replace the SQLite database with a backup (checked first; the replaced file is kept)"
    )
    _db_option(restore, top=False)
    restore.add_argument("source", type=Path, help="the backup file")
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace the database even when it was written by a newer version or is not Barium Tracker's",
    )
    return parser


def _open(args: argparse.Namespace, *, migrate: bool = True, daily_backup: bool = True):
    """The clinic database of ``--db``; the first open of a day backs up a SQLite file (docs/database.md)."""
    from barium_tracker.services.clinic import Clinic

    clinic = Clinic.open(args.db, migrate=migrate, daily_backup=daily_backup and migrate)
    if clinic.backup_problem:
        print(f"barium-tracker: warning: the daily backup failed: {clinic.backup_problem}", file=sys.stderr)
    return clinic


def _cmd_db(args: argparse.Namespace) -> int:
    if args.action == "upgrade":
        with _open(args) as clinic:
            report = clinic.check()
            if clinic.last_backup:
                print(f"Backed up the previous file to {clinic.last_backup}")
            print(f"{report.location}: schema {report.current} (newest known: {report.head})")
            if report.problems:
                print("Integrity:     PROBLEMS FOUND")
                for problem in report.problems:
                    print(f"  - {problem}")
                return EXIT_PROBLEM
            return EXIT_OK
    with _open(args, migrate=False) as clinic:
        report = clinic.check()
    print(f"Database:      {report.location} ({report.backend})")
    print(f"Schema:        {report.current or 'none'} (this version knows up to {report.head})")
    state_text = {
        "current": "up to date",
        "outdated": "older schema: run 'barium-tracker db upgrade' (a backup is made first)",
        "empty": "empty: it will be set up when first opened",
    }
    print(f"State:         {state_text.get(report.state, report.state)}")
    if report.problems:
        print("Integrity:     PROBLEMS FOUND")
        for problem in report.problems:
            print(f"  - {problem}")
    elif report.backend == "sqlite":
        print("Integrity:     ok")
    return EXIT_OK if report.ok else EXIT_PROBLEM


def _cmd_demo(args: argparse.Namespace) -> int:
    from barium_tracker.services.demo import DEMO_COHORT_SIZE, create_demo_database

    size = DEMO_COHORT_SIZE if args.patients is None else args.patients
    if size < 0:
        raise UserError("--patients must be 0 or more")
    path = create_demo_database(args.path.expanduser().resolve(), size)
    print(f"Created demo database {path} (seed case DEMO-0001 and {size} synthetic patients)")
    return EXIT_OK


def _cmd_patients(args: argparse.Namespace) -> int:
    import datetime as dt

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
        print("No patients match." if args.search else "No patients yet.")
        return EXIT_OK
    print(f"{'MRN':<14} {'Name':<36} {'Age':>3}  {'Diagnosis':<26} {'Last TBE':<10}  Last procedure")
    for p in items:
        age = p.age_years(today)
        print(
            f"{p.mrn:<14} {p.display_name[:36]:<36} {age if age is not None else '':>3}  {p.diagnosis.label:<26} "
            f"{p.last_study_date.isoformat() if p.last_study_date else '-':<10}  "
            f"{p.last_procedure_date.isoformat() if p.last_procedure_date else '-'}"
        )
    print(f"{len(items)} patient(s)")
    return EXIT_OK


def _cmd_summary(args: argparse.Namespace) -> int:
    from barium_tracker.services.presentation import summary_to_text
    from barium_tracker.services.summary import patient_summary, summary_to_json

    with _open(args) as clinic:
        summary = patient_summary(clinic, args.mrn)
    if args.json:
        print(json.dumps(summary_to_json(summary), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(summary_to_text(summary, **_translation(args)))
    return EXIT_OK


def _translation(args: argparse.Namespace) -> dict[str, object]:
    """The ``translate`` argument that puts a command's words in its language (none: English, as written)."""
    from barium_tracker.ui import language

    language.request(getattr(args, "language", None))
    chosen = language.command_language()
    return {} if chosen == language.ENGLISH else {"translate": language.translate_function(chosen)}


class _TerminalProgress:
    """Progress on stderr for long commands, only when stderr is a terminal (scripts and logs stay clean)."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int | None, stage: str) -> None:
        if not self.enabled:
            return
        amount = f" {done}/{total}" if total else ""
        sys.stderr.write(f"\r\x1b[K{stage}{amount}")
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
            raise UserError(f"--map {pair!r}: write it as HEADER=COLUMN, e.g. --map 'Fecha=study_date'")
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
            print(f"barium-tracker: nothing was imported; {len(failure.problems)} problem(s):", file=sys.stderr)
            for problem in failure.problems:
                print(f"  {problem}", file=sys.stderr)
            return EXIT_USER_ERROR
    for line in result.summary_lines():
        print(line)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    output = args.output.expanduser()
    with _open(args) as clinic, _TerminalProgress() as progress:
        if args.format in ("csv", "csv-excel", "xlsx"):
            from barium_tracker.services.exchange import export_tables

            written = export_tables(clinic, output, fmt=args.format, mrns=args.mrn, progress=progress)
            lines = [f"Wrote {path}" for path in written]
        elif args.format == "fhir":
            from barium_tracker.services.fhir_export import write_fhir

            lines = [f"Wrote FHIR bundle {write_fhir(clinic, output, mrns=args.mrn, progress=progress)}"]
        else:
            from barium_tracker.services.research_export import write_research_export

            result = write_research_export(clinic, output, mrns=args.mrn, progress=progress)
            lines = [
                f"Wrote research export for {result.patients} patient(s) to {result.destination}",
                *(f"  {path.name}" for path in result.files),
            ]
    print("\n".join(lines))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from barium_tracker.services.report import PageSize, write_report_pdf

    output = args.output.expanduser()
    with _open(args) as clinic, _TerminalProgress() as progress:
        path = write_report_pdf(
            clinic,
            args.mrn,
            output,
            page_size=PageSize(args.page_size),
            clinic_name=args.clinic_name,
            progress=progress,
        )
    print(f"Wrote report {path}")
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace) -> int:
    from barium_tracker.services.backups import backup_now

    destination = args.destination.expanduser() if args.destination else None
    with _open(args, daily_backup=False) as clinic, _TerminalProgress() as progress:
        path = backup_now(clinic, destination, progress=progress)
    print(f"Backed up {clinic.location} to {path} (verified)")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from barium_tracker.services.backups import database_file, restore

    target = database_file(args.db)
    with _TerminalProgress() as progress:
        result = restore(target, args.source.expanduser().resolve(), progress=progress, force=args.force)
    print(result.message)
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
        if args.eckardt_success_max is not None:
            try:
                interpretation = InterpretationSettings(eckardt_success_max=args.eckardt_success_max)
            except ValueError as error:
                raise UserError(str(error)) from error
        if args.clinic_name is not None:
            clinic.set_clinic_name(args.clinic_name)
        if system is not None:
            set_mrn_system(clinic, system)
        if interpretation is not None:
            clinic.set_interpretation_settings(interpretation)
        changed = any(v is not None for v in (args.clinic_name, system, interpretation))
        print(("Settings changed for " if changed else "Settings of ") + str(clinic.location))
        print(f"  Clinic name:           {clinic.clinic_name() or '(not set: reports print no clinic name)'}")
        print(f"  MRN system (FHIR):     {mrn_system(clinic)}")
        print(f"  Eckardt success:       total <= {clinic.interpretation_settings().eckardt_success_max}")
    return EXIT_OK


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
}


def _advice(args: argparse.Namespace, error: UserError) -> str:
    """The error, and when the database is damaged (found on opening or by a query), its newest good backup and the
    command that restores it."""
    from barium_tracker.services.clinic import DatabaseUnavailable, open_failure_advice

    if not isinstance(error, DatabaseUnavailable) or args.command in ("restore", "demo"):
        return str(error)
    return open_failure_advice(getattr(args, "db", None), error)


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
        return _COMMANDS[args.command](args)
    except UserError as error:
        print(f"barium-tracker: {_advice(args, error)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("barium-tracker: interrupted", file=sys.stderr)
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
