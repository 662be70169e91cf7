"""The simulator's HTTP server on 127.0.0.1: routes /fnac, /ticketnet, /digitick to their
protocols and /admin to the control API (docs/protocols/simulator.md)."""

from __future__ import annotations

import gzip
import logging
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from .protocols import Request, Response, _error, _json, _json_body, handle_digitick, handle_fnac, handle_ticketnet
from .store import SimulatorError, Store

log = logging.getLogger("guichet.simulator")
GZIP_ABOVE = 64 * 1024


class Simulator:
    """The state behind the server: the store, a stop signal, the optional random seller."""

    def __init__(self, store: Store, pace: float | None = None):
        self.store = store
        self.pace = pace
        self.stopping = threading.Event()

    def sleep(self, seconds: float) -> None:
        self.stopping.wait(seconds)

    def route(self, req: Request) -> Response:
        head = req.path.split("/", 2)[1] if req.path.startswith("/") else ""
        if head == "fnac":
            return handle_fnac(self, req)
        if head == "ticketnet":
            return handle_ticketnet(self, req)
        if head == "digitick":
            return handle_digitick(self, req)
        if head == "admin":
            try:
                return self.admin(req)
            except SimulatorError as exc:
                return _error(exc.status, exc.code, str(exc))
        return _error(404, "not_found", f"{req.path}: expected /fnac, /ticketnet, /digitick or /admin")

    # --- the control API -------------------------------------------------------------

    def admin(self, req: Request) -> Response:
        store, m, path, q = self.store, req.method, req.path.rstrip("/"), req.query
        if path == "/admin/health":
            return _json(200, {"ok": True, "accounts": sorted(store.accounts)})
        if path == "/admin/accounts" and m == "GET":
            return _json(200, {"accounts": [a.__dict__ for a in store.accounts.values()]})
        if path == "/admin/accounts" and m == "POST":
            d = _json_body(req)
            acc = store.add_account(str(d.get("login", "")), str(d.get("kind", "")), str(d.get("password", "")),
                                    str(d.get("manager_code", "")))
            return _json(201, acc.__dict__)
        if path == "/admin/sell" and m == "POST":
            d = _json_body(req)
            tickets = store.sell(
                _req(d, "login"), _count(d.get("count", 1)), performance=d.get("performance"),
                tariff=d.get("tariff"), zone=d.get("zone"), shuffle=bool(d.get("random", False)),
                fault=d.get("fault"), field=str(d.get("field", "performance")), buyer=d.get("buyer") or {})
            return _json(200, {"tickets": tickets})
        if path == "/admin/cancel" and m == "POST":
            d = _json_body(req)
            entry = store.cancel(_req(d, "login"), _req(d, "ticket"))
            return _json(200, {"cancelled": entry["ticket"], "seq": entry["seq"]})
        if path == "/admin/faults" and m == "GET":
            return _json(200, {"faults": [f.as_dict() for f in store.faults]})
        if path == "/admin/faults" and m == "POST":
            d = _json_body(req)
            f = store.add_fault(_req(d, "fault"), login=d.get("login"), operation=d.get("operation"),
                                count=d.get("count", 1), delay_s=float(d.get("delay_s", 5.0)), scope=d.get("scope"),
                                field=str(d.get("field", "performance")))
            return _json(201, f.as_dict())
        if path == "/admin/faults" and m == "DELETE":
            return _json(200, {"cleared": store.clear_faults(q.get("login"))})
        if path == "/admin/allotments" and m == "POST":
            d = _json_body(req)
            r = store.set_allotment(_req(d, "login"), str(d.get("event", "")), _req(d, "performance"),
                                    d.get("seats", []), d.get("standing", []), d.get("prices", []))
            return _json(200, r)
        if path == "/admin/allotments" and m == "GET":
            with store.lock:
                perf = store.allotment(q.get("login", ""), q.get("performance", ""))
                if perf is None:
                    raise SimulatorError(f"no allotment for {q.get('login')!r} / {q.get('performance')!r}", 404)
                return _json(200, {
                    "event": perf.event, "performance": perf.performance,
                    "seats": [[*k, *v, perf.sold_seats.get(k)] for k, v in perf.seats.items()],
                    "standing": [[*k, qty, perf.sold_qty.get(k, 0)] for k, qty in perf.quantities.items()],
                    "prices": [[c, t, p] for c, lst in perf.prices.items() for t, p in lst],
                    "allocated": perf.allocated(), "sold": perf.sold()})
        if path == "/admin/sales" and m == "GET":
            page, nxt, more = store.sales_page(q.get("login", ""), q.get("cursor", ""),
                                               _count(q.get("limit", 50_000)))
            return _json(200, {"sales": page, "next_cursor": nxt, "has_more": more})
        if path == "/admin/requests" and m == "GET":
            return _json(200, {"requests": store.request_counts(q.get("login"))})
        if path == "/admin/requests" and m == "DELETE":
            with store.lock:
                store.requests.clear()
            return _json(200, {"cleared": True})
        raise SimulatorError(f"{m} {req.path}: no such admin operation", 404)


