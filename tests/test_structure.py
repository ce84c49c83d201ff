"""The code's structure: one family table, and an import graph without cycles."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from lint.findings import CATEGORIES, CATEGORY_NAMES, FAMILIES, family_of, matches, selects_any
from lint.registry import all_rules

LINT = Path(__file__).resolve().parents[1] / "lint"


def test_every_rule_is_in_its_familys_module_and_category():
    rules = all_rules()
    for code, rule in rules.items():
        family = family_of(code)
        assert family is not None, code
        assert (rule.category, rule.__module__) == (family.category, family.module), code
    assert {family_of(code).prefix for code in rules} == {f.prefix for f in FAMILIES}
    assert len({f.prefix for f in FAMILIES}) == len({f.category for f in FAMILIES}) == len(FAMILIES)


def test_categories_and_labels_come_from_the_family_table():
    assert CATEGORIES == tuple(f.category for f in FAMILIES)
    assert set(CATEGORY_NAMES) == set(CATEGORIES) and all(CATEGORY_NAMES.values())


def test_code_prefix_matching():
    assert matches("CIT003", ["CIT"]) and matches("CIT003", ["NUM", "CIT003"])
    assert not matches("CIT003", ["CIT0030", "DOC"]) and not matches("CIT003", [])
    assert selects_any("STG", ["STG001", "CIT001"]) and not selects_any("STG9", ["STG001"])


def _module_name(path: Path) -> str:
    parts = path.relative_to(LINT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports under `if TYPE_CHECKING:` (never run)."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            lines.update(n.lineno for stmt in node.body for n in ast.walk(stmt) if hasattr(n, "lineno"))
    return lines


def import_graph() -> dict[str, set[str]]:
    """Module → the lint modules it imports, anywhere in it: function-level (lazy) imports count, since
    a cycle through them is still a cycle of knowledge, hidden from the reader; imports under
    TYPE_CHECKING do not (they are annotations only)."""
    files = {_module_name(p): p for p in LINT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_only(tree)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: set[str] = set()
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            else:
                continue
            edges.update(t for t in targets if t in files and t != name)
        graph[name] = edges
    return graph


def test_the_import_graph_has_no_cycles():
    try:
        tuple(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as exc:
        pytest.fail(f"import cycle: {' → '.join(exc.args[1])}")


def test_the_graph_sees_lazy_imports():
    assert "lint.identity" in import_graph()["lint.findings"]  # Finding.fingerprint imports it in the function


def test_the_knowledge_base_does_not_reach_the_citations():
    """lint.citations uses lint.kb, never the other way round (even lazily, even through another module): the
    knowledge base is a library of documents and texts. Its command module (lint.kb.cli) is a front end
    and may use both."""
    graph = import_graph()
    reached: dict[str, str] = {}  # module → the kb module it was reached from
    todo = [(name, name) for name in graph if name.startswith("lint.kb") and name != "lint.kb.cli"]
    while todo:
        name, origin = todo.pop()
        for target in graph[name]:
            if target not in reached and target != "lint.kb.cli":
                reached[target] = origin
                todo.append((target, origin))
    assert {m: o for m, o in reached.items() if m.startswith("lint.citations")} == {}


def test_checks_holds_rules_only():
    """No module outside lint/checks/ imports a rule module (the registry discovers them by name)."""
    users = {name: sorted(t for t in targets if t.startswith("lint.checks.")) for name, targets in import_graph().items()
             if not name.startswith("lint.checks")}
    assert {name: targets for name, targets in users.items() if targets} == {}


def test_every_internal_import_resolves():
    """Function-level imports run only when their branch does: a module moved or a name renamed would break
    them silently. Every import of a lint module, lazy ones included, names a module and names that exist."""
    import importlib

    files = {_module_name(p): p for p in LINT.rglob("*.py")}
    broken = []
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if not base.startswith("lint"):
                continue
            if base not in files:
                broken.append(f"{name}:{node.lineno}: {base}")
                continue
            module = importlib.import_module(base)
            broken += [f"{name}:{node.lineno}: {base}.{a.name}" for a in node.names
                       if f"{base}.{a.name}" not in files and not hasattr(module, a.name)]
    assert not broken, broken
