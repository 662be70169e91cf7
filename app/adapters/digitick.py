"""Digitick: sales only, JSON over HTTP with Basic authentication (docs/protocols/digitick.md).
Digitick takes no allotment online: the export writes the allotment as a printable PDF (and a
CSV) for the manager to communicate by phone, and says so as information, not as an error."""

from __future__ import annotations

import csv
import re
import tempfile
from collections import OrderedDict
from datetime import datetime
from pathlib import Path

from app.domain.enums import DistributorKind, SyncFunction
from app.domain.sales import SaleAction, SaleLine

from .base import (
    Allotment,
    AllotmentSeat,
    ConfigurationError,
    ConnectionSettings,
    ExportReport,
    ExternalError,
    PerformanceCounts,
    SalesPage,
    TechnicalError,
)
from .link import HttpLink, page_size, parse_amount, parse_datetime, require
from app.i18n import _

API = "/digitick/api/v1"


def parse_ticket(d: dict, where: str, index: int) -> SaleLine:
    if not isinstance(d, dict):
        raise ExternalError(_("Digitick: malformed tickets reply: ticket #{index} is not an object").format(index=index),
                            where=where)
    ticket = str(require(d, "id", f"ticket #{index}", where, (str, int)))
    w = f"{where} ticket {ticket}"
    status = d.get("status")
    if status not in ("sold", "refunded"):
        raise ExternalError(_("Digitick: ticket {ticket}: status {status} is neither sold nor refunded").format(
            ticket=ticket, status=repr(status)), where=w)
    place, rate, holder = ({} if d.get(k) is None else d[k] for k in ("place", "rate", "holder"))
    if not all(isinstance(x, dict) for x in (place, rate, holder)):
        raise ExternalError(_("Digitick: ticket {ticket}: place, rate and holder must be objects").format(ticket=ticket),
                            where=w)
    cents = rate.get("amount_cents")
    if cents is not None and (not isinstance(cents, int) or isinstance(cents, bool)):
        raise ExternalError(_("Digitick: ticket {ticket}: amount_cents {cents} is not a whole number of cents").format(
            ticket=ticket, cents=repr(cents)), where=w)
    price = None if cents is None else parse_amount(cents, f"ticket {ticket} amount", w).scaleb(-2)
    return SaleLine(
        external_ticket_id=ticket, action=SaleAction.SALE if status == "sold" else SaleAction.CANCEL,
        where=_("Digitick ticket {ticket}").format(ticket=ticket), sold_at=parse_datetime(d.get("created_at"), f"ticket {ticket} date", w),
        event=str(d.get("event_id") or ""), performance=str(d.get("session_id") or ""),
        zone=str(place.get("zone") or ""), row=str(place.get("row") or ""), seat=str(place.get("number") or ""),
        seat_category=str(place.get("category") or ""), tariff=str(rate.get("code") or ""), price=price,
        currency=str(rate.get("currency") or "EUR"),
        buyer_last_name=str(holder.get("last_name") or ""), buyer_first_name=str(holder.get("first_name") or ""),
        buyer_postal_code=str(holder.get("zip") or ""), buyer_country=str(holder.get("country") or ""),
        order_id=str(d.get("order_id") or ""),
        extra={"seat_ref": place["ref"]} if place.get("ref") else {},
    )


def _number_key(n: str):
    return (0, int(n), "") if n.isdigit() else (1, 0, n)


def seat_runs(seats: tuple[AllotmentSeat, ...]) -> list[tuple[str, str, str, str, int]]:
    """(zone, row, category, "1–12, 15", count) per row: what one reads out on the phone."""
    groups: OrderedDict = OrderedDict()
    for s in seats:
        groups.setdefault((s.zone, s.row, s.category), []).append(s.number)
    out = []
    for (zone, row, category), numbers in groups.items():
        numbers.sort(key=_number_key)
        parts, start, prev = [], None, None
        for n in numbers + [None]:
            if n is not None and n.isdigit() and prev is not None and prev.isdigit() and int(n) == int(prev) + 1:
                prev = n
                continue
            if start is not None:
                parts.append(start if start == prev else f"{start}–{prev}")
            start = prev = n
        out.append((zone, row, category, ", ".join(parts), len(numbers)))
    return out