def _req(d: dict, key: str) -> str:
    value = d.get(key)
    if value is None or value == "":
        raise SimulatorError(f"{key!r} is required")
    return str(value)


def _count(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SimulatorError(f"count {value!r} is not a number") from None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the adapters reuse their connection
    disable_nagle_algorithm = True  # else delayed ACKs add ~40 ms to every exchange
    server_version = "GuichetSimulator/1"

    def log_message(self, fmt, *args):  # noqa: D401 - quiet unless debugging
        log.debug("%s " + fmt, self.client_address[0], *args)

    def _handle(self):
        sim: Simulator = self.server.sim  # type: ignore[attr-defined]
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.headers.get("Content-Encoding", "").lower() == "gzip":
                body = gzip.decompress(body)
            parts = urlsplit(self.path)
            req = Request(self.command, parts.path, dict(parse_qsl(parts.query)), dict(self.headers.items()), body)
            resp = sim.route(req)
        except Exception as exc:  # noqa: BLE001 - a simulator bug answers 500, with its trace in the log
            log.error("simulator failure on %s %s\n%s", self.command, self.path, traceback.format_exc())
            resp = Response(500, "text/plain", f"simulator failure: {type(exc).__name__}: {exc}".encode())
        body = resp.body
        gz = len(body) > GZIP_ABOVE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gz:
            body = gzip.compress(body, compresslevel=1)
        try:
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(body)))
            if gz:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (timeout fault)

    do_GET = do_POST = do_PUT = do_DELETE = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True


class SimulatorHandle:
    """A running simulator: `.url`, `.port`, `.store`, and `.stop()`. Also a context manager."""

    def __init__(self, server: _Server, sim: Simulator, threads: list[threading.Thread]):
        self._server = server
        self.sim = sim
        self.store = sim.store
        self.port = server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads = threads

    # In-process shortcuts to the admin API (the same code paths, without HTTP).
    def sell(self, login: str, count: int = 1, **kw) -> list[str]:
        return self.store.sell(login, count, **kw)

    def cancel(self, login: str, ticket: str) -> dict:
        return self.store.cancel(login, ticket)

    def inject(self, fault: str, **kw):
        return self.store.add_fault(fault, **kw)

    def requests(self, login: str | None = None) -> dict:
        return self.store.request_counts(login)

    def stop(self) -> None:
        if self.sim.stopping.is_set():
            return
        self.sim.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        for t in self._threads:
            t.join(timeout=5)
        self.store.save()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start_simulator(port: int = 0, store: Store | str | Path | None = None, *, pace: float | None = None,
                    host: str = "127.0.0.1", seed: int = 0) -> SimulatorHandle:
    """Start the simulator in background threads. `port=0` picks a free port; `store` is a
    Store, a JSON file to load and keep saved, or None (in memory); `pace`: seconds between
    random sales on average (None: sells only on command)."""
    st = store if isinstance(store, Store) else Store(store, seed=seed)
    sim = Simulator(st, pace)
    try:
        server = _Server((host, port), _Handler)
    except OSError as exc:
        raise SimulatorError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    server.sim = sim  # type: ignore[attr-defined]
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                name="simulator-http", daemon=True)]
    if pace:
        threads.append(threading.Thread(target=_random_seller, args=(sim, pace), name="simulator-pace", daemon=True))
    if st.path:
        threads.append(threading.Thread(target=_saver, args=(sim,), name="simulator-save", daemon=True))
    for t in threads:
        t.start()
    return SimulatorHandle(server, sim, threads)


def _random_seller(sim: Simulator, pace: float) -> None:
    while not sim.stopping.wait(sim.store.rng.expovariate(1.0 / pace)):
        try:
            ticket = sim.store.sell_randomly()
            if ticket:
                log.info("sold %s", ticket)
        except SimulatorError as exc:
            log.debug("random sale skipped: %s", exc)


def _saver(sim: Simulator) -> None:
    while not sim.stopping.wait(1.0):
        if sim.store.dirty:
            try:
                sim.store.save()
            except OSError as exc:
                log.error("cannot save the simulator's store: %s", exc)


def admin_call(url: str, method: str, path: str, data: dict | None = None, timeout: float = 10.0) -> dict:
    """Call the admin API of a running simulator (used by `guichet simulator sell`)."""
    import httpx

    r = httpx.request(method, url.rstrip("/") + path, json=data, timeout=timeout)
    try:
        body = r.json()
    except ValueError:
        body = {"error": {"message": r.text[:200]}}
    if r.status_code >= 400:
        raise SimulatorError(body.get("error", {}).get("message", f"HTTP {r.status_code}"), r.status_code)
    return body


__all__ = ["Simulator", "SimulatorHandle", "admin_call", "start_simulator"]
