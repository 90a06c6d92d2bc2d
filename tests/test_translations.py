"""The Spanish catalogue: complete, faithful to its sources' placeholders, and in step with the code.

Qt's lupdate finds ``tr()``/``translate()`` only when the text is a literal, and cannot see ``N_()``; the catalogue
is built by tools/translations.py from both, and these tests fail when either drifts.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from tools import translations

CATALOGUE = translations.read_catalogue(translations.catalogue_path("es"))
_QT_PLACEHOLDER = re.compile(r"%(?:n|L?\d+)")


def _placeholders(text: str) -> list[str]:
    """``{name!conversion:spec}`` fields and Qt's ``%1``/``%n``, sorted (order may change in a translation)."""
    fields = [
        "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        for _, name, spec, conv in string.Formatter().parse(text)
        if name is not None
    ]
    return sorted(fields + _QT_PLACEHOLDER.findall(text))


def test_the_catalogue_is_not_empty() -> None:
    assert len(CATALOGUE) > 700
    assert {"MainWindow", "fields", "enums", "wording", "report", "summary", "cohort"} <= {c for c, _ in CATALOGUE}


def test_no_translation_is_unfinished_or_empty() -> None:
    text = translations.catalogue_path("es").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert 'type="vanished"' not in text and 'type="obsolete"' not in text
    empty = [key for key, entry in CATALOGUE.items() if not entry.translation.strip()]
    assert not empty


@pytest.mark.parametrize("key", sorted(CATALOGUE), ids=lambda key: f"{key[0]}:{key[1][:40]}")
def test_a_translation_keeps_exactly_the_placeholders_of_its_source(key: tuple[str, str]) -> None:
    entry = CATALOGUE[key]
    assert _placeholders(entry.translation) == _placeholders(entry.source)
    assert entry.translation.count("\n") == entry.source.count("\n") or "\n" not in entry.source
    if "&" in entry.source and not entry.source.startswith("{"):  # a menu accelerator keeps one
        assert entry.translation.count("&") == entry.source.count("&")


def test_every_marked_string_is_in_the_catalogue_under_its_context() -> None:
    marked = translations.marked_messages().messages
    missing = {key: where for key, where in marked.items() if key not in CATALOGUE}
    assert not missing


def test_the_catalogue_is_what_the_sources_hold_now() -> None:
    assert translations.check("es") == []


def test_the_ast_scan_finds_n_strings_under_the_context_they_are_translated_in() -> None:
    marked = translations.marked_messages().messages
    assert ("fields", "Height at {minute} min") in marked  # a field label
    assert ("wording", "days") in marked  # a field's unit word: translated with the message
    assert ("enums", "Achalasia type II") in marked  # a coded value
    assert ("report", "Response to treatment") in marked  # services/report: phrases.say
    assert ("summary", "Timeline") in marked  # services/presentation: its own context
    assert ("wording", "not measured") in marked  # translate(TRANSLATION_CONTEXT, N_(...))
    assert ("ReportPreview", "Save report as PDF") in marked  # a module's _tr() helper
    assert ("RecordEditor", "Discard the changes you made?") in marked  # a helper with a docstring too
    assert ("CohortView", "no stasis") in marked  # ui/cohort/words.tr()
    assert ("verdicts", "No stasis: {height} cm at {minute} min (Rohof: stasis is > {limit} cm)") in marked


