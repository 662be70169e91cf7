"""The distributor side of the three wire protocols (docs/protocols/*.md), written
independently of the adapters so the tests exercise a real conversation."""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import unquote

from .store import Fault, SimulatorError

NS_SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
NS_FNAC = "urn:fnac:billetterie:v1"


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes


def _json(status: int, data) -> Response:
    return Response(status, "application/json", json.dumps(data, separators=(",", ":")).encode())


_XML_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _q(value) -> str:
    """Text for an XML attribute (one C call: 80,000 seats must stay fast)."""
    return ("" if value is None else str(value)).translate(_XML_ATTR)


def _before(sim, fault: Fault | None) -> Response | None:
    """Faults that replace the answer (HTTP 500) or delay it (timeout)."""
    if fault is None:
        return None
    if fault.fault == "http_500":
        return Response(500, "text/plain", b"Internal Server Error (simulated fault)")
    if fault.fault == "timeout":
        sim.sleep(fault.delay_s)  # the client has given up by now; the answer goes nowhere
    return None


def _after(fault: Fault | None, resp: Response) -> Response:
    if fault is not None and fault.fault == "malformed" and resp.status == 200:
        return Response(200, resp.content_type, resp.body[: max(1, len(resp.body) // 2)])
    return resp


def _basic_auth(req: Request) -> tuple[str, str]:
    header = req.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            login, _, password = base64.b64decode(header[6:]).decode().partition(":")
            return login, password
        except (ValueError, UnicodeDecodeError):
            pass
    return "", ""


# --- Fnac: SOAP-style XML ---------------------------------------------------------------

FNAC_OPS = {"OuvrirAllotement": "export", "EnvoyerLot": "export", "ValiderAllotement": "export",
            "ConsulterAllotement": "allotment", "EtatVentes": "sales", "NombrePlaces": "counts"}
FNAC_FAULT_CODES = {"unauthorized": "AUTH", "unknown_performance": "SEANCE_INCONNUE", "not_found": "INTROUVABLE",
                    "conflict": "CONFLIT", "invalid_request": "REQUETE"}


def _envelope(inner: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{NS_SOAP}"><soap:Body>'
            f"{inner}</soap:Body></soap:Envelope>").encode()


def fnac_fault(code: str, message: str, *, server: bool = False) -> Response:
    inner = (f"<soap:Fault><faultcode>soap:{'Server' if server else 'Client'}</faultcode>"
             f"<faultstring>{_q(message)}</faultstring><detail><Erreur xmlns=\"{NS_FNAC}\" code=\"{code}\"/>"
             "</detail></soap:Fault>")
    return Response(500, "text/xml; charset=utf-8", _envelope(inner))


def _places_xml(perf, with_prices: bool = True) -> list[str]:
    out = [f'<Place z="{_q(z)}" r="{_q(r)}" n="{_q(n)}" c="{_q(c)}" ref="{_q(ref)}"/>'
           for (z, r, n), (c, ref) in perf.seats.items()]
    out += [f'<Quantite z="{_q(z)}" c="{_q(c)}" q="{q}"/>' for (z, c), q in perf.quantities.items()]
    if with_prices:
        out += [f'<Prix c="{_q(c)}" t="{_q(t)}" montant="{p}"/>' for c, lst in perf.prices.items() for t, p in lst]
    return out


def handle_fnac(sim, req: Request) -> Response:
    if req.method != "POST" or req.path != "/fnac/soap":
        return fnac_fault("REQUETE", f"{req.method} {req.path}: the Fnac service answers POST /fnac/soap")
    try:
        root = ET.fromstring(req.body)
    except ET.ParseError as exc:
        return fnac_fault("REQUETE", f"unreadable envelope: {exc}")
    auth = root.find(f"{{{NS_SOAP}}}Header/{{{NS_FNAC}}}Authentification")
    body = root.find(f"{{{NS_SOAP}}}Body")
    if body is None or len(body) == 0:
        return fnac_fault("REQUETE", "envelope without a Body operation")
    op_el = body[0]
    op = op_el.tag.rsplit("}", 1)[-1]
    if op not in FNAC_OPS:
        return fnac_fault("REQUETE", f"unknown operation {op}")

    def text(name: str) -> str:
        el = auth.find(f"{{{NS_FNAC}}}{name}") if auth is not None else None
        return (el.text or "") if el is not None else ""

    login = text("Login")
    fault = sim.store.request_fault(login, FNAC_OPS[op])
    early = _before(sim, fault)
    if early is not None:
        return early
    try:
        if fault is not None and fault.fault == "bad_credentials":
            raise SimulatorError(f"login {login!r}: wrong login or password", 401)
        sim.store.authenticate("fnac", login, text("MotDePasse"), text("CodeGestionnaire"))
        if fault is not None and fault.fault == "unknown_id":
            perf = op_el.get("seance", "")
            raise SimulatorError(f"séance {perf!r} inconnue", 404, "unknown_performance")
        inner = _fnac_op(sim, login, op, op_el, bad_line=fault is not None and fault.fault == "malformed_line")
    except SimulatorError as exc:
        return fnac_fault(FNAC_FAULT_CODES.get(exc.code, "REQUETE"), str(exc))
    return _after(fault, Response(200, "text/xml; charset=utf-8", _envelope(inner)))


def _fnac_op(sim, login: str, op: str, el: ET.Element, bad_line: bool) -> str:
    store = sim.store
    ns = f' xmlns="{NS_FNAC}"'
    if op == "OuvrirAllotement":
        token = store.begin_upload(login, el.get("evenement", ""), el.get("seance", ""))
        return f'<OuvrirAllotementReponse{ns} jeton="{token}"/>'
    if op == "EnvoyerLot":
        seats, quantities, prices = [], [], []
        for child in el:
            tag, a = child.tag.rsplit("}", 1)[-1], child.attrib
            try:
                if tag == "Place":
                    seats.append((a["z"], a["r"], a["n"], a["c"], a.get("ref", "")))
                elif tag == "Quantite":
                    quantities.append((a["z"], a["c"], int(a["q"])))
                elif tag == "Prix":
                    prices.append((a["c"], a["t"], str(Decimal(a["montant"]))))
            except (KeyError, ValueError, ArithmeticError) as exc:
                raise SimulatorError(f"lot {el.get('lot')}: {tag} element without a valid {exc}") from exc
        n = store.add_part(login, el.get("jeton", ""), _int(el.get("lot"), "lot"), seats, quantities, prices)
        return f'<EnvoyerLotReponse{ns} lot="{el.get("lot")}" recus="{n}"/>'
    if op == "ValiderAllotement":
        r = store.commit_upload(login, el.get("jeton", ""), _int(el.get("lots"), "lots"))
        kept = [f'<PlaceConservee z="{_q(z)}" r="{_q(rw)}" n="{_q(n)}" c="{_q(c)}" ref="{_q(ref)}"/>'
                for z, rw, n, c, ref in r["kept_seats"]]
        kept += [f'<QuantiteConservee z="{_q(z)}" c="{_q(c)}" q="{q}"/>' for z, c, q in r["kept_quantities"]]
        return (f'<ValiderAllotementReponse{ns} ajoutees="{r["added"]}" retirees="{r["removed"]}" '
                f'conserveesVendues="{r["kept_sold"]}" alloues="{r["allocated"]}" vendus="{r["sold"]}">'
                + "".join(kept) + "</ValiderAllotementReponse>")
    if op == "ConsulterAllotement":
        perf_id = el.get("seance", "")
        with store.lock:
            perf = store.allotment(login, perf_id)
            places = _places_xml(perf) if perf else []
            event = perf.event if perf else el.get("evenement", "")
        return (f'<ConsulterAllotementReponse{ns} evenement="{_q(event)}" seance="{_q(perf_id)}">'
                + "".join(places) + "</ConsulterAllotementReponse>")
    if op == "EtatVentes":
        page, nxt, more = store.sales_page(login, el.get("curseur", ""), _int(el.get("max", "1000"), "max"))
        lines = []
        for i, e in enumerate(page):
            price = "n/a" if bad_line and i == 0 else (e["price"] or "")
            lines.append(
                f'<Vente billet="{_q(e["ticket"])}" action="{"V" if e["action"] == "sale" else "A"}" '
                f'date="{e["at"]}" evenement="{_q(e["event"])}" seance="{_q(e["performance"])}" '
                f'z="{_q(e["zone"])}" r="{_q(e["row"])}" n="{_q(e["number"])}" c="{_q(e["category"])}" '
                f'tarif="{_q(e["tariff"])}" prix="{_q(price)}" devise="{e["currency"]}" ref="{_q(e["ref"])}" '
                f'nom="{_q(e["last_name"])}" prenom="{_q(e["first_name"])}" cp="{_q(e["postal_code"])}" '
                f'pays="{_q(e["country"])}" commande="{_q(e.get("order", ""))}"/>')
        return (f'<EtatVentesReponse{ns} curseur="{_q(nxt)}" suite="{"true" if more else "false"}">'
                + "".join(lines) + "</EtatVentesReponse>")
    if op == "NombrePlaces":
        perf_id = el.get("seance", "")
        allocated, sold = store.counts(login, perf_id)
        return f'<NombrePlacesReponse{ns} seance="{_q(perf_id)}" alloues="{allocated}" vendus="{sold}"/>'
    raise SimulatorError(f"unknown operation {op}")  # pragma: no cover - FNAC_OPS guards


def _int(value, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SimulatorError(f"{what} {value!r} is not a number") from None


# --- Ticketnet: JSON over HTTP ------------------------------------------------------------

def _error(status: int, code: str, message: str) -> Response:
    return _json(status, {"error": {"code": code, "message": message}})


def _json_body(req: Request) -> dict:
    try:
        data = json.loads(req.body or b"{}")
    except ValueError as exc:
        raise SimulatorError(f"body is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise SimulatorError("body must be a JSON object")
    return data


def handle_ticketnet(sim, req: Request) -> Response:
    parts = [unquote(p) for p in req.path.split("/") if p]
    # ["ticketnet", "api", "v1", ...]
    if parts[:3] != ["ticketnet", "api", "v1"]:
        return _error(404, "not_found", f"{req.path}: not a Ticketnet API path")
    rest, m = parts[3:], req.method
    if m == "POST" and rest == ["allotments"] or m == "PUT" and len(rest) == 4 and rest[0] == "allotments" \
            and rest[2] == "parts" or m == "POST" and len(rest) == 3 and rest[0] == "allotments" and rest[2] == "commit":
        operation = "export"
    elif m == "GET" and len(rest) == 3 and rest[0] == "performances" and rest[2] == "allotment":
        operation = "allotment"
    elif m == "GET" and rest == ["sales"]:
        operation = "sales"
    else:
        return _error(404, "not_found", f"{m} {req.path}: no such Ticketnet operation")
    login, password = _basic_auth(req)
    fault = sim.store.request_fault(login, operation)
    early = _before(sim, fault)
    if early is not None:
        return early
    store = sim.store
    try:
        if fault is not None and fault.fault == "bad_credentials":
            raise SimulatorError("wrong login or password", 401)
        store.authenticate("ticketnet", login, password)
        if fault is not None and fault.fault == "unknown_id":
            perf = rest[1] if rest[0] == "performances" else _json_body(req).get("performance_id", "")
            raise SimulatorError(f"performance {perf!r} is unknown", 404, "unknown_performance")
        if operation == "export" and len(rest) == 1:
            data = _json_body(req)
            token = store.begin_upload(login, str(data.get("event_id", "")), str(data.get("performance_id", "")))
            return _after(fault, _json(201, {"upload_id": token}))
        if operation == "export" and rest[2] == "parts":
            data = _json_body(req)
            try:
                seats = [tuple(str(x) for x in s) for s in data.get("seats", [])]
                standing = [(str(z), str(c), int(q)) for z, c, q in data.get("standing", [])]
                prices = [(str(c), str(t), str(Decimal(str(p)))) for c, t, p in data.get("prices", [])]
            except (ValueError, TypeError, ArithmeticError) as exc:
                raise SimulatorError(f"part {rest[3]}: malformed seats/standing/prices ({exc})") from exc
            if any(len(s) < 4 for s in seats):
                raise SimulatorError(f"part {rest[3]}: a seat needs [block, row, seat, category(, ref)]")
            n = store.add_part(login, rest[1], _int(rest[3], "part"), seats, standing, prices)
            return _after(fault, _json(200, {"received": n}))
        if operation == "export":
            data = _json_body(req)
            r = store.commit_upload(login, rest[1], _int(data.get("parts"), "parts"))
            return _after(fault, _json(200, {
                "added": r["added"], "removed": r["removed"], "kept_sold": r["kept_sold"],
                "kept_seats": r["kept_seats"], "kept_standing": r["kept_quantities"],
                "allocated": r["allocated"], "sold": r["sold"]}))
        if operation == "allotment":
            with store.lock:
                perf = store.allotment(login, rest[1])
                data = {"event_id": perf.event if perf else "", "performance_id": rest[1],
                        "seats": [[*k, *v] for k, v in perf.seats.items()] if perf else [],
                        "standing": [[*k, q] for k, q in perf.quantities.items()] if perf else [],
                        "prices": [[c, t, p] for c, lst in perf.prices.items() for t, p in lst] if perf else []}
            return _after(fault, _json(200, data))
        page, nxt, more = store.sales_page(login, req.query.get("cursor", ""), _int(req.query.get("limit", "1000"),
                                                                                      "limit"))
        sales = []
        for i, e in enumerate(page):
            price = "n/a" if fault is not None and fault.fault == "malformed_line" and i == 0 else e["price"]
            sales.append({
                "ticket_id": e["ticket"], "type": "SALE" if e["action"] == "sale" else "CANCEL", "at": e["at"],
                "event_id": e["event"], "performance_id": e["performance"], "block": e["zone"], "row": e["row"],
                "seat": e["number"], "category": e["category"], "tariff": e["tariff"], "price": price,
                "currency": e["currency"], "seat_ref": e["ref"], "order_id": e.get("order", ""),
                "customer": {"last_name": e["last_name"], "first_name": e["first_name"],
                             "postal_code": e["postal_code"], "country": e["country"]}})
        return _after(fault, _json(200, {"sales": sales, "next_cursor": nxt, "has_more": more}))
    except SimulatorError as exc:
        return _error(exc.status, exc.code, str(exc))


# --- Digitick: JSON, sales only ---------------------------------------------------------

def handle_digitick(sim, req: Request) -> Response:
    if req.method != "GET" or req.path.rstrip("/") != "/digitick/api/v1/tickets":
        return _error(404, "not_found", f"{req.method} {req.path}: Digitick only serves GET /digitick/api/v1/tickets")
    login, password = _basic_auth(req)
    fault = sim.store.request_fault(login, "sales")
    early = _before(sim, fault)
    if early is not None:
        return early
    try:
        if fault is not None and fault.fault == "bad_credentials":
            raise SimulatorError("wrong login or password", 401)
        sim.store.authenticate("digitick", login, password)
        page, nxt, more = sim.store.sales_page(login, req.query.get("since", ""),
                                               _int(req.query.get("page_size", "1000"), "page_size"))
    except SimulatorError as exc:
        return _error(exc.status, exc.code, str(exc))
    data = []
    for i, e in enumerate(page):
        cents = None if e["price"] is None else int(Decimal(e["price"]) * 100)
        if fault is not None and fault.fault == "malformed_line" and i == 0:
            cents = "n/a"
        data.append({
            "id": e["ticket"], "status": "sold" if e["action"] == "sale" else "refunded", "created_at": e["at"],
            "order_id": e.get("order", ""),
            "event_id": e["event"], "session_id": e["performance"],
            "place": {"zone": e["zone"], "row": e["row"], "number": e["number"], "category": e["category"],
                      "ref": e["ref"]},
            "rate": {"code": e["tariff"], "amount_cents": cents, "currency": e["currency"]},
            "holder": {"last_name": e["last_name"], "first_name": e["first_name"], "zip": e["postal_code"],
                       "country": e["country"]}})
    return _after(fault, _json(200, {"data": data, "paging": {"next_since": nxt, "has_next": more}}))
