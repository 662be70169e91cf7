"""Sales reintegration: the tickets a distributor sold become local orders, exactly once.

Every line is resolved through the interface's mappings (an unmapped code is a Mapping
error naming the line and the code), checked against the seat's state (it must exist, be in
the distributor's contingent and not be sold by someone else — otherwise an External error
for that line, never an overwrite) and priced by the reseller-price policy.

A batch (an HTTP page, or a file, or `batch_size` lines of a file) is one transaction:
orders, tickets, seat history, reintegrated-line keys and — for online reintegration — the
interface's sales cursor are committed together or not at all. The unique key
(interface, external ticket id, action) of `reintegrated_lines` makes a rerun skip what was
applied; the cursor saved with its batch means a crash at any instant followed by a rerun
gives the result of one clean run. A batch with any error applies nothing (sales files);
online, its lines in error are held and the others applied.

The rooms, in the order a batch goes through them:
- `resolve`: one line → local ids (`LineResolver`, `seat_key`), dicts loaded once per run
  and per performance;
- `plan`: a batch → a `BatchPlan` (tickets, cancellations, issues or held lines), reading
  the touched seats' state with one query per performance;
- `write`: the plan → orders, tickets, history, keys, held lines and cursor in the
  batch's transaction (`apply_batch` around both, retried on a unique-key conflict);
- `runs`: the online feed and the sales files, inside a logged execution."""

from .plan import BatchPlan, Held, plan_batch
from .resolve import Issue, LineResolver, Resolved, seat_key, where_of
from .runs import DEFAULT_PAGE, Reintegrator, check_setup, count_applied, import_sales_file, reintegrate_sales
from .write import CursorMoved, Refused, apply_batch, line_from_raw, line_to_raw, write_batch

__all__ = [
    "BatchPlan", "CursorMoved", "DEFAULT_PAGE", "Held", "Issue", "LineResolver", "Refused", "Reintegrator",
    "Resolved", "apply_batch", "check_setup", "count_applied", "import_sales_file", "line_from_raw", "line_to_raw",
    "plan_batch", "reintegrate_sales", "seat_key", "where_of", "write_batch",
]
