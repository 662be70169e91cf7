"""Commands that open the client, create or migrate the database, and seed data."""

from __future__ import annotations

import os

from app.db.engine import default_data_dir, open_database

from .common import add_command, emit, open_db


def register(sub) -> None:
    add_command(sub, "client", cmd_client, "open the desktop client (the default)")
    add_command(sub, "demo", cmd_demo, "open the client on the demo database (created if missing)")
    db = sub.add_parser("db", help="database maintenance").add_subparsers(dest="db_command", metavar="ACTION",
                                                                          required=True)
    add_command(db, "upgrade", cmd_db_upgrade, "apply the database migrations")
    seed = sub.add_parser("seed", help="create demo or scale data").add_subparsers(dest="seed_command",
                                                                                 metavar="WHAT", required=True)
    add_command(seed, "demo", cmd_seed_demo, "the demo venue, contingents, distributors and La Walkyrie")
    p = add_command(seed, "stadium", cmd_seed_stadium, "event STADE in a generated stadium")
    p.add_argument("--seats", type=int, required=True, help="numbered seats in the stadium")
    p.add_argument("--performances", type=int, default=1, help="performances of event STADE (default 1)")


def demo_url(args) -> str:
    return args.database or os.environ.get("GUICHET_DATABASE_URL") or \
        f"sqlite:///{default_data_dir() / 'demo.sqlite'}"


def cmd_client(args) -> int:
    from app.ui.app import run_client

    return run_client(database=args.database, lang=args.lang, operator=args.operator)


def cmd_demo(args) -> int:
    from app.services.seeding import seed_demo
    from app.ui.app import run_client

    url = demo_url(args)
    db = open_database(url)
    seed_demo(db)
    db.dispose()
    return run_client(database=url, lang=args.lang, operator=args.operator, demo=True)


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
