"""The built application (`make dist`, installers/build_app.py) passes its own self-test offscreen:
a module, a plugin, a translation or a metadata folder PyInstaller left out fails here, not at
a venue. The build is reused when newer than every source (about 90 s on the 2-core machine
otherwise)."""

from __future__ import annotations

import subprocess
import sys
import tarfile

import pytest

import build_app as build  # installers/, put on sys.path by tests/dist/conftest.py


def test_the_built_self_test_passes_offscreen(built, guichet):
    done = guichet("--self-test", program=[str(build.executable())])
    assert done.returncode == 0, done.stdout + done.stderr
    result = done.summary
    assert result["ok"] is True and result["frozen"] is True
    details = {c["name"]: c["detail"] for c in result["checks"]}
    assert "platform offscreen" in details["qt"]
    assert "qtbase_fr.qm" in details["translations"]
    assert "SecretService" in details["keyring"] and "cryptfile" in details["keyring"]
    assert "(binary)" in details["postgresql-driver"]


@pytest.mark.pg
def test_the_built_app_reads_a_postgresql_schema(built, guichet):
    from app.db.engine import open_database
    from tests.conftest import drop_pg_url, make_pg_url, pg_available

    if pg_available():
        pytest.skip(pg_available())
    url = make_pg_url()
    try:
        open_database(url).dispose()
        done = guichet("--self-test", "--database", url, program=[str(build.executable())])
        assert done.returncode == 0, done.stdout
        assert "connected, schema at" in done.stdout
    finally:
        drop_pg_url(url)


def test_the_built_command_line_works(built, guichet, tmp_path):
    """The command line of the built app: the migrations from the folder, the demo seed."""
    url = f"sqlite:///{tmp_path / 'venue.sqlite'}"
    exe = [str(build.executable())]
    done = guichet("seed", "demo", "--database", url, program=exe)
    assert done.returncode == 0, done.stderr
    done = guichet("--lang", "fr", "counts", "--database", url, "--performance", "nope", program=exe)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("guichet: séance 'nope' : ")  # the French catalogue (.mo) is in the build


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the tarball is the Linux package")
def test_the_linux_tarball_installs_a_working_guichet(built, guichet, tmp_path):
    top = f"guichet-{build.version()}"
    with tarfile.open(build.tarball()) as tar:
        names = set(tar.getnames())
        tar.extractall(tmp_path / "unpacked", filter="tar")
    for name in ("lib/guichet/guichet", "lib/guichet/guichet-client", "install.sh",
                 "share/applications/org.guichet.Guichet.desktop",
                 "share/metainfo/org.guichet.Guichet.metainfo.xml",
                 "share/icons/hicolor/scalable/apps/org.guichet.Guichet.svg",
                 "share/icons/hicolor/256x256/apps/org.guichet.Guichet.png",
                 "share/guichet/guichet-scheduler.service"):
        assert f"{top}/{name}" in names
    prefix = tmp_path / "prefix"
    done = subprocess.run(["sh", str(tmp_path / "unpacked" / top / "install.sh"), str(prefix / "lib/guichet"),
                           str(prefix)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    desktop = (prefix / "share/applications/org.guichet.Guichet.desktop").read_text()
    assert f"Exec={prefix}/lib/guichet/guichet" in desktop
    done = guichet("--self-test", program=[str(prefix / "bin/guichet")])
    assert done.returncode == 0, done.stdout + done.stderr
