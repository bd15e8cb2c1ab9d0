"""The resource code (资源代码) rule: front code/sequence code as the configured pattern says,
ASCII digits only (\\d would also take full-width digits such as ３０１００１ typed with a Chinese
input method). Used by the entry validator and the harvest source configuration."""
from __future__ import annotations

import re

import ckan.plugins.toolkit as tk

__all__ = ["is_resource_code"]


def is_resource_code(text: str) -> bool:
    return re.match(tk.config["ckanext.harbin_opendata.metadata.resource_code_pattern"], text, re.ASCII) is not None
