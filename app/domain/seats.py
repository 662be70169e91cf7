"""Seat states and the rules on who may sell or reallocate a seat."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .enums import ChannelKind, ContingentType


class SeatState(str, enum.Enum):
    """Exactly one state per seat, in this order of precedence (a sold seat that is also
    blocked counts as sold)."""

    SOLD = "sold"
    RESERVED = "reserved"
    INVALID = "invalid"
    BLOCKED = "blocked"
    LOCKED = "locked"
    FREE = "free"


COUNTER_KEYS = ("total", "free", "locked", "blocked", "reserved", "sold", "invalid", "sold_not_controlled")


@dataclass(frozen=True)
class Counts:
    total: int = 0
    free: int = 0
    locked: int = 0
    blocked: int = 0
    reserved: int = 0
    sold: int = 0
    invalid: int = 0
    sold_not_controlled: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, k) + getattr(other, k) for k in COUNTER_KEYS))

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in COUNTER_KEYS}


@dataclass(frozen=True)
class ChannelRef:
    id: int
    code: str
    kind: ChannelKind


@dataclass(frozen=True)
class ContingentRef:
    id: int
    code: str
    name: str
    type: ContingentType
    exclusive: bool
    target_channel_id: int | None
    all_internal_channels: bool
    channel_ids: frozenset[int]

    @property
    def is_distributor(self) -> bool:
        """Bound to one distributor: an external contingent with its external channel."""
        return self.type is ContingentType.EXTERNAL and self.target_channel_id is not None


def sale_refusal(channel: ChannelRef, contingent: ContingentRef | None) -> str | None:
    """Why `channel` may not sell a seat held by `contingent`, or None if it may."""
    if channel.kind is ChannelKind.EXTERNAL:
        if contingent is None or contingent.target_channel_id != channel.id:
            held = f"held by contingent {contingent.code}" if contingent else "not in its allotment"
            return f"the seat is {held}; channel {channel.code} sells only its own contingent"
        return None
    if contingent is None:
        return None
    if contingent.is_distributor or contingent.type is ContingentType.EXTERNAL:
        return f"the seat is held for a distributor by contingent {contingent.code} ({contingent.name})"
    if contingent.exclusive:
        allowed = channel.id in contingent.channel_ids or (
            contingent.all_internal_channels and channel.kind is ChannelKind.INTERNAL
        )
        if not allowed:
            return f"the seat is in the exclusive contingent {contingent.code} ({contingent.name})"
    return None


def move_refusal(current: ContingentRef | None, target: ContingentRef | None) -> str | None:
    """docs/domain.md, seats and contingents: never move seats straight from one distributor to another."""
    if (
        current is not None
        and target is not None
        and current.id != target.id
        and current.is_distributor
        and target.is_distributor
    ):
        return (
            f"seats go from distributor {current.code} to {target.code} in two steps: remove them "
            f"from {current.code} and block them, export; then assign them to {target.code}, "
            "unblock them and export"
        )
    return None
