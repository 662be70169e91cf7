"""The simulator's own small store: accounts, the allotments each distributor holds, its sales
feed (sales and cancellations, with a sequence number that cursors point at), the faults to
inject and the requests received. In memory, optionally persisted to a JSON file.

Everything is behind one lock; the HTTP handlers never hold it while sleeping."""

from __future__ import annotations

import json
import os
import random
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

KINDS = ("fnac", "ticketnet", "digitick")
DEMO_ACCOUNTS = [
    ("fnac-demo", "fnac", "demo", "DEMO"),
    ("ticketnet-demo", "ticketnet", "demo", ""),
    ("digitick-demo", "digitick", "demo", ""),
]
TICKET_PREFIX = {"fnac": "FN", "ticketnet": "TN", "digitick": "DT"}

# Faults answered in place of (or around) a protocol request.
REQUEST_FAULTS = frozenset({"http_500", "timeout", "malformed", "malformed_line", "bad_credentials", "unknown_id"})
# Faults that change the tickets sold next (what the sales feed then carries).
SALE_FAULTS = frozenset({"price_mismatch", "outside_allotment", "duplicate_ticket", "unknown_id"})
OPERATIONS = frozenset({"export", "allotment", "sales", "counts"})
UNKNOWN_FIELDS = ("performance", "event", "zone", "category", "tariff")
PRICE_MISMATCH_DELTA = Decimal("1.00")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier")
FIRST_NAMES = ("Marie", "Jean", "Pierre", "Michel", "Nathalie", "Isabelle", "Sophie", "Louis", "Camille", "Hugo")


