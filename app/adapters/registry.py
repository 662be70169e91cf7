"""Which adapter speaks for which kind of distributor. Adding a distributor = one module
behind `base.DistributorAdapter` + one line in ADAPTERS."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.enums import DistributorKind

from .base import ConfigurationError, ConnectionSettings, DistributorAdapter
from .digitick import DigitickAdapter
from .fnac import FnacAdapter
from .guichet_file import GuichetFileAdapter
from .ticketnet import TicketnetAdapter

ADAPTERS: dict[DistributorKind, Callable[[ConnectionSettings], DistributorAdapter]] = {
    DistributorKind.FNAC: FnacAdapter,
    DistributorKind.TICKETNET: TicketnetAdapter,
    DistributorKind.DIGITICK: DigitickAdapter,
    DistributorKind.GUICHET_FILE: GuichetFileAdapter,
}


def make_adapter(kind: DistributorKind | str, settings: ConnectionSettings) -> DistributorAdapter:
    """The adapter for `kind`, connected with `settings` (ConfigurationError if unknown or
    if the settings lack what that distributor needs). Close it after use."""
    try:
        factory = ADAPTERS[DistributorKind(kind)]
    except (KeyError, ValueError):
        raise ConfigurationError(f"no adapter for distributor kind {kind!r}; known: "
                                 f"{', '.join(k.value for k in ADAPTERS)}", where="interface kind") from None
    return factory(settings)
