"""The simulator itself: its admin API over HTTP, its store file, its command line."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from app.adapters.simulator import SimulatorError, Store, start_simulator
from app.cli import main
from wire_helpers import make_allotment


def admin(sim, method, path, **kw):
    return httpx.request(method, sim.url + path, timeout=5, **kw)


def load(sim, login="ticketnet-demo", performance="P-1", seats=6):
    a = make_allotment(performance, rows=1, per_row=seats, standing=0)
    r = admin(sim, "POST", "/admin/allotments", json={
        "login": login, "event": a.event, "performance": performance,
        "seats": [[s.zone, s.row, s.number, s.category, s.seat_ref] for s in a.seats],
        "prices": [[p.category, p.tariff, str(p.price)] for p in a.prices]})
    assert r.status_code == 200, r.text
    return a


def test_admin_api_sells_cancels_and_injects(sim):
    assert admin(sim, "GET", "/admin/health").json()["accounts"] == ["digitick-demo", "fnac-demo", "ticketnet-demo"]
    load(sim)
    tickets = admin(sim, "POST", "/admin/sell", json={"login": "ticketnet-demo", "count": 4}).json()["tickets"]
    assert len(set(tickets)) == 4
    state = admin(sim, "GET", "/admin/allotments", params={"login": "ticketnet-demo", "performance": "P-1"}).json()
    assert (state["allocated"], state["sold"]) == (6, 4)
    assert admin(sim, "POST", "/admin/cancel", json={"login": "ticketnet-demo", "ticket": tickets[0]}).status_code == 200
    again = admin(sim, "POST", "/admin/cancel", json={"login": "ticketnet-demo", "ticket": tickets[0]})
    assert again.status_code == 409 and "already cancelled" in again.json()["error"]["message"]
    too_many = admin(sim, "POST", "/admin/sell", json={"login": "ticketnet-demo", "count": 10})
    assert too_many.status_code == 409 and "only 3 free" in too_many.json()["error"]["message"]
    feed = admin(sim, "GET", "/admin/sales", params={"login": "ticketnet-demo"}).json()["sales"]
    assert [e["action"] for e in feed] == ["sale"] * 4 + ["cancel"]
    f = admin(sim, "POST", "/admin/faults", json={"fault": "http_500", "login": "ticketnet-demo", "count": 2})
    assert f.status_code == 201 and admin(sim, "GET", "/admin/faults").json()["faults"][0]["remaining"] == 2
    assert admin(sim, "POST", "/admin/faults", json={"fault": "gremlins"}).status_code == 400
    assert admin(sim, "DELETE", "/admin/faults").json()["cleared"] == 1
    assert admin(sim, "POST", "/admin/accounts", json={"login": "tn2", "kind": "ticketnet",
                                                       "password": "x"}).status_code == 201
    assert admin(sim, "GET", "/admin/nothing").status_code == 404


def test_the_store_file_keeps_state_across_restarts(tmp_path):
    path = tmp_path / "sim.json"
    with start_simulator(store=path) as sim:
        load(sim)
        sold = sim.sell("ticketnet-demo", 3)
        sim.cancel("ticketnet-demo", sold[1])
    with start_simulator(store=path) as sim:
        feed = sim.store.feed["ticketnet-demo"]
        assert [e["ticket"] for e in feed] == sold + [sold[1]]
        assert sim.store.counts("ticketnet-demo", "P-1") == (6, 2)
        assert sim.sell("ticketnet-demo", 1)[0] not in sold  # ticket ids keep growing
    path.write_text("{not json")
    with pytest.raises(SimulatorError, match="unreadable"):
        Store(path)


def test_random_pace_sells_by_itself():
    with start_simulator(pace=0.01) as sim:
        load(sim, seats=50)
        import time

        deadline = time.monotonic() + 5
        while sim.store.counts("ticketnet-demo", "P-1")[1] < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert sim.store.counts("ticketnet-demo", "P-1")[1] >= 3


def test_cli_sell_prints_ticket_ids(sim, capsys):
    load(sim)
    assert main(["simulator", "sell", "--port", str(sim.port), "--login", "ticketnet-demo", "--count", "2"]) == 0
    out = capsys.readouterr().out.split()
    assert len(out) == 2 and all(t.startswith("TN") for t in out)
    assert main(["simulator", "--port", "1", "sell", "--port", str(sim.port), "--login", "ticketnet-demo",
                 "--performance", "P-1", "--count", "99"]) == 1
    assert "only 4 free" in capsys.readouterr().err


def test_cli_sell_without_a_simulator_is_one_clear_line(sim):
    port = sim.port
    sim.stop()
    r = subprocess.run([sys.executable, "-m", "app.cli", "simulator", "sell", "--port", str(port), "--login",
                        "fnac-demo", "--count", "1"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [f"guichet: no simulator answers at http://127.0.0.1:{port}: start it "
                                             f"with `guichet simulator --port {port}`"]


def test_cli_simulator_runs_in_the_foreground(tmp_path):
    import time

    from tests.conftest import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "simulator", "--port", str(port), "--store",
                             str(tmp_path / "s.json")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/admin/health", timeout=1).json()["ok"]
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.poll() else ""
                time.sleep(0.1)
    finally:
        proc.send_signal(2)  # Ctrl-C
        out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0 and f"http://127.0.0.1:{port}" in out
    assert (tmp_path / "s.json").is_file()
