"""Builds and compiles the translation catalogue: ``python tools/translations.py update|compile|check``.

The catalogue ``resources/translations/barium_tracker_es.ts`` (Qt Linguist XML) holds two kinds of messages:

- what ``pyside6-lupdate`` extracts from the package: ``self.tr("...")``, ``QCoreApplication.translate("ctx",
  "...")`` and ``QT_TRANSLATE_NOOP("ctx", "...")``;
- what lupdate cannot see, found here by an ``ast`` scan of the package: English marked with ``N_()`` for deferred
  translation (domain and services), under the context the GUI translates it in, and the literals passed to a
  module's one-line translation helper (``def _tr(text): return QCoreApplication.translate("Ctx", text)``).

``update`` writes the catalogue again from the sources and keeps every translation already in it (a message whose
source vanished from the code is dropped; a new one is left unfinished for the translator). ``compile`` turns each
``.ts`` into the ``.qm`` the program loads, with ``pyside6-lrelease`` (``make translations`` and the wheel's build
hook, ``hatch_build.py``, call it). ``check`` fails when the catalogue is out of date or a translation is missing.
``merge BASE OURS THEIRS`` merges two branches' catalogues message by message (the merge driver that
``.gitattributes`` names; see docs/development.md).

The context of an ``N_()`` string, in order: the context argument of the call it is passed to
(``translate(CONTEXT, N_("..."))``, ``Message(N_("..."), args, CONTEXT)``); "wording" for a field's unit words
(``unit=N_("days")``, which ``ui.translate.unit`` and messages translate in the message context); the context of
the ``say`` the module imports, when the string is passed to it; the module's own ``TRANSLATION_CONTEXT``; the
context of the ``say`` it imports; else "wording" (the default context of a :class:`Message`).
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "barium_tracker"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("es",)
DEFAULT_CONTEXT = "wording"  # domain/messages.py: the context of a Message unless it names another
UNIT_KEYWORDS = ("unit", "unit_one")  # Field(unit=N_("days")): translated in the message context

Key = tuple[str, str]  # (context, English source)


def catalogue_path(language: str) -> Path:
    return TRANSLATIONS / f"barium_tracker_{language}.ts"


def compiled_path(language: str) -> Path:
    return TRANSLATIONS / f"barium_tracker_{language}.qm"


def qt_tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease``: beside the running Python (a venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} was not found (it comes with PySide6: pip install PySide6-Essentials)")
    return found


def package_files(package: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in package.rglob("*.py") if "migrations" not in p.parts)


# -- the ast scan ------------------------------------------------------------------------------------------------


@dataclass
class Found:
    """Messages found in the sources, each with where it was found (``path:line``)."""

    messages: dict[Key, list[str]] = field(default_factory=dict)

    def add(self, context: str, source: str, where: str) -> None:
        self.messages.setdefault((context, source), []).append(where)


def _module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _string(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


@dataclass
class _Module:
    name: str
    path: Path
    tree: ast.Module
    constants: dict[str, str] = field(default_factory=dict)  # module-level NAME = "text"
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # local name -> (module, name)
    module_aliases: dict[str, str] = field(default_factory=dict)  # local name -> module ("from x import fields")
    helpers: dict[str, str] = field(default_factory=dict)  # def _tr(text): translate("Ctx", text) -> Ctx

    @property
    def context(self) -> str | None:
        return self.constants.get("TRANSLATION_CONTEXT")


def _parse(path: Path, package: Path) -> _Module:
    module = _Module(_module_name(path, package), path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
    for node in module.tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            text = _string(node.value)
            if text is not None:
                module.constants[node.targets[0].id] = text
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            text = _string(node.value)
            if text is not None:
                module.constants[node.target.id] = text
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                module.imports[alias.asname or alias.name] = (node.module, alias.name)
                module.module_aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return module


def _find_helpers(module: _Module) -> None:
    """Module functions whose body is ``return QCoreApplication.translate(<context>, <their one argument>)``."""
    for node in module.tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1:
            continue
        statements = node.body[1:] if ast.get_docstring(node) is not None else node.body  # a docstring is no code
        if len(statements) != 1:
            continue
        body = statements[0]
        if not (isinstance(body, ast.Return) and isinstance(body.value, ast.Call)):
            continue
        call = body.value
        if _callee(call) != "translate" or len(call.args) != 2:
            continue
        argument = node.args.args[0].arg
        if isinstance(call.args[1], ast.Name) and call.args[1].id == argument:
            context = _string(call.args[0])
            if context is None and isinstance(call.args[0], ast.Name):
                context = module.constants.get(call.args[0].id)
            if context is not None:
                module.helpers[node.name] = context


class _Scanner:
    def __init__(self, package: Path = PACKAGE) -> None:
        self.package = package
        self.modules = {m.name: m for m in (_parse(p, package) for p in package_files(package))}
        for module in self.modules.values():
            _find_helpers(module)

    def _resolve_context(self, module: _Module, node: ast.AST) -> str | None:
        """A context expression: a literal, a module constant, or ``other_module.TRANSLATION_CONTEXT``."""
        text = _string(node)
        if text is not None:
            return text
        if isinstance(node, ast.Name):
            if node.id in module.constants:
                return module.constants[node.id]
            if node.id in module.imports:
                source, name = module.imports[node.id]
                other = self.modules.get(source)
                return other.constants.get(name) if other else None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            other = self.modules.get(module.module_aliases.get(node.value.id, ""))
            return other.constants.get(node.attr) if other else None
        return None

    def _say_context(self, module: _Module, name: str = "say") -> str | None:
        """The context of the message-making helper ``name`` as the module knows it (imported or its own)."""
        if name in module.imports:
            source, _ = module.imports[name]
            other = self.modules.get(source)
            return (other.context or DEFAULT_CONTEXT) if other else None
        defined = any(isinstance(n, ast.FunctionDef) and n.name == name for n in module.tree.body)
        return (module.context or DEFAULT_CONTEXT) if defined else None

    def _marked_context(self, module: _Module, call: ast.Call, parents: dict[ast.AST, ast.AST]) -> str:
        node: ast.AST = call
        parent = parents.get(node)
        while isinstance(parent, ast.IfExp | ast.BoolOp):  # translate(ctx, a if b else N_("c"))
            node, parent = parent, parents.get(parent)
        if isinstance(parent, ast.keyword) and parent.arg in UNIT_KEYWORDS:
            return DEFAULT_CONTEXT
        if isinstance(parent, ast.Call):
            callee = _callee(parent)
            if callee == "translate" and len(parent.args) >= 2 and parent.args[1] is node:
                context = self._resolve_context(module, parent.args[0])
                if context is not None:
                    return context
            if callee == "Message" and parent.args and parent.args[0] is node:
                explicit = parent.args[2] if len(parent.args) > 2 else None
                explicit = explicit or next((k.value for k in parent.keywords if k.arg == "context"), None)
                context = self._resolve_context(module, explicit) if explicit is not None else DEFAULT_CONTEXT
                if context is not None:
                    return context
            if isinstance(parent.func, ast.Name) and parent.args and parent.args[0] is node:
                context = self._say_context(module, parent.func.id) if parent.func.id in ("say", "_say") else None
                if context is not None:
                    return context
        return module.context or self._say_context(module) or DEFAULT_CONTEXT

    def scan(self) -> Found:
        found = Found()
        for module in self.modules.values():
            parents = {child: node for node in ast.walk(module.tree) for child in ast.iter_child_nodes(node)}
            helpers = dict(module.helpers)
            for local, (source, name) in module.imports.items():
                other = self.modules.get(source)
                if other is not None and name in other.helpers:
                    helpers[local] = other.helpers[name]
            where = module.path.relative_to(self.package.parent).as_posix()
            for node in ast.walk(module.tree):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or not node.args:
                    continue
                text = _string(node.args[0])
                if node.func.id == "N_" and text is not None:
                    found.add(self._marked_context(module, node, parents), text, f"{where}:{node.lineno}")
                elif node.func.id in helpers and text is not None:
                    found.add(helpers[node.func.id], text, f"{where}:{node.lineno}")
        return found


def marked_messages(package: Path = PACKAGE) -> Found:
    """Every ``N_()`` string and every translation-helper literal of the package, under its context."""
    return _Scanner(package).scan()


def translation_calls(package: Path = PACKAGE) -> Iterator[tuple[str, ast.Call, str]]:
    """Every ``tr(...)``/``translate(...)``/helper call of the package, as (``path:line``, call, what its text is).

    "what": "tr" (the text is the first argument), "translate" (the second), "helper" (the first).
    """
    scanner = _Scanner(package)
    for module in scanner.modules.values():
        helpers = set(module.helpers)
        helpers |= {
            local for local, (src, name) in module.imports.items() if name in scanner.modules.get(src, module).helpers
        }
        where = module.path.relative_to(package.parent).as_posix()
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call):
                continue
            callee = _callee(node)
            if callee == "tr" and isinstance(node.func, ast.Attribute):
                yield f"{where}:{node.lineno}", node, "tr"
            elif callee == "translate" and isinstance(node.func, ast.Attribute) and node.func.attr == "translate":
                owner = node.func.value
                if isinstance(owner, ast.Name) and owner.id in ("QCoreApplication", "QApplication"):
                    yield f"{where}:{node.lineno}", node, "translate"
            elif isinstance(node.func, ast.Name) and node.func.id in helpers:
                yield f"{where}:{node.lineno}", node, "helper"


# -- lupdate -----------------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One message of a catalogue."""

    context: str
    source: str
    translation: str = ""
    finished: bool = False
    locations: list[str] = field(default_factory=list)
    comment: str = ""


