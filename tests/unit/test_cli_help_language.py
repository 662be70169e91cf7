"""Our own help texts — every command's description and every option's help — in the language
of `--lang`: `guichet --lang fr <cmd> --help` is French, and no help string of the whole parser
tree is left without its French translation."""

from __future__ import annotations

import argparse

import pytest

import app.i18n as i18n
from app.cli import build_parser, main
from app.i18n.argparse_messages import route_argparse

# Help strings that are the same words in both languages (codes, abbreviations).
SAME_IN_FRENCH = {"OK"}


@pytest.fixture(autouse=True)
def back_to_english():
    yield
    i18n.set_language("en")


def help_texts(parser: argparse.ArgumentParser, path: str = "guichet") -> list[tuple[str, str]]:
    """(where, text) of every description and help of the parser and its sub-commands, in order."""
    out = []
    if parser.description:
        out.append((path, parser.description))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    out.append((f"{path} {choice.dest}", choice.help))
            for name, sub in action.choices.items():
                out += help_texts(sub, f"{path} {name}")
        elif action.help and action.help is not argparse.SUPPRESS and not isinstance(action, argparse._HelpAction):
            out.append((f"{path} {'/'.join(action.option_strings) or action.dest}", action.help))
    return out


def parser_in(language: str) -> argparse.ArgumentParser:
    i18n.set_language(language)
    route_argparse()
    return build_parser()


def test_every_help_string_of_the_parser_tree_has_its_french_translation():
    english = help_texts(parser_in("en"))
    french = help_texts(parser_in("fr"))
    assert len(english) > 250 and [w for w, _t in english] == [w for w, _t in french]
    untranslated = [(where, en) for (where, en), (_w, fr) in zip(english, french)
                    if en == fr and en not in SAME_IN_FRENCH]
    assert untranslated == [], f"help strings left in English: {untranslated[:10]}"


def run(argv, capsys) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out, err = capsys.readouterr()
    assert stop.value.code == 0, err
    return out


def test_guichet_help_in_french(capsys):
    out = run(["--lang", "fr", "--help"], capsys)
    assert "Guichet : billetterie des salles qui vendent par des distributeurs" in out
    assert "l'historique des exécutions" in out and "programmations des fonctions des interfaces" in out
    assert "langue du client et des messages" in out and "URL de la base de données" in out
    for english in ("the execution history", "else $GUICHET_DATABASE_URL", "print data as JSON", "open the desktop client"):
        assert english not in out


def test_two_commands_help_in_french(capsys):
    out = run(["--lang", "fr", "executions", "--help"], capsys)
    assert out.startswith("utilisation : guichet executions")
    assert "l'historique des exécutions" in out and "seulement les exécutions de cette programmation" in out
    assert "how many" not in out and "the execution history" not in out

    out = run(["mail", "configure", "--help", "--lang=fr"], capsys)
    assert "définir le serveur SMTP (responsables seulement)" in out
    assert "langue des e-mails des exécutions en échec" in out and "nom d'hôte ou adresse IP" in out
    assert "SMTP server host name" not in out and "options left out" not in out


def test_the_labels_table_says_each_code_in_both_languages():
    """One label per (enum, value): "held" is an execution's status and a held line's state."""
    from app.domain.enums import ExecutionStatus, HeldStatus, LogLevel, SyncFunction, Trigger
    from app.i18n.labels import LABELS, label

    i18n.set_language("fr")
    assert label(ExecutionStatus.HELD) == "Terminée avec lignes retenues" and label(HeldStatus.HELD) == "retenue"
    assert label("schedule", Trigger) == "Programmation" and label(SyncFunction.REINTEGRATE_SALES) == \
        "Réintégration des ventes"
    assert label(LogLevel.WARNING) == "Avertissement" and label(None) == ""
    assert all(label(member) != member.value for member, _words in LABELS if member.value not in ("ok",))
    i18n.set_language("en")
    assert label(ExecutionStatus.HELD) == "Done with held lines" and label(Trigger.MANUAL) == "By hand"
