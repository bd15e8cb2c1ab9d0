"""Every check of one batch of a table's columns, in the order the findings are kept: each column's
cells (vectorized.py, masked too lightly, document numbers), then numbers split over adjacent columns
and names beside a form's person labels (form_labels.py).
The scan runs it on the table's own findings (in its process) or on fresh ones in a scan process
(processes.py) whose findings are then merged in batch order: the same findings either way."""
from __future__ import annotations

import functools
from typing import Any, Callable

from .columns import ColumnFindings
from .documents import document_numbers
from .form_labels import form_names
from .home_addresses import home_addresses
from .split_columns import split_ids
from .split_phones import split_phones
from .vectorized import classify

__all__ = ["RunAll", "check_batch", "one_after_another"]

# run_all(work, count) calls work(index) for every index (threads.column_pool, or one_after_another)
RunAll = Callable[[Callable[[int], None], int], None]


def one_after_another(work: Callable[[int], None], count: int) -> None:
    for index in range(count):
        work(index)


def check_batch(columns: list[ColumnFindings], batch: list[Any], kinds: frozenset[str], run_all: RunAll) -> None:
    """Add one batch's findings to `columns` (one per column of the batch)."""
    run_all(functools.partial(_check_column, columns, batch, kinds), len(batch))
    for left, ids in split_ids(batch):
        for column in columns[left:left + 2]:
            column.add_split_ids(ids)
    for left, width, kind, numbers in split_phones(batch):
        for column in columns[left:left + width]:
            column.add_split(kind, numbers)
    for index, names in form_names(batch):
        columns[index].add_form_names(names)


def _check_column(columns: list[ColumnFindings], batch: list[Any], kinds: frozenset[str], index: int) -> None:
    column = columns[index]
    column.absorb(classify(batch[index], column.name_header, kinds, column.id_header, column.card_header,
                           column.strict, column.person_number_header, column.party_header, column.names_by_shape), kinds)
    column.check_masked(batch[index])  # values masked too lightly (any file: an agency's own masking)
    if column.document_header:
        column.add_documents(document_numbers(batch[index]))
    if column.home_address_header:
        column.add_home_addresses(home_addresses(batch[index]))
