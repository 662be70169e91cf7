"""The services' and the CLI's messages (gettext, app/i18n): every msgid in the code has a French
translation, the compiled .mo matches the .po, and converted modules raise no bare English."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import app.i18n as i18n

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "app/i18n/locale/fr/LC_MESSAGES/guichet.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# The packages whose messages a user sees (babel.cfg): the Qt screens use the .ts catalogue.
SOURCES = ("app/services", "app/domain", "app/adapters", "app/db", "app/cli", "app/i18n")
# Modules whose raised messages are all wrapped in _() (the AST scan below); add each module
# as it is converted — the aim is every module of app/services, app/domain and app/adapters.
CONVERTED = ("app/services/validation.py", *(f"app/services/setup/{m}.py" for m in (
    "contingents", "activity_profiles", "channels", "interfaces", "mappings", "mappings_excel", "preflight")),
             "app/services/operators.py", "app/services/passwords.py", "app/services/lookup.py", "app/domain/selection.py",
             "app/services/sync/count_labels.py", "app/db/engine.py", "app/services/secrets.py",
             *(f"app/services/inventory/{m}.py" for m in ("allocation", "orders", "payment", "seatplan_data",
                                                          "selling", "standing", "state", "tickets")),
             *(f"app/adapters/files/{m}.py" for m in ("__init__", "_common", "xlsx", "guichet_csv", "fnac_csv",
                                                       "ticketnet")),
             # the synchronisation engine: what it raises and what it writes in an execution's log
             *(f"app/adapters/{m}.py" for m in ("link", "fnac", "ticketnet", "digitick", "guichet_file", "registry")),
             *(f"app/services/sync/{m}.py" for m in ("common", "export", "held_lines", "manual_runs", "runner",
                                                     "sales_files", "execution_lease", "notifications", "backup_run")),
             "app/services/journal/backup.py",
             *(f"app/services/sync/reintegration/{m}.py" for m in ("plan", "resolve", "runs")),
             # the schedules' rules and store (the Programmations editor shows their refusals)
             *(f"app/services/schedules/{m}.py" for m in ("rules", "store", "scheduler")),
             # the reports (the client's reports dialog, `guichet report`) and what exports a table
             "app/services/excel_table.py",
             *(f"app/services/reports/{m}.py" for m in ("__init__", "digitick_allotment", "gauge", "model",
                                                        "partner_statement", "render", "sale_sheet", "takings_statement")),
             *(f"app/services/sync/{m}.py" for m in ("executions_queue", "guided_move", "file_preview")),
             "app/cli/distributors.py")
# Messages that are data, not prose (keep short, say why).
EXEMPT = {"'chosen only with GUICHET_KEYRING=memory'", "'chosen only with GUICHET_KEYRING=file'",  # programming errors
          "f'{cls.__name__} is registered for {kind.value} but declares kind {cls.kind!r}'"}



def _code_msgids() -> set[str]:
    ids: set[str] = set()
    for src in SOURCES:
        for _file, _line, msg, _comments, _ctx in extract_from_dir(str(ROOT / src), keywords=KEYWORDS,
                                                                   method_map=[("**.py", "python")]):
            ids.add(msg[0] if isinstance(msg, tuple) else msg)
    return ids


def test_every_message_in_the_code_has_a_french_translation():
    with PO.open("rb") as f:
        catalog = read_po(f)
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog
                  if m.id and m.string and (m.string if isinstance(m.string, str) else all(m.string))
                  and "fuzzy" not in m.flags}
    missing = sorted(_code_msgids() - translated)
    assert not missing, f"untranslated in {PO.relative_to(ROOT)} (run make messages, translate): {missing}"


def test_the_compiled_catalogue_matches_the_po():
    po = {}
    with PO.open("rb") as f:
        for m in read_po(f):
            if not m.id or not m.string or "fuzzy" in m.flags:
                continue
            if isinstance(m.id, tuple):  # a plural: the .mo keys each form by (msgid, index)
                po.update({(m.id[0], i): form for i, form in enumerate(m.string)})
            else:
                po[m.id] = m.string
    with MO.open("rb") as f:
        mo = {k: v for k, v in gettext.GNUTranslations(f)._catalog.items() if k}
    assert mo == po, "guichet.mo is stale: run make messages"


def _is_wrapped(node: ast.expr) -> bool:
    """_("…") or _("…").format(…)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        node = node.func.value
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")


