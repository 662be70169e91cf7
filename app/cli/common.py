"""What every command shares: global options, opening the database, output, errors."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from app.db.engine import BUSY_MESSAGE, Database, DatabaseError, is_busy, open_database
from app.services.error_log import technical_summary
from app.domain.actors import Actor
from app.domain.errors import GuichetError
from app.i18n import _, set_language


def global_options(top: bool = False) -> argparse.ArgumentParser:
    """Options accepted before or after the command (`guichet --json counts …` or
    `guichet counts … --json`)."""
    p = argparse.ArgumentParser(add_help=False)
    default = None if top else argparse.SUPPRESS
    p.add_argument("--database", metavar="URL", default=default,
                   help=_("database URL (else $GUICHET_DATABASE_URL, else the SQLite file in your data folder)"))
    p.add_argument("--lang", choices=["fr", "en"], default=default, help=_("language of the client and messages"))
    p.add_argument("--json", action="store_true", default=False if top else argparse.SUPPRESS,
                   help=_("print data as JSON"))
    p.add_argument("--operator", metavar="LOGIN", default=default,
                   help=_("act as this operator (else $GUICHET_OPERATOR, else the one set for your OS user)"))
    return p


def add_command(sub, name: str, func, help: str, **kw) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=help, parents=[global_options()], **kw)
    p.set_defaults(func=func)
    return p


def open_db(args, *, upgrade: bool = True) -> Database:
    return open_database(getattr(args, "database", None), upgrade=upgrade)


def actor(args, db: Database) -> Actor:
    from app.services.operators import current_actor

    return current_actor(db, getattr(args, "operator", None))


def emit(args, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def fail(message: str, code: int = 2) -> int:
    print(f"guichet: {message}", file=sys.stderr)
    return code


def run(args) -> int:
    set_language(getattr(args, "lang", None))
    try:
        result = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, where it is handled, not at exit
        return int(result or 0)
    except GuichetError as exc:
        return fail(str(exc), exc.exit_code)
    except DatabaseError as exc:
        return fail(str(exc), 2)
    except SQLAlchemyError as exc:
        # The work ran and the database refused it: one line; the traceback goes to the log.
        if is_busy(exc):
            return fail(_(BUSY_MESSAGE), 1)
        from app.services.error_log import log_exception

        return fail(_("{summary} (details in {path})").format(summary=technical_summary(exc), path=log_exception(exc)), 1)
    except KeyboardInterrupt:
        return fail(_("interrupted"), 130)
    except BrokenPipeError:
        # The reader went away (`guichet … | head`): stop quietly, as Unix tools do; stdout is
        # pointed at devnull so that the interpreter's final flush does not raise again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
