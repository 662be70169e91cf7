"""Distributor metadata lives on the adapter classes; the registry reads it, and the
services, the screens and the command line take their lists from the registry."""

from __future__ import annotations

import argparse

import pytest

from app.adapters import registry
from app.adapters.registry import DISTRIBUTORS, NETWORK_KINDS, distributor, function_refusal
from app.domain.enums import DistributorKind, SyncFunction


def test_every_kind_is_registered_with_a_label_a_network_flag_and_functions():
    assert set(DISTRIBUTORS) == set(DistributorKind)
    for kind, d in DISTRIBUTORS.items():
        cls = registry.ADAPTERS[kind]
        assert d.kind is kind is cls.kind
        assert d.label and d.label == cls.label
        assert d.on_network is cls.on_network and isinstance(d.on_network, bool)
        assert d.functions and d.functions == cls.functions
        assert all(isinstance(f, SyncFunction) for f in d.functions)
    assert distributor("guichet_file").label == "Guichet file" and not distributor("guichet_file").on_network
    assert distributor(DistributorKind.FNAC).offers("allocated-sold-counts")


def test_an_adapter_registered_under_another_kind_is_refused():
    class Wrong:
        kind, label, on_network, functions = DistributorKind.FNAC, "Wrong", True, frozenset()

    with pytest.raises(TypeError, match="registered for ticketnet"):
        registry._info(DistributorKind.TICKETNET, Wrong)


def test_network_kinds_of_the_services_come_from_the_adapters():
    from app.services.setup import interfaces, preflight

    assert NETWORK_KINDS == {k for k, d in DISTRIBUTORS.items() if d.on_network}
    assert DistributorKind.GUICHET_FILE not in NETWORK_KINDS and DistributorKind.DIGITICK in NETWORK_KINDS
    assert interfaces.NETWORK_KINDS is NETWORK_KINDS and preflight.NETWORK_KINDS is NETWORK_KINDS


def test_function_lists_of_the_cli_and_schedules_come_from_the_registry():
    from app.cli import schedules as cli_schedules
    from app.cli import sync as cli_sync
    from app.services.schedules.store import SCHEDULABLE

    offered = {f for d in DISTRIBUTORS.values() for f in d.functions}
    # the database's backup is the one schedulable function of no distributor
    assert set(SCHEDULABLE) - {SyncFunction.BACKUP} <= offered and SyncFunction.EXPORT_ALLOTMENTS in SCHEDULABLE
    assert SyncFunction.BACKUP in SCHEDULABLE and SyncFunction.BACKUP not in offered
    assert SyncFunction.ALLOCATED_SOLD_COUNTS not in SCHEDULABLE  # offered by Fnac, run by hand only
    assert cli_schedules.FUNCTIONS == tuple(f.value for f in SCHEDULABLE)
    assert cli_sync.FUNCTIONS == tuple(f.value for f in SyncFunction if f in offered)  # `guichet run` runs them all
    parser = argparse.ArgumentParser()
    cli_sync.register(parser.add_subparsers())
    run = next(a for a in parser._subparsers._group_actions[0].choices["run"]._actions if a.dest == "function")
    assert tuple(run.choices) == cli_sync.FUNCTIONS


def test_a_function_the_distributor_does_not_offer_is_refused_in_one_line():
    assert function_refusal(DistributorKind.FNAC, SyncFunction.EXPORT_ALLOTMENTS) is None
    text = function_refusal(DistributorKind.GUICHET_FILE, "export-allotments")
    assert text == "Guichet file does not offer export-allotments; it offers reintegrate-sales"


def test_the_screens_labels_come_from_the_registry():
    from app.ui.setup_widgets import enum_labels

    labels = enum_labels()
    for kind, d in DISTRIBUTORS.items():
        assert labels[kind] == d.label  # no translator installed: the English label
