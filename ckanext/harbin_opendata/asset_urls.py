"""Web asset addresses worked out once per process outside debug mode (issue 20). CKAN's
{% asset %} tag (h.include_asset) asks webassets for a bundle's addresses on every page, and
webassets compares every source file of the bundle with the built file each time (auto_build):
16 bundles checked on every search page (tests/test_asset_urls.py); pages 9 % faster without it.
In production the assets are built before any web node starts (`ckan harbin deploy`,
ops/deploy.build_webassets) and change only with a release, which restarts the processes, as CKAN
reads its templates once outside debug mode. In debug mode every page still checks, so an edited
stylesheet shows on the next page."""
from __future__ import annotations

from typing import Any, Callable

import ckan.plugins.toolkit as tk
from ckan.lib import webassets_tools

__all__ = ["remember_per_process"]

_DONE = "_harbin_addresses_remembered"  # set on a webassets environment whose bundles remember


def remember_per_process(app: Any) -> None:
    """Outside debug mode, the Flask `app`'s requests find the bundles' addresses remembered (set up
    at the first request, when every bundle is registered)."""
    if not tk.config["debug"]:
        app.before_request(_remember)


def _remember() -> None:
    _remember_addresses(webassets_tools.env)


def _remember_addresses(env: Any) -> None:
    """Each bundle of `env` (made anew with each CKAN app) answers `urls()` from its first answer."""
    if getattr(env, _DONE, False):
        return
    for bundle in env:
        bundle.urls = _first_answer(bundle.urls)
    setattr(env, _DONE, True)


def _first_answer(urls: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
    kept: list[list[Any]] = []

    def remembered(*args: Any, **kwargs: Any) -> list[Any]:
        if args or kwargs:  # a variant (e.g. with integrity hashes): asked each time as before
            return urls(*args, **kwargs)
        if not kept:
            kept.append(urls())
        return list(kept[0])

    return remembered