def test_every_translation_call_names_its_text_with_a_literal() -> None:
    """lupdate (and the ast scan) can only extract a literal; a variable is translated only where it was marked."""
    # Deferred text: marked with N_() or QT_TRANSLATE_NOOP where it is declared, translated here.
    deferred = {
        "barium_tracker/ui/translate.py",
        "barium_tracker/ui/actions.py",
        "barium_tracker/ui/undo.py",
        "barium_tracker/ui/record_editing.py",
        "barium_tracker/ui/timeline_model.py",
        "barium_tracker/ui/cohort/words.py",
        "barium_tracker/ui/editors/procedure_editor.py",
        "barium_tracker/ui/report_preview.py",
        "barium_tracker/ui/cohort/columns.py",
        "barium_tracker/ui/import_wizard.py",
        "barium_tracker/ui/fields.py",
        "barium_tracker/ui/patient_list_model.py",
        "barium_tracker/ui/export_dialog.py",
        "barium_tracker/ui/data_actions.py",
        "barium_tracker/ui/restore_dialog.py",
        "barium_tracker/ui/editors/base.py",
    }
    wrong = []
    for where, call, kind in translations.translation_calls():
        path = where.rsplit(":", 1)[0]
        if kind == "tr":
            owner = call.func.value  # type: ignore[attr-defined]
            literal = bool(call.args) and isinstance(call.args[0], ast.Constant)
            # lupdate names the context after what is written before .tr: self (its class) or a Qt class.
            named = isinstance(owner, ast.Name) and (owner.id == "self" or owner.id[:1].isupper())
            if not (literal and named):
                wrong.append(where)
        elif kind == "helper":
            if not (call.args and isinstance(call.args[0], ast.Constant)):
                wrong.append(where)
        else:
            text = call.args[1] if len(call.args) > 1 else None
            if isinstance(text, ast.Constant):
                if not isinstance(call.args[0], ast.Constant):
                    wrong.append(f"{where} (context not a literal: lupdate cannot file it)")
            elif path not in deferred:
                wrong.append(where)
    assert not wrong


def test_tools_find_the_qt_tools_of_the_running_environment() -> None:
    assert Path(translations.qt_tool("pyside6-lrelease")).name == "pyside6-lrelease"


def _catalogue(path: Path, *messages: tuple[str, str, str, bool]) -> Path:
    entries = [translations.Entry(ctx, src, text, finished) for ctx, src, text, finished in messages]
    translations.write_catalogue(path, "es", entries)
    return path


def test_the_merge_driver_merges_two_branches_catalogues_message_by_message(tmp_path: Path) -> None:
    base = _catalogue(
        tmp_path / "base.ts",
        ("ui", "Save", "Guardar", True),
        ("ui", "Patient", "Paciente", True),
        ("ui", "Gone", "Ido", True),
        ("ui", "Both", "Ambos", True),
    )
    ours = _catalogue(
        tmp_path / "ours.ts",
        ("ui", "Save", "Grabar", True),  # changed here
        ("ui", "Patient", "Paciente", True),
        ("ui", "Both", "Los dos", True),
        ("ui", "Ours", "Nuestro", True),  # added here
    )  # "Gone" removed here
    theirs = _catalogue(
        tmp_path / "theirs.ts",
        ("ui", "Save", "Guardar", True),
        ("ui", "Patient", "Paciente (m/f)", True),  # changed there
        ("ui", "Gone", "Ido", True),
        ("ui", "Both", "Ambas", True),
        ("ui", "Theirs", "Suyo", False),  # added there, not yet translated
    )
    conflicts = translations.merge(base, ours, theirs)
    merged = {key: (e.translation, e.finished) for key, e in translations.read_catalogue(ours).items()}
    assert merged == {
        ("ui", "Save"): ("Grabar", True),
        ("ui", "Patient"): ("Paciente (m/f)", True),
        ("ui", "Both"): ("Ambas", False),
        ("ui", "Ours"): ("Nuestro", True),
        ("ui", "Theirs"): ("Suyo", False),
    }
    assert conflicts == ["both sides changed 'ui' 'Both': 'Los dos' / 'Ambas'"]


def test_merging_a_catalogue_with_itself_changes_no_byte(tmp_path: Path) -> None:
    catalogue = translations.catalogue_path("es")
    copy = tmp_path / "copy.ts"
    copy.write_bytes(catalogue.read_bytes())
    assert translations.merge(catalogue, copy, catalogue) == []
    assert copy.read_bytes() == catalogue.read_bytes()
