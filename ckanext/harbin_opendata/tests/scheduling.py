"""How a parallel run (`-n N --dist loadfile`) hands out the test modules. xdist's own order puts
the modules with the most tests first, so the modules with few but slow tests (the production
stack's drills, the Chromium journeys, the demo load) came last: one worker ran them alone while
the other had nothing left. Here the units measured slowest go first, longest first, then the
others by their number of tests as before. And tests/ops is one unit, run whole on one worker: its
production stack is a package fixture, started again on every worker that ran one of its modules,
and again after each module of another package in between."""
from __future__ import annotations

from typing import Any

import pytest

TESTS = "ckanext/harbin_opendata/tests/"
TOGETHER = (TESTS + "ops/",)  # folders whose modules share a costly package fixture
# Seconds of the slowest units in a CI run (2 workers on 2 cores, pytest --durations): they go first.
SLOWEST = {
    TESTS + "ops/": 560,  # the production stack, the fault drill, the two-node and restore checks
    TESTS + "browser/test_operator_pages.py": 124,
    TESTS + "security/test_fuzz.py": 90,
    TESTS + "test_demo.py": 51,
    TESTS + "privacy/test_corpus_published.py": 47,
}


def unit(nodeid: str) -> str:
    """The work unit of a test: its module, or the folder of TOGETHER it is in."""
    return next((folder for folder in TOGETHER if nodeid.startswith(folder)), nodeid.split("::", 1)[0])


def longest_first(nodeids: list[str]) -> list[str]:
    """The tests, whole units one after the other: SLOWEST's longest first, then by number of tests."""
    sizes: dict[str, int] = {}
    for nodeid in nodeids:
        sizes[unit(nodeid)] = sizes.get(unit(nodeid), 0) + 1
    order = {name: rank for rank, name in enumerate(
        sorted(sizes, key=lambda name: (-SLOWEST.get(name, 0), -sizes[name])))}
    return sorted(nodeids, key=lambda nodeid: order[unit(nodeid)])  # stable: tests keep their order in a unit


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class LongestFirst(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit(nodeid)

        def schedule(self) -> None:
            if self.collection is None:  # the first call: hand out in our order, not xdist's
                self.config.option.loadscopereorder = False
                for node, nodeids in self.registered_collections.items():
                    self.registered_collections[node] = longest_first(list(nodeids))
            super().schedule()

    return LongestFirst(config, log)
