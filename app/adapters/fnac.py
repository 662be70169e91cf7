"""Fnac: SOAP-style XML envelopes over HTTP (docs/protocols/fnac.md) — allotments as a
staged full state per performance, the sales status "EtatVentes" with a cursor, and the
allocated/sold counts per performance. Credentials: login, password and a manager code."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx

from app.domain.enums import DistributorKind, SyncFunction
from app.domain.sales import SaleAction, SaleLine

from .base import (
    Allotment,
    AllotmentPrice,
    AllotmentQuantity,
    AllotmentSeat,
    ConfigurationError,
    ConnectionSettings,
    ExportReport,
    ExternalError,
    MappingError,
    PerformanceCounts,
    SalesPage,
    TechnicalError,
)
from .link import HttpLink, TRANSIENT_STATUS, batches, page_size, parse_amount, parse_datetime
from app.i18n import _

NS_SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
NS_FNAC = "urn:fnac:billetterie:v1"
PATH = "/fnac/soap"
_S = f"{{{NS_SOAP}}}"
_F = f"{{{NS_FNAC}}}"


_XML_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _q(value) -> str:
    """Text for an XML attribute (one C call: 80,000 seats must stay fast)."""
    return ("" if value is None else str(value)).translate(_XML_ATTR)


def envelope(login: str, password: str, manager_code: str, operation: str, attrs: dict, children: str = "") -> bytes:
    """One request envelope: the credentials in the header, one operation in the body."""
    a = "".join(f' {k}="{_q(v)}"' for k, v in attrs.items())
    return (
        f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{NS_SOAP}" xmlns:f="{NS_FNAC}">'
        f"<soap:Header><f:Authentification><f:Login>{_q(login)}</f:Login><f:MotDePasse>{_q(password)}</f:MotDePasse>"
        f"<f:CodeGestionnaire>{_q(manager_code)}</f:CodeGestionnaire></f:Authentification></soap:Header>"
        f"<soap:Body><f:{operation}{a}>{children}</f:{operation}></soap:Body></soap:Envelope>"
    ).encode()


def seats_xml(seats, quantities=(), prices=()) -> str:
    out = [f'<f:Place z="{_q(s.zone)}" r="{_q(s.row)}" n="{_q(s.number)}" c="{_q(s.category)}" ref="{_q(s.seat_ref)}"/>'
           for s in seats]
    out += [f'<f:Quantite z="{_q(q.zone)}" c="{_q(q.category)}" q="{int(q.quantity)}"/>' for q in quantities]
    out += [f'<f:Prix c="{_q(p.category)}" t="{_q(p.tariff)}" montant="{p.price}"/>' for p in prices]
    return "".join(out)


def _fault(root: ET.Element) -> tuple[str, str, str] | None:
    """(faultcode, Erreur code, faultstring) when the envelope is a SOAP fault."""
    f = root.find(f"{_S}Body/{_S}Fault")
    if f is None:
        return None
    err = f.find(f"detail/{_F}Erreur")
    return ((f.findtext("faultcode") or "").strip(), err.get("code", "") if err is not None else "",
            (f.findtext("faultstring") or "").strip())


def _transient(response: httpx.Response) -> bool:
    """5xx is transient, except a SOAP fault blaming our request (SOAP 1.1 answers those 500)."""
    if response.status_code not in TRANSIENT_STATUS:
        return False
    if response.status_code == 500 and b"Fault" in response.content:
        try:
            fault = _fault(ET.fromstring(response.content))
        except ET.ParseError:
            return True
        return fault is None or not fault[0].endswith("Client")
    return True


def parse_reply(content: bytes, operation: str, where: str) -> ET.Element:
    """The operation's answer element, or the DistributorError the envelope says."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise ExternalError(_("Fnac: malformed {operation} reply: not well-formed XML ({error})").format(
            operation=operation, error=str(exc)), where=where) from exc
    fault = _fault(root)
    if fault is not None:
        faultcode, code, text = fault
        if code == "AUTH":
            raise ConfigurationError(_("Fnac refused the credentials: {text}; check the interface's login, password "
                                       "and manager code").format(text=text), where=where)
        if code == "SEANCE_INCONNUE":
            raise MappingError(_("Fnac does not know this performance: {text}; check the performance's mapping "
                                 "(external id)").format(text=text), where=where)
        if code == "REQUETE":
            raise TechnicalError(_("Fnac refused the {operation} request as malformed: {text}").format(
                operation=operation, text=text), where=where)
        raise ExternalError(_("Fnac answered {operation} with fault {faultcode} {code}: {text}").format(
            operation=operation, faultcode=faultcode, code=code, text=text), where=where)
    answer = root.find(f"{_S}Body/{_F}{operation}Reponse")
    if answer is None:
        raise ExternalError(_("Fnac: malformed {operation} reply: no {operation}Reponse element").format(
            operation=operation), where=where)
    return answer


