"""The core imports and works without Qt (CONTRIBUTING.md, threading: like Anki's core)."""

import subprocess
import sys

BLOCK_QT = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name == "shiboken6":
            raise ImportError(f"{name} is blocked in this test")
        return None
sys.meta_path.insert(0, Block())
import importlib, pkgutil
import app.domain, app.db, app.services, app.adapters
for pkg in (app.domain, app.db, app.services, app.adapters):
    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if ".simulator" in mod.name and mod.name.endswith("__main__"):
            continue
        importlib.import_module(mod.name)
assert "PySide6" not in sys.modules
print("ok")
"""


def test_core_layers_import_with_pyside6_blocked():
    out = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# Addition to tests/unit/test_layers.py (append below its existing test; the imports it
# needs are at the top of this block). The services have no import circle — between their
# capability packages, nor between two modules — and the core layers never import Qt.
# 
# Imports are read from the source (ast), anywhere in a module, function bodies included:
# an import deferred into a function hides a circle from Python, not from a reader.

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
CORE_LAYERS = ("domain", "db", "services", "adapters")
QT = ("PySide6", "shiboken6")


def _modules(package: str) -> dict[str, Path]:
    """Dotted name -> file of every module of app.<package> (packages by their __init__)."""
    root = APP / package.replace(".", "/")
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of `known` that module `name` imports, and the other top-level packages it
    imports (e.g. PySide6), anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in known]
            found |= set(subs)
            if len(subs) < len(node.names):  # names of the module itself
                found.add(module)
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as a path [a, b, …, a], or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def _service_graph():
    mods = _modules("services")
    graph = {n: {m for m in _imports(n, p, mods) if m in mods and m != n and m != "app.services"}
             for n, p in mods.items()}
    return mods, graph


def _package_of(module: str) -> str:
    """app.services.sync.export -> "sync"; a module at the top of app/services -> "plumbing"."""
    parts = module.split(".")
    if len(parts) == 3 and (APP / "services" / parts[2] / "__init__.py").exists():
        return parts[2]
    return parts[2] if len(parts) > 3 else "plumbing"


def test_no_import_circle_between_service_modules():
    _, graph = _service_graph()
    cycle = _cycle(graph)
    assert cycle is None, "import circle between service modules: " + " -> ".join(cycle)


def test_no_import_circle_between_service_packages():
    _, graph = _service_graph()
    packages: dict[str, set[str]] = {}
    why: dict[tuple[str, str], str] = {}
    for a, targets in graph.items():
        for b in targets:
            pa, pb = _package_of(a), _package_of(b)
            if pa != pb:
                packages.setdefault(pa, set()).add(pb)
                why.setdefault((pa, pb), f"{a} imports {b}")
    cycle = _cycle(packages)
    assert cycle is None, "import circle between service packages: " + " -> ".join(cycle) + " (" + \
        "; ".join(why[(x, y)] for x, y in zip(cycle, cycle[1:])) + ")"
    # the plumbing at the top of app/services is below every capability package
    upward = sorted(reason for (pa, pb), reason in why.items() if pa == "plumbing")
    assert not upward, "plumbing imports a capability package: " + "; ".join(upward)


def test_core_layers_never_import_qt_even_lazily():
    offenders = []
    for layer in CORE_LAYERS:
        mods = _modules(layer)
        for name, path in mods.items():
            qt = sorted(m for m in _imports(name, path, mods) if m.split(".")[0] in QT)
            if qt:
                offenders.append(f"{path.relative_to(APP.parent)} imports {', '.join(qt)}")
    assert not offenders, "; ".join(offenders)


def test_the_layer_checks_see_a_circle_and_qt(tmp_path):
    """The checks above can fail: a deferred circular import and a deferred Qt import are seen."""
    pkg = tmp_path / "app" / "services"
    (pkg / "sync").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sync" / "__init__.py").write_text("")
    (pkg / "sync" / "a.py").write_text("from .b import x\n")
    (pkg / "sync" / "b.py").write_text("def f():\n    from app.services.sync import a\n    import PySide6.QtCore\n")
    mods = {"app.services": pkg / "__init__.py", "app.services.sync": pkg / "sync" / "__init__.py",
            "app.services.sync.a": pkg / "sync" / "a.py", "app.services.sync.b": pkg / "sync" / "b.py"}
    graph = {n: {m for m in _imports(n, p, mods) if m in mods and m != n} for n, p in mods.items()}
    assert _cycle(graph) == ["app.services.sync.a", "app.services.sync.b", "app.services.sync.a"]
    assert "PySide6.QtCore" in _imports("app.services.sync.b", pkg / "sync" / "b.py", mods)
