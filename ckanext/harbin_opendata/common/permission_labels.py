"""Who finds what in search and in the activity streams (CKAN's permission labels), and who reads
harvest sources.

A harvest source names an agency's legacy system (often an internal address) and how it is read:
it is the operators' and the agency's, not the public's. Sources are read by sysadmins, the
big-data centre's reviewers and the members of the source's own agency — the same people on every
surface (package_show and the source pages, package_search and /harvest, harvest_source_list,
package_list, autocomplete, activity). Unpublished catalog entries (private) are found by their
agency's members and by the reviewers.

CKAN asks only the first plugin implementing IPermissionLabels: harbin_review and harbin_harvest
both implement it with this class, so the rule holds whichever is loaded, in any order."""
from __future__ import annotations

from typing import Any, Optional

import ckan.authz as authz
import ckan.model as model
from ckan.lib.plugins import DefaultPermissionLabels

from . import roles

__all__ = ["SOURCE_TYPE", "REVIEW_LABEL", "SOURCE_LABEL", "reads_every_source", "may_read_source",
           "HarbinPermissionLabels"]

SOURCE_TYPE = "harvest"
REVIEW_LABEL = "harbin-review"
SOURCE_LABEL = "harbin-harvest-sources"


def _reviewer(user: model.User) -> bool:
    try:
        return roles.is_reviewer(user)
    except KeyError:  # harbin_review not loaded: its options are not declared
        return roles.named_reviewer(user)


def reads_every_source(user: Optional[model.User]) -> bool:
    """A sysadmin or a reviewer of the big-data centre."""
    if user is None or getattr(user, "state", None) != "active":
        return False
    return bool(user.sysadmin) or _reviewer(user)


def may_read_source(user: Optional[model.User], source: Any) -> bool:
    """Whether the user reads the harvest source (a Package, or a dict with owner_org)."""
    if reads_every_source(user):
        return True
    owner = source.get("owner_org") if isinstance(source, dict) else getattr(source, "owner_org", None)
    return user is not None and getattr(user, "state", None) == "active" and bool(owner) \
        and authz.has_user_permission_for_group_or_org(owner, user.name, "read")


class HarbinPermissionLabels(DefaultPermissionLabels):
    """IPermissionLabels of the suite (see the module's docstring)."""

    def get_dataset_labels(self, dataset_obj: model.Package) -> list[str]:
        if dataset_obj.type == SOURCE_TYPE:  # never "public"
            owner = [f"member-{dataset_obj.owner_org}"] if dataset_obj.owner_org else []
            return owner + [SOURCE_LABEL]
        labels = super().get_dataset_labels(dataset_obj)
        return labels + [REVIEW_LABEL] if dataset_obj.private else labels

    def get_user_dataset_labels(self, user_obj: model.User) -> list[str]:
        labels = super().get_user_dataset_labels(user_obj)
        if user_obj is not None and reads_every_source(user_obj):
            labels = labels + [SOURCE_LABEL]
            if _reviewer(user_obj):
                labels.append(REVIEW_LABEL)
        return labels
