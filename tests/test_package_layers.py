"""The llmkb package is layered and has no import cycle: base < model < render < build < book < cli.

Every import counts, also those inside functions and under TYPE_CHECKING: a module that needs a
higher layer is in the wrong place.
"""

from __future__ import annotations

import ast
from pathlib import Path

from llmkb.paths import ROOT

PACKAGE = ROOT / "llmkb"
LAYERS = ["base", "model", "render", "build", "book", "cli"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    part = module.split(".")[1] if module.count(".") else "base"
    return part if part in LAYERS else "base"


def imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("llmkb"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names if f"{node.module}.{alias.name}" in modules)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.startswith("llmkb"))
        graph[name] = {target for target in found if target in modules and target != name and target != "llmkb"}
    return graph


def test_no_module_imports_a_higher_layer():
    wrong = [f"{source} ({layer(source)}) imports {target} ({layer(target)})"
             for source, targets in imports().items() for target in targets
             if not source.endswith("__main__") and LAYERS.index(layer(target)) > LAYERS.index(layer(source))]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle():
    graph = imports()
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            raise AssertionError("import cycle: " + " -> ".join(cycle))
