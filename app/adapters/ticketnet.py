"""Ticketnet: JSON over HTTP with Basic authentication (docs/protocols/ticketnet.md) —
allotments as a staged full state per performance, sales with a cursor and pages."""

from __future__ import annotations

import dataclasses
import json
from urllib.parse import quote

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
from .link import HttpLink, _iso_utc, batches, page_size, parse_amount, parse_datetime, require
from app.i18n import _, formatter

API = "/ticketnet/api/v1"


def _seat_rows(seats) -> list:
    return [[s.zone, s.row, s.number, s.category, s.seat_ref] for s in seats]


def _error_of(response: httpx.Response, what: str, about: str):
    """The DistributorError for a non-2xx answer (401/403 are handled by the link)."""
    where = f"{response.request.url}" + (f" {about}" if about else "")
    try:
        err = json.loads(response.content).get("error", {})
        code, message = str(err.get("code", "")), str(err.get("message", ""))
    except (ValueError, AttributeError):
        code, message = "", response.text[:200]
    if code == "unknown_performance":
        return MappingError(_("Ticketnet does not know this performance: {message}; check the performance's mapping "
                              "(external id)").format(message=message), where=where)
    if response.status_code == 400:
        return TechnicalError(_("Ticketnet refused the {what} request as malformed: {message}").format(
            what=what, message=message), where=where)
    return ExternalError(_("Ticketnet answered {what} with HTTP {status} {code}: {message}").format(
        what=what, status=response.status_code, code=code, message=message), where=where)


def parse_sale(d: dict, where: str, index: int, said=None, amounts: dict | None = None) -> SaleLine:
    """One sale of the reply; `said(ticket)`: the line's place in the reader's language
    (`_("Ticketnet ticket {ticket}")`, made once per page by `parse_sales`); `amounts`:
    the page's prices already read (text → Decimal; a page repeats a few prices).

    A page holds thousands of sales: the usual line (text fields, a time, a price already
    seen) takes the short way, and anything else the checked one, whose messages name the
    field — the texts naming where are made only then."""
    if not isinstance(d, dict):
        raise ExternalError(_("Ticketnet: malformed sales reply: sale #{index} is not an object").format(index=index),
                            where=where)
    get = d.get
    ticket = get("ticket_id")
    if type(ticket) is not str:
        ticket = require(d, "ticket_id", f"sale #{index}", where)
    kind = get("type")
    if kind == "SALE":
        action = SaleAction.SALE
    elif kind == "CANCEL":
        action = SaleAction.CANCEL
    else:
        raise ExternalError(_("Ticketnet: ticket {ticket}: type {kind} is neither SALE nor CANCEL").format(
            ticket=ticket, kind=repr(kind)), where=f"{where} ticket {ticket}")
    customer = get("customer")
    customer = {} if customer is None else customer
    if not isinstance(customer, dict):
        raise ExternalError(_("Ticketnet: ticket {ticket}: customer is not an object").format(ticket=ticket),
                            where=f"{where} ticket {ticket}")
    at = get("at")
    try:
        sold_at = _iso_utc(at) if at and type(at) is str else None
    except ValueError:
        sold_at = None
    if sold_at is None and at is not None and at != "":
        sold_at = parse_datetime(at, f"ticket {ticket} date", f"{where} ticket {ticket}")  # or its error
    price = get("price")
    amount = amounts.get(price) if amounts is not None and type(price) is str else None
    if amount is None:
        amount = parse_amount(price, f"ticket {ticket} price", f"{where} ticket {ticket}")
        if amounts is not None and amount is not None and type(price) is str:
            amounts[price] = amount
    cget = customer.get
    # positional, in SaleLine's field order (_SALE_LINE_ORDER): half the cost of 20 keywords
    return SaleLine(
        ticket, action, said(ticket) if said else _("Ticketnet ticket {ticket}").format(ticket=ticket), sold_at,
        str(get("event_id") or ""), str(get("performance_id") or ""), None,
        str(get("block") or ""), str(get("row") or ""), str(get("seat") or ""),
        str(get("category") or ""), str(get("tariff") or ""), amount, str(get("currency") or "EUR"),
        str(cget("last_name") or ""), str(cget("first_name") or ""), str(cget("postal_code") or ""),
        str(cget("country") or ""), str(get("order_id") or ""),
        {"seat_ref": d["seat_ref"]} if get("seat_ref") else {},
    )


_SALE_LINE_ORDER = ("external_ticket_id", "action", "where", "sold_at", "event", "performance", "performance_at",
                    "zone", "row", "seat", "seat_category", "tariff", "price", "currency", "buyer_last_name",
                    "buyer_first_name", "buyer_postal_code", "buyer_country", "order_id", "extra")
assert tuple(f.name for f in dataclasses.fields(SaleLine)) == _SALE_LINE_ORDER, "SaleLine changed: update parse_sale"


def _seats(rows, what: str, where: str) -> tuple:
    try:
        return tuple(AllotmentSeat(str(z), str(r), str(n), str(c), str(ref[0]) if ref else "")
                     for z, r, n, c, *ref in rows)
    except (TypeError, ValueError) as exc:
        raise ExternalError(_("Ticketnet: malformed {what}: a seat is not [block, row, seat, category, ref]").format(
            what=what),
                            where=where) from exc


def _standing(rows, what: str, where: str) -> tuple:
    try:
        return tuple(AllotmentQuantity(str(z), str(c), int(q)) for z, c, q in rows)
    except (TypeError, ValueError) as exc:
        raise ExternalError(_("Ticketnet: malformed {what}: a standing entry is not [zone, category, quantity]").format(
            what=what),
                            where=where) from exc


