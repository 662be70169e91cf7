"""The schedules' tests reuse the synchronisation fixtures: the demo database with
allotments, the simulator over real HTTP, the interfaces linked to it."""

from tests.integration.sync.conftest import allotted, linked, sim  # noqa: F401 - fixtures
