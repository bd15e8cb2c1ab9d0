"""One masking job per resource at a time: a request for a masked copy claims the resource in
Redis (SET NX, atomic across web workers) until its job ends, so two requests at once never write
two copies; the claim lapses after the job's time limit if a worker dies."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis

__all__ = ["claim", "release"]

_KEY = "harbin_opendata:privacy:masking:"


def claim(resource_id: str) -> bool:
    """Whether the resource was free (it is now claimed); False while a masking job is on it."""
    lapse = tk.config["ckanext.harbin_opendata.privacy.job_timeout"] + 60
    return bool(connect_to_redis().set(_KEY + resource_id, 1, nx=True, ex=lapse))


def release(resource_id: str) -> None:
    connect_to_redis().delete(_KEY + resource_id)
