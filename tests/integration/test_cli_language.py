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


def test_a_french_sale_its_order_and_the_journal_speak_french(tmp_path, capsys):
    """A cashier's sale in French: the result, the order list and the journal with French words
    and amounts (85,00, not 85.00); the same in English with English ones."""
    url = f"sqlite:///{tmp_path}/g.sqlite"
    assert main(["--database", url, "seed", "demo"]) == 0
    sell = ["--operator", "manager", "sell", "--performance", "WALKYRIE@2014-12-07 20:00", "--zone", "B2", "--block", "C",
            "--rows", "5", "--payment", "CASH", "--point-of-sale", "GUICHET-1", "--amount-given", "300"]
    capsys.readouterr()
    assert main(["--lang", "fr", "--database", url, *sell, "--numbers", "1-2"]) == 0
    assert main(["--lang", "fr", "--database", url, "--operator", "manager", "orders"]) == 0
    assert main(["--lang", "fr", "--database", url, "--operator", "manager", "journal"]) == 0
    out = capsys.readouterr().out
    assert "2 place(s) vendue(s), total 170,00 EUR, monnaie à rendre 130,00 EUR" in out
    assert " 170,00 " in out and " vente " in out and "85,00" in out and ".00" not in out
    assert main(["--lang", "en", "--database", url, *sell, "--numbers", "3"]) == 0
    assert main(["--lang", "en", "--database", url, "--operator", "manager", "journal"]) == 0
    out = capsys.readouterr().out
    assert "1 seat(s) sold, total 85.00 EUR, change 215.00 EUR" in out and " sale " in out and "85,00" not in out
