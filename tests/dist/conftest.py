"""Running `guichet` (the source tree's or the built one) as a venue would: a process of its own,
offscreen, with the encrypted file keyring of a throw-away folder."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installers"))
import build_app as build  # noqa: E402 - installers/build_app.py


@pytest.fixture(scope="session")
def built():
    """dist/guichet, built now unless a build newer than every source is there."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[dist]'; the test extra includes it)")
    done = subprocess.run([sys.executable, str(ROOT / "installers/build_app.py"), "--if-stale"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert build.executable().exists()
    return build.BUILT


@pytest.fixture
def run_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_")}
    env.update(QT_QPA_PLATFORM="offscreen", GUICHET_LANG="en", GUICHET_DATA_DIR=str(tmp_path / "data"),
               GUICHET_KEYRING="file", GUICHET_KEYRING_PASSWORD="self-test-master",
               GUICHET_KEYRING_FILE=str(tmp_path / "keyring.cfg"))
    return env


@pytest.fixture
def guichet(run_env):
    """guichet(*args, program=…, env=…) -> CompletedProcess; `.summary` is the JSON last line."""

    def run(*args, program=None, env=None, timeout=180):
        command = program or [sys.executable, "-m", "app.cli"]
        done = subprocess.run([*command, *args], env=env or run_env, capture_output=True, text=True,
                              timeout=timeout)
        lines = done.stdout.strip().splitlines()
        try:
            done.summary = json.loads(lines[-1]) if lines else None
        except json.JSONDecodeError:
            done.summary = None
        return done

    return run
