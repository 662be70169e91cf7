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
