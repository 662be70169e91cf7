"""The seat plan's undo/redo history on its own (no Qt, no database)."""

import pytest

from app.ui.seatplan_history import EditHistory, states_after


def test_undo_redo_walk_the_edits_and_a_new_edit_drops_the_undone_ones():
    h = EditHistory()
    assert not h.can_undo and not h.can_redo and h.undo_states() is None
    h.record("assign", ((1, None, False), (2, 5, True)), contingent_id=7)
    h.record("block", ((1, 7, False),))
    assert h.undo_states() == ((1, 7, False),) and h.can_undo and not h.can_redo
    h.undone()
    assert h.redo_states() == ((1, 7, True),)
    assert h.undo_states() == ((1, None, False), (2, 5, True))
    h.undone()
    assert not h.can_undo and h.redo_states() == ((1, 7, False), (2, 7, True))
    h.redone()
    h.record("unassign", ((2, 7, True),))  # a new edit after an undo: "block" cannot be redone
    assert len(h) == 2 and not h.can_redo and h.undo_states() == ((2, 7, True),)


def test_states_after_each_edit():
    before = ((1, 3, False), (2, None, True))
    assert states_after("assign", before, 9) == ((1, 9, False), (2, 9, True))
    assert states_after("unassign", before) == ((1, None, False), (2, None, True))
    assert states_after("block", before) == ((1, 3, True), (2, None, True))
    assert states_after("unblock", before) == ((1, 3, False), (2, None, False))
    with pytest.raises(ValueError):
        states_after("sell", before)