def write_allotment_documents(allotment: Allotment, folder: Path, login: str = "") -> tuple[Path, Path]:
    """The allotment as a PDF to print and a CSV with one line per seat; returns both paths."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", allotment.performance) or "performance"
    pdf_path, csv_path = folder / f"digitick-{safe}-{stamp}.pdf", folder / f"digitick-{safe}-{stamp}.csv"

    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["kind", "event", "performance", "zone", "row", "number", "category", "quantity", "tariff",
                    "price", "seat_ref"])
        for s in allotment.seats:
            w.writerow(["seat", allotment.event, allotment.performance, s.zone, s.row, s.number, s.category, 1,
                        "", "", s.seat_ref])
        for q in allotment.quantities:
            w.writerow(["standing", allotment.event, allotment.performance, q.zone, "", "", q.category, q.quantity,
                        "", "", ""])
        for p in allotment.prices:
            w.writerow(["price", allotment.event, allotment.performance, "", "", "", p.category, "", p.tariff,
                        str(p.price), ""])

    styles = getSampleStyleSheet()
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                       ("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    story = [
        Paragraph("Allotement Digitick / Digitick allotment", styles["Title"]),
        Paragraph(f"Événement / event: <b>{allotment.event}</b> — séance / performance: "
                  f"<b>{allotment.performance}</b>", styles["Normal"]),
        Paragraph(f"Compte / account: {login or '—'} — établi le / made on {datetime.now():%d/%m/%Y %H:%M}",
                  styles["Normal"]),
        Paragraph(f"À communiquer par téléphone / to communicate by phone: <b>{allotment.places}</b> place(s) — "
                  f"{len(allotment.seats)} numérotée(s) / numbered, "
                  f"{sum(q.quantity for q in allotment.quantities)} non numérotée(s) / standing", styles["Normal"]),
        Spacer(1, 6 * mm),
    ]
    runs = seat_runs(allotment.seats)
    if runs:
        rows = [["Zone", "Rang / row", "Catégorie", "Places / seats", "Nb"]]
        rows += [[z, r, c, Paragraph(numbers, styles["BodyText"]), str(n)] for z, r, c, numbers, n in runs]
        t = LongTable(rows, colWidths=[28 * mm, 18 * mm, 22 * mm, 95 * mm, 14 * mm], repeatRows=1)
        t.setStyle(grid)
        story += [t, Spacer(1, 6 * mm)]
    if allotment.quantities:
        t = LongTable([["Zone", "Catégorie", "Quantité"]] + [[q.zone, q.category, str(q.quantity)]
                                                            for q in allotment.quantities], repeatRows=1)
        t.setStyle(grid)
        story += [t, Spacer(1, 6 * mm)]
    if allotment.prices:
        t = LongTable([["Catégorie", "Tarif", "Prix / price"]] + [[p.category, p.tariff, f"{p.price} EUR"]
                                                                 for p in allotment.prices], repeatRows=1)
        t.setStyle(grid)
        story.append(t)
    if not runs and not allotment.quantities:
        story.append(Paragraph("Aucune place : l'allotement est vide / no places: the allotment is empty.",
                               styles["Normal"]))
    SimpleDocTemplate(str(pdf_path), pagesize=A4, title=f"Digitick {allotment.performance}",
                      leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm).build(story)
    return pdf_path, csv_path


class DigitickAdapter:
    kind = DistributorKind.DIGITICK
    label = "Digitick"
    on_network = True  # sales are fetched over HTTP (the export is a printed list)
    # The export is the printed list (no network); counts are not reported.
    functions = frozenset({SyncFunction.EXPORT_ALLOTMENTS, SyncFunction.REINTEGRATE_SALES})

    def __init__(self, settings: ConnectionSettings):
        if not settings.login or not settings.password:
            raise ConfigurationError(_("Digitick needs a login and a password in the interface's settings"),
                                     where=_("interface settings"))
        self.settings = settings
        self.link = HttpLink(settings, name="Digitick", auth=(settings.login, settings.password))

    def export_allotment(self, allotment: Allotment, *, batch_size: int | None = None) -> ExportReport:
        opts = self.settings.options or {}
        folder = opts.get("export_folder") or opts.get("folder")
        try:
            target = Path(folder).expanduser() if folder else Path(tempfile.mkdtemp(prefix="guichet-digitick-"))
            pdf, csv_path = write_allotment_documents(allotment, target, self.settings.login)
        except OSError as exc:
            raise ConfigurationError(_("Digitick: cannot write the allotment document in {folder}: {error}").format(
                folder=str(folder) if folder else _("a temp folder"), error=exc.strerror or str(exc)),
                where=str(folder) if folder else _("temp folder")) from exc
        return ExportReport(
            added=allotment.places, removed=0, document=pdf, sent=False,
            message=_("Digitick takes no allotment online: communicate it by phone — {places} place(s) for "
                      "{performance}, printable list {pdf} (and {csv})").format(
                places=allotment.places, performance=allotment.performance, pdf=str(pdf), csv=csv_path.name))

    def current_allotment(self, event: str, performance: str) -> Allotment:
        raise ConfigurationError(_("Digitick holds no allotment online (it is communicated by phone)"),
                                 where=_("performance {code}").format(code=performance))

    def fetch_sales(self, cursor: str, *, limit: int = 1000) -> SalesPage:
        return self.parse_sales(self.fetch_sales_raw(cursor, limit=limit))

    def fetch_sales_raw(self, cursor: str, *, limit: int = 1000):
        """The network round trip of `fetch_sales` (base.SplitFetch)."""
        return cursor, self.link.request("GET", API + "/tickets",
                                         params={"since": cursor or "", "page_size": page_size(limit)})

    def parse_sales(self, raw) -> SalesPage:
        cursor, response = raw
        where = f"{self.link.url(API)}/tickets since {cursor!r}"
        if not 200 <= response.status_code < 300:
            try:
                err = response.json().get("error", {})
                message = f"{err.get('code', '')}: {err.get('message', '')}"
            except (ValueError, AttributeError):
                message = response.text[:200]
            cls = TechnicalError if response.status_code == 400 else ExternalError
            raise cls(_("Digitick answered tickets with HTTP {status} {message}").format(
                status=response.status_code, message=message), where=where)
        d = self.link.json(response, "tickets")
        if not isinstance(d, dict):
            raise ExternalError(_("Digitick: malformed tickets reply: not a JSON object"), where=where)
        data = require(d, "data", "tickets reply", where, list)
        paging = require(d, "paging", "tickets reply", where, dict)
        lines = tuple(parse_ticket(t, where, i) for i, t in enumerate(data, 1))
        more = require(paging, "has_next", "paging", where, bool)
        nxt = paging.get("next_since")
        if not isinstance(nxt, str) or (lines and not nxt):
            raise ExternalError(_("Digitick: malformed tickets reply: next_since {value}").format(value=repr(nxt)),
                                where=where)
        return SalesPage(lines=lines, next_cursor=nxt or cursor, more=more)

    def counts(self, performance: str) -> PerformanceCounts:
        raise ConfigurationError(_("Digitick does not report allocated/sold counts (only Fnac does)"),
                                 where=_("performance {code}").format(code=performance))

    def close(self) -> None:
        self.link.close()
