"""Pure rules: seat selections, who may sell what, the two-step distributor rule."""

import pytest

from app.domain.enums import ChannelKind, ContingentType
from app.domain.errors import InputError
from app.domain.seats import ChannelRef, ContingentRef, move_refusal, sale_refusal
from app.domain.selection import Range, SeatSelection, natural_key

BOX = ChannelRef(1, "GUICHET", ChannelKind.INTERNAL)
WEB = ChannelRef(2, "WEB", ChannelKind.INTERNAL)
FNAC_CH = ChannelRef(10, "FNAC", ChannelKind.EXTERNAL)
TKN_CH = ChannelRef(11, "TKN", ChannelKind.EXTERNAL)


def contingent(id_, code, type_=ContingentType.OTHER, exclusive=False, target=None, all_internal=True, channels=()):
    return ContingentRef(id_, code, code, type_, exclusive, target, all_internal, frozenset(channels))


FNAC = contingent(100, "FNAC", ContingentType.EXTERNAL, target=10, all_internal=False)
TKN = contingent(101, "TKN", ContingentType.EXTERNAL, target=11, all_internal=False)
SERIES = contingent(102, "VenuSer", exclusive=True, all_internal=False, channels=[1])
PASS = contingent(103, "Pass")


def test_row_ranges_follow_natural_order():
    assert Range.parse("2-10", "--rows").contains("9")
    assert not Range.parse("2-10", "--rows").contains("11")
    assert Range.parse("B-D", "--rows").contains("C")
    assert natural_key("9") < natural_key("10") < natural_key("A")


@pytest.mark.parametrize("text", ["", "1-2-3", "-4"])
def test_bad_ranges_are_refused_with_their_text(text):
    with pytest.raises(InputError, match="--rows"):
        Range.parse(text, "--rows")


def test_a_selection_must_name_seats():
    with pytest.raises(InputError, match="--zone"):
        SeatSelection()
    with pytest.raises(InputError, match="positive"):
        SeatSelection(first=0)
    with pytest.raises(InputError, match="whole numbers"):
        SeatSelection(zone="PAR", numbers=Range("a", "b"))


def test_box_office_sells_free_and_internal_seats_only():
    assert sale_refusal(BOX, None) is None
    assert sale_refusal(BOX, PASS) is None
    assert "FNAC" in sale_refusal(BOX, FNAC)
    assert sale_refusal(BOX, SERIES) is None
    assert "exclusive" in sale_refusal(WEB, SERIES)


def test_a_distributor_sells_only_its_own_contingent():
    assert sale_refusal(FNAC_CH, FNAC) is None
    assert sale_refusal(TKN_CH, FNAC) is not None
    assert "allotment" in sale_refusal(FNAC_CH, None)
    assert sale_refusal(FNAC_CH, PASS) is not None


def test_seats_never_move_straight_between_distributors():
    assert "two steps" in move_refusal(FNAC, TKN)
    assert move_refusal(FNAC, PASS) is None
    assert move_refusal(None, TKN) is None
    assert move_refusal(FNAC, FNAC) is None
