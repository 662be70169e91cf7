"""argparse's own messages ("usage:", "the following arguments are required: %s", "invalid
choice: …", the "options" heading…) in the user's language, through our catalogue.

argparse translates with the functions it imported from gettext (`argparse._`,
`argparse.ngettext`), looked up in its module at each call and bound to gettext's global text
domain, which Guichet does not use (it would need $LANGUAGE set to follow `--lang`).
`route_argparse()` points those two names at our catalogue; the msgids below put argparse's
strings into it (`make messages` extracts them, the .po translates them), and
tests/unit/test_cli_argparse_language.py fails when the running Python's argparse holds a msgid
missing here (a new Python version) or when `guichet --lang fr` prints argparse's English."""

from __future__ import annotations

import argparse

from . import N_, _, ngettext

# argparse's msgids (Python 3.11–3.13), as its source spells them; %-style placeholders.
ARGPARSE_MSGIDS = (
    N_("usage: "),
    N_("argument %(argument_name)s: %(message)s"),
    N_(".__call__() not defined"),
    N_("conflicting subparser: %s"),
    N_("conflicting subparser alias: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_('argument "-" with mode %r'),
    N_("can't open '%(filename)s': %(error)s"),
    N_("cannot merge actions - two groups are named %r"),
    N_("'required' is an invalid argument for positionals"),
    N_("invalid option string %(option)r: must start with a character %(prefix_chars)r"),
    N_("dest= is required for options like %r"),
    N_("invalid conflict_resolution value: %r"),
    N_("mutually exclusive arguments must be optional"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("cannot have multiple subparser arguments"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("%r is not callable"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def argparse_plurals(n: int = 1) -> tuple[str, ...]:
    """argparse's plural msgids (said for `n`): through ngettext, so that pybabel extracts them."""
    return (ngettext("conflicting option string: %s", "conflicting option strings: %s", n),
            ngettext("expected %s argument", "expected %s arguments", n))


def _plain(message: str) -> str:
    return str(_(message))


def _plain_plural(singular: str, plural: str, n: int) -> str:
    return str(ngettext(singular, plural, n))


def route_argparse() -> None:
    """argparse's messages through our catalogue, in the language `set_language` chose (call it
    before building the parser: the "options" headings are translated when it is built)."""
    argparse._ = _plain
    argparse.ngettext = _plain_plural
