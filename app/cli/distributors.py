"""Commands on the distributor set-up: interfaces, mappings (Excel round trip), pre-flight check."""

from __future__ import annotations

from app.i18n import _

from .common import actor, add_command, emit, open_db


def register(sub) -> None:
    ifs = sub.add_parser("interfaces", help=_("the distributor interfaces")).add_subparsers(
        dest="interfaces_action", metavar="ACTION", required=True)
    p = add_command(ifs, "list", cmd_interfaces_list, _("list the distributor interfaces"))
    p.add_argument("--visible-only", action="store_true", help=_("leave out hidden interfaces"))
    p = add_command(ifs, "show", cmd_interfaces_show,
                    _("every field of one interface (the password never: only where it is kept)"))
    p.add_argument("name", metavar="NAME", help=_('internal name (e.g. "NTJ FNAC") or id'))
    p = add_command(ifs, "set-password", cmd_interfaces_set_password,
                    _("store an interface's password in the keyring, for this database (the OS keyring, or "
                    "the encrypted file of GUICHET_KEYRING=file; asked on the terminal, or read from "
                    "standard input with --stdin; empty removes it)"))
    p.add_argument("name", metavar="NAME", help=_('internal name (e.g. "NTJ FNAC") or id'))
    p.add_argument("--stdin", action="store_true", help=_("read the password from standard input"))
    p = add_command(ifs, "set-commission", cmd_interfaces_set_commission,
                    _("set the distributor's commission, in percent of the gross, that the partner statement "
                    "deducts from the amount due ('none' removes it)"))
    p.add_argument("name", metavar="NAME", help=_('internal name (e.g. "NTJ FNAC") or id'))
    p.add_argument("percent", metavar="PERCENT", help=_("e.g. 8.5 (0 to 100, two decimals at most) or none"))

    maps = sub.add_parser("mappings", help=_("mappings of an interface, to and from Excel")).add_subparsers(
        dest="mappings_action", metavar="ACTION", required=True)
    p = add_command(maps, "export", cmd_mappings_export,
                    _("write the mappings (and a sheet of the objects still unmapped) to an Excel workbook"))
    p.add_argument("--interface", required=True, metavar="I", help=_("internal name or id"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p = add_command(maps, "import", cmd_mappings_import,
                    _("read mappings back from a workbook: every row is validated, nothing is saved on error"))
    p.add_argument("--interface", required=True, metavar="I", help=_("internal name or id"))
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--replace", action="store_true",
                   help=_("also delete the interface's mappings that the workbook does not list"))
    p = add_command(maps, "list", cmd_mappings_list, _("list the mappings of an interface"))
    p.add_argument("--interface", required=True, metavar="I")

    p = add_command(sub, "check", cmd_check,
                    _("pre-flight: what would make a synchronisation fail (exit 1 if anything)"))
    p.add_argument("--interface", required=True, metavar="I", help=_("internal name or id"))
    p.add_argument("--event", metavar="E", help=_("only this event (code or id)"))


def cmd_interfaces_set_password(args) -> int:
    import getpass
    import sys

    from app.services import secrets
    from app.services.setup.interfaces import set_interface_password
    from app.services.lookup import find_interface

    db = open_db(args)
    who = actor(args, db)
    with db.read() as s:
        find_interface(s, args.name)  # an unknown name before asking anything
    keyring = secrets.state()
    if not keyring.usable:  # said before the password is typed, not after
        raise secrets.NoKeyring(_("{name}: the password cannot be stored: {problem}").format(name=args.name,
                                                                                          problem=keyring.problem))
    password = sys.stdin.readline().rstrip("\r\n") if args.stdin else getpass.getpass(f"Password for {args.name}: ")
    status = set_interface_password(db, who, args.name, password)
    emit(args, {"interface": args.name, "stored": status.stored, "backend": status.backend},
         f"{args.name}: password {'stored' if status.stored else 'removed'} in {status.backend}")
    return 0


def cmd_interfaces_set_commission(args) -> int:
    from app.services.setup.interfaces import parse_commission, set_commission

    percent = parse_commission(args.percent)  # a bad value before the database is opened
    db = open_db(args)
    set_commission(db, actor(args, db), args.name, percent)
    emit(args, {"interface": args.name, "commission_percent": str(percent) if percent is not None else None},
         f"{args.name}: commission {f'{percent} %' if percent is not None else 'removed'}")
    return 0


def cmd_interfaces_list(args) -> int:
    from app.services.setup.interfaces import list_interfaces

    rows = list_interfaces(open_db(args), include_hidden=not args.visible_only)
    from app.adapters.registry import DISTRIBUTORS

    def kind(k) -> str:  # the adapter's label: brand names as they are, "Guichet file" translated
        return _(DISTRIBUTORS[k].label) if k in DISTRIBUTORS else k.value

    text = [f"{'ID':>3}  {_('NAME'):<24} {_('KIND'):<16} {_('CHANNEL'):<8} {_('MAPPINGS'):>15}  {_('STATUS')}"]
    text += [f"{r.id:>3}  {r.name_fr:<24} {kind(r.kind):<16} {r.channel_code:<8} {r.mappings:>15}  "
             f"{_('visible') if r.visible else _('hidden')}" for r in rows]
    emit(args, [r.as_json() for r in rows], "\n".join(text) if rows else _("no distributor interfaces"))
    return 0


def cmd_interfaces_show(args) -> int:
    from app.services.setup.interfaces import get_interface, password_status

    d = get_interface(open_db(args), args.name)
    pw = password_status(open_db(args), d.id)
    data = d.as_json() | {"password_stored": pw.stored, "password_backend": pw.backend}
    labels = [("id", "Id"), ("name_fr", "Internal name (FR)"), ("name_en", "Internal name (EN)"),
              ("name_es", "Internal name (ES)"), ("interface_type", "Type"), ("kind", "Distributor"),
              ("channel_code", "External channel"), ("url", "URL"), ("login", "Login"),
              ("contact_name", "Contact"), ("waiting_account", "Waiting account"),
              ("point_of_sale_code", "Point of sale"), ("price_policy", "Reseller price policy"),
              ("commission_percent", "Commission (%)"), ("visible", "Visible"),
              ("notify_emails", "E-mails on failure"), ("options", "Options"),
              ("mappings", "Mappings"), ("executions", "Executions")]
    text = [f"{label + ':':<24} {'none' if data[key] is None else data[key]}" for key, label in labels]
    text.append(f"{'Password:':<24} {'stored' if pw.stored else 'none'} in {pw.backend}")
    emit(args, data, "\n".join(text))
    return 0


def cmd_mappings_export(args) -> int:
    from app.services.setup.mappings_excel import export_mappings

    r = export_mappings(open_db(args), args.interface, args.output)
    emit(args, r.__dict__, f"{r.path}: {r.mappings} mapping(s), {r.unmapped} object(s) still unmapped")
    return 0


def cmd_mappings_import(args) -> int:
    from app.services.setup.mappings_excel import import_mappings

    db = open_db(args)
    r = import_mappings(db, actor(args, db), args.interface, args.file, replace=args.replace)
    emit(args, r.__dict__, r.message())
    return 0


def cmd_mappings_list(args) -> int:
    from app.services.setup.mappings import list_mappings

    rows = list_mappings(open_db(args), args.interface)
    emit(args, [{"kind": r.kind.value, "object_type": r.object_type.value, "season": r.season_code,
                 "object": r.reference, "local_name": r.local_name, "external_id": r.external_id,
                 "generic": r.generic} for r in rows],
         "\n".join(f"{r.kind.value:<22} {r.season_code:<4} {r.reference:<30} {r.external_id}"
                   + ("  " + _("(generic)") if r.generic else "") for r in rows) or _("no mappings"))
    return 0


def cmd_check(args) -> int:
    from app.services.setup.preflight import check_interface

    report = check_interface(open_db(args), args.interface, args.event)
    emit(args, report.as_json(), report.text())
    return 0 if report.ok else 1
