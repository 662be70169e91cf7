"""The local distributor simulator: a real HTTP server speaking the Fnac, Ticketnet and
Digitick protocols for any number of accounts, for the demo and the tests
(docs/protocols/simulator.md)."""

from .server import SimulatorHandle, admin_call, start_simulator
from .store import DEMO_ACCOUNTS, REQUEST_FAULTS, SALE_FAULTS, SimulatorError, Store

DEFAULT_PORT = 8765

__all__ = ["DEFAULT_PORT", "DEMO_ACCOUNTS", "REQUEST_FAULTS", "SALE_FAULTS", "SimulatorError", "SimulatorHandle",
           "Store", "admin_call", "start_simulator"]
