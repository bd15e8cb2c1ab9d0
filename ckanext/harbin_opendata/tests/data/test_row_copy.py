"""The rows of a load written by two connections, each COPYing only its half of the CSV
(data/row_copy.py): every row once, its `_id` its number in the file, the next row written after them."""
from __future__ import annotations

import csv
import uuid
from typing import Any, Iterator

import pytest
import sqlalchemy as sa

from ckanext.harbin_opendata.data import row_copy, swap
from ckanext.harbin_opendata.data.row_copy import SecondHalf, middle_row

from .conftest import write_engine

FIELDS = [{"id": "序号", "type": "numeric"}, {"id": "企业名称", "type": "text"}]
ROWS = 9


@pytest.fixture
def staging(with_plugins) -> Iterator[str]:
    resource_id = str(uuid.uuid4())
    swap.create_staging(write_engine(), resource_id, FIELDS)
    yield swap.staging_name(resource_id)
    swap.drop_staging(write_engine(), resource_id)


def _csv(path: Any) -> list[SecondHalf]:
    """The header and ROWS rows (one cell over two lines: a row starts at no line of it); where each row starts."""
    starts = []
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([field["id"] for field in FIELDS])
        for n in range(1, ROWS + 1):
            out.flush()
            starts.append(SecondHalf(out.buffer.tell(), n - 1))
            writer.writerow([n, f"哈尔滨第{n}\n分公司" if n == 4 else f"哈尔滨第{n}公司"])
        out.flush()
        starts.append(SecondHalf(out.buffer.tell(), ROWS))
    return starts


def _rows(table: str) -> list[Any]:
    with write_engine().connect() as connection:
        return connection.execute(sa.text(f'SELECT _id, "序号"::int, "企业名称" FROM "{table}" ORDER BY _id')).all()


def test_each_connection_writes_its_half_with_the_rows_numbers_as_id(staging, tmp_path):
    starts = _csv(tmp_path / "rows.csv")
    second = middle_row(starts)
    assert 0 < second.rows_before < ROWS, second
    row_copy.copy_rows(write_engine(), staging, str(tmp_path / "rows.csv"), FIELDS, second)
    rows = _rows(staging)
    assert [(row[0], row[1]) for row in rows] == [(n, n) for n in range(1, ROWS + 1)], rows
    assert rows[3][2] == "哈尔滨第4\n分公司"
    with write_engine().begin() as connection:  # the next row written gets the next _id
        connection.execute(sa.text(f'INSERT INTO "{staging}" ("序号") VALUES (10)'))
    assert _rows(staging)[-1][:2] == (ROWS + 1, 10)


def test_a_second_half_that_does_not_start_after_the_first_fails_the_load(staging, tmp_path):
    """A second half said to start after more rows than the first connection COPY'd: the load fails
    (its new table is then dropped, data/load.py) rather than keep `_id`s that skip a number; a
    fault of the loader, not of the file (no failure recorded for the agency: the job fails)."""
    starts = _csv(tmp_path / "rows.csv")
    with pytest.raises(RuntimeError, match="rows before the second half"):
        row_copy.copy_rows(write_engine(), staging, str(tmp_path / "rows.csv"), FIELDS,
                           SecondHalf(starts[5].offset, 6))
