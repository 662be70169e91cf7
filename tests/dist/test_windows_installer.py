"""The Inno Setup script (installers/guichet.iss) cannot be compiled on this Linux machine:
it is checked here against the built folder's layout instead — every file and folder the
build makes is installed, every file the script names exists, the shortcuts start installed
programs."""

from __future__ import annotations

import re
from pathlib import Path

import build_app as build  # installers/, put on sys.path by tests/dist/conftest.py

ISS = build.INSTALLERS / "guichet.iss"
BUILT_PREFIX = "..\\dist\\guichet\\"


def sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            current = out.setdefault(m.group(1), [])
        elif current is not None:
            current.append(line)
    return out


def entry(line: str) -> dict[str, str]:
    """`Name: "x"; Flags: a b` -> {"Name": "x", "Flags": "a b"} (Inno Setup doubles quotes inside)."""
    fields = {}
    for m in re.finditer(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line):
        value = m.group(2).strip()
        if value.startswith('"'):
            value = value[1:-1].replace('""', '"')
        fields[m.group(1)] = value
    return fields


def built_name(windows_name: str) -> str:
    """guichet.exe on Windows is guichet in a Linux build."""
    return windows_name.removesuffix(".exe") if not build.executable().suffix else windows_name


def test_the_files_section_installs_the_whole_built_folder(built):
    files = [entry(line) for line in sections(ISS.read_text(encoding="utf-8"))["Files"]]
    from_build = [f for f in files if f["Source"].startswith(BUILT_PREFIX)]
    covered = set()
    for f in from_build:
        relative = f["Source"][len(BUILT_PREFIX):]
        top = relative.split("\\")[0]
        if relative.endswith("\\*"):
            assert (built / top).is_dir(), f"{f['Source']}: no folder {top} in the build"
            assert "recursesubdirs" in f["Flags"] and f["DestDir"] == "{app}\\" + top
        else:
            assert (built / built_name(top)).is_file(), f"{f['Source']}: not in the build"
            assert f["DestDir"] == "{app}"
        covered.add(built_name(top))
    made = {p.name for p in built.iterdir()}
    assert made == covered, f"built but not installed: {made - covered}; installed but not built: {covered - made}"
    for f in files:
        if not f["Source"].startswith(BUILT_PREFIX):
            assert (build.INSTALLERS / f["Source"].replace("\\", "/")).is_file(), f["Source"]


def test_shortcuts_and_the_scheduler_start_installed_programs(built):
    iss = sections(ISS.read_text(encoding="utf-8"))
    installed = {built_name(p.name) for p in built.iterdir()} | {
        Path(entry(line)["Source"].replace("\\", "/")).name for line in iss["Files"]}
    setup = dict(line.split("=", 1) for line in iss["Setup"])
    assert (build.INSTALLERS / setup["SetupIconFile"].replace("\\", "/")).is_file()
    assert built_name(setup["UninstallDisplayIcon"].removeprefix("{app}\\")) in installed
    targets = [entry(line)["Filename"] for line in iss["Icons"]]
    assert "{uninstallexe}" in targets  # the uninstaller in the Start menu
    for target in targets:
        if target.startswith("{app}\\"):
            assert built_name(target.removeprefix("{app}\\")) in installed, target
    scheduler = [entry(line) for line in iss["Run"] if "schtasks" in line]
    assert scheduler and "guichet-scheduler.cmd" in scheduler[0]["Parameters"]
    assert any("/Delete" in entry(line)["Parameters"] for line in iss["UninstallRun"])
    cmd = (build.INSTALLERS / "windows/guichet-scheduler.cmd").read_bytes()
    assert b'"%~dp0guichet.exe" scheduler' in cmd and b"\r\n" in cmd
    assert setup["AppVersion"] == "{#AppVersion}" and f'#define AppVersion "{build.version()}"' in ISS.read_text()
