"""The order in which a parallel run hands out the test modules (scheduling.py), on xdist's own
scheduler with two stand-in workers."""
from __future__ import annotations

from types import SimpleNamespace

from . import scheduling

T = scheduling.TESTS


class _Config:
    option = SimpleNamespace(loadscopereorder=True)

    def getvalue(self, name: str):
        return {"dist": "loadfile", "tx": ["2*popen"], "numprocesses": None}.get(name)

    getoption = getvalue


class _Worker:
    def __init__(self, name: str) -> None:
        self.gateway, self.sent, self.shutting_down = SimpleNamespace(id=name), [], False

    def send_runtest_some(self, indices: list[int]) -> None:
        self.sent += indices

    def shutdown(self) -> None:
        self.shutting_down = True


def _handed_out(nodeids: list[str]) -> list[list[str]]:
    """What each worker runs: the indices it is sent, read in its own collection (as a worker does)."""
    scheduler = scheduling.pytest_xdist_make_scheduler(_Config(), None)
    workers = [_Worker("gw0"), _Worker("gw1")]
    for worker in workers:
        scheduler.add_node(worker)
    for worker in workers:
        scheduler.add_node_collection(worker, list(nodeids))
    scheduler.schedule()
    return [[nodeids[index] for index in worker.sent] for worker in workers]


def test_the_ops_folder_runs_whole_on_one_worker_in_the_workers_order():
    many = [f"{T}access/test_many.py::test_{i}" for i in range(30)]
    ops = [f"{T}ops/test_drill.py::test_a", f"{T}ops/test_nodes.py::test_b", f"{T}ops/test_restore.py::test_c"]
    few = [f"{T}review/test_few.py::test_{i}" for i in range(2)]
    demo = f"{T}test_demo.py::test_d"
    first, second = _handed_out([demo, ops[0], *many, *ops[1:], *few])
    assert first == many  # most tests first, as xdist orders them
    assert second[:3] == ops  # whole, in collection order: the restore drill after the fault drill
    assert demo not in first + second[:3] and not any(nodeid in first + second for nodeid in few[1:])


def test_other_distributions_keep_xdists_scheduler():
    config = _Config()
    config.getvalue = lambda name: "load" if name == "dist" else None
    assert scheduling.pytest_xdist_make_scheduler(config, None) is None
