"""No import cycles between the package's modules, not even through an import inside a function or under TYPE_CHECKING.

A cycle is a missing seam (ARCHITECTURE.md): each module's source is parsed with ``ast`` (nothing is imported), every
``import``/``from ... import`` anywhere in it becomes an edge to the package module it names, and any strongly
connected component of more than one module, or a module importing itself, fails with the cycle spelled out as
``path:line`` steps.

How a statement is read: ``import a.b.c`` imports ``a.b.c`` (or its nearest ancestor that is a module of ours);
``from a.b import c`` imports ``a.b.c`` when that is a module, else ``a.b``; relative imports are resolved against the
importing module's package; importing a package means its ``__init__``. ``importlib.import_module("a.b")`` with a
literal name counts too. The parent packages Python runs on the way (``a`` and ``a.b`` for ``import a.b.c``) are not
edges: every submodule would otherwise "import" its own package.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "barium_tracker"
PACKAGE_DIR = Path(__file__).resolve().parent.parent / PACKAGE


@dataclass(frozen=True, slots=True)
class Edge:
    target: str
    path: Path
    line: int


def module_files(package_dir: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package ``__init__``), for every ``.py`` file of the package."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = (path, is_package)
    return found


def _named(node: ast.AST, here: str, is_package: bool) -> Iterator[tuple[str, str | None]]:
    """(module, name imported from it or None) for each thing one statement imports; relative names resolved."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, None
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            package = here.split(".") if is_package else here.split(".")[:-1]
            base = package[: len(package) - (node.level - 1)]
            module = ".".join([*base, *([node.module] if node.module else [])])
        else:
            module = node.module or ""
        for alias in node.names:
            yield module, alias.name
    elif isinstance(node, ast.Call) and node.args:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        first = node.args[0]
        if name in ("import_module", "__import__") and isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield first.value, None


def _resolve(modules: dict[str, tuple[Path, bool]], module: str, name: str | None) -> str | None:
    """The module of ours that ``from module import name`` (or ``import module``) loads, or None when not ours."""
    if name is not None and f"{module}.{name}" in modules:
        return f"{module}.{name}"
    while module and module not in modules:
        module = module.rpartition(".")[0]
    return module or None


def import_graph(package_dir: Path) -> dict[str, list[Edge]]:
    """Every module of the package -> the package modules it imports, anywhere in its source."""
    modules = module_files(package_dir)
    graph: dict[str, list[Edge]] = {}
    for here, (path, is_package) in modules.items():
        edges = graph.setdefault(here, [])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            for module, name in _named(node, here, is_package):
                target = _resolve(modules, module, name)
                if target is not None:
                    edges.append(Edge(target, path, node.lineno))
    return graph


def strongly_connected(graph: dict[str, list[Edge]]) -> list[list[str]]:
    """Tarjan's strongly connected components (iteratively: no recursion limit), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted({e.target for e in graph[root]})))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted({e.target for e in graph.get(child, [])}))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def describe_cycle(graph: dict[str, list[Edge]], component: list[str], root: Path) -> str:
    """One cycle through the component, shortest from its first module back to it, as ``path:line -> module`` steps."""
    members, start = set(component), component[0]
    came_from: dict[str, Edge | None] = {}
    sources: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for edge in graph[node]:
            if edge.target not in members:
                continue
            if edge.target == start:  # closed: walk back from node
                steps = [edge]
                while node != start:
                    steps.append(came_from[node])  # type: ignore[arg-type]
                    node = sources[node]
                steps.reverse()
                return f"{start}\n" + "\n".join(
                    f"  {e.path.relative_to(root).as_posix()}:{e.line} -> {e.target}" for e in steps
                )
            if edge.target not in came_from:
                came_from[edge.target], sources[edge.target] = edge, node
                queue.append(edge.target)
    raise AssertionError(f"no cycle found in {component}")


def cycles(package_dir: Path, graph: dict[str, list[Edge]] | None = None) -> list[str]:
    graph = import_graph(package_dir) if graph is None else graph
    found = []
    for component in strongly_connected(graph):
        if len(component) > 1 or any(e.target == component[0] for e in graph[component[0]]):
            found.append(describe_cycle(graph, component, package_dir.parent))
    return found


@pytest.fixture(scope="module")
def package_graph() -> dict[str, list[Edge]]:
    return import_graph(PACKAGE_DIR)


def test_the_package_has_no_import_cycles(package_graph: dict[str, list[Edge]]) -> None:
    found = cycles(PACKAGE_DIR, package_graph)
    assert not found, "import cycles (each is a missing seam):\n" + "\n".join(found)


def test_the_graph_sees_the_imports_that_matter(package_graph: dict[str, list[Edge]]) -> None:
    """Lazy, TYPE_CHECKING and from-package imports are edges (else the test above would pass for nothing)."""
    targets = {module: {e.target for e in edges} for module, edges in package_graph.items()}
    assert len(package_graph) > 50
    # inside a function (kept lazy for start-up speed)
    assert "barium_tracker.ui.workspace" in targets["barium_tracker.ui.main_window"]
    # under `if TYPE_CHECKING:`
    assert "barium_tracker.services.clinic" in targets["barium_tracker.ui.main_window"]
    # `from barium_tracker.domain import records` (in a function): the submodule, not the package
    assert "barium_tracker.domain.records" in targets["barium_tracker.ui.record_kinds"]
    # a package __init__ that imports its submodules
    assert "barium_tracker.services.exchange.importing" in targets["barium_tracker.services.exchange"]


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root / "pkg"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(  # the shape of the old services.clinic <-> services.backups
            {
                "pkg/__init__.py": "",
                "pkg/a.py": "def f():\n    from pkg.b import g\n",
                "pkg/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import f\n",
            },
            ["pkg/a.py:2 -> pkg.b", "pkg/b.py:3 -> pkg.a"],
            id="lazy-and-type-checking",
        ),
        pytest.param(
            {
                "pkg/__init__.py": "",
                "pkg/sub/__init__.py": "from . import one\n",
                "pkg/sub/one.py": "from .. import two\n",
                "pkg/two.py": "from pkg import sub\n",
            },
            ["pkg/sub/__init__.py:1 -> pkg.sub.one", "pkg/sub/one.py:1 -> pkg.two", "pkg/two.py:1 -> pkg.sub"],
            id="relative-and-submodule-by-from",
        ),
        pytest.param(
            {"pkg/__init__.py": "", "pkg/a.py": "import pkg.a\n"},
            ["pkg/a.py:1 -> pkg.a"],
            id="self-import",
        ),
    ],
)
def test_a_cycle_is_named_step_by_step(tmp_path: Path, files: dict[str, str], expected: list[str]) -> None:
    (found,) = cycles(_write(tmp_path, files))
    for step in expected:
        assert step in found, found


def test_no_cycle_through_a_name_that_is_not_a_module(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "pkg/__init__.py": "VERSION = 1\n",
            "pkg/a.py": "from pkg import VERSION\n",  # the package __init__, which imports nothing back
            "pkg/b.py": "from pkg.a import helper\nimport os.path\n",
        },
    )
    assert cycles(package) == []
    assert {e.target for e in import_graph(package)["pkg.b"]} == {"pkg.a"}
