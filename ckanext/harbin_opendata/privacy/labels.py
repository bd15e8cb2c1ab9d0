"""Words for users: kinds of personal data, scan and resource states, masking rules."""
from __future__ import annotations

from typing import Optional

import ckan.plugins.toolkit as tk

from ..common.file_messages import file_message

__all__ = ["kind_label", "state_label", "resource_state_label", "hold_label", "rule_label", "error_message", "event_labels",
           "part_label"]

error_message = file_message


def kind_label(kind: str) -> str:
    return {
        "resident_id": tk._("resident ID number"), "mobile": tk._("mobile number"),
        "landline": tk._("landline number"), "bank_card": tk._("bank card number"),
        "email": tk._("e-mail address"), "person_name": tk._("person's name"),
        "vehicle_plate": tk._("vehicle plate"), "address": tk._("home address"),
        "passport": tk._("passport number"),
        "id_document": tk._("passport or other ID document number"),
    }.get(kind, kind)


def state_label(state: str) -> str:
    return {"queued": tk._("Waiting to be scanned"), "running": tk._("Scanning"),
            "done": tk._("Scanned"), "failed": tk._("Scan failed")}.get(state, state)


def resource_state_label(state: str) -> str:
    """What the public may see of a resource, and why."""
    return {
        "clear": tk._("Checked: no personal data"), "exempted": tk._("Exempted by a reviewer"),
        "withheld": tk._("Withheld: a masked copy replaces it"), "unscanned": tk._("Not checked yet"),
        "pending": tk._("Being checked"), "failed": tk._("Could not be checked"),
        "unconfirmed": tk._("Header row to be confirmed"), "personal": tk._("Personal data found"),
        "held": tk._("Held: personal data found before, to be checked again"),
    }.get(state, state)


def hold_label(state: str) -> str:
    """A blocking resource state in the few words of the review queue's row."""
    return {"personal": tk._("Personal data to mask"), "unconfirmed": tk._("Header row to be confirmed"),
            "failed": tk._("Could not be checked")}.get(state) or tk._("Being scanned")


def rule_label(rule: str) -> str:
    return {"mask": tk._("Mask every cell"), "mask_found": tk._("Mask the personal data found (and long numbers in a column with findings)"),
            "drop": tk._("Leave the column out"),
            "keep": tk._("Keep as it is (needs an exemption)")}.get(rule, rule)


def event_labels() -> dict[str, str]:
    """Labels of the audit events this area records (shown by the review area's history)."""
    return {
        "privacy_findings": tk._("Personal data found in a resource, or a file that could not be checked"),
        "privacy_masked": tk._("Masked copy of a resource published, original withheld"),
        "privacy_mask_failed": tk._("No masked copy could be written (the original stays withheld)"),
        "privacy_exemption": tk._("Personal data exemption granted"),
        "privacy_desensitized": tk._("Every file with personal data masked: marked desensitized"),
        "privacy_desensitization_withdrawn": tk._("A masked copy is not clean: no longer marked desensitized"),
        "privacy_layout_confirmed": tk._("Header row of a table confirmed"),
        "privacy_stored_texts": tk._("Personal data found in stored catalog texts (the fields named), or texts "
                                     "that could not be checked"),
    }


def part_label(column: int) -> Optional[str]:
    """The name, in the reader's language, of a workbook part outside cells that a scan reports as a
    column numbered below zero (scan/files.py SHEET_NAME_COLUMN, scan/outside_cells.py WORKBOOK_PARTS;
    the scan stores the Chinese name)."""
    return {-1: tk._("Sheet names"), -2: tk._("Comments"), -3: tk._("Page headers and footers"),
            -4: tk._("Text of shapes and charts"), -5: tk._("Document properties"),
            -6: tk._("Hyperlinks and external link addresses"), -7: tk._("Defined names and other sheet names"),
            -8: tk._("Data validation lists and prompts"), -9: tk._("Text in formulas"),
            -10: tk._("Shared strings no cell uses"), -11: tk._("Phonetic guides of cell text"),
            -12: tk._("Text a cell shows (other than the value read)"),
            -13: tk._("Keys and values of a JSON document outside its table"),
            -14: tk._("Text in the workbook's other parts (styles, tables, filters, settings)")}.get(column)
