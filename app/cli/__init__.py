"""The `guichet` command (CONTRIBUTING.md, README.md): one entry point for the client, scripts and tests."""

from __future__ import annotations

import argparse
import sys

from . import common, distributors, inventory, journal, mail, operators, orders, reports, schedules, setup, simulator, sync

# Each module adds its sub-commands. Adding a command group = one module + one line here.
COMMAND_MODULES = [setup, inventory, operators, orders, distributors, simulator, sync, mail, schedules, reports, journal]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guichet",
        description="Guichet: box office for venues selling through distributors. "
        "Without a command, opens the desktop client.",
        parents=[common.global_options(top=True)],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    parser.set_defaults(func=setup.cmd_client)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return common.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
