"""The check character of the 18-character resident ID number (GB 11643-1999, ISO 7064 MOD 11-2):
one definition for the personal-data scan, the identity check example and the test samples."""
from __future__ import annotations

__all__ = ["WEIGHTS", "CHECK_CHARACTERS", "check_character"]

WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum of the first 17 digits modulo 11


def check_character(first17: str) -> str:
    """The check character of the first 17 digits (ASCII)."""
    return CHECK_CHARACTERS[sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS)) % 11]