class SimulatorError(Exception):
    """A refused admin or protocol request; `status` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400, code: str = ""):
        super().__init__(message)
        self.status = status
        self.code = code or {401: "unauthorized", 404: "not_found", 409: "conflict"}.get(status, "invalid_request")


@dataclass
class Account:
    login: str
    kind: str
    password: str
    manager_code: str = ""


@dataclass
class Fault:
    id: int
    fault: str
    scope: str  # "request" | "sale"
    login: str | None = None  # None: every account
    operation: str | None = None  # None: every operation (request faults)
    remaining: int | None = 1  # None: until cleared
    delay_s: float = 5.0  # timeout: how long the answer waits
    field: str = "performance"  # unknown_id on a sale: which code is unknown

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Performance:
    event: str
    performance: str
    seats: dict = field(default_factory=dict)  # (zone, row, number) -> [category, ref]
    quantities: dict = field(default_factory=dict)  # (zone, category) -> allocated
    prices: dict = field(default_factory=dict)  # category -> [(tariff, "12.50"), ...]
    sold_seats: dict = field(default_factory=dict)  # (zone, row, number) -> ticket id
    sold_qty: Counter = field(default_factory=Counter)  # (zone, category) -> sold
    former: dict = field(default_factory=dict)  # seats removed by an export: key -> category

    def allocated(self) -> int:
        return len(self.seats) + sum(self.quantities.values())

    def sold(self) -> int:
        return len(self.sold_seats) + sum(self.sold_qty.values())


@dataclass
class Upload:
    login: str
    event: str
    performance: str
    parts: dict = field(default_factory=dict)  # index -> (seats, quantities, prices)
    report: dict | None = None  # set once committed (a retried commit answers the same)


class Store:
    def __init__(self, path: str | Path | None = None, *, seed: int = 0, demo_accounts: bool = True):
        self.lock = threading.RLock()
        self.path = Path(path) if path else None
        self.rng = random.Random(seed)
        self.accounts: dict[str, Account] = {}
        self.perfs: dict[str, dict[str, Performance]] = {}  # login -> performance id -> state
        self.feed: dict[str, list[dict]] = {}  # login -> sales feed; entry seq = index + 1
        self.tickets: dict[str, dict[str, dict]] = {}  # login -> ticket id -> its sale entry
        self.faults: list[Fault] = []
        self.requests: Counter = Counter()  # (login, operation) -> count
        self.uploads: dict[str, Upload] = {}
        self._ticket_seq = 0
        self._order_seq = 0
        self._last_sale_at: datetime | None = None
        self._fault_seq = 0
        self._upload_seq = 0
        self.dirty = False
        if self.path and self.path.exists():
            self._load()
        if demo_accounts:
            for login, kind, password, code in DEMO_ACCOUNTS:
                self.accounts.setdefault(login, Account(login, kind, password, code))

    # --- accounts --------------------------------------------------------------------

    def add_account(self, login: str, kind: str, password: str, manager_code: str = "") -> Account:
        if kind not in KINDS:
            raise SimulatorError(f"kind {kind!r}: expected one of {', '.join(KINDS)}")
        if not login:
            raise SimulatorError("an account needs a login")
        with self.lock:
            acc = self.accounts[login] = Account(login, kind, password, manager_code)
            self.dirty = True
            return acc

    def authenticate(self, kind: str, login: str, password: str | None, manager_code: str | None = None) -> Account:
        """The account, or SimulatorError(401) for a wrong login/password/manager code."""
        acc = self.accounts.get(login)
        if acc is None or acc.kind != kind or acc.password != (password or ""):
            raise SimulatorError(f"login {login!r}: wrong login or password", 401)
        if kind == "fnac" and acc.manager_code != (manager_code or ""):
            raise SimulatorError(f"login {login!r}: wrong manager code", 401)
        return acc

    # --- faults and request counting -------------------------------------------------

    def add_fault(self, fault: str, *, login: str | None = None, operation: str | None = None,
                  count: int | None = 1, delay_s: float = 5.0, scope: str | None = None,
                  field: str = "performance") -> Fault:
        if scope is None:
            scope = "request" if fault in REQUEST_FAULTS else "sale"
        allowed = REQUEST_FAULTS if scope == "request" else SALE_FAULTS if scope == "sale" else None
        if allowed is None:
            raise SimulatorError(f"scope {scope!r}: expected request or sale")
        if fault not in allowed:
            raise SimulatorError(f"fault {fault!r}: expected one of {', '.join(sorted(allowed))} for scope {scope}")
        if operation is not None and operation not in OPERATIONS:
            raise SimulatorError(f"operation {operation!r}: expected one of {', '.join(sorted(OPERATIONS))}")
        if field not in UNKNOWN_FIELDS:
            raise SimulatorError(f"field {field!r}: expected one of {', '.join(UNKNOWN_FIELDS)}")
        if login is not None and login not in self.accounts:
            raise SimulatorError(f"login {login!r} is not an account of the simulator", 404)
        with self.lock:
            self._fault_seq += 1
            f = Fault(self._fault_seq, fault, scope, login, operation, None if not count else int(count),
                      float(delay_s), field)
            self.faults.append(f)
            return f

    def clear_faults(self, login: str | None = None) -> int:
        with self.lock:
            before = len(self.faults)
            self.faults = [f for f in self.faults if login is not None and f.login not in (None, login)]
            return before - len(self.faults)

    def _take_fault(self, scope: str, login: str, operation: str | None) -> Fault | None:
        with self.lock:
            for f in self.faults:
                if f.scope != scope or f.login not in (None, login):
                    continue
                if scope == "request" and f.operation not in (None, operation):
                    continue
                if scope == "request" and f.fault == "malformed_line" and operation != "sales":
                    continue
                if scope == "request" and f.fault == "unknown_id" and operation == "sales":
                    continue
                if f.remaining is not None:
                    f.remaining -= 1
                    if f.remaining <= 0:
                        self.faults.remove(f)
                return f
        return None

    def request_fault(self, login: str, operation: str) -> Fault | None:
        """Count the request, and return the fault to inject into it, if any."""
        with self.lock:
            self.requests[(login, operation)] += 1
            return self._take_fault("request", login, operation)

    def request_counts(self, login: str | None = None) -> dict:
        with self.lock:
            out: dict = {}
            for (lg, op), n in self.requests.items():
                if login is None or lg == login:
                    out.setdefault(lg, {})[op] = n
            return out

    # --- allotments ------------------------------------------------------------------

    def begin_upload(self, login: str, event: str, performance: str) -> str:
        if not performance:
            raise SimulatorError("an allotment needs a performance id")
        with self.lock:
            self._upload_seq += 1
            token = f"U{self._upload_seq:06d}-{self.rng.randrange(16**6):06x}"
            self.uploads[token] = Upload(login, event, performance)
            return token

    def add_part(self, login: str, token: str, index: int, seats: list, quantities: list, prices: list) -> int:
        with self.lock:
            up = self._upload(login, token)
            if up.report is not None:
                raise SimulatorError(f"upload {token} is already committed", 409)
            up.parts[index] = (seats, quantities, prices)  # idempotent: a retried part replaces itself
            return len(seats) + len(quantities)

    def commit_upload(self, login: str, token: str, parts: int) -> dict:
        with self.lock:
            up = self._upload(login, token)
            if up.report is not None:
                return up.report
            missing = [i for i in range(1, parts + 1) if i not in up.parts]
            if missing or len(up.parts) != parts:
                raise SimulatorError(f"upload {token}: expected parts 1..{parts}, missing {missing or 'none'}, "
                                     f"received {sorted(up.parts)}", 409)
            seats, quantities, prices = [], [], []
            for i in range(1, parts + 1):
                s, q, p = up.parts[i]
                seats += s
                quantities += q
                prices += p
            up.report = self.set_allotment(login, up.event, up.performance, seats, quantities, prices)
            up.parts.clear()
            return up.report

    def _upload(self, login: str, token: str) -> Upload:
        up = self.uploads.get(token)
        if up is None or up.login != login:
            raise SimulatorError(f"unknown upload {token!r}", 404)
        return up

    def set_allotment(self, login: str, event: str, performance: str, seats: list, quantities: list,
                      prices: list) -> dict:
        """Full state: what is not in `seats` leaves the allotment, except what was sold,
        which stays (and is reported as kept). Returns the report."""
        with self.lock:
            perf = self.perfs.setdefault(login, {}).get(performance)
            if perf is None:
                perf = self.perfs[login][performance] = Performance(event, performance)
            perf.event = event or perf.event
            new: dict = {}
            for s in seats:
                zone, row, number, category = (str(x) for x in s[:4])
                ref = str(s[4]) if len(s) > 4 and s[4] is not None else ""
                new[(zone, row, number)] = [category, ref]
            added = sum(1 for k in new if k not in perf.seats)
            kept = []
            removed = 0
            for key, (category, ref) in perf.seats.items():
                if key in new:
                    continue
                if key in perf.sold_seats:
                    new[key] = [category, ref]
                    kept.append([*key, category, ref])
                else:
                    removed += 1
                    perf.former[key] = category
            for key in new:
                perf.former.pop(key, None)
            perf.seats = new
            newq: dict = {}
            for z, c, q in quantities:
                newq[(str(z), str(c))] = newq.get((str(z), str(c)), 0) + int(q)
            kept_q = []
            for key in set(newq) | set(perf.quantities):
                old, want, sold = perf.quantities.get(key, 0), newq.get(key, 0), perf.sold_qty.get(key, 0)
                final = max(want, sold)
                if final > old:
                    added += final - old
                else:
                    removed += old - final
                if sold > want:
                    kept_q.append([key[0], key[1], sold - want])
                if final:
                    newq[key] = final
                else:
                    newq.pop(key, None)
            perf.quantities = newq
            table: dict = {}
            for c, t, p in prices:
                table.setdefault(str(c), []).append((str(t), str(Decimal(str(p)))))
            if table:
                perf.prices = table
            self.dirty = True
            return {"added": added, "removed": removed, "kept_sold": len(kept) + sum(q[2] for q in kept_q),
                    "kept_seats": kept, "kept_quantities": kept_q, "allocated": perf.allocated(),
                    "sold": perf.sold()}

    def allotment(self, login: str, performance: str) -> Performance | None:
        with self.lock:
            return self.perfs.get(login, {}).get(performance)

    def counts(self, login: str, performance: str) -> tuple[int, int]:
        with self.lock:
            perf = self.allotment(login, performance)
            return (perf.allocated(), perf.sold()) if perf else (0, 0)

    # --- selling ---------------------------------------------------------------------

    def sell(self, login: str, count: int, *, performance: str | None = None, tariff: str | None = None,
             zone: str | None = None, shuffle: bool = False, fault: str | None = None,
             field: str = "performance", buyer: dict | None = None) -> list[str]:
        """Sell `count` places of the account's allotment (numbered seats first, in allotment
        order, then standing places). Returns the ticket ids; refuses (409) if fewer are free."""
        if count <= 0:
            raise SimulatorError(f"count {count}: expected a positive number")
        if fault is not None and fault not in SALE_FAULTS:
            raise SimulatorError(f"fault {fault!r}: expected one of {', '.join(sorted(SALE_FAULTS))}")
        with self.lock:
            acc = self.accounts.get(login)
            if acc is None:
                raise SimulatorError(f"login {login!r} is not an account of the simulator", 404)
            perfs = self.perfs.get(login, {})
            if performance is not None:
                if performance not in perfs:
                    raise SimulatorError(f"{login}: no allotment for performance {performance!r}", 404)
                chosen = [perfs[performance]]
            else:
                chosen = list(perfs.values())
            units = []
            for perf in chosen:
                free = [k for k in perf.seats if k not in perf.sold_seats and (zone is None or k[0] == zone)]
                if shuffle:
                    self.rng.shuffle(free)
                units += [(perf, k) for k in free[:count - len(units)]]
                for (z, c), q in perf.quantities.items():
                    if len(units) >= count:
                        break
                    if zone is not None and z != zone:
                        continue
                    n = min(q - perf.sold_qty.get((z, c), 0), count - len(units))
                    units += [(perf, (z, c))] * max(n, 0)
                if len(units) >= count:
                    break
            if len(units) < count:
                raise SimulatorError(f"{login}: only {len(units)} free place(s) in the allotment"
                                     + (f" of {performance}" if performance else "") + f", {count} asked", 409)
            # One sell() is one order of the distributor: its own order id and sale time (a
            # second after the previous order's at least, as real buyers never share a second).
            now = self._next_sale_time()
            self._order_seq += 1
            order = f"{TICKET_PREFIX[acc.kind]}C{self._order_seq:08d}"
            out = []
            for perf, key in units:
                f = fault
                ffield = field
                if f is None:
                    armed = self._take_fault("sale", login, None)
                    if armed is not None:
                        f, ffield = armed.fault, armed.field
                out.append(self._sell_one(acc, perf, key, tariff, now, f, ffield, buyer or {}, order))
            self.dirty = True
            return out

    def _sell_one(self, acc: Account, perf: Performance, key: tuple, tariff: str | None, now: str,
                  fault: str | None, field: str, buyer: dict, order: str = "") -> str:
        if len(key) == 3:
            zone, row, number = key
            category = perf.seats[key][0]
            ref = perf.seats[key][1]
        else:
            (zone, category), row, number, ref = key, "", "", ""
        if fault == "outside_allotment":
            zone, row, number, category, ref = self._outside_seat(perf, zone, row, number, category)
        elif len(key) == 2:
            perf.sold_qty[key] += 1
        table = perf.prices.get(category, [])
        if tariff is not None:
            price = next((p for t, p in table if t == tariff), None)
            chosen_tariff = tariff
        elif table:
            chosen_tariff, price = self.rng.choice(table)
        else:
            chosen_tariff, price = "", None
        if fault == "price_mismatch":
            price = str(Decimal(price or "0") + PRICE_MISMATCH_DELTA)
        self._ticket_seq += 1
        ticket = f"{TICKET_PREFIX[acc.kind]}{self._ticket_seq:09d}"
        entry = {
            "ticket": ticket, "action": "sale", "at": now, "event": perf.event, "performance": perf.performance,
            "zone": zone, "row": row, "number": number, "category": category, "tariff": chosen_tariff,
            "price": price, "currency": "EUR", "ref": ref,
            "last_name": buyer.get("last_name", ""), "first_name": buyer.get("first_name", ""),
            "postal_code": buyer.get("postal_code", ""), "country": buyer.get("country", ""), "order": order,
        }
        if fault == "unknown_id":
            key_name = {"performance": "performance", "event": "event", "zone": "zone", "category": "category",
                        "tariff": "tariff"}[field]
            entry[key_name] = f"UNKNOWN-{entry[key_name] or 'X'}"
        if len(key) == 3 and fault != "outside_allotment":
            perf.sold_seats[key] = ticket
        entry["perf_key"] = list(key) if fault != "outside_allotment" else None
        self._append(acc.login, entry)
        self.tickets.setdefault(acc.login, {})[ticket] = entry
        if fault == "duplicate_ticket":
            self._append(acc.login, dict(entry))
        return ticket

    def _next_sale_time(self) -> str:
        now = datetime.now(timezone.utc).replace(microsecond=0)
        if self._last_sale_at is not None and now <= self._last_sale_at:
            now = self._last_sale_at + timedelta(seconds=1)
        self._last_sale_at = now
        return now.isoformat().replace("+00:00", "Z")

    def sell_orders(self, login: str, count: int, *, performance: str | None = None, max_size: int = 8,
                    named: float = 0.8, cancelled: float = 0.02) -> list[str]:
        """A realistic feed of `count` sold places: orders of 1 to `max_size` tickets, each
        with its own time, a buyer's name on a share `named` of them, then a share
        `cancelled` of the tickets refunded (cancellation lines at the end of the feed).
        Returns the ticket ids sold (cancelled ones included)."""
        if count <= 0:
            raise SimulatorError(f"count {count}: expected a positive number")
        out: list[str] = []
        with self.lock:
            acc = self.accounts.get(login)
            if acc is None:
                raise SimulatorError(f"login {login!r} is not an account of the simulator", 404)
            perfs = self.perfs.get(login, {})
            chosen = [perfs[performance]] if performance in perfs else list(perfs.values()) if performance is None \
                else []
            units = [(p, k) for p in chosen for k in p.seats if k not in p.sold_seats][:count]
            if len(units) < count:  # numbered seats only: the realistic feed is for seated halls
                raise SimulatorError(f"{login}: only {len(units)} free seat(s), {count} asked", 409)
            # the free seats are taken once, in allotment order (sell() would scan them per order)
            while len(out) < count:
                size = min(self.rng.randint(1, max_size), count - len(out))
                buyer = {}
                if self.rng.random() < named:
                    buyer = {"last_name": self.rng.choice(LAST_NAMES), "first_name": self.rng.choice(FIRST_NAMES),
                             "postal_code": f"{self.rng.randrange(1000, 96000):05d}", "country": "FR"}
                now = self._next_sale_time()
                self._order_seq += 1
                order = f"{TICKET_PREFIX[acc.kind]}C{self._order_seq:08d}"
                for perf, key in units[len(out):len(out) + size]:
                    out.append(self._sell_one(acc, perf, key, None, now, None, "performance", buyer, order))
            self.dirty = True
            for ticket in self.rng.sample(out, int(len(out) * cancelled)):
                self.cancel(login, ticket)
        return out

    def _outside_seat(self, perf: Performance, zone: str, row: str, number: str, category: str) -> tuple:
        """A seat the distributor was not given: one an earlier export removed, else the next
        number after the last seat of that row."""
        for key, cat in perf.former.items():
            if key not in perf.seats:
                del perf.former[key]
                return (*key, cat, "")
        if not row:
            return (zone, "1", "1", category, "")
        numbers = [int(n) for (z, r, n) in perf.seats if z == zone and r == row and n.isdigit()]
        return (zone, row, str(max(numbers, default=0) + 1), category, "")

    def _append(self, login: str, entry: dict) -> None:
        feed = self.feed.setdefault(login, [])
        entry["seq"] = len(feed) + 1
        feed.append(entry)

    def cancel(self, login: str, ticket: str) -> dict:
        with self.lock:
            sale = self.tickets.get(login, {}).get(ticket)
            if sale is None:
                raise SimulatorError(f"{login}: unknown ticket {ticket!r}", 404)
            if sale.get("cancelled"):
                raise SimulatorError(f"{login}: ticket {ticket} is already cancelled", 409)
            sale["cancelled"] = True
            perf = self.perfs.get(login, {}).get(sale["performance"])
            key = sale.get("perf_key")
            if perf is not None and key is not None:
                if len(key) == 3:
                    perf.sold_seats.pop(tuple(key), None)
                elif perf.sold_qty.get(tuple(key), 0) > 0:
                    perf.sold_qty[tuple(key)] -= 1
            entry = {k: v for k, v in sale.items() if k not in ("seq", "cancelled")}
            entry["action"] = "cancel"
            entry["at"] = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
            self._append(login, entry)
            self.dirty = True
            return entry

    def sales_page(self, login: str, cursor: str, limit: int) -> tuple[list[dict], str, bool]:
        """Feed entries after `cursor` (a sequence number; "" = from the start)."""
        try:
            after = int(cursor) if cursor else 0
        except ValueError:
            raise SimulatorError(f"cursor {cursor!r} is not one this distributor gave") from None
        if after < 0:
            raise SimulatorError(f"cursor {cursor!r} is not one this distributor gave")
        if limit <= 0 or limit > 50_000:
            raise SimulatorError(f"page size {limit}: expected 1 to 50000")
        with self.lock:
            feed = self.feed.get(login, [])
            if after > len(feed):
                raise SimulatorError(f"cursor {cursor!r} is ahead of this account's feed ({len(feed)} lines): "
                                     "was the distributor's data reset?", 409)
            page = feed[after:after + limit]
            nxt = str(page[-1]["seq"]) if page else cursor
            return page, nxt, after + len(page) < len(feed)

    def sell_randomly(self) -> str | None:
        """One sale on a random account that has free places (the --pace seller)."""
        with self.lock:
            candidates = [(login, p.performance) for login, perfs in self.perfs.items() for p in perfs.values()
                          if p.allocated() > p.sold()]
            if not candidates:
                return None
            login, perf = self.rng.choice(candidates)
            return self.sell(login, 1, performance=perf, shuffle=True)[0]

    # --- persistence -----------------------------------------------------------------

    def snapshot(self) -> dict:
        with self.lock:
            return {
                "version": 1,
                "ticket_seq": self._ticket_seq,
                "order_seq": self._order_seq,
                "accounts": [a.__dict__ for a in self.accounts.values()],
                "performances": [
                    {"login": login, "event": p.event, "performance": p.performance,
                     "seats": [[*k, *v] for k, v in p.seats.items()],
                     "quantities": [[*k, q] for k, q in p.quantities.items()],
                     "prices": [[c, t, pr] for c, lst in p.prices.items() for t, pr in lst],
                     "sold_seats": [[*k, t] for k, t in p.sold_seats.items()],
                     "sold_qty": [[*k, n] for k, n in p.sold_qty.items()],
                     "former": [[*k, c] for k, c in p.former.items()]}
                    for login, perfs in self.perfs.items() for p in perfs.values()],
                "feed": self.feed,
            }

    def save(self) -> None:
        if not self.path:
            return
        with self.lock:
            data = json.dumps(self.snapshot(), separators=(",", ":"))
            self.dirty = False
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(data, encoding="utf-8")
        os.replace(tmp, self.path)

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._ticket_seq = int(data.get("ticket_seq", 0))
            self._order_seq = int(data.get("order_seq", 0))
            for a in data.get("accounts", []):
                self.accounts[a["login"]] = Account(**a)
            for p in data.get("performances", []):
                perf = Performance(p["event"], p["performance"])
                perf.seats = {(z, r, n): [c, ref] for z, r, n, c, ref in p["seats"]}
                perf.quantities = {(z, c): q for z, c, q in p["quantities"]}
                for c, t, pr in p["prices"]:
                    perf.prices.setdefault(c, []).append((t, pr))
                perf.sold_seats = {(z, r, n): t for z, r, n, t in p["sold_seats"]}
                perf.sold_qty = Counter({(z, c): n for z, c, n in p["sold_qty"]})
                perf.former = {(z, r, n): c for z, r, n, c in p["former"]}
                self.perfs.setdefault(p["login"], {})[p["performance"]] = perf
            self.feed = {login: list(entries) for login, entries in data.get("feed", {}).items()}
            for login, entries in self.feed.items():
                tickets = self.tickets.setdefault(login, {})
                for e in entries:
                    if e["action"] == "sale":
                        tickets[e["ticket"]] = e
                    elif e["ticket"] in tickets:
                        tickets[e["ticket"]]["cancelled"] = True
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SimulatorError(f"store {self.path}: unreadable ({type(exc).__name__}: {exc})") from exc
