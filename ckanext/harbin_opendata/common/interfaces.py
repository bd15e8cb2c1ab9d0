"""The suite's extension points: how areas talk without importing each other."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins as p

__all__ = ["IPublicationGate", "IAuditEvents"]


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
