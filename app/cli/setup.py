"""Commands that open the client, create or migrate the database, and seed data."""

from __future__ import annotations

from app.i18n import _
from .common import add_command, emit, open_db


def register(sub) -> None:
    add_command(sub, "client", cmd_client, _("open the desktop client (the default)"))
    p = add_command(sub, "demo", cmd_demo, _("the demo database (created if missing), the distributor simulator "
                    "in the background, and the client"))
    p.add_argument("--port", type=int, default=8765, help=_("the simulator's port (default 8765)"))
    db = sub.add_parser("db", help=_("database maintenance")).add_subparsers(dest="db_command", metavar="ACTION",
                                                                          required=True)
    add_command(db, "upgrade", cmd_db_upgrade, _("apply the database migrations"))
    seed = sub.add_parser("seed", help=_("create demo or scale data")).add_subparsers(dest="seed_command",
                                                                                 metavar="WHAT", required=True)
    add_command(seed, "demo", cmd_seed_demo, _("the demo venue, contingents, distributors and La Walkyrie"))
    p = add_command(seed, "stadium", cmd_seed_stadium, _("event STADE in a generated stadium"))
    p.add_argument("--seats", type=int, required=True, help=_("numbered seats in the stadium"))
    p.add_argument("--performances", type=int, default=1, help=_("performances of event STADE (default 1)"))


def cmd_client(args) -> int:
    from app.ui.app import run_client

    return run_client(database=args.database, lang=args.lang, operator=args.operator)


def cmd_demo(args) -> int:
    from app.adapters.simulator import SimulatorError
    from app.domain.errors import GuichetError
    from app.services.demo import prepare_demo
    from app.ui.app import run_client

    try:
        demo = prepare_demo(args.database, args.port)
    except SimulatorError as exc:
        raise GuichetError(_("the distributor simulator cannot start: {exc}").format(exc=exc)) from None
    print(f"demo database: {demo.database_url}\ndistributor simulator: {demo.simulator_url}")
    try:
        return run_client(database=demo.database_url, lang=args.lang, operator=args.operator, demo=True)
    finally:
        demo.stop()


def cmd_db_upgrade(args) -> int:
    from app.db.migrate import current_revision

    db = open_db(args)
    emit(args, {"database": db.url, "revision": current_revision(db.engine)},
         f"{db.url}: at revision {current_revision(db.engine)}")
    return 0


def cmd_seed_demo(args) -> int:
    from app.services.seeding import seed_demo

    result = seed_demo(open_db(args))
    emit(args, result.__dict__, result.message())
    return 0


def cmd_seed_stadium(args) -> int:
    from app.services.seeding import seed_stadium

    result = seed_stadium(open_db(args), args.seats, args.performances)
    emit(args, result.__dict__, result.message())
    return 0
