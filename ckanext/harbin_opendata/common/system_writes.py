"""Context keys of writes the platform makes for a user: the review area's freeze of a submitted
entry lets them through (a masked copy only takes personal data out, and changes the entry's
revision stamp, so the reviewer reads it again before publishing)."""
from __future__ import annotations

__all__ = ["MASKED_COPY"]

MASKED_COPY = "harbin_masked_copy"  # privacy's masked copy of a file, written for the agency's editor
