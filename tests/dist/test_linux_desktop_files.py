"""The Linux desktop integration: the AppStream metadata validates (appstreamcli when the
machine has it, else the checks that matter as XML), the .desktop entry names an icon that
ships and the program the package installs."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

import build_app as build  # installers/, put on sys.path by tests/dist/conftest.py

APP_ID = "org.guichet.Guichet"
METAINFO = build.INSTALLERS / f"{APP_ID}.metainfo.xml"
DESKTOP = build.INSTALLERS / f"{APP_ID}.desktop"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed (apt install appstream)")
def test_appstream_metadata_validates_with_appstreamcli():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "E:" not in done.stdout and "W:" not in done.stdout, done.stdout


def test_appstream_metadata_as_xml():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert {s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in root.findall("summary")} == {None, "fr"}
    release = root.find("releases/release")
    assert release.get("version") == build.version()


def test_desktop_entry():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Exec"] == "guichet" and d["Terminal"] == "false"
    assert d["Icon"] == APP_ID and (build.INSTALLERS / "icons" / f"{APP_ID}.svg").is_file()
    assert d["Categories"].endswith(";") and "Office" in d["Categories"].split(";")
    assert d["GenericName[fr]"] == "Billetterie"
