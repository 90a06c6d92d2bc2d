"""docs/research-export.md agrees with the research export: the files and their columns, and the dictionary of
every column (type, unit, description), whose clinical columns come from the field declaration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from barium_tracker.domain import fields
from barium_tracker.services.research_export import DICTIONARY_COLUMNS, FILES, Column

DOC = Path(__file__).resolve().parents[2] / "docs" / "research-export.md"
TEXT = DOC.read_text(encoding="utf-8")


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row; ``\\|`` is a pipe inside a cell."""
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def _section(title: str) -> str:
    body = TEXT.split(f"\n## {title}\n", 1)[1]
    return body.split("\n## ", 1)[0]


def _files_table() -> dict[str, list[str]]:
    rows = [_cells(line) for line in _section("Files").splitlines() if line.startswith("|")][2:]
    return {file.strip("`"): [c.strip() for c in columns.split(",")] if columns else [] for file, _, columns in rows}


def _dictionary() -> dict[str, list[Column]]:
    found: dict[str, list[Column]] = {}
    for chunk in _section("Dictionary (`dictionary.csv`)").split("\n### ")[1:]:
        heading, _, body = chunk.partition("\n")
        rows = [_cells(line) for line in body.splitlines() if line.startswith("|")]
        assert rows[0] == ["column", "type", "unit", "description"], heading
        found[heading.strip("`")] = [Column(name.strip("`"), kind, unit, text) for name, kind, unit, text in rows[2:]]
    return found


def expected_dictionary_markdown() -> str:
    """The dictionary section's tables as they should read (printed when the document is behind)."""
    lines: list[str] = []
    for name, columns in FILES.items():
        lines += [f"### `{name}`", "", "| column | type | unit | description |", "|---|---|---|---|"]
        for c in columns:
            lines.append(f"| `{c.name}` | {c.kind} | {c.unit} | {c.description.replace('|', chr(92) + '|')} |")
        lines.append("")
    return "\n".join(lines).replace("|  |", "| |")


def test_the_files_table_lists_every_file_with_its_columns_in_order() -> None:
    documented = _files_table()
    assert documented.pop("dictionary.csv") == list(DICTIONARY_COLUMNS)
    assert "README.txt" in documented  # its third cell says what it holds, not columns
    del documented["README.txt"]
    assert documented == {name: [c.name for c in columns] for name, columns in FILES.items()}


def test_the_dictionary_section_is_the_exports_dictionary() -> None:
    documented = _dictionary()
    expected = {name: list(columns) for name, columns in FILES.items()}
    assert documented == expected, "docs/research-export.md is behind; its dictionary reads:\n\n" + (
        expected_dictionary_markdown()
    )


@pytest.mark.parametrize("declared", [f for f in fields.all_fields() if f.research is not None], ids=lambda f: f.key)
def test_every_field_with_a_research_description_is_exported_as_declared(declared: fields.Field) -> None:
    columns = [c for cols in FILES.values() for c in cols if c.name == declared.name]
    assert columns, f"{declared.key} has a research description but no research column"
    for column in columns:
        assert (column.unit, column.description) == (declared.unit, declared.research)
