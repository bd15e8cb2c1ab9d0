"""Data items (数据项) drafted from a record's own file when its source lists none: the file is
downloaded (bounded, cut at the limit: the header is at the top) and drafted by
common/data_items.py (header and column types, never an example value), for the agency to confirm
at review."""
from __future__ import annotations

import json
import re
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestObject

from ..common.data_items import items_from_file
from ..common.tabular import TableError
from .download import Limits, SourceError, local_file
from .objects import STATUS_KEY, WITHDRAW, object_extra, previous_object
from .records import clean
from .values import split_list

__all__ = ["file_urls", "draft_items", "drafting_limits", "complete", "DRAFTED_FROM", "MISSING_BECAUSE"]

DRAFTED_FROM = "data_items_drafted_from"  # record key: the file the items were drafted from
MISSING_BECAUSE = "data_items_missing_because"  # record key: why no file gave items


def file_urls(record: dict[str, Any]) -> list[str]:
    """The record's file addresses: its resources', then its download URLs."""
    urls = [str(resource["url"]).strip() for resource in record.get("resources") or []
            if isinstance(resource, dict) and clean(resource.get("url"))]
    for given in split_list(record.get("download_url")):
        urls += [address for address in re.split(r"[\s;；]+", str(given)) if address]
    return [url for url in dict.fromkeys(urls) if url.lower().startswith(("http://", "https://"))]


def draft_items(record: dict[str, Any], limits: Limits) -> tuple[list[dict[str, str]], str, list[str]]:
    """(items, the file they come from, why each file tried could not give any)."""
    reasons = []
    for url in file_urls(record)[:3]:
        try:
            with local_file(url, limits, truncate=True) as path:
                items = items_from_file(path, limits.max_bytes * 20)
        except SourceError as error:
            reasons.append(str(error))
            continue
        except TableError as error:
            reasons.append(tk._("{url}: not a table the portal can read ({code}).").format(url=url, code=error.stored()))
            continue
        if items:
            return items, url, reasons
        reasons.append(tk._("{url}: no header row found.").format(url=url))
    return [], "", reasons


def drafting_limits(config: dict[str, Any]) -> Limits:
    """The source's limits, with the site's cap on a file read for its header."""
    limits = Limits(config)
    cap = int(float(tk.config["ckanext.harbin_opendata.harvest.draft_max_mb"]) * 1024 * 1024)
    limits.max_bytes = min(limits.max_bytes, cap)
    return limits



def _earlier_draft(harvest_object: HarvestObject, urls: list[str]) -> tuple[list[dict[str, str]], str]:
    """The items drafted at an earlier harvest from one of the same files (not downloaded again)."""
    previous = previous_object(harvest_object)
    try:
        earlier = json.loads(previous.content or "") if previous is not None else {}
    except ValueError:
        earlier = {}
    if isinstance(earlier, dict) and earlier.get(DRAFTED_FROM) in urls and earlier.get("data_items"):
        return earlier["data_items"], earlier[DRAFTED_FROM]
    return [], ""


def complete(harvest_object: HarvestObject, config: dict[str, Any]) -> None:
    """Draft the data items of the object's record when neither it nor the source's defaults
    list any (and the source does not turn drafting off); the object's content is updated."""
    if object_extra(harvest_object, STATUS_KEY) == WITHDRAW or config.get("draft_data_items") is False:
        return
    record = json.loads(harvest_object.content or "")
    if not isinstance(record, dict) or record.get("data_items") or (config.get("defaults") or {}).get("data_items"):
        return
    items, url = _earlier_draft(harvest_object, file_urls(record))
    if items:
        record.update({"data_items": items, DRAFTED_FROM: url})
    else:
        items, url, reasons = draft_items(record, drafting_limits(config))
        record.update({"data_items": items, DRAFTED_FROM: url} if items else {MISSING_BECAUSE: reasons})
    harvest_object.content = json.dumps(record, ensure_ascii=False, default=str)
    model.Session.add(harvest_object)
    model.Session.commit()
