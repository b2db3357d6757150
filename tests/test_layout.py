"""The package's layout holds: model <- stages <- project <- cli, and no cycle.

Read from the source with ast (every import, at any depth of a module), so a
lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "bulletin_i18n"
#: What every layer may build on: the data model and what it needs.
BASE = {"__init__", "errors", "languages", "placeholders", "model", "settings", "fsutil", "glossary"}
STAGES = {"html", "po", "tm", "mt", "qa", "review"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def imports_of(path: Path) -> set[str]:
    """The package's modules a module imports (dotted, relative to the package)."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif (node.module or "").startswith("bulletin_i18n"):
                target = node.module.removeprefix("bulletin_i18n").lstrip(".")
            else:
                continue
            for alias in node.names:  # "from . import placeholders" names a module
                candidate = f"{target}.{alias.name}" if target else alias.name
                found.add(candidate if _exists(candidate) else target or "__init__")
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("bulletin_i18n.") for a in node.names
                      if a.name.startswith("bulletin_i18n.")}
    return found


def _exists(name: str) -> bool:
    path = PACKAGE.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


MODULES = {module_name(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


def layer(name: str) -> str:
    top = name.split(".")[0]
    if top in BASE:
        return "base"
    if top in STAGES:
        return "stage"
    return "cli" if top == "__main__" else top  # project, cli


def test_the_map_knows_every_module():
    unknown = sorted({name.split(".")[0] for name in MODULES} - BASE - STAGES - {"project", "cli", "__main__"})
    assert unknown == []
    assert len(MODULES) > 30 and "po.codec" in MODULES and "project.sync" in MODULES


@pytest.mark.parametrize("name", sorted(MODULES))
def test_each_module_imports_only_below_it(name):
    allowed = {"base": {"base"}, "stage": {"base", "stage"},
               "project": {"base", "stage", "project"}, "cli": {"base", "stage", "project", "cli"}}[layer(name)]
    wrong = sorted(target for target in MODULES[name] if layer(target) not in allowed)
    assert wrong == [], f"{name} reaches up to {wrong}"


def test_no_import_cycle():
    graph = {name: {t for t in targets if t in MODULES and t != name} for name, targets in MODULES.items()}
    # a package's __init__ may gather its own modules: that is not a cycle
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".") and not t.startswith(name + ".")}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_comment_prefixes_live_in_the_codec_alone():
    prefixes = ("Machine translation: ", "From memory: ", "MT check: ", "Glossary: ", "Element: ")
    holders = sorted(module_name(path) for path in PACKAGE.rglob("*.py")
                     if any(f'"{prefix}' in path.read_text(encoding="utf-8") for prefix in prefixes))
    assert holders == ["po.codec"]


def test_the_state_folder_is_named_once():
    holders = sorted(module_name(path) for path in PACKAGE.rglob("*.py")
                     if '".bulletin-i18n"' in path.read_text(encoding="utf-8"))
    assert holders == ["project.state"]
