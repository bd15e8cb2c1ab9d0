"""What the DataStore holds is what the loader put there, and the public learns of no other table.

- Writes (datastore_create, datastore_upsert, datastore_delete, datastore_records_delete): only the
  loader (data/load.py, ignore_auth) and sysadmins. CKAN lets anyone who may edit the entry write
  rows straight into its tables, past the personal-data scan and the review: an agency's editor
  could have put ID numbers into a published entry's table.
- The DataStore's own list of its tables (datastore_search on `_table_metadata`, which CKAN answers
  without asking any auth function): sysadmins only; it names the tables of unpublished entries and
  hidden resources.
- datastore_search's refusals of a bad search (fields, filters, sort, q: search_errors.py) and
  datastore_search_sql's own refusals are CKAN's English sentences without translation: they are
  given in the user's language. A statement PostgreSQL cannot run (a typo, a table that does not
  exist) is answered with PostgreSQL's one-line reason only: CKAN also returned the statement as it
  wrapped it (`… AS blah LIMIT 32001`, part of its `EXPLAIN (VERBOSE …)`), the driver's names and a
  link to SQLAlchemy's help — the database's internals, not the user's mistake.
- datastore_search_sql: the tables' access is checked first, a shorter list of functions, a
  statement timeout (sql_search.py)."""
from __future__ import annotations

from typing import Any, Callable

import re

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from . import search_errors, sql_search

__all__ = ["chained_actions", "chained_auth_functions"]

_TABLE_LIST = "_table_metadata"
WRITES = ("datastore_create", "datastore_upsert", "datastore_delete", "datastore_records_delete")


@tk.chained_action
def _datastore_search(up_func: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    if (data_dict.get("resource_id") == _TABLE_LIST and not context.get("ignore_auth")
            and not authz.is_sysadmin(context.get("user"))):
        raise tk.NotAuthorized(tk._("The list of the DataStore's tables is not public."))
    try:
        return up_func(context, data_dict)
    except tk.ValidationError as error:  # CKAN's English refusals in the reader's language
        raise search_errors.translated(error) from error


def _sql_refusal(message: str) -> str:
    """The DataStore's English refusal of a statement, in the user's language (others unchanged)."""
    if message == "Not authorized to access system tables":
        return tk._("The statement may not read the database's system tables.")
    if message == "Not authorized to read resource.":
        return tk._("The statement names a table you may not read.")
    function = re.fullmatch(r"Not authorized to call function (.+)", message)
    if function:
        return tk._("The statement may not call the function {name}.").format(name=function.group(1))
    return message


@tk.chained_action
def _datastore_search_sql(up_func: Callable[..., Any], context: Context, data_dict: DataDict) -> Any:
    sql_search.prepare(context, data_dict)
    try:
        return up_func(context, data_dict)
    except tk.NotAuthorized as refusal:
        raise tk.NotAuthorized(_sql_refusal(str(refusal))) from refusal
    except tk.ValidationError as error:
        raise tk.ValidationError({"query": [_sql_error(error.error_dict)]}) from error


def _sql_error(errors: dict[str, Any]) -> str:
    """Why a statement could not be run: in the user's language where CKAN's reason is known, and
    for PostgreSQL's own errors the first line of its message only (`relation "x" does not exist`)."""
    query = errors.get("query") or [""]
    if query == ["Query took too long"]:
        return tk._("The statement took too long; ask for fewer rows.")
    if query == ["Query is not a single statement."]:
        return tk._("Send one SELECT statement only.")
    database = str(((errors.get("info") or {}).get("orig") or query)[0]).strip()
    return tk._("The statement could not be run: {reason}").format(reason=database.splitlines()[0] if database else "")


def _loader_only(next_auth: Callable[..., Any], context: Context, data_dict: DataDict) -> AuthResult:
    """Sysadmins and ignore_auth never reach an auth function: everyone else is refused."""
    return {"success": False, "msg": tk._(
        "Tables are loaded from the entry's checked files; rows cannot be written to them directly.")}


def chained_actions() -> dict[str, Callable[..., Any]]:
    return {"datastore_search": _datastore_search, "datastore_search_sql": _datastore_search_sql}


def chained_auth_functions() -> dict[str, Callable[..., Any]]:
    return {name: tk.chained_auth_function(_loader_only) for name in WRITES}
