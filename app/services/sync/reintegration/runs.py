"""Reintegration runs: an online feed (pages from the distributor since the interface's
sales cursor) or a sales file, each inside a logged execution.

A page, a file, or `batch_size` lines of a file is one batch in one transaction
(`write.apply_batch`). Online, a line that cannot be applied is held and the feed goes
on; a file is all or nothing (per batch)."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.adapters.base import DistributorError, SplitFetch
from app.db.engine import Database
from app.db.models import DistributorInterface
from app.domain.actors import Actor
from app.domain.enums import ErrorClass, ExecutionStatus, LogLevel, SyncFunction, Trigger
from app.domain.errors import InputError
from app.domain.sales import ParsedSales, SaleLine
from app.i18n import N_, _, exception_text
from app.services.lookup import performance_id_of

from ..common import InterfaceInfo, classify, load_interface, open_adapter, waiting_payment_mode
from ..executions import ExecutionRecorder, RunResult, class_word, create_execution, process_tag, reap_interrupted
from ..few_collections import few_collections
from ..mapping_resolver import MappingResolver
from ..run_control import cancelled, report
from .plan import BatchPlan, plan_batch
from .resolve import LineResolver, where_said
from .write import CursorMoved, Refused, apply_batch

DEFAULT_PAGE = 1000
MAX_LOGGED_ERRORS = 200  # per batch; the rest are summed up in one line


class Reintegrator:
    """One run's context for one interface: who writes, into which execution, and the
    resolver of its lines (with the caches of the halls and performances they name)."""

    def __init__(self, db: Database, actor: Actor, info: InterfaceInfo, resolver: MappingResolver,
                 execution_id: int | None, *, default_performance: int | None = None):
        self.db, self.actor, self.info, self.resolver = db, actor, info, resolver
        self.execution_id = execution_id
        with db.read() as s:
            self.lines = LineResolver(s, info, resolver, default_performance=default_performance)
            self.payment_mode_id = waiting_payment_mode(s, info.point_of_sale_id)

    def plan(self, s, lines: list[SaleLine], *, lock: bool, hold: bool = False,
             retrying: frozenset[int] = frozenset()) -> BatchPlan:
        return plan_batch(s, self.lines, lines, lock=lock, hold=hold, retrying=retrying)


def _log_refusal(rec: ExecutionRecorder, plan: BatchPlan, label: str) -> None:
    for issue in plan.issues[:MAX_LOGGED_ERRORS]:
        rec.error(issue.error_class, issue.message, issue.where)
    if len(plan.issues) > MAX_LOGGED_ERRORS:
        kinds = Counter(class_word(i.error_class) for i in plan.issues[MAX_LOGGED_ERRORS:])
        rec.error(plan.issues[MAX_LOGGED_ERRORS].error_class,
                  _("… and {n} more refused line(s) ({kinds})").format(
                      n=len(plan.issues) - MAX_LOGGED_ERRORS, kinds=", ".join(f"{n} {k}" for k, n in kinds.items())),
                  label)
    for c in plan.cascades[:MAX_LOGGED_ERRORS]:
        rec.cascade(c.message, c.where)
    rec.cascade(_("nothing applied from this batch ({lines} line(s)) because of the error(s) above; the database is "
                  "as before this batch").format(lines=plan.lines), label)
    rec.count("errors", len(plan.issues))


def count_applied(rec: ExecutionRecorder, plan: BatchPlan, written: dict) -> None:
    for w in plan.warnings[:MAX_LOGGED_ERRORS]:
        rec.warning(w.message, w.where)
    for h in plan.held[:MAX_LOGGED_ERRORS]:
        logged = rec.log(LogLevel.WARNING, _("line held ({cls}): {cause}; the feed goes on (guichet held-lines)").format(
            cls=class_word(h.error_class), cause=h.cause), where_said(h.line), h.error_class)
        if rec.first_error is None:  # the execution names its first held line, with its class
            rec.first_error = logged
    if len(plan.held) > MAX_LOGGED_ERRORS:
        rec.warning(_("… and {n} more held line(s) (guichet held-lines)").format(n=len(plan.held) - MAX_LOGGED_ERRORS))
    if plan.held:
        rec.count("held_lines", len(plan.held))
    rec.count("lines", plan.lines)
    rec.count("sales", plan.sales)
    rec.count("cancellations", plan.cancellations)
    rec.count("already_reintegrated", plan.already)
    rec.count("orders", written["orders"])
    rec.set("amount", str(Decimal(str(rec.counts.get("amount", "0"))) + plan.amount))



def _start(db, actor, interface, function_trigger, execution_id, params, performance=None):
    with db.read() as s:
        info = load_interface(s, interface)
        perf_id = performance_id_of(s, performance)
    reap_interrupted(db, info.id)
    if execution_id is None:
        execution_id = create_execution(db, actor, info.id, SyncFunction.REINTEGRATE_SALES, function_trigger,
                                        performance_id=perf_id, status=ExecutionStatus.RUNNING,
                                        parameters={**params, "performance": perf_id, **process_tag()})
    return info, perf_id, execution_id



def _preview(plan: BatchPlan) -> dict:
    return {"lines": plan.lines, "sales": plan.sales, "cancellations": plan.cancellations,
            "already_reintegrated": plan.already, "amount": str(plan.amount),
            "errors": [{"class": i.error_class.value, "where": i.where, "message": i.message}
                       for i in plan.issues + plan.cascades]}


def _dry_run(db: Database, r: Reintegrator, rec: ExecutionRecorder, lines: list[SaleLine], label: str) -> dict:
    with db.read() as s:
        plan = r.plan(s, lines, lock=False)
    for i in plan.issues[:MAX_LOGGED_ERRORS]:
        rec.error(i.error_class, i.message, i.where)
    for c in plan.cascades[:MAX_LOGGED_ERRORS]:
        rec.cascade(c.message, c.where)
    rec.set("lines", plan.lines)
    rec.set("would_sell", plan.sales - len(plan.batch_cancels))
    rec.set("would_cancel", plan.cancellations)
    rec.set("already_reintegrated", plan.already)
    rec.set("amount", str(plan.amount))
    rec.set("errors", len(plan.issues))
    rec.info(_("{label}: {lines} line(s): {sales} sale(s), {cancellations} cancellation(s), {already} already "
               "reintegrated, {errors} error(s); amount {amount:.2f} — dry run, nothing written").format(
        label=label, lines=plan.lines, sales=plan.sales, cancellations=plan.cancellations, already=plan.already,
        errors=len(plan.issues), amount=plan.amount), label)
    return _preview(plan)


# --- online reintegration -----------------------------------------------------------------


def reintegrate_sales(db: Database, actor: Actor, interface, *, dry_run: bool = False, batch_size: int | None = None,
                      performance=None, trigger: Trigger = Trigger.MANUAL, execution_id: int | None = None,
                      adapter_factory=None, max_pages: int | None = None, echo=None, control=None) -> RunResult:
    """Fetch the distributor's sales since the interface's cursor and reintegrate them, one
    page per transaction (page size = `batch_size`, default 1000 lines)."""
    actor.require_writer(N_("reintegrate sales"))
    limit = int(batch_size or DEFAULT_PAGE)
    if limit <= 0:
        raise InputError(_("batch size {n}: expected a positive number").format(n=batch_size))
    info, perf_id, execution_id = _start(db, actor, interface, trigger, execution_id,
                                         {"dry_run": dry_run, "batch_size": batch_size}, performance)
    rec = ExecutionRecorder(db, execution_id, echo=echo)
    t0 = time.perf_counter()
    preview: dict = {}
    try:
        with db.read() as s:
            resolver = MappingResolver.load(s, info.id)
            cursor = s.scalar(select(DistributorInterface.sales_cursor)
                              .where(DistributorInterface.id == info.id)) or ""
        r = Reintegrator(db, actor, info, resolver, None if dry_run else execution_id, default_performance=perf_id)
        check_setup(info, r, rec)
        if rec.errors:
            return rec.result(SyncFunction.REINTEGRATE_SALES, rec.finish(), dry_run=dry_run)
        adapter = open_adapter(info, adapter_factory)
        pool = None
        try:
            # The whole run with few cycle collections (few_collections): between its pages too, where
            # the last page's plan is still alive and each young collection would walk it.
            with few_collections():
                rec.set("cursor_before", cursor)
                pages, collected = 0, []
                # The next page is fetched while this one is written: the distributor's feed is
                # read-only for a cursor, so a prefetched page is simply dropped if we stop. The
                # thread only does the round trip when the adapter splits it (base.SplitFetch).
                pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guichet-fetch")
                split = isinstance(adapter, SplitFetch)
                fetch = adapter.fetch_sales_raw if split else adapter.fetch_sales
                ahead = pool.submit(fetch, cursor, limit=limit)
                while True:
                    try:
                        raw = ahead.result()
                        page = adapter.parse_sales(raw) if split else raw
                    except Exception as exc:  # noqa: BLE001
                        cls, msg, where = classify(exc)
                        at_cursor = _("cursor {cursor!r}").format(cursor=cursor)
                        rec.error(cls, _("fetching sales after cursor {cursor!r} failed: {msg}").format(
                            cursor=cursor, msg=msg), where or at_cursor)
                        rec.cascade(_("reintegration stopped; what was applied before stays, the next run resumes here"),
                                    at_cursor)
                        break
                    pages += 1
                    last = not page.more or bool(max_pages and pages >= max_pages)
                    if not last:
                        ahead = pool.submit(fetch, page.next_cursor, limit=limit)
                    label = _("page {page} (cursor {cursor!r})").format(page=pages, cursor=cursor)
                    lines = list(page.lines)
                    if dry_run:
                        collected += lines
                    else:
                        mark = rec.mark()

                        def log_batch(s, plan, written, lines=lines, label=label, next_cursor=page.next_cursor, mark=mark):
                            # The batch's account, written in its own transaction: visible when it
                            # commits, never for a batch that rolled back, and no commit of its own.
                            rec.back_to(mark)  # planned again after a conflict: said once
                            with rec.inside(s):
                                rec.count("batches")
                                count_applied(rec, plan, written)
                                if lines:
                                    rec.info(_("{lines} line(s): {sales} sale(s), {cancellations} cancellation(s), "
                                               "{already} already reintegrated, {held} held; committed up to cursor "
                                               "{cursor!r}").format(
                                        lines=plan.lines, sales=plan.sales, cancellations=plan.cancellations,
                                        already=plan.already, held=len(plan.held), cursor=next_cursor), label)
                                if plan.already:  # a feed never repeats a line after its cursor: say so, harmlessly
                                    rec.warning(_("{n} line(s) the distributor sent again were already reintegrated: "
                                                  "skipped, nothing duplicated").format(n=plan.already), label)
                                rec.set("cursor_after", next_cursor)

                        try:
                            apply_batch(db, r, lines, expected_cursor=cursor, new_cursor=page.next_cursor, hold=True,
                                        in_transaction=log_batch)
                        except Refused as refused:
                            rec.back_to(mark)
                            _log_refusal(rec, refused.plan, label)
                            rec.count("batches_refused")
                            break
                        except CursorMoved as moved:
                            rec.back_to(mark)
                            rec.warning(_("another reintegration moved the cursor to {cursor} meanwhile; this run "
                                          "stops, nothing was applied twice").format(cursor=moved), label)
                            break
                        except BaseException:
                            rec.back_to(mark)
                            raise
                        rec.committed()
                    cursor = page.next_cursor
                    report(control, pages, 0, rec.counts.get("lines", 0) if not dry_run else len(collected), label)
                    if last:
                        break
                    if cancelled(control):  # the page just committed with its cursor: the next run resumes here
                        rec.warning(_("cancelled by the operator after {pages} page(s); what was applied stays, "
                                      "the next run resumes at cursor {cursor!r}").format(pages=pages, cursor=cursor),
                                    label)
                        rec.set("cancelled", True)
                        break
            pool.shutdown(wait=True, cancel_futures=True)
            if dry_run:
                preview = _dry_run(db, r, rec, collected, _("{pages} page(s) from the cursor").format(pages=pages))
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            try:
                adapter.close()
            except Exception:  # noqa: BLE001
                pass
    except Exception as exc:  # noqa: BLE001 - every failure ends in the log, classed
        cls, msg, where = classify(exc)
        rec.error(cls, msg, where)
    rec.set("seconds", round(time.perf_counter() - t0, 3))
    return rec.result(SyncFunction.REINTEGRATE_SALES, rec.finish(), dry_run=dry_run, preview=preview)



def check_setup(info: InterfaceInfo, r: Reintegrator, rec: ExecutionRecorder) -> None:
    if info.point_of_sale_id is None:
        rec.error(ErrorClass.CONFIGURATION, _("interface {name!r} has no point of sale: orders cannot be booked").format(
            name=info.name), _("interface"))
    if info.contact_id is None:
        rec.error(ErrorClass.CONFIGURATION, _("interface {name!r} has no contact for its orders").format(name=info.name),
                  _("interface"))
    if r.payment_mode_id is None:
        rec.error(ErrorClass.CONFIGURATION, _("no waiting-account payment mode exists"), _("interface"))
    if not info.contingent_ids:
        rec.error(ErrorClass.CONFIGURATION, _("no external contingent is bound to the channel of interface "
                                              "{name!r}").format(name=info.name), _("interface"))


# --- sales files ----------------------------------------------------------------------------


def import_sales_file(db: Database, actor: Actor, interface, path: str | Path, format: str | None = None, *,
                      dry_run: bool = False, performance=None, batch_size: int | None = None,
                      trigger: Trigger = Trigger.FILE, execution_id: int | None = None, parsed: ParsedSales | None = None,
                      echo=None, control=None) -> RunResult:
    """Reintegrate a sales file by hand: all or nothing for the file (or per `batch_size`
    lines); importing the same file again creates nothing."""
    actor.require_writer(N_("import sales"))
    path = Path(path)
    if parsed is None and not path.is_file():
        raise InputError(_("sales file {path} does not exist or is not a file").format(path=str(path)))
    if batch_size is not None and int(batch_size) <= 0:
        raise InputError(_("batch size {n}: expected a positive number").format(n=batch_size))
    info, perf_id, execution_id = _start(db, actor, interface, trigger, execution_id,
                                         {"dry_run": dry_run, "batch_size": batch_size, "file": str(path),
                                          "format": format}, performance)
    rec = ExecutionRecorder(db, execution_id, echo=echo)
    t0 = time.perf_counter()
    preview: dict = {}
    try:
        if parsed is None:
            from app.adapters.files import parse_sales_file

            try:
                parsed = parse_sales_file(path, format=format)
            except DistributorError:
                raise
            except InputError as exc:
                # the parsers' messages name the file already: not "x.csv: x.csv: refused"
                rec.error(ErrorClass.EXTERNAL, exception_text(exc), "" if str(exc).startswith(path.name) else path.name)
                rec.cascade(_("file refused: nothing imported"), path.name)
                return rec.result(SyncFunction.REINTEGRATE_SALES, rec.finish(), dry_run=dry_run)
        rec.set("file", path.name)
        rec.set("format", parsed.format)
        for ig in parsed.ignored:
            rec.warning(_("not a ticket line, ignored: {message}").format(message=ig.message), ig.where)
        refused = False
        for err in parsed.errors:
            rec.error(ErrorClass.EXTERNAL, err.message, err.where)
            refused = True
        if parsed.declared_total is not None and parsed.declared_total != parsed.sales_total:
            rec.error(ErrorClass.EXTERNAL, _("the file's total {declared:.2f} differs from the sum of its sale lines "
                                             "{total:.2f}").format(declared=parsed.declared_total,
                                                                   total=parsed.sales_total), path.name)
            refused = True
        if refused:
            rec.cascade(_("file {name} refused: nothing imported ({n} readable line(s))").format(
                name=path.name, n=len(parsed.lines)), path.name)
            rec.set("lines", len(parsed.lines))
            return rec.result(SyncFunction.REINTEGRATE_SALES, rec.finish(), dry_run=dry_run)
        with db.read() as s:
            resolver = MappingResolver.load(s, info.id)
        r = Reintegrator(db, actor, info, resolver, None if dry_run else execution_id, default_performance=perf_id)
        check_setup(info, r, rec)
        if rec.errors:
            return rec.result(SyncFunction.REINTEGRATE_SALES, rec.finish(), dry_run=dry_run)
        lines = parsed.lines
        if dry_run:
            preview = _dry_run(db, r, rec, lines, path.name)
            preview["ignored"] = [{"where": i.where, "message": i.message} for i in parsed.ignored]
        else:
            size = int(batch_size) if batch_size else max(1, len(lines))
            parts = [lines[i:i + size] for i in range(0, len(lines), size)] or [[]]
            for k, part in enumerate(parts, 1):
                label = path.name if len(parts) == 1 else _("{name} batch {j}/{total}").format(
                    name=path.name, j=k, total=len(parts))
                if cancelled(control):
                    rec.warning(_("cancelled by the operator after {done} of {total} batch(es); the batches "
                                  "committed stay, importing the file again adds only the rest").format(
                        done=k - 1, total=len(parts)), label)
                    rec.set("cancelled", True)
                    break
                try:
                    plan, written = apply_batch(db, r, part)
                except Refused as ref:
                    _log_refusal(rec, ref.plan, label)
                    for j in range(k + 1, len(parts) + 1):
                        rec.cascade(_("{name} batch {j}/{total} not imported after the refusal above").format(
                            name=path.name, j=j, total=len(parts)), _("{name} batch {j}").format(name=path.name, j=j))
                    break
                rec.count("batches")
                count_applied(rec, plan, written)
                rec.info(_("{label}: {lines} line(s): {sales} sale(s), {cancellations} cancellation(s), "
                           "{already} already reintegrated").format(label=label, lines=plan.lines, sales=plan.sales,
                                                                    cancellations=plan.cancellations,
                                                                    already=plan.already), label)
                report(control, k, len(parts), rec.counts.get("lines", 0), label)
    except Exception as exc:  # noqa: BLE001
        cls, msg, where = classify(exc)
        rec.error(cls, msg, where or path.name)
    rec.set("seconds", round(time.perf_counter() - t0, 3))
    return rec.result(SyncFunction.REINTEGRATE_SALES, rec.finish(), dry_run=dry_run, preview=preview)
