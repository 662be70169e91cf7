"""argparse's own messages — usage, "the following arguments are required", "invalid choice",
the help's headings — in the language of `--lang` (or $GUICHET_LANG / the system's), exit 2 on a
usage error as before; and every msgid of the running Python's argparse is in our catalogue."""

from __future__ import annotations

import argparse
import inspect

import pytest
from babel.messages.extract import extract_python

import app.i18n as i18n
from app.cli import language_asked, main
from app.i18n.argparse_messages import ARGPARSE_MSGIDS, argparse_plurals


@pytest.fixture(autouse=True)
def back_to_english():
    yield
    i18n.set_language("en")


def run(argv, capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def test_every_argparse_msgid_of_this_python_is_in_our_catalogue():
    with open(inspect.getsourcefile(argparse), "rb") as f:
        found = {m if isinstance(m, str) else m[0]
                 for _line, _func, m, _comments in extract_python(f, {"_": None, "ngettext": (1, 2)}, [], {})
                 if m and (isinstance(m, str) or m[0])}
    ours = set(ARGPARSE_MSGIDS) | {t.msgid for t in argparse_plurals()}
    assert found <= ours, f"argparse messages missing from app/i18n/argparse_messages.py: {sorted(found - ours)}"
    i18n.set_language("fr")
    assert all(i18n._(m) != m for m in ARGPARSE_MSGIDS if m != "options"), "an argparse message left in English"


def test_a_missing_argument_is_refused_in_french(capsys):
    code, _out, err = run(["--lang", "fr", "execution", "show"], capsys)
    assert code == 2
    assert err.startswith("utilisation : guichet execution show")
    assert "guichet execution show : erreur : les arguments suivants sont requis : id" in err
    assert "required" not in err and "usage" not in err and "Traceback" not in err


def test_an_invalid_choice_and_a_bad_number_in_french(capsys):
    code, _out, err = run(["--lang=fr", "run", "NTJ FNAC", "--function", "nope"], capsys)
    assert code == 2 and "argument --function : choix invalide : 'nope' (choisissez parmi 'export-allotments'" in err
    code, _out, err = run(["executions", "--limit", "x", "--lang", "fr"], capsys)  # --lang after the command too
    assert code == 2 and "argument --limit : valeur int invalide : 'x'" in err


def test_help_headings_in_french(capsys):
    code, out, _err = run(["--lang", "fr", "execution", "--help"], capsys)
    assert code == 0
    assert out.startswith("utilisation : guichet execution")
    assert "arguments positionnels:" in out and "afficher ce message d'aide et quitter" in out
    assert "positional arguments" not in out and "show this help message" not in out


def test_english_and_the_environment(capsys, monkeypatch):
    code, _out, err = run(["--lang", "en", "execution", "show"], capsys)
    assert code == 2 and "error: the following arguments are required: id" in err and err.startswith("usage: ")
    monkeypatch.setenv("GUICHET_LANG", "fr")  # no --lang: the environment's language
    code, _out, err = run(["execution", "show"], capsys)
    assert code == 2 and "les arguments suivants sont requis : id" in err


def test_language_asked_reads_both_spellings():
    assert language_asked(["--lang", "fr", "executions"]) == "fr"
    assert language_asked(["executions", "--lang=en"]) == "en"
    assert language_asked(["--lang", "de"]) is None and language_asked(["--lang"]) is None
