"""Data item (数据项) rows the editor left wholly blank are dropped before they are checked: the entry
form offers a blank row (and 添加 adds more), and a blank row used to fail the whole form with
"数据项名称: 缺失值". A row with anything in it (a name, or only a type chosen) is checked as usual."""
from __future__ import annotations

from typing import Any

from ckan.lib.navl.dictization_functions import StopOnError, missing
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

__all__ = ["harbin_blank_item_dropped"]


def _blank(value: Any) -> bool:
    return value is missing or value is None or (isinstance(value, str) and not value.strip())


def harbin_blank_item_dropped(key: FlattenKey, data: FlattenDataDict,
                              errors: FlattenErrorDict, context: Context) -> None:
    """First validator of each data-item subfield: when every subfield of the key's row is blank the
    subfield is removed, with its (empty) error list, so that navl's unflatten drops the emptied
    row; its other validators are skipped. Whether at least one item remains is checked by
    harbin_catalog_entry."""
    row = key[:-1]
    if all(_blank(value) for other, value in data.items() if other[:-1] == row):
        data.pop(key, None)
        errors.pop(key, None)
        raise StopOnError