def read_catalogue(path: Path) -> dict[Key, Entry]:
    entries: dict[Key, Entry] = {}
    if not path.is_file():
        return entries
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            element = message.find("translation")
            kind = element.get("type") if element is not None else "unfinished"
            text = (element.text or "") if element is not None else ""
            locations = [f"{loc.get('filename')}:{loc.get('line')}" for loc in message.iter("location")]
            entries[(name, source)] = Entry(
                name,
                source,
                text,
                kind not in ("unfinished", "obsolete", "vanished"),
                locations,
                message.findtext("comment") or "",
            )
    return entries


def lupdate_messages(package: Path = PACKAGE) -> dict[Key, Entry]:
    """What pyside6-lupdate extracts from the package (into a scratch file: the catalogue is merged here)."""
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "extracted.ts"
        files = [str(p) for p in package_files(package)]
        subprocess.run(
            [qt_tool("pyside6-lupdate"), "-silent", "-locations", "none", *files, "-ts", str(target)],
            check=True,
            cwd=package.parent,
        )
        extracted = read_catalogue(target)
    # lupdate files a free function ``tr("...")`` under the empty context; the ast scan knows the helper's context.
    return {key: entry for key, entry in extracted.items() if key[0]}


def current_messages(package: Path = PACKAGE) -> dict[Key, list[str]]:
    """Every message the sources hold now: lupdate's and the ast scan's."""
    messages: dict[Key, list[str]] = {key: [] for key in lupdate_messages(package)}
    for key, where in marked_messages(package).messages.items():
        messages.setdefault(key, []).extend(where)
    return messages


