"""Whether a user may have an entry's files (downloads, a preview's rows, data): every area
implementing IFileAccess is asked; the first refusal wins."""
from __future__ import annotations

from typing import Optional

import ckan.model as model
import ckan.plugins as p

from .interfaces import IFileAccess

__all__ = ["refusal"]


def refusal(user_name: Optional[str], package: model.Package) -> Optional[str]:
    """None when the user may have the entry's files; else the reason, for the user."""
    for plugin in p.PluginImplementations(IFileAccess):
        reason = plugin.file_refusal(user_name, package)
        if reason:
            return reason
    return None
