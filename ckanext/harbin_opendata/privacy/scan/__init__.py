"""The personal-data scan: detectors (exact rules), the same rules over whole columns
(vectorized), people's names, column decisions, and the scan of a whole file."""
