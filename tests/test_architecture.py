"""Rules about the package's structure that import-linter cannot express, checked on the source with ``ast``.

- Only ``barium_tracker/ui/`` imports ``PySide6.QtWidgets`` (services may use QtGui for PDF reports).
- ``barium_tracker/domain/`` is plain Python: no PySide6, shiboken6, SQLAlchemy, Alembic or psycopg.
- Nothing imports ``pickle`` or calls ``eval``/``exec``.
- Every module starts with a docstring.

Offenders are reported as ``path:line``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import barium_tracker

PACKAGE_DIR = Path(barium_tracker.__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent
MODULES = sorted(PACKAGE_DIR.rglob("*.py"))

DOMAIN_FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "psycopg")
UNSAFE_MODULES = ("pickle", "_pickle", "cPickle", "dill", "shelve")
UNSAFE_CALLS = ("eval", "exec")


def _rel(path: Path) -> str:
    return path.relative_to(SOURCE_ROOT).as_posix()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_under(path: Path, subpackage: str) -> bool:
    return path.is_relative_to(PACKAGE_DIR / subpackage)


def _within(name: str, root: str) -> bool:
    return name == root or name.startswith(root + ".")


def imported_names(tree: ast.Module) -> Iterator[tuple[str, int]]:
    """Every module an ``import``/``from`` statement (or ``importlib.import_module("...")``) brings in, with its line.

    ``from PySide6 import QtWidgets`` yields both ``PySide6`` and ``PySide6.QtWidgets``.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level or not node.module:
                continue  # relative imports stay inside the package
            yield node.module, node.lineno
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            first = node.args[0]
            is_text = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if name in ("import_module", "__import__") and is_text:
                yield first.value, node.lineno


def _offenders(rule: Callable[[Path, ast.Module], Iterator[tuple[int, str]]]) -> list[str]:
    found = []
    for path in MODULES:
        for line, what in rule(path, _tree(path)):
            found.append(f"{_rel(path)}:{line}: {what}")
    return found


def test_the_package_sources_are_found() -> None:
    assert (PACKAGE_DIR / "cli.py") in MODULES
    assert any(_is_under(p, "domain") for p in MODULES)
    assert any(_is_under(p, "ui") for p in MODULES)


def test_only_the_ui_imports_qtwidgets() -> None:
    def rule(path: Path, tree: ast.Module) -> Iterator[tuple[int, str]]:
        if _is_under(path, "ui"):
            return
        for name, line in imported_names(tree):
            if _within(name, "PySide6.QtWidgets"):
                yield line, f"imports {name}"

    offenders = _offenders(rule)
    assert not offenders, "QtWidgets outside barium_tracker/ui/:\n" + "\n".join(offenders)


def test_the_domain_is_plain_python() -> None:
    def rule(path: Path, tree: ast.Module) -> Iterator[tuple[int, str]]:
        if not _is_under(path, "domain"):
            return
        for name, line in imported_names(tree):
            if any(_within(name, root) for root in DOMAIN_FORBIDDEN):
                yield line, f"imports {name}"

    offenders = _offenders(rule)
    assert not offenders, "the domain imports a framework:\n" + "\n".join(sorted(set(offenders)))


def test_no_pickle_and_no_eval_or_exec() -> None:
    def rule(_path: Path, tree: ast.Module) -> Iterator[tuple[int, str]]:
        for name, line in imported_names(tree):
            if any(_within(name, root) for root in UNSAFE_MODULES):
                yield line, f"imports {name}"
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in UNSAFE_CALLS:
                    yield node.lineno, f"calls {func.id}()"
                elif (
                    isinstance(func, ast.Attribute)
                    and func.attr in UNSAFE_CALLS
                    and isinstance(func.value, ast.Name)
                    and func.value.id in ("builtins", "__builtins__")
                ):
                    yield node.lineno, f"calls {func.value.id}.{func.attr}()"

    offenders = _offenders(rule)
    assert not offenders, "unsafe deserialisation or code execution:\n" + "\n".join(sorted(set(offenders)))


def test_every_module_has_a_docstring() -> None:
    def rule(_path: Path, tree: ast.Module) -> Iterator[tuple[int, str]]:
        first = tree.body[0] if tree.body else None
        is_docstring = (
            isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
        )
        if not is_docstring or not ast.get_docstring(tree, clean=True):
            yield (first.lineno if first else 1), "no module docstring as the first statement"

    offenders = _offenders(rule)
    assert not offenders, "modules without a docstring:\n" + "\n".join(offenders)


# The rules themselves, on small snippets, so a broken checker cannot pass silently.


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import PySide6.QtWidgets", "PySide6.QtWidgets"),
        ("from PySide6 import QtWidgets", "PySide6.QtWidgets"),
        ("from PySide6.QtWidgets import QApplication", "PySide6.QtWidgets"),
        ("import importlib\nimportlib.import_module('PySide6.QtWidgets')", "PySide6.QtWidgets"),
        ("from sqlalchemy.orm import Session", "sqlalchemy.orm"),
        ("import pickle as p", "pickle"),
    ],
)
def test_imported_names_sees_every_form(source: str, expected: str) -> None:
    assert expected in {name for name, _ in imported_names(ast.parse(source))}


def test_imported_names_ignores_relative_imports() -> None:
    assert list(imported_names(ast.parse("from . import sqlalchemy_helpers"))) == []