class TicketnetAdapter:
    kind = DistributorKind.TICKETNET
    label = "Ticketnet"
    on_network = True
    functions = frozenset({SyncFunction.EXPORT_ALLOTMENTS, SyncFunction.REINTEGRATE_SALES})

    def __init__(self, settings: ConnectionSettings):
        if not settings.login or not settings.password:
            raise ConfigurationError(_("Ticketnet needs a login and a password in the interface's settings"),
                                     where=_("interface settings"))
        self.link = HttpLink(settings, name="Ticketnet", auth=(settings.login, settings.password))

    def _send(self, method: str, path: str, what: str, *, data=None, params=None, about: str = "") -> dict:
        body = None if data is None else json.dumps(data, separators=(",", ":")).encode()
        response = self.link.request(method, API + path, body=body, content_type="application/json", params=params)
        if not 200 <= response.status_code < 300:
            raise _error_of(response, what, about)
        result = self.link.json(response, what)
        if not isinstance(result, dict):
            raise ExternalError(_("Ticketnet: malformed {what} reply: not a JSON object").format(what=what),
                                where=str(response.request.url))
        return result

    def export_allotment(self, allotment: Allotment, *, batch_size: int | None = None) -> ExportReport:
        about = f"performance {allotment.performance}"
        where = f"{self.link.url(API)}/allotments {about}"
        opened = self._send("POST", "/allotments", "allotment upload", about=about,
                            data={"event_id": allotment.event, "performance_id": allotment.performance})
        upload = quote(require(opened, "upload_id", "allotment upload reply", where), safe="")
        parts = batches(allotment.seats, batch_size)
        for i, part in enumerate(parts, 1):
            last = i == len(parts)
            self._send("PUT", f"/allotments/{upload}/parts/{i}", "allotment part", about=f"{about} part {i}", data={
                "seats": _seat_rows(part),
                "standing": [[q.zone, q.category, q.quantity] for q in allotment.quantities] if last else [],
                "prices": [[p.category, p.tariff, str(p.price)] for p in allotment.prices] if last else []})
        r = self._send("POST", f"/allotments/{upload}/commit", "allotment commit", about=about,
                       data={"parts": len(parts)})
        added = require(r, "added", "commit reply", where, int)
        removed = require(r, "removed", "commit reply", where, int)
        kept = require(r, "kept_sold", "commit reply", where, int)
        return ExportReport(
            added=added, removed=removed, kept_sold=kept,
            kept_sold_seats=_seats(r.get("kept_seats") or [], "commit reply", where),
            kept_sold_quantities=_standing(r.get("kept_standing") or [], "commit reply", where),
            message=_("Ticketnet: {places} place(s) sent for {performance} in {parts} part(s): {added} added, "
                      "{removed} removed, {kept} sold meanwhile kept").format(
                places=allotment.places, performance=allotment.performance, parts=len(parts), added=added,
                removed=removed, kept=kept))

    def current_allotment(self, event: str, performance: str) -> Allotment:
        path = f"/performances/{quote(performance, safe='')}/allotment"
        about = f"performance {performance}"
        d = self._send("GET", path, "allotment", about=about)
        where = f"{self.link.url(API + path)}"
        try:
            prices = tuple(AllotmentPrice(str(c), str(t), parse_amount(p, "price", where))
                           for c, t, p in d.get("prices") or [])
        except (TypeError, ValueError) as exc:
            raise ExternalError(_("Ticketnet: malformed allotment: a price is not [category, tariff, price]"),
                                where=where) from exc
        return Allotment(event=str(d.get("event_id") or event), performance=performance,
                         seats=_seats(d.get("seats") or [], "allotment", where),
                         quantities=_standing(d.get("standing") or [], "allotment", where), prices=prices)

    def fetch_sales(self, cursor: str, *, limit: int = 1000) -> SalesPage:
        return self.parse_sales(self.fetch_sales_raw(cursor, limit=limit))

    def fetch_sales_raw(self, cursor: str, *, limit: int = 1000) -> tuple[str, dict]:
        """The network round trip of `fetch_sales` (base.SplitFetch)."""
        return cursor, self._send("GET", "/sales", "sales", params={"cursor": cursor or "", "limit": page_size(limit)},
                                  about=f"cursor {cursor!r}")

    def parse_sales(self, raw: tuple[str, dict]) -> SalesPage:
        cursor, d = raw
        where = f"{self.link.url(API)}/sales after cursor {cursor!r}"
        sales = require(d, "sales", "sales reply", where, list)
        said, amounts = formatter(_("Ticketnet ticket {ticket}"), "ticket"), {}
        lines = tuple(parse_sale(s, where, i, said, amounts) for i, s in enumerate(sales, 1))
        more = require(d, "has_more", "sales reply", where, bool)
        next_cursor = d.get("next_cursor")
        if not isinstance(next_cursor, str) or (lines and not next_cursor):
            raise ExternalError(_("Ticketnet: malformed sales reply: next_cursor {value}").format(
                value=repr(next_cursor)), where=where)
        return SalesPage(lines=lines, next_cursor=next_cursor or cursor, more=more)

    def counts(self, performance: str) -> PerformanceCounts:
        raise ConfigurationError(_("Ticketnet does not report allocated/sold counts (only Fnac does); remove that "
                                   "schedule"), where=_("performance {code}").format(code=performance))

    def close(self) -> None:
        self.link.close()
