"""The layout's rules, checked on the code's own imports (import-linter contracts in setup.cfg):
the floor (common/) imports no area; areas import only the floor and CKAN."""
from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_import_contracts_are_kept():
    linter = pathlib.Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter), "--config", str(ROOT / "setup.cfg"), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True)
    print(result.stdout[-2000:])
    assert result.returncode == 0 and "0 broken" in result.stdout


def test_no_import_cycle():
    """No module of the suite reaches itself through its imports (function-level ones included):
    following one upload through privacy once visited gate → scanning → status → gate."""
    import grimp  # import-linter's graph of imports

    graph = grimp.build_graph("ckanext.harbin_opendata")
    modules = {module for module in graph.modules if ".tests" not in module}
    cycles = sorted({tuple(sorted((importer, imported))) for importer in modules
                     for imported in graph.find_modules_directly_imported_by(importer) & modules
                     if graph.find_shortest_chain(importer=imported, imported=importer)})
    assert len(modules) > 250 and not cycles, cycles
