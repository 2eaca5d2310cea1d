"""No import cycles in desktop_app, and no layer imports the one above it.

Read from the source (``ast``), so lazy imports inside functions count too: a cycle that
only closes at run time is still two modules that cannot be understood apart. Imports
under ``if TYPE_CHECKING:`` are for annotations only and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import desktop_app

ROOT = Path(desktop_app.__file__).resolve().parent
#: Lower layers first; a module may import its own layer and the ones before it.
LAYERS = ("domain", "storage", "services", "cli", "ui")
#: Known exceptions, each with the issue that removes it.
ALLOWED_UPWARD = {
    # the window's entry point: ``racedesk`` without a command opens it
    ("desktop_app.cli.gui", "desktop_app.ui.app"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    skip = ROOT / "storage" / "migrations"
    return {module_name(path): path for path in ROOT.rglob("*.py") if skip not in path.parents}


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imported(path: Path, modules: dict[str, Path]) -> set[str]:
    """The desktop_app modules ``path`` imports anywhere but under TYPE_CHECKING."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if _type_checking_only(node):
            stack.extend(getattr(node, "orelse", []))
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in modules else node.module)
        stack.extend(ast.iter_child_nodes(node))
    return {name for name in found if name in modules}


def graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imported(path, modules) - {name} for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        for target in sorted(edges[name]):
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == name:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for name in sorted(edges):
        if name not in index:
            visit(name)
    return found


def layer(name: str) -> int:
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else -1


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_no_layer_imports_a_layer_above_it() -> None:
    upward = sorted(
        (name, target)
        for name, targets in graph().items()
        for target in targets
        if layer(name) >= 0 and layer(target) > layer(name)
    )
    assert [pair for pair in upward if pair not in ALLOWED_UPWARD] == []


def test_the_cycle_check_finds_a_cycle() -> None:
    """The check itself can fail: a made-up pair that imports each other is found."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
