"""The corpus of real-shaped agency files (corpus.py): every planted column is flagged, no decoy
column is, every table's header is found, whatever the file's layout, encoding or declared format."""
from __future__ import annotations

import pytest

from ckanext.harbin_opendata.common.tabular import Limits
from ckanext.harbin_opendata.privacy.scan.files import scan_file

from .corpus import corpus

LIMITS = Limits(max_unpacked_bytes=1 << 28)


@pytest.mark.parametrize("item", corpus(), ids=lambda item: item.name)
def test_planted_columns_flagged_and_decoys_not(item, tmp_path):
    path = tmp_path / "file"  # stored uploads have no extension: the content decides
    path.write_bytes(item.body)
    result = scan_file(str(path), LIMITS)
    flagged: dict[str, set[str]] = {}
    for column in result.columns:
        if column["kinds"]:
            flagged.setdefault(column["sheet"], set()).add(column["header"])
    print(f"\n{item.name}: flagged {flagged}; tables {[(t['name'], t['header_row']) for t in result.tables]}")
    assert flagged == item.planted
    assert result.confident, result.tables
