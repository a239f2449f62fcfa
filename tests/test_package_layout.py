"""The package shows the pipeline: stage packages, imports that only run downwards, small rooms.

Every import in the package (module-level or inside a function, which is how commands keep
start-up lean) is read with ``ast`` and resolved to the unit it reaches: a sub-package or one
of the spine modules at the top. A unit may import its own modules and any unit of a lower
rank; an import that reaches sideways or upwards fails with the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "src" / "lawgov_report"

# Lower ranks are nearer the ground: a unit may import only units of a strictly lower rank.
RANKS = {
    "i18n": -1,  # imports nothing of lawgov; errors' reasons are translated
    "errors": 0,
    "source": 1,
    "model": 2,
    "ooxml": 2,
    "output": 2,
    "provenance": 3,
    "render": 3,
    "lint": 4,
    "typeset": 4,
    "writers": 5,
    "importers": 5,
    "workflow": 6,
    "pipeline": 7,
    "batch": 8,
    "supervise": 9,
    "cli": 10,
    "__main__": 11,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str) -> str:
    return module.split(".")[0] if module else "__init__"


def _existing(target: str) -> str:
    """The module a dotted name reaches (``a.b.name`` → ``a.b`` when ``name`` is not a module)."""
    while target:
        path = PACKAGE.joinpath(*target.split("."))
        if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
            return target
        target = target.rpartition(".")[0]
    return target


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module inside the package) of every import in ``path``."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            elif node.module and node.module.startswith("lawgov_report"):
                target = node.module.removeprefix("lawgov_report").lstrip(".")
            else:
                continue
            if node.module is None:  # from . import a, b: each name may be a module
                found += [(node.lineno, f"{target}.{a.name}".lstrip(".")) for a in node.names]
            else:
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name.removeprefix("lawgov_report").lstrip("."))
                for a in node.names
                if a.name.startswith("lawgov_report.")
            ]
    return found


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_unit_has_a_rank() -> None:
    units = {_unit(_module_name(p)) for p in _sources()} - {"__init__"}
    assert units <= set(RANKS), f"give these a rank in RANKS: {sorted(units - set(RANKS))}"


def test_imports_only_run_downwards() -> None:
    wrong = []
    for path in _sources():
        here = _unit(_module_name(path))
        if here == "__init__":
            continue
        for line, target in _imports(path):
            there = _unit(_existing(target))
            if there in ("__init__", here):
                continue
            if RANKS[there] >= RANKS[here]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {here} imports {target}")
    assert not wrong, "imports that do not run downwards:\n" + "\n".join(wrong)


@pytest.mark.parametrize("stage", ["model", "source", "render", "lint", "writers"])
def test_stages_never_import_the_command_line(stage: str) -> None:
    for path in (PACKAGE / stage).rglob("*.py"):
        assert not [t for _, t in _imports(path) if _unit(t) in ("cli", "pipeline", "batch")]


def test_rooms_stay_small() -> None:
    top = [p for p in PACKAGE.glob("*.py")]
    assert len(top) <= 8, sorted(p.name for p in top)
    for package in [p for p in PACKAGE.rglob("*") if (p / "__init__.py").is_file()]:
        modules = [p for p in package.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) <= 10, f"{package.name}: {len(modules)} modules"


def test_every_sub_package_says_what_it_owns() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init.relative_to(ROOT)} has no docstring"
        if init.parent != PACKAGE:
            assert "Owns:" in doc, f"{init.relative_to(ROOT)}: say what it owns"
            assert "import" in doc, f"{init.relative_to(ROOT)}: say what it may import"


def _sub_packages() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*")
        if (p / "__init__.py").is_file() and p != PACKAGE and "templates" not in p.parts
    )


@pytest.mark.parametrize("package", _sub_packages(), ids=lambda p: p.name)
def test_every_module_is_on_the_map(package: Path) -> None:
    """Each module is named where a newcomer looks: its package's docstring and CONTRIBUTING.

    The map drifts silently when a module is added in a hurry; naming it in both places is
    the cheapest way to keep "where does X live?" answerable without reading the code.
    """
    modules = sorted(p.stem for p in package.glob("*.py") if p.name != "__init__.py")
    modules += sorted(p.name for p in package.iterdir() if (p / "__init__.py").is_file())
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    assert doc is not None
    unnamed = [m for m in modules if f"``{m}``" not in doc]
    assert not unnamed, f"{package.relative_to(ROOT)}/__init__.py does not name {unnamed}"
    table = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    top = package.relative_to(PACKAGE).parts[0]
    row = next(line for line in table.splitlines() if line.startswith(f"| `{top}/`"))
    missing = [m for m in modules if f"`{m}`" not in row and f"`{m}/`" not in row]
    assert not missing, f"CONTRIBUTING.md's `{top}/` row does not name {missing}"