def write_catalogue(path: Path, language: str, entries: Iterable[Entry]) -> None:
    by_context: dict[str, list[Entry]] = {}
    for entry in entries:
        by_context.setdefault(entry.context, []).append(entry)
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    for name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for entry in sorted(by_context[name], key=lambda e: e.source):
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = entry.source
            if entry.comment:
                ET.SubElement(message, "comment").text = entry.comment
            translation = ET.SubElement(message, "translation")
            translation.text = entry.translation
            if not entry.finished:
                translation.set("type", "unfinished")
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")


def update(language: str, package: Path = PACKAGE) -> tuple[int, int]:
    """Write the catalogue from the sources, keeping its translations; (messages, unfinished)."""
    path = catalogue_path(language)
    old = read_catalogue(path)
    entries = []
    for key in current_messages(package):
        kept = old.get(key)
        entries.append(Entry(*key, kept.translation, kept.finished, comment=kept.comment) if kept else Entry(*key))
    write_catalogue(path, language, entries)
    return len(entries), sum(not e.finished for e in entries)


def compile_catalogue(language: str, output: Path | None = None) -> Path:
    """The ``.qm`` of a catalogue, made by pyside6-lrelease (beside the ``.ts`` unless ``output`` says where)."""
    target = output or compiled_path(language)
    subprocess.run(
        [qt_tool("pyside6-lrelease"), "-silent", str(catalogue_path(language)), "-qm", str(target)], check=True
    )
    return target


