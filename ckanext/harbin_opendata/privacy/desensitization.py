"""An entry's 脱敏状态 follows its masked copies: 已脱敏 (desensitized) once every withheld original
has a masked copy whose strict scan is clean and nothing else blocks publication; taken back to
待脱敏 (pending) as soon as a masked copy is not clean (a replaced copy whose strict rescan found
values masked too lightly, failed, or is not done yet). Exemptions alone do not count: exempted
data is published as it is."""
from __future__ import annotations

import ckan.model as model

from .events import record_event
from .model import Withheld, states
from .visibility import blocks

__all__ = ["DESENSITIZED", "PENDING", "settle_desensitization"]

DESENSITIZED, PENDING = "desensitized", "pending"


def _copy_states(package_id: str) -> tuple[list[str], dict[str, str]]:
    """The state of each withheld original's masked copy ("missing": none), and every resource's."""
    found = states([package_id]).get(package_id, {})
    withheld = model.Session.query(Withheld).filter(Withheld.package_id == package_id).all()
    return [found.get(row.masked_resource_id or "", "missing") for row in withheld], found


def settle_desensitization(package_id: str) -> bool:
    """Mark the entry 已脱敏, or take it back, as its masked copies are; returns whether it changed.
    Commits when it does; the caller reindexes."""
    package = model.Package.get(package_id)
    if package is None:
        return False
    copies, found = _copy_states(package_id)
    declared = package.extras.get("desensitization_status")
    clean = bool(copies) and all(state == "clear" for state in copies)
    if declared == DESENSITIZED and copies and not clean:  # an agency's own 已脱敏 without copies stays
        package.extras["desensitization_status"] = PENDING
        record_event("privacy_desensitization_withdrawn", package_id, None, announce=True,
                     details={"desensitization_status": PENDING, "declared": declared,
                              "copy_states": sorted(set(copies))})
    elif declared != DESENSITIZED and clean and not any(blocks(state) for state in found.values()):
        package.extras["desensitization_status"] = DESENSITIZED
        record_event("privacy_desensitized", package_id, None,
                     details={"desensitization_status": DESENSITIZED, "declared": declared})
    else:
        return False
    model.repo.commit()
    return True
