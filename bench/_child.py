"""Run a bench script in a process of its own and take its figures: its lines are echoed,
its last line is the JSON object of figures every bench ends with."""

from __future__ import annotations

import json
import subprocess
import sys


def figures(args: list[str], label: str) -> dict:
    """Run `python args…`; print its output but the last line, return that line as a dict,
    or exit with a message naming `label` if the run failed."""
    proc = subprocess.run([sys.executable, *args], stdout=subprocess.PIPE, text=True)
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    print("\n".join(lines[:-1]), flush=True)
    if proc.returncode != 0 or not lines or not lines[-1].startswith("{"):
        sys.exit(f"the {label} run failed (exit {proc.returncode})")
    return json.loads(lines[-1])
