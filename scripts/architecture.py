"""Print the suite's dependency picture from the code's own imports: for each area, which other
parts of ckanext.harbin_opendata it imports (the floor `common`, the base plugin's modules, other
areas). The rules are checked by `lint-imports` (setup.cfg) and tests/test_architecture.py.

Run from the repository root: .venv/bin/python scripts/architecture.py
"""
from __future__ import annotations

import collections

import grimp

ROOT = "ckanext.harbin_opendata"
AREAS = ["common", "metadata", "review", "privacy", "preview", "feedback", "harvest", "assessment", "showcase",
         "tracking", "demo", "tests"]


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[2] in AREAS else "(base plugin)"


def main() -> None:
    graph = grimp.build_graph(ROOT)
    edges: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            source, target = _part(module), _part(imported)
            if source != target:
                edges[source][target] += 1
    print("area            imports (number of module-to-module imports)")
    for area in [*AREAS, "(base plugin)"]:
        if area in edges or area != "tests":
            targets = ", ".join(f"{target} ({count})" for target, count in sorted(edges[area].items()))
            print(f"{area:<16}{targets or '-'}")


if __name__ == "__main__":
    main()