def check(language: str, package: Path = PACKAGE) -> list[str]:
    """What is wrong with the catalogue: missing, vanished or unfinished messages."""
    entries = read_catalogue(catalogue_path(language))
    current = current_messages(package)
    problems = [f"not in the catalogue: {c!r} {s!r}" for c, s in current if (c, s) not in entries]
    problems += [f"no longer in the sources: {c!r} {s!r}" for c, s in entries if (c, s) not in current]
    problems += [f"unfinished: {e.context!r} {e.source!r}" for e in entries.values() if not e.finished]
    return problems


def merge(base: Path, ours: Path, theirs: Path, language: str = "es") -> list[str]:
    """Three-way merge of a catalogue, message by message, written to ``ours`` (git's merge driver: see
    docs/development.md); the messages both sides changed differently, which are left unfinished with their side's
    translation for the translator to settle.

    Two branches that each add strings touch the same XML lines of one file, which git's line merge calls a conflict;
    here a message one side changed and the other did not takes the change, and new messages of both sides are kept.
    ``update`` afterwards drops what the merged sources no longer hold."""
    old, mine, other = read_catalogue(base), read_catalogue(ours), read_catalogue(theirs)

    def same(a: Entry | None, b: Entry | None) -> bool:
        if a is None or b is None:
            return a is b
        return (a.translation, a.finished, a.comment) == (b.translation, b.finished, b.comment)

    merged: dict[Key, Entry] = {}
    conflicts: list[str] = []
    for key in [*mine, *(k for k in other if k not in mine)]:
        here, there, before = mine.get(key), other.get(key), old.get(key)
        if here is None or there is None:
            kept = here or there
            assert kept is not None
            if before is not None and same(kept, before):
                continue  # the other side removed a message this side did not change
            merged[key] = kept
        elif same(there, before) or same(here, there):
            merged[key] = here
        elif same(here, before):
            merged[key] = there
        else:
            merged[key] = Entry(key[0], key[1], there.translation, False, comment=here.comment)
            conflicts.append(f"both sides changed {key[0]!r} {key[1]!r}: {here.translation!r} / {there.translation!r}")
    write_catalogue(ours, language, merged.values())
    return conflicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["update", "compile", "check", "merge"])
    parser.add_argument("files", nargs="*", type=Path, help="merge: BASE OURS THEIRS (git's %%O %%A %%B)")
    args = parser.parse_args(argv)
    if args.action == "merge":
        if len(args.files) != 3:
            parser.error("merge takes three files: BASE OURS THEIRS")
        conflicts = merge(*args.files)
        for conflict in conflicts:
            print(conflict, file=sys.stderr)
        return 1 if conflicts else 0
    for language in LANGUAGES:
        if args.action == "update":
            total, unfinished = update(language)
            print(f"{catalogue_path(language).relative_to(ROOT)}: {total} messages, {unfinished} unfinished")
        elif args.action == "compile":
            print(compile_catalogue(language).relative_to(ROOT))
        else:
            problems = check(language)
            for problem in problems:
                print(problem)
            if problems:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
