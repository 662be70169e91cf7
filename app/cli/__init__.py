"""The `guichet` command (CONTRIBUTING.md, README.md): one entry point for the client, scripts and tests."""

from __future__ import annotations

import argparse
import sys

from app.i18n import LANGUAGES, _, set_language
from app.i18n.argparse_messages import route_argparse

from . import common, distributors, inventory, journal, mail, operators, orders, reports, schedules, setup, simulator, sync

# Each module adds its sub-commands. Adding a command group = one module + one line here.
COMMAND_MODULES = [setup, inventory, operators, orders, distributors, simulator, sync, mail, schedules, reports, journal]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guichet",
        description=_("Guichet: box office for venues selling through distributors. "
        "Without a command, opens the desktop client."),
        parents=[common.global_options(top=True)],
    )
    parser.add_argument("--self-test", action="store_true",
                        help=_("check this installation (Qt, translations, keyring, SQLite, Excel, PDF; with "
                               "--database, that database's schema), one line per check and a JSON summary; "
                               "exit 0 only when all pass"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    parser.set_defaults(func=setup.cmd_client)
    return parser


def language_asked(argv: list[str]) -> str | None:
    """`--lang X` (or `--lang=X`) anywhere in the command line, before argparse reads it: its own
    messages (usage, "the following arguments are required", "invalid choice"…) speak it too."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return None  # $GUICHET_LANG, else the system's language


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(language_asked(argv))
    route_argparse()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        return _self_test(args)
    return common.run(args)


def _self_test(args) -> int:
    from app.cli import selftest
    from app.domain.errors import InputError
    from app.i18n import _, set_language

    set_language(args.lang)
    if args.command is not None:
        return common.fail(_("--self-test runs alone: leave out the command {command!r}").format(command=args.command))

    def run(_args) -> int:
        try:
            return selftest.run(args.database)
        except selftest.BadArguments as exc:
            raise InputError(str(exc)) from None

    args.func = run  # common.run: one line and exit 2 on bad input, a closed pipe, Ctrl+C
    return common.run(args)
