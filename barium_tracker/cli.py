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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="barium-tracker",
        description="Timed barium esophagogram records and treatment response for achalasia clinics. "
        "Without a command, opens the workstation window.",
    )
    parser.add_argument("--version", action="version", version=f"barium-tracker {__version__}")
    _db_option(parser, top=True)
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
    summary.add_argument("mrn")
    summary.add_argument("--json", action="store_true", help="the stable JSON form (docs/summary-json.md)")
    return parser


def _open(args: argparse.Namespace, *, migrate: bool = True):
    from barium_tracker.services.clinic import Clinic

    return Clinic.open(args.db, migrate=migrate)


def _cmd_db(args: argparse.Namespace) -> int:
    if args.action == "upgrade":
        with _open(args) as clinic:
            report = clinic.check()
            if clinic.last_backup:
                print(f"Backed up the previous file to {clinic.last_backup}")
            print(f"{report.location}: schema {report.current} (newest known: {report.head})")
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
        sys.stdout.write(summary_to_text(summary))
    return EXIT_OK


def _run_gui(args: argparse.Namespace) -> int:
    from barium_tracker.ui.app import launch

    return launch(args.db, demo=args.demo)


_COMMANDS = {"db": _cmd_db, "demo": _cmd_demo, "patients": _cmd_patients, "summary": _cmd_summary}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.demo and args.db:
        parser.error("--demo opens its own temporary database; leave out --db")
    try:
        if args.command is None:
            return _run_gui(args)
        return _COMMANDS[args.command](args)
    except UserError as error:
        print(f"barium-tracker: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("barium-tracker: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PROBLEM
