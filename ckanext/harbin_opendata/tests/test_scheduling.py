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
    scheduler = scheduling.pytest_xdist_make_scheduler(_Config(), None)
    workers = [_Worker("gw0"), _Worker("gw1")]
    for worker in workers:
        scheduler.add_node(worker)
    for worker in workers:
        scheduler.add_node_collection(worker, nodeids)
    scheduler.schedule()
    return [[scheduler.collection[index] for index in worker.sent] for worker in workers]


def test_the_slowest_units_go_first_and_the_ops_folder_to_one_worker():
    many = [f"{T}access/test_many.py::test_{i}" for i in range(30)]
    ops = [f"{T}ops/test_drill.py::test_a", f"{T}ops/test_nodes.py::test_b", f"{T}ops/test_restore.py::test_c"]
    few = [f"{T}review/test_few.py::test_{i}" for i in range(3)]
    first, second = _handed_out(many + [ops[0], f"{T}test_demo.py::test_d", *ops[1:], *few])
    assert first[:3] == ops  # whole, in collection order: the restore drill after the fault drill
    assert second[0] == f"{T}test_demo.py::test_d"
    assert second[1:] == many  # then by number of tests, as xdist orders them
    assert not any(nodeid in first + second for nodeid in few)  # held back for whoever finishes first


def test_other_distributions_keep_xdists_scheduler():
    config = _Config()
    config.getvalue = lambda name: "load" if name == "dist" else None
    assert scheduling.pytest_xdist_make_scheduler(config, None) is None
