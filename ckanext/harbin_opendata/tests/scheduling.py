"""How a parallel run (`-n N --dist loadfile`) hands out the test modules: xdist's own scheduler,
one module whole on one worker, modules with the most tests first — except that tests/ops is one
unit, run whole on one worker. Its production stack is a package fixture in one build directory:
started again on every worker that ran one of its modules, and two of its modules on two workers at
once would start two stacks over each other.

The order is xdist's: a worker is sent indices into its own collection, so the collection the
scheduler holds must keep the order the workers collected."""
from __future__ import annotations

from typing import Any

import pytest

TESTS = "ckanext/harbin_opendata/tests/"
TOGETHER = (TESTS + "ops/",)  # folders whose modules share a costly package fixture


def unit(nodeid: str) -> str:
    """The work unit of a test: its module, or the folder of TOGETHER it is in."""
    return next((folder for folder in TOGETHER if nodeid.startswith(folder)), nodeid.split("::", 1)[0])


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class FolderUnits(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit(nodeid)

    return FolderUnits(config, log)
