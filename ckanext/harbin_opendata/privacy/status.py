"""The entry's declared desensitization status follows the facts: once every file with personal
data is withheld behind a masked copy and nothing else blocks publication, it reads 已脱敏."""
from __future__ import annotations

import ckan.model as model

from ..review import audit
from .gate import blockers, withheld_ids

__all__ = ["settle_desensitization", "DESENSITIZED"]

DESENSITIZED = "desensitized"


def settle_desensitization(package_id: str) -> bool:
    """Mark the entry desensitized when masking made it publishable; returns whether it changed.
    Exemptions alone do not count: exempted data is published as it is. The caller reindexes."""
    package = model.Package.get(package_id)
    if package is None or package.extras.get("desensitization_status") == DESENSITIZED:
        return False
    if not withheld_ids(package_id) or blockers(package):
        return False
    declared = package.extras.get("desensitization_status")
    package.extras["desensitization_status"] = DESENSITIZED
    audit.record("privacy_desensitized", None, package,
                 details={"desensitization_status": DESENSITIZED, "declared": declared})
    model.repo.commit()
    return True
