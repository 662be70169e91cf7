"""A bench's scratch folder: made in the system's temporary folder and removed when the
process that made it exits (a stadium's database is ~100 MB, and `make bench` runs a dozen
benches; they used to stay behind in /tmp)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path


def scratch_dir(prefix: str = "guichet-bench-") -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path
