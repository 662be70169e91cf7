"""The seat plan's undo/redo history: what each edit changed, and where the cursor is.

No Qt and no database here: the window asks which seat states to restore
(`undo_states` / `redo_states`), restores them through `allocation.restore_seats` in the
background, and moves the cursor (`undone` / `redone`) only once that write succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass

SeatStates = tuple  # ((seat id, contingent id or None, blocked), ...)


@dataclass(frozen=True)
class EditRecord:
    """One undoable edit: the seats' (id, contingent id, blocked) before and after."""

    label: str
    before: SeatStates
    after: SeatStates


def states_after(action: str, before: SeatStates, contingent_id: int | None = None) -> SeatStates:
    """The changed seats' states after `action` ("assign" to `contingent_id`, "unassign",
    "block", "unblock"), from their states before."""
    if action == "assign":
        return tuple((sid, contingent_id, b) for sid, _c, b in before)
    if action == "unassign":
        return tuple((sid, None, b) for sid, _c, b in before)
    if action in ("block", "unblock"):
        return tuple((sid, c, action == "block") for sid, c, _b in before)
    raise ValueError(f"not an undoable edit: {action!r}")


class EditHistory:
    def __init__(self) -> None:
        self._records: list[EditRecord] = []
        self._pos = 0  # records before the cursor are done, after it undone

    def record(self, action: str, before: SeatStates, contingent_id: int | None = None) -> EditRecord:
        """A new edit: it drops whatever had been undone (no branch to redo)."""
        rec = EditRecord(action, tuple(before), states_after(action, before, contingent_id))
        del self._records[self._pos:]
        self._records.append(rec)
        self._pos = len(self._records)
        return rec

    def __len__(self) -> int:
        return len(self._records)

    @property
    def can_undo(self) -> bool:
        return self._pos > 0

    @property
    def can_redo(self) -> bool:
        return self._pos < len(self._records)

    def undo_states(self) -> SeatStates | None:
        return self._records[self._pos - 1].before if self.can_undo else None

    def redo_states(self) -> SeatStates | None:
        return self._records[self._pos].after if self.can_redo else None

    def undone(self) -> None:
        if self.can_undo:
            self._pos -= 1

    def redone(self) -> None:
        if self.can_redo:
            self._pos += 1
