"""Date columns rewritten for PostgreSQL: the cells of a column loaded as a timestamp whose dates
are written as Chinese agencies write them (2019年5月13日, 2019.5.13, 20190513; common/cell_types.py
says which) are written as PostgreSQL reads them (2019-5-13 8:30:15), a whole Arrow column at a time."""
from __future__ import annotations

import os
import tempfile
from typing import Any

import pyarrow as pa
import pyarrow.csv as arrow_csv

from ..common.cell_types import iso_dates

__all__ = ["rewrite_dates"]


def rewrite_dates(path: str, fields: list[dict[str, Any]], columns: set[str]) -> list[tuple[int, int]]:
    """The UTF-8 CSV at `path` (a header line, then the rows) with the cells of `columns` written as
    PostgreSQL reads them; streamed into a new file put in its place. Returns where its batches of
    rows start (byte offset, rows before it), the file's end last."""
    names = [field["id"] for field in fields]
    reader = arrow_csv.open_csv(
        path, read_options=arrow_csv.ReadOptions(column_names=names, skip_rows=1),
        parse_options=arrow_csv.ParseOptions(newlines_in_values=True),
        # an empty cell stays NULL (written unquoted: COPY reads "" as an empty text, which no
        # timestamp or number column takes); "NA", "NULL" and the like stay text
        convert_options=arrow_csv.ConvertOptions(column_types={name: pa.string() for name in names},
                                                 strings_can_be_null=True, null_values=[""],
                                                 quoted_strings_can_be_null=False))
    with open(path, "rb") as source:
        header = source.readline()
    target = tempfile.NamedTemporaryFile(dir=os.path.dirname(path), suffix=".csv", delete=False)
    try:
        with target:
            target.write(header)
            starts = [(target.tell(), 0)]
            for batch in reader:
                arrays = [iso_dates(column) if name in columns else column for name, column in zip(names, batch.columns)]
                arrow_csv.write_csv(pa.Table.from_arrays(arrays, names=names), target,
                                    arrow_csv.WriteOptions(include_header=False))
                starts.append((target.tell(), starts[-1][1] + batch.num_rows))
        os.replace(target.name, path)
        return starts
    except BaseException:
        os.unlink(target.name)
        raise
