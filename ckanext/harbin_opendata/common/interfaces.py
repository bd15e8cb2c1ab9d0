"""The suite's extension points: how areas talk without importing each other."""
from __future__ import annotations

from typing import Optional

import ckan.model as model
import ckan.plugins as p

__all__ = ["IPublicationGate", "IAuditEvents", "IFileAccess"]


class IPublicationGate(p.Interface):
    """Something that may stop an entry from being published (e.g. unmasked personal data)."""

    def publication_blockers(self, package: model.Package) -> list[str]:
        """Reasons, for the user, why the entry may not be published now; empty when none."""
        return []


class IAuditEvents(p.Interface):
    """An area that records events in the audit log (harbin_review_record_event) names them."""

    def audit_event_labels(self) -> dict[str, str]:
        """Event name → label in the reader's language."""
        return {}


class IFileAccess(p.Interface):
    """An area that may keep an entry's files from a user while its metadata stays public (e.g.
    有条件开放 entries, served only to holders of a grant). Whatever shows a file's content (a
    preview's rows, a download) asks common.file_access first."""

    def file_refusal(self, user_name: Optional[str], package: model.Package) -> Optional[str]:
        """None when the user (None or "" for an anonymous visitor) may have the entry's files;
        else why not, in the reader's language."""
        return None
