"""`guichet --lang fr …` prints its refusals in French, `--lang en` in English; exit codes unchanged."""

from __future__ import annotations

import pytest

import app.i18n as i18n
from app.cli import main


@pytest.fixture(autouse=True)
def back_to_english():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("lang, expected", [
    ("fr", "impossible d'ouvrir la base de données"),
    ("en", "cannot open the database"),
])
def test_a_database_in_a_missing_folder_is_refused_in_the_chosen_language(tmp_path, capsys, lang, expected):
    url = f"sqlite:///{tmp_path}/missing/guichet.db"
    code = main(["--lang", lang, "--database", url, "executions"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("guichet: ") and expected in err and "Traceback" not in err
    assert not (tmp_path / "missing").exists()
    if lang == "fr":
        assert "n'existe pas" in err


def test_execution_counts_are_labelled_in_french():
    from app.services.sync.count_labels import counts_text

    i18n.set_language("fr")
    assert counts_text({"performances_exported": 3, "held_lines": 1}) == "séances exportées : 3, lignes retenues : 1"
    i18n.set_language("en")
    assert counts_text({"performances_exported": 3, "unknown_key": 2}) == "performances exported: 3, unknown_key: 2"