@pytest.mark.parametrize("path", CONVERTED)
def test_converted_modules_raise_only_translated_messages(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    bare = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            name = node.exc.func.id if isinstance(node.exc.func, ast.Name) else getattr(node.exc.func, "attr", "")
            first = node.exc.args[0]
            if name.endswith(("Error", "Found", "Violation", "Denied", "Keyring")) and isinstance(first, (ast.Constant, ast.JoinedStr, ast.BinOp)) \
                    and not _is_wrapped(first) and ast.unparse(first) not in EXEMPT:
                bare.append(f"{path}:{node.lineno}: {ast.unparse(first)[:80]}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add" \
                and len(node.args) == 2 and isinstance(node.args[1], (ast.Constant, ast.JoinedStr, ast.BinOp)):
            bare.append(f"{path}:{node.lineno}: field error {ast.unparse(node.args[1])[:80]}")
        # the errors a file's rows collect (a mappings workbook's cells, a sales file's preview)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("err", "WorkbookError", "PreviewError") and node.args:
            message = node.args[-1]
            if isinstance(message, (ast.JoinedStr, ast.BinOp)) or (isinstance(message, ast.Constant)
                                                                    and " " in str(message.value)):
                bare.append(f"{path}:{node.lineno}: row error {ast.unparse(message)[:80]}")
    assert not bare, "user-facing messages without _():\n" + "\n".join(bare)


def test_french_and_english():
    try:
        assert i18n.set_language("fr") == "fr"
        assert i18n._("interrupted") == "interrompu"
        assert i18n.set_language("en") == "en"
        assert i18n._("interrupted") == "interrupted"
    finally:
        i18n.set_language("en")


def test_amounts_are_written_the_readers_way():
    """French writes 1 234,50 (a decimal comma, a no-break space between thousands), in a message
    made here and in one rendered from the log; what is stored for the other language is the
    number, not the French text."""
    from decimal import Decimal

    assert i18n.amount(Decimal("1234.5"), "en") == "1,234.50"
    assert i18n.amount(Decimal("1234.5"), "fr") == "1\u00a0234,50"
    assert i18n.amount(68, "fr") == "68,00" and i18n.amount(-2.5, "fr") == "-2,50"
    assert i18n.number(9.4, 1, "fr") == "9,4" and i18n.number(100.0, 1, "en") == "100.0"
    assert i18n.amount(Decimal("1234.5"), "fr", grouped=False) == "1234,50"
    assert i18n.amount(Decimal("1234.5"), "en", grouped=False) == "1234.50"
    try:
        i18n.set_language("fr")
        said = i18n._("the distributor's price {theirs:.2f} differs from ours {ours:.2f} (policy: error if different)"
                      ).format(theirs=Decimal("69"), ours=68.0)
        assert said == "le prix du distributeur 69,00 diffère du nôtre 68,00 (politique : erreur si différent)"
        assert i18n.english(said) == "the distributor's price 69.00 differs from ours 68.00 (policy: error if different)"
        assert i18n.render(i18n.message_data(said), "fr") == said
        assert i18n.amount(Decimal("7.5")) == "7,50"  # the current language
        assert i18n._("{n} ticket(s) cancelled").format(n=3) == "3 billet(s) annulé(s)"  # an int stays as it is
        from app.services.sync.count_labels import counts_text

        assert counts_text({"lines": 1200, "amount": "238.00", "seconds": 0.5}) == \
            "lignes : 1200, montant : 238,00, secondes : 0,5"
    finally:
        i18n.set_language("en")
    assert i18n.amount(Decimal("7.5")) == "7.50"


def test_a_formatter_says_the_same_text_as_format_in_each_language():
    """`formatter` (a page's lines, said once each) gives what `format` gives: the text, and
    what the log keeps to say it again in the other language."""
    try:
        for lang, shown in (("en", "Ticketnet ticket TN-1"), ("fr", "billet Ticketnet TN-1")):
            i18n.set_language(lang)
            text = i18n._("Ticketnet ticket {ticket}")
            made, expected = i18n.formatter(text, "ticket")("TN-1"), text.format(ticket="TN-1")
            assert made == expected == shown
            assert i18n.message_data(made) == i18n.message_data(expected)
            assert i18n.render(i18n.message_data(made), "fr" if lang == "en" else "en") != shown
        braces = i18n._("{cause}; {more}")  # another placeholder: format itself, with its error
        with pytest.raises(KeyError):
            i18n.formatter(braces, "cause")("x")
        assert i18n.formatter("plain {v}", "v")("1") == "plain 1"
    finally:
        i18n.set_language("en")


def test_a_refused_role_is_told_in_french_with_the_action_translated():
    import pytest

    from app.domain.actors import Actor
    from app.domain.enums import Role
    from app.domain.errors import PermissionDenied

    cashier = Actor(2, "caisse", "Caisse 1", Role.CASHIER)
    auditor = Actor(3, "controle", "Contrôleur", Role.AUDITOR)
    try:
        i18n.set_language("fr")
        with pytest.raises(PermissionDenied, match="est caissier : seul un responsable peut modifier le plan de salle"):
            cashier.require_manager(i18n.N_("change the seat plan"))
        with pytest.raises(PermissionDenied, match="un contrôleur ne peut pas imprimer des billets"):
            auditor.require_writer(i18n.N_("print tickets"))
    finally:
        i18n.set_language("en")
    with pytest.raises(PermissionDenied, match="is a cashier: only a manager may change the seat plan"):
        cashier.require_manager(i18n.N_("change the seat plan"))
