"""Every harbin_* action registered in CKAN has its own auth function and appears in an auth matrix
test, so a new action without a matrix fails the suite.

An action counts as covered when it is a key of a module-level `*MATRIX` dict, or a value of a
`parametrize("action", [...])`, in a test module with a `test_*auth_matrix*` function: merely
naming it somewhere in such a module is not enough."""
from __future__ import annotations

import ast
import pathlib

import pytest

import ckan.authz as authz
import ckan.logic as logic

TESTS = pathlib.Path(__file__).resolve().parents[1]


def _harbin_actions() -> list[str]:
    logic.get_action("package_show")  # forces the registry to load with the plugins
    return sorted(name for name in logic._actions if name.startswith("harbin_"))


def _strings(node: ast.AST) -> set[str]:
    elements = node.elts if isinstance(node, (ast.List, ast.Tuple, ast.Set)) else []
    return {e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)}


def matrix_names(source: str) -> set[str]:
    """Actions a test module's auth matrix covers (see the module docstring)."""
    tree = ast.parse(source)
    tests = [node for node in tree.body if isinstance(node, ast.FunctionDef)
             and node.name.startswith("test_") and "auth_matrix" in node.name]
    names: set[str] = set()
    for test in tests:
        for decorator in test.decorator_list:
            if (isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", "") == "parametrize"
                    and len(decorator.args) > 1 and getattr(decorator.args[0], "value", None) == "action"):
                names |= _strings(decorator.args[1])
    for node in tree.body if tests else []:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id.endswith("MATRIX") for t in targets) and isinstance(node.value, ast.Dict):
            names |= {key.value for key in node.value.keys if isinstance(key, ast.Constant)}
    return names


def _matrix_names() -> set[str]:
    names: set[str] = set()
    for path in TESTS.rglob("test_*.py"):
        names |= matrix_names(path.read_text(encoding="utf-8"))
    return names


@pytest.mark.usefixtures("with_plugins")
def test_every_harbin_action_has_auth_and_matrix(capsys):
    actions = _harbin_actions()
    assert actions, "no harbin_* action registered: plugins not loaded?"
    no_auth = [a for a in actions if a not in authz.auth_functions_list()]
    in_matrix = _matrix_names()
    no_matrix = [a for a in actions if a not in in_matrix]
    with capsys.disabled():
        print(f"\n[security] registry: {len(actions)} actions checked, "
              f"{len(no_auth)} without auth, {len(no_matrix)} without matrix: {no_matrix}")
    assert not no_auth, f"actions without an auth function: {no_auth}"
    assert not no_matrix, f"actions without an auth matrix test: {no_matrix}"


def test_a_mere_mention_is_not_a_matrix():
    source = '''
import pytest
MATRIX = {"harbin_x_show": {"sysadmin"}}
OTHER = {"harbin_x_hidden": 1}

@pytest.mark.parametrize("action", ["harbin_x_update"])
def test_auth_matrix(action):
    call("harbin_x_delete")
'''
    assert matrix_names(source) == {"harbin_x_show", "harbin_x_update"}
    assert matrix_names(source.replace("def test_auth_matrix", "def test_something")) == set()
