"""The suite's extension points: how areas talk without importing each other."""
from __future__ import annotations

from typing import NamedTuple, Optional

import ckan.model as model
import ckan.plugins as p

__all__ = ["IPublicationGate", "IPublicationGateChanged", "IAuditEvents", "IOrphanedWork", "IFileAccess",
           "IIdentityCheck", "IdentityResult", "IPublicText"]


class IPublicationGate(p.Interface):
    """Something that may stop an entry from being published (e.g. unmasked personal data)."""

    def publication_blockers(self, package: model.Package) -> list[str]:
        """Reasons, for the user, why the entry may not be published now; empty when none."""
        return []

    def publication_holds(self, package_ids: list[str]) -> dict[str, list[str]]:
        """Short labels of what holds each of the entries back (for lists such as the review
        queue, one query for all); entries held by nothing are left out."""
        return {}


class IPublicationGateChanged(p.Interface):
    """Told when what an IPublicationGate says of an entry may have changed (a scan finished)."""

    def publication_blockers_changed(self, package: model.Package) -> None:
        """React in the current transaction (e.g. publish an entry held only by the gate); the
        caller commits."""


class IAuditEvents(p.Interface):
    """An area that records events in the audit log (harbin_review_record_event) names them."""

    def audit_event_labels(self) -> dict[str, str]:
        """Event name → label in the reader's language."""
        return {}


class IOrphanedWork(p.Interface):
    """An area whose work can be left without a background job (Redis away when it was saved): the
    production scheduler (ops) asks it regularly to queue that work again."""

    def requeue_orphans(self, minutes: int = 2) -> list[str]:
        """Queue again the work left without a job for `minutes` or more; returns what was queued
        (for the log)."""
        return []


class IFileAccess(p.Interface):
    """An area that may keep an entry's files from a user while its metadata stays public (e.g.
    有条件开放 entries, served only to holders of a grant). Whatever shows a file's content (a
    preview's rows, a download) asks common.file_access first."""

    def file_refusal(self, user_name: Optional[str], package: model.Package) -> Optional[str]:
        """None when the user (None or "" for an anonymous visitor) may have the entry's files;
        else why not, in the reader's language."""
        return None


class IdentityResult(NamedTuple):
    verified: bool
    message: str  # for the user, in the reader's language
    reference: str = ""  # the check's reference at the identity service, kept with the result


class IIdentityCheck(p.Interface):
    """A site's real-name verification (实名认证) of data users: a provincial identity service, an
    SMS gateway… site-specific, so the suite defines only the call. harbin_access asks the first
    implementation when a user submits a check (harbin_access_identity_check) and keeps the result
    (masked number, reference, time); with access.require_identity_check, only verified users may
    apply. harbin_identity_example (access/identity_example.py) is the documented example and the
    test implementation."""

    def identity_check(self, user_name: str, real_name: str, id_number: str) -> IdentityResult:
        """Whether the person named owns the resident ID number (the number is not stored: the
        platform keeps it masked)."""
        return IdentityResult(False, "")


class IPublicText(p.Interface):
    """The check of text the public reads for personal data (harbin_privacy's detectors): areas that
    publish what users type (feedback) ask it through common.public_text, never a copy of it."""

    def public_text_kinds(self, text: str) -> list[str]:
        """The kinds of personal data in the text, as labels in the reader's language; empty when none."""
        return []

    def public_text_masked(self, text: str) -> str:
        """The text with its personal data masked (138****5678, 李**)."""
        return text

    def public_address_kinds(self, address: str) -> list[str]:
        """The kinds of personal data in a web address (percent-encoding undone, key=value read as
        key：value), as labels in the reader's language; empty when none."""
        return []