def _attr(el: ET.Element, name: str, where: str, what: str) -> str:
    value = el.get(name)
    if value is None:
        raise ExternalError(_("Fnac: malformed reply: {what} has no attribute {name!r}").format(what=what, name=name),
                            where=where)
    return value


def _int_attr(el: ET.Element, name: str, where: str, what: str) -> int:
    value = _attr(el, name, where, what)
    try:
        return int(value)
    except ValueError:
        raise ExternalError(_("Fnac: malformed reply: {what} {name}={value} is not a number").format(
            what=what, name=name, value=repr(value)), where=where) from None


def parse_sale(el: ET.Element, where: str, index: int) -> SaleLine:
    ticket = el.get("billet") or ""
    if not ticket:
        raise ExternalError(_("Fnac: malformed EtatVentes reply: sale #{index} has no ticket id (billet)").format(
            index=index), where=where)
    w = f"{where} ticket {ticket}"
    action = el.get("action")
    if action not in ("V", "A"):
        raise ExternalError(_("Fnac: ticket {ticket}: action {action} is neither V (sale) nor A (cancellation)").format(
            ticket=ticket, action=repr(action)), where=w)
    return SaleLine(
        external_ticket_id=ticket,
        action=SaleAction.SALE if action == "V" else SaleAction.CANCEL,
        where=_("Fnac ticket {ticket}").format(ticket=ticket),
        sold_at=parse_datetime(el.get("date"), f"ticket {ticket} date", w),
        event=el.get("evenement", ""), performance=el.get("seance", ""),
        zone=el.get("z", ""), row=el.get("r", ""), seat=el.get("n", ""), seat_category=el.get("c", ""),
        tariff=el.get("tarif", ""), price=parse_amount(el.get("prix"), f"ticket {ticket} price", w),
        currency=el.get("devise") or "EUR",
        buyer_last_name=el.get("nom", ""), buyer_first_name=el.get("prenom", ""),
        buyer_postal_code=el.get("cp", ""), buyer_country=el.get("pays", ""), order_id=el.get("commande", ""),
        extra={"seat_ref": el.get("ref", "")} if el.get("ref") else {},
    )


def parse_places(answer: ET.Element, where: str) -> tuple[tuple, tuple, tuple]:
    seats, quantities, prices = [], [], []
    for el in answer:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("Place", "PlaceConservee"):
            seats.append(AllotmentSeat(_attr(el, "z", where, tag), _attr(el, "r", where, tag),
                                       _attr(el, "n", where, tag), _attr(el, "c", where, tag), el.get("ref", "")))
        elif tag in ("Quantite", "QuantiteConservee"):
            quantities.append(AllotmentQuantity(_attr(el, "z", where, tag), _attr(el, "c", where, tag),
                                                _int_attr(el, "q", where, tag)))
        elif tag == "Prix":
            prices.append(AllotmentPrice(_attr(el, "c", where, tag), _attr(el, "t", where, tag),
                                         parse_amount(_attr(el, "montant", where, tag), "price", where)))
    return tuple(seats), tuple(quantities), tuple(prices)


