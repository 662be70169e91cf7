"""`make dist`: the PyInstaller one-folder build (dist/guichet) and, on Linux, its tarball with
the desktop entry, the icons and the AppStream metadata (dist/guichet-<version>-linux-<arch>.tar.gz).

    python installers/build_app.py              # build
    python installers/build_app.py --if-stale   # build only when a source is newer than the build
                                            # (tests/dist reuses a fresh build)
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLERS = ROOT / "installers"
DIST = ROOT / "dist"
BUILT = DIST / "guichet"
APP_ID = "org.guichet.Guichet"
SOURCES = ("app", "installers/guichet.spec", "installers/build_app.py", "pyproject.toml")


def version() -> str:
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    return text.split('__version__ = "', 1)[1].split('"', 1)[0]


def executable(name: str = "guichet") -> Path:
    return BUILT / (f"{name}.exe" if os.name == "nt" else name)


def tarball() -> Path:
    return DIST / f"guichet-{version()}-linux-{platform.machine()}.tar.gz"


def newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for f in files:
            newest = max(newest, f.stat().st_mtime)
    return newest


STAMP = DIST / "guichet.built-from"  # its time: when the build that completed last started


def is_fresh() -> bool:
    """A complete build that started after the last change of every source (a source edited
    while PyInstaller ran makes the build stale)."""
    done = tarball() if sys.platform.startswith("linux") else executable()
    return (done.exists() and executable().exists() and STAMP.exists()
            and STAMP.stat().st_mtime >= newest_source())


def build() -> float:
    """Run PyInstaller; returns the seconds it took."""
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(INSTALLERS / "guichet.spec")], check=True, cwd=ROOT)
    return time.monotonic() - start


def package_linux() -> Path:
    """The built folder under lib/guichet, the desktop integration under share/, install.sh."""
    top = f"guichet-{version()}"
    out = tarball()
    tmp = out.with_suffix(".tmp")
    icons = INSTALLERS / "icons"
    extra: list[tuple[Path, str]] = [
        (INSTALLERS / f"{APP_ID}.desktop", f"share/applications/{APP_ID}.desktop"),
        (INSTALLERS / f"{APP_ID}.metainfo.xml", f"share/metainfo/{APP_ID}.metainfo.xml"),
        (icons / f"{APP_ID}.svg", f"share/icons/hicolor/scalable/apps/{APP_ID}.svg"),
        (INSTALLERS / "guichet-scheduler.service", "share/guichet/guichet-scheduler.service"),
        (INSTALLERS / "install.sh", "install.sh"),
    ]
    for png in sorted(icons.glob(f"{APP_ID}-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        extra.append((png, f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"))

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        tar.add(BUILT, arcname=f"{top}/lib/guichet", filter=normalise)
        for source, name in extra:
            tar.add(source, arcname=f"{top}/{name}", filter=normalise)
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--if-stale", action="store_true", help="do nothing when the build is newer than the sources")
    args = parser.parse_args(argv)
    if args.if_stale and is_fresh():
        print(f"{BUILT} is up to date")
        return 0
    if shutil.which("pyinstaller") is None and not _has_pyinstaller():
        print("PyInstaller is not installed: pip install -e '.[dist]'", file=sys.stderr)
        return 2
    started = time.time()
    STAMP.unlink(missing_ok=True)
    seconds = build()
    print(f"built {BUILT} in {seconds:.0f} s")
    if sys.platform.startswith("linux"):
        print(f"packaged {package_linux()}")
    STAMP.write_text(f"{version()}\n", encoding="utf-8")
    os.utime(STAMP, (started, started))
    return 0


def _has_pyinstaller() -> bool:
    import importlib.util

    return importlib.util.find_spec("PyInstaller") is not None


if __name__ == "__main__":
    sys.exit(main())
