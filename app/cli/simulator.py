"""`guichet simulator`: the local distributor simulator (foreground), and `simulator sell`
to make it sell seats of an account's allotment."""

from __future__ import annotations

import sys
import time

from app.i18n import _
from .common import add_command, emit, fail

DEFAULT_PORT = 8765


def register(sub) -> None:
    p = add_command(sub, "simulator", cmd_simulator,
                    _("the distributor simulator on 127.0.0.1 (Fnac, Ticketnet, Digitick), in the foreground "
                    "until Ctrl-C; `simulator sell` makes a running one sell"))
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=_("port to listen on (default {port})").format(port=DEFAULT_PORT))
    p.add_argument("--store", metavar="FILE", help=_("keep the simulator's state in this JSON file (else in memory)"))
    p.add_argument("--pace", type=float, metavar="SECONDS",
                   help=_("sell one random seat every SECONDS on average (default: only on command)"))
    actions = p.add_subparsers(dest="simulator_action", metavar="ACTION")
    s = add_command(actions, "sell", cmd_sell, _("make a running simulator sell N places of an account's allotment; "
                    "prints the ticket ids"))
    # Its own dest: `simulator --port A sell` must not have A overwritten by sell's default.
    s.add_argument("--port", dest="sell_port", type=int, default=None,
                   help=_("port of the running simulator (default {port})").format(port=DEFAULT_PORT))
    s.add_argument("--login", required=True, metavar="L", help=_("the distributor account (e.g. fnac-demo)"))
    s.add_argument("--performance", metavar="EXTERNAL_ID", help=_("only this performance (its external id)"))
    s.add_argument("--count", type=int, required=True, metavar="N", help=_("how many places to sell"))
    s.add_argument("--tariff", metavar="CODE", help=_("the distributor's tariff code (default: random among the prices)"))
    s.add_argument("--random", action="store_true", help=_("pick seats at random (default: allotment order)"))
    s.add_argument("--fault", choices=["price_mismatch", "outside_allotment", "duplicate_ticket", "unknown_id"],
                   help=_("make these sales faulty (tests of the reintegration)"))


def cmd_simulator(args) -> int:
    from app.adapters.simulator import SimulatorError, start_simulator

    if args.pace is not None and args.pace <= 0:
        return fail(_("--pace {pace}: expected a positive number of seconds").format(pace=args.pace))
    try:
        handle = start_simulator(port=args.port, store=args.store, pace=args.pace)
    except SimulatorError as exc:
        return fail(str(exc))
    accounts = ", ".join(f"{a.login} ({a.kind})" for a in handle.store.accounts.values())
    print(f"Distributor simulator on {handle.url} — accounts: {accounts}; demo password 'demo', Fnac manager "
          f"code 'DEMO'. Admin API: {handle.url}/admin/health. Ctrl-C to stop.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopping the simulator…", file=sys.stderr)
    finally:
        handle.stop()
    return 0


def cmd_sell(args) -> int:
    import httpx

    from app.adapters.simulator import SimulatorError, admin_call

    port = args.sell_port or DEFAULT_PORT
    if args.count <= 0:
        return fail(_("--count {count}: expected a positive number").format(count=args.count))
    url = f"http://127.0.0.1:{port}"
    data = {"login": args.login, "count": args.count, "performance": args.performance, "tariff": args.tariff,
            "random": args.random, "fault": args.fault}
    try:
        result = admin_call(url, "POST", "/admin/sell", {k: v for k, v in data.items() if v is not None})
    except httpx.TransportError:
        return fail(_("no simulator answers at {url}: start it with `guichet simulator --port {port}`").format(url=url, port=port))
    except SimulatorError as exc:
        return fail(str(exc), 1 if exc.status == 409 else 2)
    emit(args, result, "\n".join(result["tickets"]))
    return 0
