"""Envelope building and parsing without a network: malformed bodies become ExternalErrors
naming what was malformed, faults become the right class, the registry knows every kind."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal

import pytest

from app.adapters import digitick, fnac, ticketnet
from app.adapters.base import (
    ConfigurationError,
    ConnectionSettings,
    DistributorAdapter,
    ExternalError,
    MappingError,
    TechnicalError,
)
from app.adapters.link import batches
from app.adapters.registry import ADAPTERS, make_adapter
from app.domain.enums import DistributorKind
from app.domain.sales import SaleAction

W = "http://x/fnac/soap EtatVentes"


def reply(inner: str) -> bytes:
    return (f'<soap:Envelope xmlns:soap="{fnac.NS_SOAP}"><soap:Body>{inner}</soap:Body></soap:Envelope>').encode()


def fault(code: str, text: str = "non") -> bytes:
    return reply(f'<soap:Fault><faultcode>soap:Client</faultcode><faultstring>{text}</faultstring>'
                 f'<detail><Erreur xmlns="{fnac.NS_FNAC}" code="{code}"/></detail></soap:Fault>')


def test_fnac_envelope_escapes_and_carries_the_credentials():
    body = fnac.envelope('lo"g<in', "p&w", "M1", "EtatVentes", {"curseur": "a\"b", "max": 5})
    root = ET.fromstring(body)
    auth = root.find(f"{{{fnac.NS_SOAP}}}Header/{{{fnac.NS_FNAC}}}Authentification")
    assert [c.text for c in auth] == ['lo"g<in', "p&w", "M1"]
    op = root.find(f"{{{fnac.NS_SOAP}}}Body")[0]
    assert op.tag == f"{{{fnac.NS_FNAC}}}EtatVentes" and op.attrib == {"curseur": 'a"b', "max": "5"}


@pytest.mark.parametrize("code,cls", [("AUTH", ConfigurationError), ("SEANCE_INCONNUE", MappingError),
                                      ("REQUETE", TechnicalError), ("CONFLIT", ExternalError)])
def test_fnac_faults_by_code(code, cls):
    with pytest.raises(cls) as err:
        fnac.parse_reply(fault(code, "message du serveur"), "EtatVentes", W)
    assert err.value.where == W and "message du serveur" in str(err.value)


@pytest.mark.parametrize("body,what", [
    (b"<soap:Envelope", "not well-formed XML"),
    (b"", "not well-formed XML"),
    (reply("<Autre/>"), "no EtatVentesReponse"),
])
def test_fnac_malformed_replies(body, what):
    with pytest.raises(ExternalError, match=what) as err:
        fnac.parse_reply(body, "EtatVentes", W)
    assert err.value.where == W


def sale_el(**attrs) -> ET.Element:
    base = {"billet": "F1", "action": "V", "date": "2014-12-01T10:00:00Z", "prix": "12.50", "z": "A", "r": "1",
            "n": "2", "c": "Cat1", "tarif": "0", "seance": "P"}
    base.update(attrs)
    return ET.Element("Vente", {k: v for k, v in base.items() if v is not None})


def test_fnac_sale_parsing():
    line = fnac.parse_sale(sale_el(), W, 1)
    assert (line.external_ticket_id, line.action, line.price, line.sold_at.hour) == ("F1", SaleAction.SALE,
                                                                                    Decimal("12.50"), 10)
    assert fnac.parse_sale(sale_el(action="A"), W, 1).action is SaleAction.CANCEL


@pytest.mark.parametrize("attrs,what", [({"billet": None}, "no ticket id"), ({"action": "X"}, "action 'X'"),
                                        ({"prix": "12,5€"}, "not an amount"), ({"date": "hier"}, "not a date")])
def test_fnac_bad_sale_lines_name_the_ticket(attrs, what):
    with pytest.raises(ExternalError, match=what) as err:
        fnac.parse_sale(sale_el(**attrs), W, 3)
    assert ("F1" in err.value.where) or attrs.get("billet", "x") is None


@pytest.mark.parametrize("sale,what", [
    ("not an object", "not an object"),
    ({"type": "SALE"}, "no 'ticket_id'"),
    ({"ticket_id": 5, "type": "SALE"}, "wrong type"),
    ({"ticket_id": "T", "type": "REFUND"}, "neither SALE nor CANCEL"),
    ({"ticket_id": "T", "type": "SALE", "price": "abc"}, "not an amount"),
    ({"ticket_id": "T", "type": "SALE", "customer": []}, "customer is not an object"),
    ({"ticket_id": "T", "type": "SALE", "at": "hier"}, "ticket T date 'hier' is not a date-time"),
    ({"ticket_id": "T", "type": "SALE", "at": 12.5}, "ticket T date 12.5 is not a date-time"),
    ({"ticket_id": "T", "type": "SALE", "price": ["12"]}, "not an amount"),
    ({"ticket_id": "T", "type": "SALE", "price": "NaN"}, "not an amount"),
])
def test_ticketnet_bad_sale_lines(sale, what):
    with pytest.raises(ExternalError, match=what) as err:
        ticketnet.parse_sale(sale, "http://x/ticketnet/api/v1/sales", 1, amounts={"12.50": Decimal("12.50")})
    assert not isinstance(sale, dict) or "ticket_id" not in sale or err.value.where.endswith("ticket T") \
        or "wrong type" in what


def test_ticketnet_sale_lines_read_their_times_and_prices_once_per_page():
    """The page's prices are read once (shared); each line keeps its own time, naive UTC."""
    amounts = {}
    a = ticketnet.parse_sale({"ticket_id": "A", "type": "SALE", "at": "2026-12-04T10:00:00+01:00", "price": "42.00"},
                             "w", 1, amounts=amounts)
    b = ticketnet.parse_sale({"ticket_id": "B", "type": "CANCEL", "at": "2026-12-04T09:30:00Z", "price": "42.00"},
                             "w", 2, amounts=amounts)
    c = ticketnet.parse_sale({"ticket_id": "C", "type": "SALE", "at": "", "price": 7}, "w", 3, amounts=amounts)
    assert (a.sold_at, b.sold_at, c.sold_at) == (datetime(2026, 12, 4, 9, 0), datetime(2026, 12, 4, 9, 30), None)
    assert a.price is b.price and a.price == Decimal("42.00") and c.price == Decimal("7")
    assert (a.action, b.action, a.where, a.currency) == (SaleAction.SALE, SaleAction.CANCEL, "Ticketnet ticket A", "EUR")


