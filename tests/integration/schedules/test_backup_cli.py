"""`guichet schedules add --function backup`: added and listed with its folder; bad input is
one line naming the option, exit 2, no traceback, nothing saved."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from tests.integration.test_setup_cli import demo_url  # noqa: F401 - the demo database, as a URL

RULE = ("--rrule", "FREQ=DAILY;BYHOUR=3;BYMINUTE=0", "--first", "2026-12-01T03:00")


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_backup_schedule_is_added_and_listed_with_its_folder(demo_url, capsys, tmp_path):
    code, out, err = run(capsys, "--database", demo_url, "schedules", "add", "--function", "backup",
                         "--folder", str(tmp_path), "--keep", "3", "--notify", "regie@theatre.example.org",
                         "--name", "Sauvegarde de nuit", *RULE)
    assert code == 0, err
    sid = int(out.strip())
    code, out, err = run(capsys, "--database", demo_url, "schedules", "list")
    assert code == 0 and "Database backup" in out and f"folder {tmp_path}, keeps 3" in out
    code, out, err = run(capsys, "--database", demo_url, "schedules", "list", "--json")
    [row] = [r for r in json.loads(out) if r["id"] == sid]
    assert (row["function"], row["interface"], row["interface_id"], row["backup_folder"], row["keep_backups"],
            row["notify_emails"]) == ("backup", "", None, str(tmp_path), 3, "regie@theatre.example.org")
    code, out, err = run(capsys, "--database", demo_url, "--lang", "fr", "schedules", "list")
    assert "Sauvegarde de la base" in out and f"dossier {tmp_path}, en garde 3" in out


@pytest.mark.parametrize("extra, says", [
    ((), "--folder is required with --function backup"),
    (("--folder", "{tmp}", "--keep", "0"), "--keep 0: expected 1 or more"),
    (("--folder", "{tmp}", "--interface", "NTJ FNAC"), "--interface: a database backup runs without an interface"),
    (("--folder", "{tmp}/missing"), "--folder {tmp}/missing: not an existing folder"),
    (("--folder", "{tmp}/file.txt"), "--folder {tmp}/file.txt: not an existing folder"),
    (("--folder", "{tmp}", "--notify", "not-an-address"), "'not-an-address' is not an e-mail address"),
])
def test_bad_backup_options_are_one_line_naming_the_option_with_exit_2(demo_url, capsys, tmp_path, extra, says):
    (tmp_path / "file.txt").write_text("a file, not a folder")
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    code, out, err = run(capsys, "--database", demo_url, "schedules", "add", "--function", "backup", *extra, *RULE)
    assert code == 2 and "Traceback" not in err and err.strip().count("\n") == 0, err
    assert says.replace("{tmp}", str(tmp_path)) in err
    code, out, _ = run(capsys, "--database", demo_url, "schedules", "list", "--json")
    assert not [r for r in json.loads(out) if r["function"] == "backup"]


def test_distributor_functions_still_need_an_interface_and_take_no_backup_option(demo_url, capsys, tmp_path):
    code, _, err = run(capsys, "--database", demo_url, "schedules", "add", "--function", "export-allotments", *RULE)
    assert code == 2 and "--interface is required with --function export-allotments" in err
    code, _, err = run(capsys, "--database", demo_url, "schedules", "add", "--function", "export-allotments",
                       "--interface", "NTJ FNAC", "--folder", str(tmp_path), "--keep", "2", *RULE)
    assert code == 2 and "--folder, --keep: only with --function backup" in err and "Traceback" not in err
