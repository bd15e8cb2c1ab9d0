"""datastore_search_sql made safe for anonymous callers.

- Functions: CKAN's allowed list (ckanext/datastore/allowed_functions.txt) less the set-returning
  functions and the ones that multiply their input (generate_series, unnest, regexp_split_to_table,
  regexp_matches, json(b)_array_elements…, json_each…, repeat, lpad, rpad, array_fill): one call of
  `SELECT count(*) FROM generate_series(1,30000000)` kept the database busy 15 s. The list is
  sql_allowed_functions.txt beside this module, used unless the site names its own file.
- Time: every statement gets statement_timeout ckanext.harbin_opendata.data.sql_timeout_ms.
- Access first: each resource table the statement names is checked (datastore_search's auth, with
  every area's rule) before PostgreSQL reads the statement, so an error such as `column "x" does
  not exist` cannot tell someone without a grant what a conditional table holds.
- The tables read are left in flask.g.harbin_sql_tables for the access log (refused reads too)."""
from __future__ import annotations

import os
import re
from typing import Any

from flask import g, has_request_context

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

__all__ = ["ALLOWED_FUNCTIONS_FILE", "use_allowed_functions", "prepare"]

ALLOWED_FUNCTIONS_FILE = os.path.join(os.path.dirname(__file__), "sql_allowed_functions.txt")
_OPTION = "ckan.datastore.sqlsearch.allowed_functions_file"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def use_allowed_functions(config: Any) -> None:
    """IConfigurer.update_config (before the DataStore reads the list in its configure): the
    platform's list unless the site chose a file of its own."""
    chosen = config.get(_OPTION)
    if not chosen or os.path.normpath(str(chosen)).endswith(os.path.join("ckanext", "datastore", "allowed_functions.txt")):
        config[_OPTION] = ALLOWED_FUNCTIONS_FILE


def _named_resources(sql: str) -> list[str]:
    ids = sorted({found.lower() for found in _UUID.findall(sql)})
    if not ids:
        return []
    return [row.id for row in model.Session.query(model.Resource.id).filter(model.Resource.id.in_(ids))]


def prepare(context: Context, data_dict: DataDict) -> None:
    """Before CKAN runs the statement: the timeout, and the named tables' access checked."""
    context["query_timeout"] = int(tk.config["ckanext.harbin_opendata.data.sql_timeout_ms"])
    tables = _named_resources(str(data_dict.get("sql") or ""))
    if has_request_context():
        g.harbin_sql_tables = tables
    if context.get("ignore_auth"):
        return
    for resource_id in tables:
        try:
            tk.check_access("datastore_search", {"user": context.get("user")}, {"resource_id": resource_id})
        except tk.NotAuthorized as refusal:
            raise tk.NotAuthorized(tk._("The statement names a table you may not read.")) from refusal
