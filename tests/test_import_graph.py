"""The package's import graph: training stands apart from evaluation, and evaluation has no cycle.

Imports are read from the source (top-level and inside functions alike), so a lazy import
that would close a cycle counts too.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "detector"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """detector modules that ``path`` imports, anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("detector"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("detector"):
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names)  # "from . import plots"
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def cycles_within(graph: dict[str, set[str]], prefix: str) -> list[tuple[str, str]]:
    """Pairs (a, b) of modules under ``prefix`` where each reaches the other through modules under it."""
    inner = {a: {b for b in bs if b.startswith(prefix)} for a, bs in graph.items() if a.startswith(prefix)}
    return sorted((a, b) for a in inner for b in reachable(inner, a) if a < b and a in reachable(inner, b))


def test_the_graph_reader_sees_lazy_and_relative_imports(tmp_path):
    graph = import_graph()
    assert "detector.metrics" in graph["detector.training"]  # a lazy import inside train()
    assert "detector.evaluation.plots" in graph["detector.evaluation.report"]  # "from . import plots"
    assert cycles_within({"x.a": {"x.b"}, "x.b": {"x.a"}, "x.c": {"x.a"}}, "x.") == [("x.a", "x.b")]


def test_training_never_imports_evaluation():
    graph = import_graph()
    reached = reachable(graph, "detector.training")
    assert not {m for m in reached if m.startswith("detector.evaluation")}


def test_evaluation_has_no_internal_cycle():
    assert cycles_within(import_graph(), "detector.evaluation") == []