@pytest.mark.parametrize("cents,ok", [(1250, Decimal("12.50")), (None, None), ("12.50", False), (True, False)])
def test_digitick_amounts_are_whole_cents(cents, ok):
    t = {"id": "D1", "status": "sold", "rate": {"code": "N", "amount_cents": cents}}
    if ok is False:
        with pytest.raises(ExternalError, match="whole number of cents") as err:
            digitick.parse_ticket(t, "w", 1)
        assert "D1" in err.value.where
    else:
        assert digitick.parse_ticket(t, "w", 1).price == ok


def test_batches():
    assert batches((1, 2, 3, 4, 5), 2) == [(1, 2), (3, 4), (5,)]
    assert batches((), 2) == [()] and batches((1, 2), None) == [(1, 2)]


def test_registry_knows_every_kind_and_checks_settings(tmp_path):
    assert set(ADAPTERS) == set(DistributorKind)
    ok = {"fnac": ConnectionSettings("http://h", "l", "p", {"manager_code": "M"}),
          "ticketnet": ConnectionSettings("http://h", "l", "p"), "digitick": ConnectionSettings("http://h", "l", "p"),
          "guichet_file": ConnectionSettings("", "", None, {"folder": str(tmp_path)})}
    for kind, settings in ok.items():
        a = make_adapter(kind, settings)
        assert isinstance(a, DistributorAdapter) and a.kind is DistributorKind(kind)
        a.close()
    with pytest.raises(ConfigurationError, match="manager code"):
        make_adapter("fnac", ConnectionSettings("http://h", "l", "p"))
    with pytest.raises(ConfigurationError, match="password"):
        make_adapter("ticketnet", ConnectionSettings("http://h", "l", None))
    with pytest.raises(ConfigurationError, match="not an http"):
        make_adapter("digitick", ConnectionSettings("ftp://h", "l", "p"))
    with pytest.raises(ConfigurationError, match="no adapter"):
        make_adapter("datasport", ok["ticketnet"])
