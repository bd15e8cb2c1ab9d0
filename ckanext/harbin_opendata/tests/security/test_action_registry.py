"""Every harbin_* action registered in CKAN has its own auth function and appears in an auth matrix
test, so a new action without a matrix fails the suite."""
from __future__ import annotations

import pathlib
import re

import pytest

import ckan.authz as authz
import ckan.logic as logic

TESTS = pathlib.Path(__file__).resolve().parents[1]
# Actions still without a matrix (issue 10): this list may only shrink — see test below.
PENDING_MATRIX = {"harbin_feedback_accept", "harbin_feedback_create", "harbin_feedback_list",
                  "harbin_feedback_reassign", "harbin_feedback_reject", "harbin_feedback_resolve",
                  "harbin_feedback_show", "harbin_feedback_stats"}


def _harbin_actions() -> list[str]:
    logic.get_action("package_show")  # forces the registry to load with the plugins
    return sorted(name for name in logic._actions if name.startswith("harbin_"))


def _matrix_names() -> set[str]:
    names: set[str] = set()
    for path in TESTS.rglob("test_*.py"):
        if path.name == "test_action_registry.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "def test_auth_matrix" in text or "def test_assessment_auth_matrix" in text:
            names |= set(re.findall(r'"(harbin_[a-z_]+)"', text))
    return names


@pytest.mark.usefixtures("with_plugins")
def test_every_harbin_action_has_auth_and_matrix(capsys):
    actions = _harbin_actions()
    assert actions, "no harbin_* action registered: plugins not loaded?"
    no_auth = [a for a in actions if a not in authz.auth_functions_list()]
    in_matrix = _matrix_names()
    no_matrix = [a for a in actions if a not in in_matrix and a not in PENDING_MATRIX]
    with capsys.disabled():
        print(f"\n[security] registry: {len(actions)} actions checked, "
              f"{len(no_auth)} without auth, {len(no_matrix)} without matrix: {no_matrix}")
    assert not no_auth, f"actions without an auth function: {no_auth}"
    assert not no_matrix, f"actions without an auth matrix test: {no_matrix}"


@pytest.mark.usefixtures("with_plugins")
def test_pending_list_only_shrinks():
    stale = PENDING_MATRIX & _matrix_names()
    assert not stale, f"now covered by a matrix, drop from PENDING_MATRIX: {stale}"
