"""One guard for every request, pages and API alike: a NUL character anywhere in the address, the
query, a form or a JSON body is refused with a 400 in the reader's language before any view or
action sees it (PostgreSQL cannot store it, and no text of the platform needs it). A page whose
view lets an action's refusal through answers with that refusal's 4xx, not a 500."""
from __future__ import annotations

import logging
from typing import Any, Optional

import jinja2.exceptions
import sqlalchemy.exc
from flask import jsonify, request
from werkzeug.exceptions import BadRequest, Conflict, Forbidden, HTTPException, NotFound

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.navl.dictization_functions import DataError

from ..common.nul import has_nul, json_body, request_has_nul

log = logging.getLogger(__name__)

__all__ = ["refuse_malformed", "bad_request", "has_nul", "register_error_handlers", "with_user_agent"]

_REFERENCES = {"id", "name", "owner_org", "username", "object", "subject", "organization", "user", "group",
               "source", "dataset"}


def bad_request(message: str) -> Any:
    """A 400 answer: CKAN's API error shape under /api, else the error page."""
    if request.path.startswith("/api/"):
        response = jsonify({"success": False, "error": {"__type": "Validation Error", "message": message}})
        response.status_code = 400
        return response
    return tk.abort(400, message)


def _is_reference(key: Any) -> bool:
    """Parameters naming one object (id, name, package_id, owner_org, …): every CKAN reference is one text."""
    return isinstance(key, str) and (key in _REFERENCES or key.endswith("_id"))


# package_show's answer names the entry's agency as an object (`organization`), which CKAN's dataset
# writes ignore (owner_org decides): a client's show → change → update round trip sends it back.
_SHOWN_OBJECTS = {("package_create", "organization"), ("package_update", "organization"),
                  ("package_patch", "organization"), ("package_revise", "organization")}


def _bad_reference() -> Optional[str]:
    """The first reference parameter of an API call that is not one text (a list, an object, a
    number, a repeated query parameter): the database would answer it with an error."""
    body = json_body()
    action = request.path.rstrip("/").rsplit("/", 1)[-1]
    for key, value in body.items() if isinstance(body, dict) else []:
        if (action, key) in _SHOWN_OBJECTS and isinstance(value, dict):
            continue
        if _is_reference(key) and value is not None and not isinstance(value, str):
            return key
    for values in (request.args, request.form):
        for key in values:
            if _is_reference(key) and len(values.getlist(key)) > 1:
                return key
    return None


# Fields a page's view reads without asking whether the form sent them (CKAN's user edit page reads
# old_password when the e-mail or password changes): a crafted form without them is incomplete.
_FORM_FIELDS_READ = {"user.edit": ("old_password", "email")}


# Solr reads `start` as a 32-bit integer: a page or an offset beyond it was answered with Solr's own
# English error (409 on the API, a 200 page saying "There was an error while searching").
_LARGEST = {"page": 1_000_000, "start": 2**31 - 1 - 1000}


def _out_of_range() -> Optional[str]:
    if request.path.startswith(("/catalog", "/feeds")):
        return None  # the DCAT catalogue and the Atom feeds answer their own pages (hardening/search_pages.py)
    body = json_body() if request.path.startswith("/api/") else None
    for key, largest in _LARGEST.items():
        values = request.args.getlist(key) + ([body[key]] if isinstance(body, dict) and key in body else [])
        for value in values:
            try:
                if int(str(value).strip()) > largest:
                    return key
            except ValueError:
                pass  # not a number: CKAN's own check answers it
    return None


def refuse_malformed() -> Any:
    """before_request hook."""
    if request_has_nul():
        return bad_request(tk._("The request contains a NUL character (%00), which no field accepts."))
    key = _out_of_range()
    if key:
        return bad_request(tk._("“{key}” is beyond the last page of any result.").format(key=key))
    key = _bad_reference() if request.path.startswith("/api/") else None
    if key:
        return bad_request(tk._("“{key}” must be one text.").format(key=key))
    missing = [field for field in _FORM_FIELDS_READ.get(request.endpoint or "", ()) if request.method == "POST"
               and field not in request.form]
    if missing:
        return bad_request(tk._("The form is incomplete: “{field}” is missing. Reload the page and send it again.")
                           .format(field=missing[0]))
    return None


def with_user_agent(app: Any) -> None:
    """CKAN's usage tracking reads the User-Agent of every request once its answer is made, even an
    answer a hook gave before the view: a client that sends none (a script, a probe) got a 500. The
    header is given as empty before Flask sees the request."""
    inner = app.wsgi_app

    def wsgi_app(environ: dict[str, Any], start_response: Any) -> Any:
        environ.setdefault("HTTP_USER_AGENT", "")
        environ.setdefault("REMOTE_ADDR", "")  # always set by a WSGI server; not by every test client
        return inner(environ, start_response)
    app.wsgi_app = wsgi_app


def _as_http(error: Exception) -> HTTPException:
    if isinstance(error, tk.ValidationError):
        messages = [m for ms in (error.error_dict or {}).values() for m in (ms if isinstance(ms, list) else [ms])
                    if isinstance(m, str)]
        return BadRequest(" ".join(messages) or tk._("The request is not valid."))
    if isinstance(error, tk.NotAuthorized):
        return Forbidden(str(error) or tk._("You are not allowed to do this."))
    if isinstance(error, (tk.ObjectNotFound, jinja2.exceptions.TemplateNotFound)):  # /api/util/snippet/<unknown>
        return NotFound(tk._("Not found") if isinstance(error, jinja2.exceptions.TemplateNotFound) else
                        str(error) or tk._("Not found"))
    if isinstance(error, FileNotFoundError):  # a stored file gone from the storage folder
        log.error("A stored file is missing: %s", error)
        return NotFound(tk._("The file is not available at the moment."))
    if isinstance(error, DataError):  # a form's fields in a shape the schema cannot take (text for a list)
        return BadRequest(tk._("Some fields of the form are not in the shape the portal accepts. "
                               "Reload the page and send it again."))
    model.Session.rollback()
    if isinstance(error, sqlalchemy.exc.IntegrityError):  # the same thing twice (a double click, a race)
        log.warning("Refused as a conflict: %s", str(error).splitlines()[0])
        return Conflict(tk._("This was done already, or conflicts with a record that exists. Reload the page."))
    # a value the database refused (out of range, wrong type)
    return BadRequest(tk._("The request is not valid."))


def register_error_handlers(app: Any) -> None:
    """Pages: an action's refusal escaping a view becomes its 4xx on CKAN's error page; so do a
    form whose fields cannot take the schema's shape (400) and a stored file missing from the
    storage folder (404, logged for the operator)."""
    def handle(error: Exception) -> Any:
        return app.handle_http_exception(_as_http(error))
    for kind in (tk.ValidationError, tk.NotAuthorized, tk.ObjectNotFound, sqlalchemy.exc.DataError,
                 sqlalchemy.exc.IntegrityError, DataError,
                 jinja2.exceptions.TemplateNotFound, FileNotFoundError):
        app.register_error_handler(kind, handle)
