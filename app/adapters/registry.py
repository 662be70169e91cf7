"""Which adapter speaks for which kind of distributor, and everything else Guichet knows
about a distributor — its label, whether it is on the network, the functions it offers —
read from the adapter class's own attributes. Adding a distributor = one module behind
`base.DistributorAdapter` + one line in ADAPTERS (see CONTRIBUTING.md)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.enums import DistributorKind, SyncFunction

from .base import ConfigurationError, ConnectionSettings, DistributorAdapter
from .digitick import DigitickAdapter
from .fnac import FnacAdapter
from .guichet_file import GuichetFileAdapter
from .ticketnet import TicketnetAdapter
from app.i18n import _

ADAPTERS: dict[DistributorKind, type[DistributorAdapter]] = {
    DistributorKind.FNAC: FnacAdapter,
    DistributorKind.TICKETNET: TicketnetAdapter,
    DistributorKind.DIGITICK: DigitickAdapter,
    DistributorKind.GUICHET_FILE: GuichetFileAdapter,
}


@dataclass(frozen=True)
class DistributorInfo:
    kind: DistributorKind
    label: str  # English; setup_widgets.distributor_label translates the ones that are words
    on_network: bool
    functions: frozenset[SyncFunction]

    def offers(self, function: SyncFunction | str) -> bool:
        return SyncFunction(function) in self.functions

    def function_values(self) -> list[str]:
        """Its functions' values, in the order of SyncFunction."""
        return [f.value for f in SyncFunction if f in self.functions]


def _info(kind: DistributorKind, cls) -> DistributorInfo:
    if getattr(cls, "kind", None) is not kind:
        raise TypeError(f"{cls.__name__} is registered for {kind.value} but declares kind {cls.kind!r}")
    return DistributorInfo(kind, cls.label, bool(cls.on_network), frozenset(cls.functions))


DISTRIBUTORS: dict[DistributorKind, DistributorInfo] = {k: _info(k, cls) for k, cls in ADAPTERS.items()}
NETWORK_KINDS = frozenset(k for k, d in DISTRIBUTORS.items() if d.on_network)


def distributor(kind: DistributorKind | str) -> DistributorInfo:
    try:
        return DISTRIBUTORS[DistributorKind(kind)]
    except (KeyError, ValueError):
        raise ConfigurationError(_("no adapter for distributor kind {kind}; known: {known}").format(
            kind=repr(kind), known=", ".join(k.value for k in ADAPTERS)), where=_("interface kind")) from None


def offered_functions(among=tuple(SyncFunction)) -> tuple[SyncFunction, ...]:
    """The functions of `among` that at least one registered distributor offers, in order."""
    return tuple(f for f in among if any(f in d.functions for d in DISTRIBUTORS.values()))


def function_refusal(kind: DistributorKind | str, function: SyncFunction | str) -> str | None:
    """None if the distributor offers `function`, else the one line that says it does not."""
    d = distributor(kind)
    if d.offers(function):
        return None
    return (f"{d.label} does not offer {SyncFunction(function).value}; it offers "
            + (", ".join(d.function_values()) or "no function"))


def make_adapter(kind: DistributorKind | str, settings: ConnectionSettings) -> DistributorAdapter:
    """The adapter for `kind`, connected with `settings` (ConfigurationError if unknown or
    if the settings lack what that distributor needs). Close it after use."""
    return ADAPTERS[distributor(kind).kind](settings)
