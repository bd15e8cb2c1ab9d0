"""Tables stacked in a large text file. The reader searches files up to a size for tables stacked
one below the other (common/tabular/stacked.py); larger ones (machine exports, read by Arrow a
block at a time) are watched while scanned: a row with two or more cells that are column names —
common ones (common/tabular/layout.py, COLUMN_WORDS), or the table's own — is a header below the data.
The scan then starts over on the tables split row by row (slower, but each under its own header),
and the masked copy is written split the same way (tables_as_scanned)."""
from __future__ import annotations

from typing import Iterable, Optional

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ...common.tabular import Table
from ...common.tabular.layout import COLUMN_WORDS

__all__ = ["HeaderWatch", "header_watch"]


class HeaderWatch:
    """Watches batches of a table's columns for a header row below its data."""

    def __init__(self, header: Iterable[str]) -> None:
        names = {name.strip() for name in header if name and name.strip()} | set(COLUMN_WORDS)
        self.names = pa.array(sorted(names), type=pa.string())

    def seen(self, batch: list[pa.Array]) -> bool:
        """True when a row of the batch has two or more cells that are column names."""
        if len(batch) < 2 or not len(batch[0]):
            return False
        hits: Optional[np.ndarray] = None
        for column in batch:
            found = pc.is_in(column, value_set=self.names).to_numpy(zero_copy_only=False).astype(np.int8)
            hits = found if hits is None else hits + found
        return bool(hits is not None and (hits >= 2).any())


def header_watch(table: Table) -> Optional[HeaderWatch]:
    """A watch for a text table too large to have been searched for stacked tables; else None."""
    return HeaderWatch(table.header) if table.stacks_unchecked else None
