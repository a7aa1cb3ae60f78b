"""The attribution reader is split into small modules: they must import one another without a cycle, say why
they exist, and keep the names other code imports from ``newsledger.extract.attribution``."""

from __future__ import annotations

import ast
from pathlib import Path

import newsledger.extract as extract_package

EXTRACT = Path(extract_package.__file__).parent
MODULES = {p.stem: p for p in sorted(EXTRACT.glob("attribution*.py"))}


def _attribution_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsledger.extract."):
            name = node.module.rsplit(".", 1)[1]
            if name in MODULES:
                found.add(name)
    return found


def test_attribution_modules_import_without_a_cycle():
    graph = {name: _attribution_imports(path) for name, path in MODULES.items()}
    done: set[str] = set()

    def visit(name: str, stack: tuple[str, ...]) -> None:
        assert name not in stack, f"import cycle: {' -> '.join((*stack, name))}"
        if name in done:
            return
        for dep in graph[name]:
            visit(dep, (*stack, name))
        done.add(name)

    assert len(MODULES) > 1
    for name in graph:
        visit(name, ())


def test_each_attribution_module_is_small_and_says_why_it_exists():
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert ast.get_docstring(ast.parse(text)), f"{name} has no module docstring"
        assert len(text.splitlines()) <= 450, f"{name} has grown past 450 lines"


def test_claims_and_cue_table_stay_importable_from_attribution():
    from newsledger.extract import attribution, attribution_cues

    assert callable(attribution.find_claims)
    assert attribution.cues() is attribution_cues.cues()
    assert attribution.cues().verbs["deny"][0] == "denies"
