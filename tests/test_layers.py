"""The dependency rule of DESIGN.md's layout, read from the code's imports.

``config → api → {compare, statements, reports, guides}``; ``compare, statements → calculator``;
``calculator, reports, guides → catalog → core``. A lower layer never imports a higher one, and
siblings do not import each other. The pure modules — the engine and the statement file readers —
import nothing from Django or the apps, so any layer may use them.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# What each app may import (besides itself), directly; imports are allowed along these edges
# and their closure.
DEPENDS: dict[str, set[str]] = {
    "core": set(),
    "catalog": {"core"},
    "calculator": {"catalog"},
    "reports": {"catalog"},
    "guides": {"catalog"},
    "compare": {"calculator"},
    "statements": {"calculator"},
    "api": {"compare", "statements", "reports", "guides"},
    "config": {"api", "compare", "statements", "reports", "guides", "calculator", "catalog"},
}
APPS = set(DEPENDS)
# Modules that import only the standard library (and each other): usable from every layer.
PURE = ("calculator.engine", "statements.readers", "reports.evidence")


def allowed(app: str) -> set[str]:
    seen: set[str] = set()
    todo = [app]
    while todo:
        for dep in DEPENDS[todo.pop()]:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen | {app}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, also those inside functions."""
    found = []
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level and package:  # relative import: resolve against the package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.append((node.lineno, f"{base}.{node.module}" if node.module else base))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def is_pure(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in PURE)


def app_files() -> list[Path]:
    return sorted(
        path
        for app in APPS
        if (ROOT / app).is_dir()
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    )


def violations(path: Path) -> list[str]:
    module = module_name(path)
    app = module.split(".")[0]
    found = []
    for line, imported in imports(path):
        top = imported.split(".")[0]
        if is_pure(module):
            stdlib = top in sys.stdlib_module_names or top == "__future__"
            if not (stdlib or is_pure(imported)):
                found.append(f"{path.relative_to(ROOT)}:{line} pure module imports {imported}")
        elif top in APPS and top not in allowed(app) and not is_pure(imported):
            found.append(f"{path.relative_to(ROOT)}:{line} {app} imports {imported}")
    return found


def test_no_app_imports_a_layer_above_it_or_a_sibling():
    problems = [problem for path in app_files() for problem in violations(path)]
    assert problems == []


def test_the_pure_modules_exist():
    assert (ROOT / "calculator" / "engine.py").is_file()
    assert (ROOT / "statements" / "readers" / "__init__.py").is_file()


@pytest.mark.parametrize(
    ("where", "source", "bad"),
    [
        ("catalog/x.py", "from compare.models import SharedComparison\n", True),
        ("core/x.py", "def f():\n    from catalog import models\n", True),  # also lazily
        ("guides/x.py", "import calculator.ranking\n", True),  # siblings
        ("calculator/engine.py", "from django.db import models\n", True),  # pure: no Django
        ("catalog/x.py", "from calculator.engine import estimate\n", False),  # pure: anyone
        ("compare/x.py", "from catalog.models import Plan\n", False),  # down two layers
        ("config/x.py", "from api import urls\n", False),
    ],
)
def test_the_rule_catches_what_it_should(tmp_path, monkeypatch, where, source, bad):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    path = tmp_path / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    assert bool(violations(path)) is bad
