"""The house rules STYLE.md asks for, kept by the suite: ruff and mypy clean as pyproject.toml
configures them, and no import cycle between levcards' modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=REPO, capture_output=True,
                          text=True, check=False)


def test_ruff_finds_nothing() -> None:
    done = _run("ruff", "check", "src", "tests")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_mypy_finds_nothing() -> None:
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def _imports(path: Path, package: Path, modules: set[str]) -> set[str]:
    """The levcards modules ``path`` imports, type-checking-only and lazy imports included."""
    module = ".".join(path.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__")
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base[:len(base) - node.level + 1] + ([node.module] if node.module else [])
                target = ".".join(parts)
            else:
                target = node.module or ""
            for alias in node.names:  # "from . import chrome" imports the module, not its package
                name = f"{target}.{alias.name}"
                found.add(name if name in modules else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {f for f in found if f.startswith("levcards")}


def test_no_module_imports_one_that_imports_it_back() -> None:
    package = REPO / "src" / "levcards"
    files = {".".join(p.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__"): p
             for p in package.rglob("*.py")}
    graph = {m: {i for i in _imports(p, package, set(files)) if i in files and i != m}
             for m, p in files.items()}
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(trail)
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
    assert not cycles, cycles[:3]