class FnacAdapter:
    kind = DistributorKind.FNAC
    label = "Fnac"
    on_network = True
    functions = frozenset({SyncFunction.EXPORT_ALLOTMENTS, SyncFunction.REINTEGRATE_SALES,
                           SyncFunction.ALLOCATED_SOLD_COUNTS})

    def __init__(self, settings: ConnectionSettings):
        self.manager_code = str((settings.options or {}).get("manager_code") or "")
        missing = [name for name, value in [("login", settings.login), ("password", settings.password),
                                            ("manager code", self.manager_code)] if not value]
        if missing:
            raise ConfigurationError(_("Fnac needs these in the interface's settings: {missing}").format(
                missing=", ".join(missing)), where=_("interface settings"))
        self.settings = settings
        self.link = HttpLink(settings, name="Fnac", transient=_transient)

    def _call(self, operation: str, attrs: dict, children: str = "", about: str = "") -> ET.Element:
        s = self.settings
        body = envelope(s.login, s.password or "", self.manager_code, operation, attrs, children)
        where = f"{self.link.url(PATH)} {operation}" + (f" {about}" if about else "")
        response = self.link.request("POST", PATH, body=body, content_type="text/xml; charset=utf-8",
                                     headers={"SOAPAction": f'"{NS_FNAC}/{operation}"'})
        if response.status_code not in (200, 500):
            raise ExternalError(_("Fnac answered {operation} with HTTP {status}").format(
                operation=operation, status=response.status_code), where=where)
        return parse_reply(response.content, operation, where)

    def export_allotment(self, allotment: Allotment, *, batch_size: int | None = None) -> ExportReport:
        where = f"{self.link.url(PATH)} performance {allotment.performance}"
        token = _attr(self._call("OuvrirAllotement", {"evenement": allotment.event, "seance": allotment.performance},
                                 about=f"performance {allotment.performance}"),
                      "jeton", where, "OuvrirAllotementReponse")
        parts = batches(allotment.seats, batch_size)
        for i, part in enumerate(parts, 1):
            last = i == len(parts)
            children = seats_xml(part, allotment.quantities if last else (), allotment.prices if last else ())
            self._call("EnvoyerLot", {"jeton": token, "lot": i}, children,
                       about=f"performance {allotment.performance} batch {i}/{len(parts)}")
        answer = self._call("ValiderAllotement", {"jeton": token, "lots": len(parts)},
                            about=f"performance {allotment.performance}")
        kept_seats, kept_q, _prices = parse_places(answer, where)
        added = _int_attr(answer, "ajoutees", where, "ValiderAllotementReponse")
        removed = _int_attr(answer, "retirees", where, "ValiderAllotementReponse")
        kept = _int_attr(answer, "conserveesVendues", where, "ValiderAllotementReponse")
        return ExportReport(
            added=added, removed=removed, kept_sold=kept, kept_sold_seats=kept_seats, kept_sold_quantities=kept_q,
            message=_("Fnac: {places} place(s) sent for {performance} in {parts} batch(es): {added} added, {removed} "
                      "removed, {kept} sold meanwhile kept").format(
                places=allotment.places, performance=allotment.performance, parts=len(parts), added=added,
                removed=removed, kept=kept))

    def current_allotment(self, event: str, performance: str) -> Allotment:
        answer = self._call("ConsulterAllotement", {"evenement": event, "seance": performance},
                            about=f"performance {performance}")
        seats, quantities, prices = parse_places(answer, f"{self.link.url(PATH)} performance {performance}")
        return Allotment(event=answer.get("evenement") or event, performance=performance, seats=seats,
                         quantities=quantities, prices=prices)

    def fetch_sales(self, cursor: str, *, limit: int = 1000) -> SalesPage:
        return self.parse_sales(self.fetch_sales_raw(cursor, limit=limit))

    def fetch_sales_raw(self, cursor: str, *, limit: int = 1000):
        """The network round trip of `fetch_sales` (base.SplitFetch)."""
        return cursor, self._call("EtatVentes", {"curseur": cursor or "", "max": page_size(limit)},
                                  about=f"cursor {cursor!r}")

    def parse_sales(self, raw) -> SalesPage:
        cursor, answer = raw
        where = f"{self.link.url(PATH)} EtatVentes after cursor {cursor!r}"
        lines = tuple(parse_sale(el, where, i) for i, el in enumerate(answer.iter(f"{_F}Vente"), 1))
        more = _attr(answer, "suite", where, "EtatVentesReponse")
        if more not in ("true", "false"):
            raise ExternalError(_("Fnac: malformed EtatVentes reply: suite={value}").format(value=repr(more)),
                                where=where)
        next_cursor = answer.get("curseur") or cursor
        return SalesPage(lines=lines, next_cursor=next_cursor, more=more == "true")

    def counts(self, performance: str) -> PerformanceCounts:
        answer = self._call("NombrePlaces", {"seance": performance}, about=f"performance {performance}")
        where = f"{self.link.url(PATH)} NombrePlaces {performance}"
        return PerformanceCounts(performance=performance,
                                 allocated=_int_attr(answer, "alloues", where, "NombrePlacesReponse"),
                                 sold=_int_attr(answer, "vendus", where, "NombrePlacesReponse"))

    def close(self) -> None:
        self.link.close()
