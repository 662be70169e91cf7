"""The task helper's serial queues: a job holding two distributors' queues (the guided move)
waits for the calls already queued on either, and later calls wait for it."""

from __future__ import annotations

import threading
import time


def test_a_job_on_two_queues_waits_for_both_and_holds_both(qtbot, threaded_tasks):
    log, lock = [], threading.Lock()
    release_a = threading.Event()

    def job(name, wait=None):
        def run():
            with lock:
                log.append(f"start {name}")
            if wait is not None:
                assert wait.wait(10)
            else:
                time.sleep(0.05)
            with lock:
                log.append(f"end {name}")
            return name
        return run

    done = []
    t = threaded_tasks
    t.run(job("export A", release_a), done.append, pool="net", serial="distributor:A")
    t.run(job("export B"), done.append, pool="net", serial="distributor:B")
    t.run(job("move A+B"), done.append, pool="net", serial=("distributor:A", "distributor:B"))
    t.run(job("export B again"), done.append, pool="net", serial="distributor:B")
    t.run(job("export C"), done.append, pool="net", serial="distributor:C")  # another distributor: free
    qtbot.waitUntil(lambda: "export B" in done and "export C" in done, timeout=5000)
    time.sleep(0.2)
    assert "move A+B" not in done  # A's export still runs
    release_a.set()
    qtbot.waitUntil(lambda: len(done) == 5, timeout=5000)
    assert log.index("end export A") < log.index("start move A+B")
    assert log.index("end export B") < log.index("start move A+B")
    assert log.index("end move A+B") < log.index("start export B again")
